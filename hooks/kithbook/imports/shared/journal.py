"""The journal as an import sees it: contacts with their addresses and names, entries by day.

Read in one pass before planning; matching a person is by any of a contact's e-mail
addresses first, then by their exact name or alias (case and accents ignored), never fuzzy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Mapping
from dataclasses import dataclass
from pathlib import Path

from ...reading.load import CONTACTS, JOURNAL, load_journal
from ...writing.slugs import fold, taken_stems

EMAIL_RE = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+$")


def normalise_email(value: str) -> str | None:
    """An e-mail address in lower case (`mailto:` and angle brackets dropped), or None."""
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:]
    text = text.strip().strip("<>").strip().lower()
    return text if EMAIL_RE.match(text) else None


@dataclass(frozen=True, slots=True)
class KnownContact:
    """A contact's file, the names it goes by, its e-mail addresses and its front matter."""

    slug: str
    path: str
    name: str
    aliases: tuple[str, ...]
    emails: tuple[str, ...]
    data: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class KnownEntry:
    path: str
    stem: str
    date: str
    kind: str
    with_: tuple[str, ...]
    data: Mapping[str, object]
    body: str


@dataclass(frozen=True)
class JournalView:
    contacts: Mapping[str, KnownContact]  # by slug
    contact_stems: frozenset[str]
    entry_stems: frozenset[str]
    entries: Mapping[str, KnownEntry]  # by path
    by_day: Mapping[tuple[str, str], tuple[str, ...]]  # (date, slug) → entry paths

    def entry_with(
        self,
        date: str,
        slugs: tuple[str, ...],
        kinds: tuple[str, ...],
        exclude: Container[str] = (),
    ) -> str | None:
        """An existing entry that day, of one of `kinds`, with any of `slugs` (not excluded)."""
        for slug in slugs:
            for path in self.by_day.get((date, slug), ()):
                if self.entries[path].kind in kinds and path not in exclude:
                    return path
        return None


def contact_emails(data: Mapping[str, object]) -> tuple[str, ...]:
    """Every link value that is an e-mail address, in file order."""
    links = data.get("links")
    if not isinstance(links, Mapping):
        return ()
    found = (normalise_email(v) for v in links.values() if isinstance(v, str))
    return tuple(dict.fromkeys(e for e in found if e))


def _texts(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(str(i).strip() for i in items if isinstance(i, str) and i.strip())


def read_journal_view(root: Path) -> JournalView:
    loaded = load_journal(root)
    contacts: dict[str, KnownContact] = {}
    entries: dict[str, KnownEntry] = {}
    by_day: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in loaded.docs:
        data = doc.data
        if doc.kind == "contact":
            name = data.get("name")
            if isinstance(name, str) and name.strip() and doc.stem not in contacts:
                contacts[doc.stem] = KnownContact(
                    doc.stem,
                    doc.path,
                    name.strip(),
                    _texts(data.get("aliases")),
                    contact_emails(data),
                    data,
                )
            continue
        date = str(data.get("date", "")).strip()
        kind = str(data.get("kind", "note")).strip()
        people = _texts(data.get("with"))
        entries[doc.path] = KnownEntry(doc.path, doc.stem, date, kind, people, data, doc.body)
        for slug in people:
            by_day[(date, slug)].append(doc.path)
    return JournalView(
        contacts=contacts,
        contact_stems=frozenset(taken_stems(root / CONTACTS)),
        entry_stems=frozenset(taken_stems(root / JOURNAL)),
        entries=entries,
        by_day={k: tuple(v) for k, v in by_day.items()},
    )


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """More than one contact fits; `message` says which."""

    message: str


class PeopleIndex:
    """Find the contact an address or a name belongs to: e-mail first, then exact name."""

    def __init__(self, contacts: Mapping[str, KnownContact]) -> None:
        self.by_email: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for slug, contact in sorted(contacts.items()):
            for email in contact.emails:
                self.by_email[email].append(slug)
            for name in dict.fromkeys(fold(n) for n in (contact.name, *contact.aliases)):
                if name:
                    self.by_name[name].append(slug)

    def match(self, email: str | None, name: str | None) -> str | Ambiguous | None:
        if email:
            found = self.by_email.get(email, [])
            if len(found) == 1:
                return found[0]
            if found:
                return Ambiguous(f"{len(found)} contacts have the address {email}")
        folded = fold(name) if name else ""
        if folded and "@" not in (name or ""):
            found = self.by_name.get(folded, [])
            if len(found) == 1:
                return found[0]
            if found:
                return Ambiguous(f"{len(found)} contacts are named '{name}'")
        return None
