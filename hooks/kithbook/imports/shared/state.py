"""An import's memory, `.kithbook/<source>.json`: what it last wrote, so it never overrides you.

For each imported record (a calendar event's UID and recurrence id, a contact and day of
mail, a vCard person) the state holds the file it made or adopted and the value it last
wrote for each field it owns, and a digest of the body it wrote; and the import's last run
(run.py). Written with sorted keys, so the same import gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...reading.import_state import FOLDER, MAX_FILE, RUN_KEY, state_path
from ...reading.load import read_regular_text
from ...writing.write import atomic_write, check_inside

VERSION = 1


@dataclass(frozen=True)
class Record:
    """What the import made for one source record: a path (or slug) and the values it wrote."""

    path: str
    fields: Mapping[str, str] = field(default_factory=dict)
    body: str = ""  # digest of the body it wrote ("" when it wrote none)


@dataclass(frozen=True)
class SourceState:
    records: Mapping[str, Record] = field(default_factory=dict)
    extra: Mapping[str, object] = field(default_factory=dict)
    last_run: Mapping[str, object] | None = None  # as read: the Imports page checks it


class StateError(Exception):
    """The state file exists but cannot be used; the message is for the user."""


def digest(text: str) -> str:
    return hashlib.sha256(text.strip("\n").encode("utf-8")).hexdigest()[:16]


def read_state(root: Path, source: str) -> SourceState:
    name = state_path(source)
    path = root / name
    if not path.exists():
        return SourceState()
    try:
        raw = json.loads(read_regular_text(path, MAX_FILE))
    except (OSError, ValueError, RecursionError) as err:  # ValueError: bad JSON, bad UTF-8
        raise StateError(
            f"{name} cannot be read ({err}): fix or delete it (deleting it makes the import "
            "treat every record as new, matching what is already in the journal)"
        ) from None
    if not isinstance(raw, dict) or raw.get("version") != VERSION:
        raise StateError(f"{name}: not a version {VERSION} kithbook import state")
    records: dict[str, Record] = {}
    raw_records = raw.get("records")
    for key, value in (raw_records if isinstance(raw_records, dict) else {}).items():
        if isinstance(value, dict) and isinstance(value.get("path"), str):
            raw_fields = value.get("fields")
            fields = {
                str(k): v
                for k, v in (raw_fields if isinstance(raw_fields, dict) else {}).items()
                if isinstance(v, str)
            }
            body = value.get("body")
            records[str(key)] = Record(value["path"], fields, body if isinstance(body, str) else "")
    extra = raw.get("extra")
    run = raw.get(RUN_KEY)
    return SourceState(
        records, extra if isinstance(extra, dict) else {}, run if isinstance(run, dict) else None
    )


def render_state(state: SourceState, about: str) -> str:
    records: dict[str, object] = {}
    for key, record in sorted(state.records.items()):
        item: dict[str, object] = {"path": record.path}
        if record.fields:
            item["fields"] = dict(sorted(record.fields.items()))
        if record.body:
            item["body"] = record.body
        records[key] = item
    data: dict[str, object] = {"about": about, "version": VERSION}
    if state.last_run is not None:
        data[RUN_KEY] = state.last_run
    data["records"] = records
    data["extra"] = dict(sorted(state.extra.items()))
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def choose_text(
    render: Callable[[Mapping[str, object] | None], str],
    previous: Mapping[str, object] | None,
    run: Mapping[str, object] | None,
) -> tuple[str, str]:
    """(the text to write, the text that means nothing changed): the state with this run,
    and the state as it was with the run it had. A file holding the second is left alone, so
    a run that changes nothing else is not recorded and re-importing stays idempotent."""
    kept = render(previous)
    return (render(run) if run is not None else kept), kept


def save_state(root: Path, source: str, text: str, unchanged: str | None = None) -> None:
    """Write the state, unless the file already holds `text` or `unchanged`."""
    write_state(root, state_path(source), text, unchanged)


def write_state(root: Path, name: str, text: str, unchanged: str | None = None) -> None:
    path = check_inside(root, FOLDER, root / name)
    try:
        if path.is_file() and path.read_text(encoding="utf-8") in (text, unchanged):
            return  # unchanged: not even the file's time changes
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(path, text)


def with_run(state: SourceState, about: str) -> Callable[[Mapping[str, object] | None], str]:
    """The state's text with a given last run (for `choose_text`)."""
    return lambda run: render_state(replace(state, last_run=run), about)
