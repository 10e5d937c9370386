"""An import plan, shared by every source: new files, field-by-field updates, skips, the state.

Ownership rule (docs/cli.md): an import changes a field or a body it wrote only while it
still holds exactly what the import last wrote; an empty field it never filled may be
filled; anything the user typed, changed or deleted by hand stays as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ...reading.load import JOURNAL
from ...reading.records import Problem, Source
from ...writing.slugs import SlugPool, entry_stem
from .journal import JournalView
from .state import Record, SourceState, digest


@dataclass(frozen=True, slots=True)
class Change:
    """One field of an existing file: its old text (None: empty), the new text and value."""

    key: str
    old: str | None
    new: str
    value: object


@dataclass(frozen=True, slots=True)
class NewFile:
    kind: str  # "contact" | "entry"
    path: str
    data: tuple[tuple[str, object], ...]  # front matter in file order
    body: str
    source: Source


@dataclass(frozen=True, slots=True)
class FileUpdate:
    kind: str  # "contact" | "entry"
    path: str
    changes: tuple[Change, ...]
    body: tuple[str, str] | None  # (the body now, the body to write) or None
    source: Source
    key: str = ""  # the record whose state entry is restored if the edit fails
    previous: Record | None = None


@dataclass(frozen=True)
class Plan:
    """Everything an import would do; applying it is the only step that writes."""

    new_files: tuple[NewFile, ...]
    updates: tuple[FileUpdate, ...]
    unchanged: int
    skipped: tuple[Problem, ...]
    notes: tuple[Problem, ...]
    state: SourceState

    def count(self, kind: str) -> int:
        return sum(1 for f in self.new_files if f.kind == kind)


def as_text(value: object) -> str | None:
    """A front-matter value as imports compare it: lists joined by ', ', None when empty."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(v).strip() for v in value) or None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() or None


@dataclass(frozen=True, slots=True)
class _Pending:
    """An entry the import has no record of yet: adopted or created in `finish`."""

    key: str
    day: dt.date
    words: str
    data: tuple[tuple[str, object], ...]
    body: str
    source: Source
    owned: Mapping[str, str]
    natural: str  # the path it would get in an empty journal


@dataclass
class EntryPlanner:
    """Entries keyed by a stable record key, created once, updated only where untouched."""

    journal: JournalView
    state: SourceState
    adopt_kinds: tuple[str, ...]
    records: dict[str, Record] = field(default_factory=dict)
    new_files: list[NewFile] = field(default_factory=list)
    updates: list[FileUpdate] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    unchanged: int = 0

    def __post_init__(self) -> None:
        self.records = dict(self.state.records)
        self.pool = SlugPool(self.journal.entry_stems)
        # Files some record already stands for: two events on one day never share an entry.
        self.claimed = {record.path for record in self.records.values()}
        self.pending: list[_Pending] = []

    def add(
        self,
        key: str,
        day: dt.date,
        words: str,
        data: Sequence[tuple[str, object]],
        body: str,
        source: Source,
    ) -> None:
        """One entry: `data` is its front matter after `date` (with first), all owned."""
        owned: dict[str, str] = {k: as_text(v) or "" for k, v in data}
        values = dict(data)
        remembered = self.state.records.get(key)
        if remembered is not None:
            self._update(key, remembered, day, owned, values, body, source)
            return
        natural = f"{JOURNAL}/{day.year}/{entry_stem(day, words, SlugPool())}.md"
        self.pending.append(_Pending(key, day, words, tuple(data), body, source, owned, natural))

    def finish(self) -> None:
        """Adopt or create the pending entries: first each file that has exactly the name the
        import would give it (an interrupted import's), then a meeting or message already
        logged that day with the same people, else a new file."""
        left: list[_Pending] = []
        for item in self.pending:
            if item.natural in self.journal.entries and item.natural not in self.claimed:
                self._adopt(item, item.natural)
            else:
                left.append(item)
        for item in left:
            slugs = tuple(str(s) for s in dict(item.data).get("with", ()))  # type: ignore[attr-defined]
            found = self.journal.entry_with(
                item.day.isoformat(), slugs, self.adopt_kinds, self.claimed
            )
            if found is not None:
                self._adopt(item, found)
                continue
            stem = entry_stem(item.day, item.words, self.pool)
            path = f"{JOURNAL}/{item.day.year}/{stem}.md"
            front = (("date", item.day), *item.data)
            self.new_files.append(NewFile("entry", path, front, item.body, item.source))
            self.records[item.key] = Record(path, item.owned, digest(item.body))
            self.claimed.add(path)
        self.pending = []

    def _adopt(self, item: _Pending, path: str) -> None:
        self.claimed.add(path)
        entry = self.journal.entries[path]
        kept = {k: v for k, v in item.owned.items() if as_text(entry.data.get(k)) == v}
        same = digest(entry.body) == digest(item.body)
        self.records[item.key] = Record(path, kept, digest(item.body) if same else "")
        self.unchanged += 1

    def _update(
        self,
        key: str,
        remembered: Record,
        day: dt.date,
        owned: Mapping[str, str],
        values: Mapping[str, object],
        body: str,
        source: Source,
    ) -> None:
        entry = self.journal.entries.get(remembered.path)
        if entry is None:
            self.unchanged += 1  # deleted by hand: stays deleted
            return
        if entry.date != day.isoformat():
            self.notes.append(
                Problem(
                    source,
                    f"now on {day.isoformat()}; {entry.path} left on {entry.date} "
                    "(move it by hand if you wish)",
                )
            )
        changes: list[Change] = []
        fields = dict(remembered.fields)
        for k, new in owned.items():
            current = as_text(entry.data.get(k))
            if current == new:
                fields[k] = new
                continue
            last = remembered.fields.get(k)
            if (current is None and last is None) or (last is not None and current == last):
                changes.append(Change(k, current, new, values[k]))
                fields[k] = new
            elif current is not None:
                self.notes.append(
                    Problem(source, f"{entry.path}: {k} changed by hand: kept '{current}'")
                )
        body_change: tuple[str, str] | None = None
        now = digest(entry.body)
        body_digest = remembered.body
        if now != digest(body):
            if remembered.body and now == remembered.body:
                body_change = (entry.body, body)
                body_digest = digest(body)
        else:
            body_digest = now
        self.records[key] = Record(remembered.path, fields, body_digest)
        if changes or body_change is not None:
            self.updates.append(
                FileUpdate(
                    "entry",
                    remembered.path,
                    tuple(changes),
                    body_change,
                    source,
                    key,
                    remembered,
                )
            )
        else:
            self.unchanged += 1
