"""What the import needs to know of the journal on disk, read in one pass before planning."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...reading.load import CONTACTS, JOURNAL, load_journal
from ...writing.slugs import taken_stems

# Fields the import owns (it may fill or update them; see docs/cli.md), in file order.
IMPORT_FIELDS = ("name", "company", "title", "met", "how_we_met", "links.linkedin", "links.email")
HAND = "\x00not text"  # a value that is a list or mapping: never equal to what the import writes


@dataclass(frozen=True, slots=True)
class ContactSnapshot:
    """A contact's file and the current value of each import-owned field (None: empty)."""

    slug: str
    path: str
    values: Mapping[str, str | None]


@dataclass(frozen=True)
class JournalSnapshot:
    contacts: Mapping[str, ContactSnapshot]  # by slug
    contact_stems: frozenset[str]  # every file name in contacts/, readable or not
    unreadable: frozenset[str]  # contact slugs whose file has a problem that stops reading it
    entry_stems: frozenset[str]
    entries: Mapping[tuple[str, str, str], str]  # (date, slug, kind) → entry path


def as_text(value: object) -> str | None:
    """A front-matter value as the import compares it: text, None when empty, HAND otherwise."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return HAND


def field_values(data: Mapping[str, object]) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    links = data.get("links")
    for key in IMPORT_FIELDS:
        if key.startswith("links."):
            if links is None:
                values[key] = None
            elif isinstance(links, Mapping):
                values[key] = as_text(links.get(key.removeprefix("links.")))
            else:
                values[key] = HAND
        else:
            values[key] = as_text(data.get(key))
    return values


def read_snapshot(root: Path) -> JournalSnapshot:
    loaded = load_journal(root)
    contacts: dict[str, ContactSnapshot] = {}
    entries: dict[tuple[str, str, str], str] = {}
    for doc in loaded.docs:
        if doc.kind == "contact":
            if doc.stem not in contacts:
                contacts[doc.stem] = ContactSnapshot(doc.stem, doc.path, field_values(doc.data))
            continue
        date, kind, people = doc.data.get("date"), doc.data.get("kind"), doc.data.get("with")
        if isinstance(date, str) and isinstance(kind, str) and isinstance(people, list):
            for slug in people:
                if isinstance(slug, str):
                    entries.setdefault((date.strip(), slug.strip(), kind.strip()), doc.path)
    unreadable = {
        p.source.path.rsplit("/", 1)[-1].removesuffix(".md")
        for p in loaded.problems
        if p.source.path.startswith(f"{CONTACTS}/")
    }
    return JournalSnapshot(
        contacts=contacts,
        contact_stems=frozenset(taken_stems(root / CONTACTS)),
        unreadable=frozenset(unreadable - set(contacts)),
        entry_stems=frozenset(taken_stems(root / JOURNAL)),
        entries=entries,
    )
