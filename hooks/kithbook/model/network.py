"""Derive stage, first step: who appears where — timelines, backlinks, shared contacts, tags."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..reading.records import Contact, Entry, Journal


@dataclass(frozen=True, slots=True)
class Backlink:
    """A `[[slug]]` mention of a contact in another contact's notes or in an entry."""

    from_contact: str | None = None
    from_entry: str | None = None


@dataclass(frozen=True)
class Network:
    """Indexes over a journal; built once, read by every view."""

    journal: Journal
    contacts: dict[str, Contact]
    entries: dict[str, Entry]
    timeline: dict[str, tuple[Entry, ...]]  # entries with the contact, oldest first
    backlinks: dict[str, tuple[Backlink, ...]]
    last_interaction: dict[str, dt.date]  # the latest entry with them that is not a note
    shared: dict[str, frozenset[str]]  # contacts each contact is known to know
    co_present: dict[str, frozenset[str]]  # contacts met together in an entry
    tags: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # tag → (contact slugs, entry ids)


def build_network(journal: Journal) -> Network:
    """Index a journal in one pass over contacts and one over entries."""
    contacts = {c.slug: c for c in reversed(journal.contacts)}  # first file wins on duplicates
    entries = {e.id: e for e in reversed(journal.entries)}
    timeline: dict[str, list[Entry]] = defaultdict(list)
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    last: dict[str, dt.date] = {}
    shared: dict[str, set[str]] = defaultdict(set)
    co_present: dict[str, set[str]] = defaultdict(set)
    tag_contacts: dict[str, list[str]] = defaultdict(list)
    tag_entries: dict[str, list[str]] = defaultdict(list)

    for contact in contacts.values():
        for tag in contact.tags:
            tag_contacts[tag].append(contact.slug)
        linked = {k.slug for k in contact.knows if k.slug in contacts and k.slug != contact.slug}
        if contact.introduced_by in contacts and contact.introduced_by != contact.slug:
            linked.add(contact.introduced_by)
        for other in linked:
            shared[contact.slug].add(other)
            shared[other].add(contact.slug)
        for mention in dict.fromkeys(m.slug for m in contact.mentions):
            if mention in contacts and mention != contact.slug:
                backlinks[mention].append(Backlink(from_contact=contact.slug))

    for entry in journal.entries:
        if entries.get(entry.id) is not entry:
            continue
        people = [slug for slug in entry.with_ if slug in contacts]
        for slug in people:
            timeline[slug].append(entry)
            if (
                entry.kind not in ("note", "application")
                and last.get(slug, dt.date.min) < entry.date
            ):
                last[slug] = entry.date
        if len(people) > 1:
            for slug in people:
                others = [p for p in people if p != slug]
                co_present[slug].update(others)
                shared[slug].update(others)
        for mention in dict.fromkeys(m.slug for m in entry.mentions):
            if mention in contacts and mention not in people:
                backlinks[mention].append(Backlink(from_entry=entry.id))
        for topic in entry.about:
            tag_entries[topic].append(entry.id)

    tags = {
        tag: (tuple(sorted(tag_contacts.get(tag, ()))), tuple(tag_entries.get(tag, ())))
        for tag in sorted(set(tag_contacts) | set(tag_entries), key=str.lower)
    }
    return Network(
        journal=journal,
        contacts=dict(sorted(contacts.items())),
        entries=entries,
        timeline={slug: tuple(items) for slug, items in timeline.items()},
        backlinks={slug: tuple(items) for slug, items in backlinks.items()},
        last_interaction=last,
        shared={slug: frozenset(items) for slug, items in shared.items()},
        co_present={slug: frozenset(items) for slug, items in co_present.items()},
        tags=tags,
    )
