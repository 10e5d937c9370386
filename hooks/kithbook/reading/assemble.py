"""Turn raw documents into frozen records, leaving out whatever the checks reported as invalid."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from . import fields as f
from .records import (
    Application,
    Contact,
    Entry,
    FollowUp,
    Journal,
    Known,
    Mention,
    Problem,
    RawDoc,
    Snooze,
    Source,
    named_title,
)

T = TypeVar("T")


def assemble_journal(docs: Iterable[RawDoc], problems: Iterable[Problem] = ()) -> Journal:
    """Every usable contact and entry, sorted (contacts by slug, entries by date then name)."""
    contacts: list[Contact] = []
    entries: list[Entry] = []
    left_out: list[tuple[str, str]] = []
    for doc in docs:
        if doc.kind == "contact":
            contact = make_contact(doc)
            if contact is not None:
                contacts.append(contact)
            elif f.SLUG_RE.match(doc.stem):
                left_out.append((doc.stem, doc.path))
        else:
            entry = make_entry(doc)
            if entry is not None:
                entries.append(entry)
    contacts.sort(key=lambda c: (c.slug, c.source.path))
    contacts = resolve_outsiders(contacts)
    entries.sort(key=lambda e: (e.date, e.id, e.path))
    names = {c.slug: c.name for c in contacts}
    entries = [_titled(entry, names) for entry in entries]
    used = {c.slug for c in contacts}
    left = tuple(sorted((slug, path) for slug, path in left_out if slug not in used))
    return Journal(tuple(contacts), tuple(entries), tuple(problems), left)


def add_unread_contacts(journal: Journal, problems: Iterable[Problem]) -> Journal:
    """The journal with contact files that could not even be read counted as left out."""
    used = {c.slug for c in journal.contacts} | {slug for slug, _ in journal.left_out}
    unread = {
        (stem, problem.source.path)
        for problem in problems
        if problem.source.path.startswith("contacts/")
        and problem.source.path.endswith(".md")
        and f.SLUG_RE.match(stem := problem.source.path.rsplit("/", 1)[-1][:-3])
        and stem not in used
    }
    if not unread:
        return journal
    left_out = tuple(sorted({*journal.left_out, *unread}))
    return Journal(journal.contacts, journal.entries, journal.problems, left_out)


def _titled(entry: Entry, names: dict[str, str]) -> Entry:
    """An entry without a `title` of its own is titled from its file name, with the people
    it names written as their contacts spell them (`coffee-with-ada` → "Coffee with Ada
    Lovelace"); a file name that is only the kind, or only slugs, gives "Call with Ada
    Lovelace"."""
    if entry.heading is not None or not entry.with_:
        return entry
    people = {slug: names[slug] for slug in entry.with_ if slug in names}
    title = named_title(entry.id, entry.kind, people)
    return dataclasses.replace(entry, heading=title) if title else entry


def fold_name(name: str) -> str:
    """A name for comparison: accents dropped, case folded, spacing collapsed (Zoë = zoe)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def resolve_outsiders(contacts: list[Contact]) -> list[Contact]:
    """`knows:` items naming an outsider who is in fact one contact become that contact.

    Someone written as `{name, company}` often becomes a contact later (an import), then moves
    on: the item's company goes stale while the contact's is kept up to date. A name (or an
    alias) that matches exactly one other contact is taken to be them; the item keeps what was
    written, marked `matched`, so `kith check` can ask for the slug instead.
    """
    by_name: dict[str, set[str]] = {}
    for contact in contacts:
        for name in (contact.name, *contact.aliases):
            by_name.setdefault(fold_name(name), set()).add(contact.slug)
    out = []
    for contact in contacts:
        knows = []
        for known in contact.knows:
            found = (
                by_name.get(fold_name(known.name), set()) - {contact.slug} if known.name else set()
            )
            if known.slug is None and len(found) == 1:
                known = dataclasses.replace(known, slug=next(iter(found)), matched=True)
            knows.append(known)
        changed = any(k.matched for k in knows)
        out.append(dataclasses.replace(contact, knows=tuple(knows)) if changed else contact)
    return out


def _ok(value: T | f.Invalid) -> T | None:
    return None if isinstance(value, f.Invalid) else value


def _text(doc: RawDoc, key: str) -> str | None:
    value = doc.data.get(key)
    return None if value is None else (_ok(f.as_text(value, key)) or None)


def _texts(doc: RawDoc, key: str) -> tuple[str, ...]:
    return _ok(f.as_text_list(doc.data.get(key), key)) or ()


def _words(doc: RawDoc, key: str) -> tuple[str, ...]:
    """`_texts`, each one string object journal-wide (slugs, tags: they repeat thousands of
    times, and a record that shares them pickles smaller and loads faster; cli/analysis_cache)."""
    return tuple(sys.intern(word) for word in _texts(doc, key))


def _lines(doc: RawDoc) -> dict[str, int]:
    """The document's key lines, with the key paths shared journal-wide (see `_words`)."""
    return {sys.intern(key): line for key, line in doc.lines.items()}


def _flag(doc: RawDoc, key: str) -> bool:
    return doc.data.get(key) is True


def find_mentions(doc: RawDoc) -> tuple[Mention, ...]:
    """`[[slug]]` and `[[slug|label]]` in the body, each with its own line."""
    found: list[Mention] = []
    for match in f.MENTION_RE.finditer(doc.body):
        line = doc.body_line + doc.body.count("\n", 0, match.start())
        label = match.group(2).strip() if match.group(2) else None
        found.append(Mention(Source(doc.path, line), match.group(1).strip(), label))
    return tuple(found)


def make_contact(doc: RawDoc) -> Contact | None:
    name = _text(doc, "name")
    if not name or not f.SLUG_RE.match(doc.stem):
        return None
    cadence = f.parse_cadence(doc.data["cadence"]) if "cadence" in doc.data else None
    closeness = doc.data.get("closeness")
    words = (x.lower() for x in _texts(doc, "relationship"))
    relationship = tuple(r for r in words if r in f.RELATIONSHIPS)
    links = doc.data.get("links")
    link_pairs = (
        tuple(
            (str(k), str(v).strip())
            for k, v in links.items()
            if isinstance(v, str | int) and not isinstance(v, bool) and str(v).strip()
        )
        if isinstance(links, dict)
        else ()
    )
    met = doc.data.get("met")
    return Contact(
        source=Source(doc.path, 1),
        slug=doc.stem,
        name=name,
        aliases=_texts(doc, "aliases"),
        company=_text(doc, "company"),
        title=_text(doc, "title"),
        location=_text(doc, "location"),
        tags=_words(doc, "tags"),
        relationship=relationship,
        met=_ok(f.parse_date(met, "met")) if met is not None else None,
        how_we_met=_text(doc, "how_we_met"),
        birthday=_ok(f.parse_birthday(doc.data["birthday"]))
        if doc.data.get("birthday") is not None
        else None,
        introduced_by=_text(doc, "introduced_by"),
        closeness=_ok(f.as_closeness(closeness)) if closeness is not None else None,
        kin=_flag(doc, "kin") or "family" in relationship,
        cadence_days=cadence if isinstance(cadence, int) else None,
        cadence_never=cadence == f.NEVER,
        links=link_pairs,
        knows=_make_knows(doc),
        vouch=_texts(doc, "vouch"),
        archived=_flag(doc, "archived"),
        snooze=_make_snooze(doc),
        body=doc.body,
        body_line=doc.body_line,
        mentions=find_mentions(doc),
        lines=_lines(doc),
    )


def _make_snooze(doc: RawDoc) -> Snooze | None:
    value = doc.data.get("snooze")
    if not isinstance(value, dict):
        return None
    until = f.parse_date(value.get("until"), "snooze.until")
    reason = value.get("reason")
    text = f.as_text(reason, "snooze.reason") if reason is not None else None
    if isinstance(until, f.Invalid) or isinstance(text, f.Invalid):
        return None
    return Snooze(doc.source("snooze"), until, text or None)


def _make_knows(doc: RawDoc) -> tuple[Known, ...]:
    value = doc.data.get("knows")
    if not isinstance(value, list):
        return ()
    out: list[Known] = []
    for i, item in enumerate(value):
        source = doc.source(f"knows.{i}")
        if isinstance(item, str) and item.strip():
            out.append(Known(source, "colleague", slug=item.strip()))
        elif isinstance(item, dict) and (item.get("slug") is None) != (item.get("name") is None):
            how = item.get("how_well")
            how_well = _ok(f.as_choice(how, "how_well", f.HOW_WELL)) if how else "colleague"

            def text(key: str, item: dict[str, object] = item) -> str | None:
                raw = item.get(key)
                return None if raw is None else (_ok(f.as_text(raw, key)) or None)

            out.append(
                Known(
                    source,
                    how_well or "colleague",
                    slug=text("slug"),
                    name=text("name"),
                    company=text("company"),
                    title=text("title"),
                )
            )
    return tuple(out)


def make_entry(doc: RawDoc) -> Entry | None:
    date = f.parse_date(doc.data.get("date"), "date")
    if isinstance(date, f.Invalid) or not f.ENTRY_NAME_RE.match(doc.stem):
        return None
    kind_value = doc.data.get("kind")
    kind = _ok(f.as_choice(kind_value, "kind", f.ENTRY_KINDS)) if kind_value is not None else "note"
    if kind is None:
        return None
    initiated = doc.data.get("initiated_by")
    return Entry(
        source=Source(doc.path, 1),
        id=doc.stem,
        date=date,
        kind=kind,
        with_=tuple(dict.fromkeys(_words(doc, "with"))),
        initiated_by=_ok(f.as_choice(initiated, "initiated_by", f.INITIATED_BY))
        if initiated is not None
        else None,
        personal=_flag(doc, "personal"),
        gave=_text(doc, "gave"),
        got=_text(doc, "got"),
        evidence=_text(doc, "evidence"),
        about=_words(doc, "about"),
        follow_up=_make_follow_up(doc),
        body=doc.body,
        body_line=doc.body_line,
        mentions=find_mentions(doc),
        lines=_lines(doc),
        heading=_text(doc, "title"),
        application=_make_application(doc) if kind == f.APPLICATION else None,
    )


def _make_application(doc: RawDoc) -> Application | None:
    company = _text(doc, "company")
    if not company:
        return None
    status = doc.data.get("status")
    updated = doc.data.get("updated")
    return Application(
        source=doc.source("kind"),
        company=company,
        role=_text(doc, "role"),
        link=_text(doc, "link"),
        status=(_ok(f.as_choice(status, "status", f.STATUSES)) or "applied")
        if status is not None
        else "applied",
        referred_by=_text(doc, "referred_by"),
        updated=_ok(f.parse_date(updated, "updated")) if updated is not None else None,
    )


def _make_follow_up(doc: RawDoc) -> FollowUp | None:
    value = doc.data.get("follow_up")
    if not isinstance(value, dict):
        return None
    due = f.parse_date(value.get("due"), "follow_up.due")
    what = f.as_text(value.get("what"), "what")
    if isinstance(due, f.Invalid) or isinstance(what, f.Invalid) or not what:
        return None
    done = value.get("done")
    done_on = done if isinstance(done, dt.date) and not isinstance(done, dt.datetime) else None
    if isinstance(done, str):
        parsed = f.parse_date(done, "follow_up.done")
        done_on = None if isinstance(parsed, f.Invalid) else parsed
    return FollowUp(
        doc.source("follow_up"), due, what, done is True or done_on is not None, done_on
    )
