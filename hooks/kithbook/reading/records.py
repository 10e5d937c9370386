"""Immutable records of a loaded journal: every record and problem carries its source line."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from .fields import OPEN_STATUSES, Birthday


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
    # written as an outsider (name, company) but naming a contact: `slug` is that contact, so
    # paths follow their current company, and `kith check` says so (see validate)
    matched: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A `[[slug]]` or `[[slug|label]]` in a body."""

    source: Source
    slug: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Snooze:
    """A tie set aside until a date (`snooze: {until: …, reason: …}`): not warned about before."""

    source: Source
    until: dt.date
    reason: str | None = None

    def active(self, today: dt.date) -> bool:
        return today < self.until


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
    birthday: Birthday | None = None
    introduced_by: str | None = None
    closeness: int | None = None
    kin: bool = False
    cadence_days: int | None = None  # None: the tier decides
    cadence_never: bool = False
    links: tuple[tuple[str, str], ...] = ()
    knows: tuple[Known, ...] = ()
    vouch: tuple[str, ...] = ()
    archived: bool = False
    snooze: Snooze | None = None
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
    done_on: dt.date | None = None  # `done: 2026-11-22` says when


@dataclass(frozen=True, slots=True)
class Application:
    """A job application: an entry of `kind: application`."""

    source: Source
    company: str
    role: str | None = None
    link: str | None = None
    status: str = "applied"
    referred_by: str | None = None  # a contact's slug
    updated: dt.date | None = None  # when the status last changed

    @property
    def open(self) -> bool:
        return self.status in OPEN_STATUSES


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
    heading: str | None = None  # its `title`, or one made from the people (assemble)
    application: Application | None = None

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def title(self) -> str:
        """Its `title`; else the kind and the people's names ("Call with Ada Lovelace");
        else words from the file name (`2026-11-20-mums-seventieth` → `Mums seventieth`)."""
        return self.heading or entry_title(self.id, self.kind)


def named_title(entry_id: str, kind: str, people: Mapping[str, str]) -> str | None:
    """A title from the file name with people's names in place of their slugs:
    `2026-11-20-coffee-with-ada` → "Coffee with Ada Lovelace", `…-call-with-ada-lovelace`
    → "Call with Ada Lovelace", `…-call` → "Call with Ada Lovelace"; None when the file
    name names nobody and says more than the kind (`…-compiler-review` stays as it is)."""
    words = entry_id[11:].split("-") if len(entry_id) > 11 else []
    named: list[str] = []
    out: list[str] = []
    i = 0
    while i < len(words):
        match = None
        for slug, name in people.items():
            parts = slug.split("-")
            for size in range(len(parts), 0, -1):  # the whole slug, or its first words
                if words[i : i + size] == parts[:size]:
                    if match is None or size > match[0]:
                        match = (size, slug, name)
                    break
        if match is None:
            out.append(words[i])
            i += 1
        else:
            out.append(match[2])
            named.append(match[1])
            i += match[0]
    if not named and [w for w in words if w] not in ([], [kind]):
        return None
    missing = [name for slug, name in people.items() if slug not in named]
    if not named or (len(out) == 1 and out == [kind]):
        return people_title(kind, list(people.values()))
    text = " ".join(out)
    if missing and out[-1] in people.values():
        text = _and_more(text, missing)
    return text[:1].upper() + text[1:]


def _and_more(text: str, more: list[str]) -> str:
    return f"{text} and {more[0]}" if len(more) == 1 else f"{text} and {len(more)} others"


def people_title(kind: str, names: list[str]) -> str:
    """`Call with Ada Lovelace`, `Meeting with Ada and Grace`, `Note about Ada, Grace and 2
    others`."""
    if not names:
        return kind.capitalize()
    if len(names) > 3:
        listed = f"{', '.join(names[:2])} and {len(names) - 2} others"
    elif len(names) > 1:
        listed = f"{', '.join(names[:-1])} and {names[-1]}"
    else:
        listed = names[0]
    return f"{kind.capitalize()} {'about' if kind == 'note' else 'with'} {listed}"


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
