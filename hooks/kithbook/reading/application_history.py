"""The status history of job applications in git, read in the same walk as the contacts'.

A job application is a journal entry of `kind: application`, and a status change is an edit
of that entry (`status:` and `updated:`). So of all the journal's files only those changed
again after they were added can have a status history: only their versions are read. An
entry written once, as nearly every entry is, costs one line of `git log` and nothing more;
what it says about its status the entry itself says (model/applications.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import fields as f
from .records import RawDoc

if TYPE_CHECKING:
    from .history import FileChange

JOURNAL = "journal/"


@dataclass(frozen=True, slots=True)
class AppState:
    """An application entry's status at one commit, and its `updated` date then."""

    status: str
    updated: dt.date | None = None

    def as_list(self) -> list[object]:
        return [self.status, self.updated.isoformat() if self.updated else None]

    @classmethod
    def from_list(cls, raw: list[object]) -> AppState:
        status, updated = raw
        return cls(
            str(status), dt.date.fromisoformat(updated) if isinstance(updated, str) else None
        )


@dataclass(frozen=True, slots=True)
class AppRevision:
    """A commit that changed an application's status, or its first version as one."""

    commit: str
    date: dt.date  # the author date
    subject: str
    path: str  # the entry's path after the commit
    before: AppState | None  # None: the first version that is an application
    after: AppState

    def as_list(self) -> list[object]:
        before = self.before.as_list() if self.before else None
        return [self.commit, self.date.isoformat(), self.subject, self.path, before,
                self.after.as_list()]  # fmt: skip

    @classmethod
    def from_list(cls, raw: list[object]) -> AppRevision:
        sha, day, subject, path, before, after = raw
        if not isinstance(day, str) or not isinstance(after, list):
            raise TypeError("not a revision")  # a damaged cache: read again (history.py)
        return cls(
            str(sha),
            dt.date.fromisoformat(day),
            str(subject),
            str(path),
            AppState.from_list(before) if isinstance(before, list) else None,
            AppState.from_list(after),
        )


def is_entry_file(path: str) -> bool:
    """A journal entry file as the loader sees one: a `.md` under journal/, however deep,
    nothing under a name that starts with a dot."""
    if not (path.startswith(JOURNAL) and path.endswith(".md")):
        return False
    return not any(part.startswith(".") for part in path[len(JOURNAL) :].split("/"))


def parse_app_state(path: str, text: str) -> AppState | None:
    """An entry's status, read as the loader reads it; None when it is no application."""
    from .assemble import make_entry  # the parsers load only when a history is walked
    from .parse import ParseError, parse_document, split_front_matter

    text = text.replace("\r\n", "\n")
    split = split_front_matter(text)
    if isinstance(split, ParseError) or f.APPLICATION not in split[0]:
        return None  # most entries: no need to parse them
    parsed = parse_document(text)
    if isinstance(parsed, ParseError):
        return None
    doc = RawDoc("entry", path, parsed.data, parsed.lines, parsed.body, parsed.body_line)
    entry = make_entry(doc)
    if entry is None or entry.application is None:
        return None
    return AppState(entry.application.status, entry.application.updated)


def edited_entries(changes: Sequence[FileChange], at_head: Iterable[str]) -> list[FileChange]:
    """The changes of the entry files that were changed again after they were added (or
    first seen changed, in a history read only in part) and are still there at HEAD."""
    line_of: dict[str, int] = {}  # the path now → the file it is (renames followed)
    counts: list[int] = []
    files: list[int] = []
    for change in changes:
        kind = change.status[:1]
        if kind == "A" or change.old_path not in line_of:
            line = len(counts)
            counts.append(0 if kind == "A" else 1)  # first seen changed: worth reading
        else:
            line = line_of.pop(change.old_path)
        counts[line] += 1
        files.append(line)
        if kind != "D":
            line_of[change.new_path] = line
    head = set(at_head)
    wanted = {line for path, line in line_of.items() if path in head and counts[line] > 1}
    return [c for c, line in zip(changes, files, strict=True) if line in wanted]


def application_chains(
    changes: Iterable[FileChange], state: Callable[[str, str], AppState | None]
) -> dict[str, list[AppRevision]]:
    """Path at HEAD → its status changes, oldest first, from the changes of edited entries.

    `state(blob, path)`: the application state of a file's version, None when that version
    is no application (or unreadable): such a version is skipped, so fixing it is no change.
    """
    chains: dict[str, list[AppRevision]] = {}
    last: dict[str, AppState] = {}  # path → its last readable state
    for c in changes:
        kind = c.status[:1]
        if kind == "D":
            chains.pop(c.old_path, None)
            last.pop(c.old_path, None)
            continue
        if kind == "A":
            chain: list[AppRevision] = []
            good = None
        elif kind == "R":
            chain = chains.pop(c.old_path, [])
            good = last.pop(c.old_path, None)
        else:
            chain = chains.get(c.new_path, [])
            good = last.get(c.new_path)
        chains[c.new_path] = chain
        after = state(c.new_blob, c.new_path)
        if after is None:
            if good is not None:
                last[c.new_path] = good
            continue
        last[c.new_path] = after
        before = None if kind == "A" else (good or state(c.old_blob, c.old_path))
        if before is None or before.status != after.status:
            chain.append(AppRevision(c.commit, c.date, c.subject, c.new_path, before, after))
    return chains
