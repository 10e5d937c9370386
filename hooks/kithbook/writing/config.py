"""Round-trip edits of mkdocs.yml: the target companies under `extra.kithbook.targets`.

ruamel.yaml reads the file and edits the list in place (so its comments and style stay);
the new text is then compared with the old line by line, and only the changed lines that
belong to `targets` are spliced into the original. Whatever else ruamel.yaml would have
re-laid out is left exactly as the user wrote it. The result is read back before the
atomic replace: if it does not hold exactly the intended targets and nothing else changed,
nothing is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import yaml as pyyaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..reading.project import CONFIG, read_config
from .write import WriteError, atomic_write, dump_yaml, flow_list, guess_indent, make_yaml

TARGETS = "targets"


def edit_targets(
    root: Path, change: Callable[[list[str]], list[str]]
) -> tuple[list[str], list[str]]:
    """Apply `change` to the target list in root/mkdocs.yml; returns (before, after)."""
    path = root / CONFIG
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WriteError(f"no {CONFIG} in {root}: start a journal with `kith init`") from None
    except (OSError, UnicodeDecodeError) as err:
        raise WriteError(f"cannot read {path}: {err}") from None
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    yaml = make_yaml(guess_indent(text))
    try:
        data = yaml.load(text)
    except YAMLError as err:
        raise WriteError(f"{CONFIG}: unreadable YAML ({err}); not editing it") from None
    if not isinstance(data, CommentedMap):
        raise WriteError(f"{CONFIG}: not a mapping; not editing it")
    extra = data.setdefault("extra", CommentedMap())
    if not isinstance(extra, CommentedMap):
        raise WriteError(f"{CONFIG}: 'extra' is not a mapping; not editing it")
    settings = extra.setdefault("kithbook", CommentedMap())
    if not isinstance(settings, CommentedMap):
        raise WriteError(f"{CONFIG}: 'extra.kithbook' is not a mapping; not editing it")
    current = settings.get(TARGETS)
    if current is None:
        before: list[str] = []
    elif isinstance(current, list) and all(isinstance(t, str) for t in current):
        before = [str(t) for t in current]
    elif isinstance(current, str):
        before = [current]
    else:
        raise WriteError(f"{CONFIG}: 'extra.kithbook.targets' is not a list of names; fix it first")
    after = change(list(before))
    if after == before:
        return before, after
    old_region = _region(text, settings)
    if isinstance(current, CommentedSeq):
        for index in reversed(range(len(current))):  # in place: other items keep comments
            if current[index] not in after:
                del current[index]
        for name in after:
            if name not in current:
                current.append(name)
    else:
        settings[TARGETS] = flow_list(after)
    dumped = dump_yaml(data, yaml)
    if old_region is None:
        new_text = splice_insertions(text, dumped)
    else:
        reloaded = yaml.load(dumped)
        new_region = _region(dumped, reloaded["extra"]["kithbook"])
        assert new_region is not None
        old_lines, new_lines = text.split("\n"), dumped.split("\n")
        new_text = "\n".join(
            old_lines[: old_region[0]]
            + new_lines[new_region[0] : new_region[1]]
            + old_lines[old_region[1] :]
        )
    _check(text, new_text, after)
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    atomic_write(path, new_text)
    return before, after


def _region(text: str, settings: CommentedMap) -> tuple[int, int] | None:
    """The 0-based line range [start, end) of the `targets` key and its value, if present.

    Blank lines and comment lines after the value are not part of it."""
    if TARGETS not in settings:
        return None
    start = settings.lc.key(TARGETS)[0]
    lines = text.split("\n")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines):
        line = lines[end]
        stripped = line.lstrip()
        if stripped and not stripped.startswith("#"):
            here = len(line) - len(stripped)
            if here < indent or (here == indent and not stripped.startswith("-")):
                break
        end += 1
    while end - 1 > start and (
        not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
    ):
        end -= 1
    return start, end


def splice_insertions(old: str, new: str) -> str:
    """`old` with only the lines `new` inserts (the key added where there was none)."""
    a, b = old.split("\n"), new.split("\n")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        out.extend(b[j1:j2] if op == "insert" else a[i1:i2])
    return "\n".join(out)


def _check(old: str, new: str, targets: list[str]) -> None:
    try:
        before, after = read_config(old), read_config(new)
    except pyyaml.YAMLError:
        raise WriteError(f"{CONFIG}: the edit would not read back; the file is unchanged") from None
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise WriteError(f"{CONFIG}: the edit would not read back; the file is unchanged")
    kept = _without_targets(after)
    settings = (after.get("extra") or {}).get("kithbook") or {}
    if kept != _without_targets(before) or settings.get(TARGETS) != targets:
        raise WriteError(
            f"{CONFIG}: the edit would change more than the targets; the file is unchanged "
            "(edit extra.kithbook.targets by hand)"
        )


def _without_targets(data: dict[str, object]) -> object:
    copy = pyyaml.safe_load(pyyaml.safe_dump(data, sort_keys=True)) if data else {}
    extra = copy.get("extra") if isinstance(copy, dict) else None
    settings = extra.get("kithbook") if isinstance(extra, dict) else None
    if isinstance(settings, dict):
        settings.pop(TARGETS, None)
        if not settings:
            extra.pop("kithbook")  # type: ignore[union-attr]
    if isinstance(extra, dict) and not extra:
        copy.pop("extra")
    return copy
