"""Immutable records of a loaded journal: every record and problem carries its source line."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Source:
    """Where something came from: a path relative to the journal root, and a 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem with the user's files, printed as `path:line: message`."""

    source: Source
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class RawDoc:
    """A parsed but unchecked file: its front matter, the line of every key, and its body.

    `lines` maps dotted key paths (`name`, `knows.1.slug`, `follow_up.due`) to file lines.
    """

    kind: str  # "contact" | "entry"
    path: str
    data: Mapping[str, object]
    lines: Mapping[str, int]
    body: str
    body_line: int
    mtime_ns: int = 0

    def source(self, key: str = "") -> Source:
        """The source of a key (or of the file when the key has no known line)."""
        return Source(self.path, self.lines.get(key, 1))

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")


@dataclass(frozen=True, slots=True)
class Known:
    """A second-degree tie: someone a contact knows (another contact or an outsider)."""

    source: Source
    how_well: str  # acquaintance | colleague | close
    slug: str | None = None
    name: str | None = None
    company: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A `[[slug]]` or `[[slug|label]]` in a body."""

    source: Source
    slug: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """One person, from contacts/<slug>.md."""

    source: Source
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    company: str | None = None
    title: str | None = None
    location: str | None = None
    tags: tuple[str, ...] = ()
    relationship: tuple[str, ...] = ()
    met: dt.date | None = None
    how_we_met: str | None = None
    introduced_by: str | None = None
    closeness: int | None = None
    kin: bool = False
    cadence_days: int | None = None  # None: the tier decides
    cadence_never: bool = False
    links: tuple[tuple[str, str], ...] = ()
    knows: tuple[Known, ...] = ()
    vouch: tuple[str, ...] = ()
    archived: bool = False
    body: str = ""
    body_line: int = 1
    mentions: tuple[Mention, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def is_recruiter(self) -> bool:
        return "recruiter" in self.relationship


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Something to do after an entry, by a date."""

    source: Source
    due: dt.date
    what: str
    done: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One interaction or note, from journal/YYYY/YYYY-MM-DD-<words>.md."""

    source: Source
    id: str  # the file stem, unique in a journal and used as the page anchor
    date: dt.date
    kind: str
    with_: tuple[str, ...] = ()
    initiated_by: str | None = None  # "me" | "them"
    personal: bool = False
    gave: str | None = None
    got: str | None = None
    evidence: str | None = None
    about: tuple[str, ...] = ()
    follow_up: FollowUp | None = None
    body: str = ""
    body_line: int = 1
    mentions: tuple[Mention, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def title(self) -> str:
        """A readable title from the file name: `2026-11-20-coffee-with-ada` → `Coffee with ada`."""
        return entry_title(self.id, self.kind)


@functools.lru_cache(maxsize=131072)
def entry_title(entry_id: str, kind: str) -> str:
    words = entry_id[11:].replace("-", " ").strip() if len(entry_id) > 11 else ""
    return (words[:1].upper() + words[1:]) if words else kind.capitalize()


@dataclass(frozen=True, slots=True)
class Journal:
    """Everything valid in a journal, plus every problem found on the way."""

    contacts: tuple[Contact, ...]
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...] = ()
    # (slug, path) of contact files that exist but could not be used (their problems say why)
    left_out: tuple[tuple[str, str], ...] = ()

    def by_slug(self) -> dict[str, Contact]:
        return {c.slug: c for c in self.contacts}
