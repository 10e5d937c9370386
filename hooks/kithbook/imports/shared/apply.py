"""Carry out an import plan: new files in one batch, edits in place, then the state.

Nothing appears under its final name before its content is on disk, no file is
overwritten, every edit replaces its file atomically, and the state is written last: an
import killed half-way leaves whole files only, and a re-run adopts them and finishes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ...reading.fields import CONTACT_KEYS, ENTRY_KEYS
from ...reading.load import CONTACTS, JOURNAL
from ...reading.parse import ParseError, parse_document
from ...writing.write import (
    CreateBatch,
    Guard,
    WriteError,
    atomic_write,
    check_inside,
    edit_front_matter,
    flow_list,
    make_yaml,
    render_document,
    set_in_order,
    split_document,
    to_commented,
)
from .plan import Change, FileUpdate, Plan
from .state import choose_text, save_state, with_run

Advance = Callable[[int], None]
RunMaker = Callable[[int], Mapping[str, object]]  # the number of files that failed → the run


def nest_links(data: tuple[tuple[str, object], ...]) -> dict[str, object]:
    """Front matter with `links.x` keys gathered under `links`, in order."""
    out: dict[str, object] = {}
    for key, value in data:
        if key.startswith("links."):
            links = out.setdefault("links", {})
            assert isinstance(links, dict)
            links[key.removeprefix("links.")] = value
        else:
            out[key] = value
    return out


_WORD = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")  # plain in YAML 1.1 and 1.2 alike
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def _plain(value: object) -> str | None:
    """A value as plain YAML when it cannot be misread (a date, a slug, a list of slugs)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and _WORD.match(value) and value not in _YAML_WORDS:
        return value
    if isinstance(value, list | tuple) and value:
        items = [_plain(v) if isinstance(v, str) else None for v in value]
        if all(items):
            return "[" + ", ".join(str(i) for i in items) + "]"
    return None


def render_new(data: tuple[tuple[str, object], ...], body: str, yaml: YAML) -> str:
    """A new file's text. Entries made only of dates, words and slugs (most mail and calendar
    entries) are written directly and read back with the build's parser, which is many times
    faster than ruamel.yaml; anything else goes through render_document."""
    lines = []
    for key, value in data:
        plain = _plain(value)
        if plain is None or not _WORD.match(key):
            return render_document(to_commented(nest_links(data)), body, yaml=yaml)
        lines.append(f"{key}: {plain}")
    text = "---\n" + "\n".join(lines) + "\n---\n"
    if body.strip():
        text += "\n" + body.strip("\n") + "\n"
    parsed = parse_document(text)
    expected = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data}
    got = {} if isinstance(parsed, ParseError) else dict(parsed.data)
    got = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in got.items()}
    if got != {k: list(v) if isinstance(v, tuple) else v for k, v in expected.items()}:
        return render_document(to_commented(nest_links(data)), body, yaml=yaml)
    return text


def apply_changes(data: CommentedMap, changes: tuple[Change, ...], order: tuple[str, ...]) -> None:
    for change in changes:
        value = change.value
        if isinstance(value, list | tuple):
            value = flow_list(value)
        if change.key.startswith("links."):
            links = data.get("links")
            if links is None:
                links = CommentedMap()
                set_in_order(data, "links", links, order)
            if isinstance(links, CommentedMap):
                name = change.key.removeprefix("links.")
                set_in_order(links, name, value, (*links, name))  # a new link goes last
        else:
            set_in_order(data, change.key, value, order)


def replace_body(path: Path, old: str, new: str) -> None:
    """The body after the front matter, replaced only if it is still exactly `old`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise WriteError(f"cannot read {path}: {err}") from None
    parts = split_document(text)
    if parts is None or "\r" in text:
        raise WriteError(f"{path}: cannot tell where its notes start; not editing them")
    front, rest = parts
    closing, _, body = rest.partition("\n")
    if body.strip("\n") != old.strip("\n"):
        raise WriteError(f"{path}: its notes changed meanwhile; not editing them")
    atomic_write(path, f"---\n{front}{closing}\n\n{new.strip(chr(10))}\n")


def update_file(root: Path, update: FileUpdate) -> None:
    folder, order = (CONTACTS, CONTACT_KEYS) if update.kind == "contact" else (JOURNAL, ENTRY_KEYS)
    path = check_inside(root, folder, root / update.path)
    if update.changes:
        edit_front_matter(path, lambda data: apply_changes(data, update.changes, order))
    if update.body is not None:
        replace_body(path, *update.body)


def apply_plan(
    root: Path,
    plan: Plan,
    source: str,
    about: str,
    previous: Mapping[str, object] | None = None,
    run: RunMaker | None = None,
) -> list[str]:
    """Write what the plan says; returns a message per file that could not be edited.

    `run(failed)` (the number of files not edited) is recorded as the state's last run when
    the state changes otherwise; when it does not, the state keeps `previous` (the last run
    it had) and is not written.
    """
    guards = {"contact": Guard(root, CONTACTS), "entry": Guard(root, JOURNAL)}
    batch = CreateBatch()
    yaml = make_yaml()
    try:
        for new in plan.new_files:
            path = guards[new.kind].check(root / new.path)
            text = render_new(new.data, new.body, yaml)
            batch.stage(path, text)
    except BaseException:
        batch.discard()
        raise
    kept = batch.commit()
    if kept:
        raise WriteError(f"{kept[0]} appeared while importing: kept it, not overwritten")
    failed: list[str] = []
    records = dict(plan.state.records)
    for update in plan.updates:
        try:
            update_file(root, update)
        except WriteError as err:
            failed.append(f"{update.source}: not updated: {err}")
            if update.previous is None:
                records.pop(update.key, None)
            else:
                records[update.key] = update.previous
    render = with_run(replace(plan.state, records=records), about)
    save_state(root, source, *choose_text(render, previous, run(len(failed)) if run else None))
    return failed


__all__ = ["apply_plan", "check_inside"]
