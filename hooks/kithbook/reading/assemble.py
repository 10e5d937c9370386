"""Turn raw documents into frozen records, leaving out whatever the checks reported as invalid."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from . import fields as f
from .records import Contact, Entry, FollowUp, Journal, Known, Mention, Problem, RawDoc, Source

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
    entries.sort(key=lambda e: (e.date, e.id, e.path))
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


def _ok(value: T | f.Invalid) -> T | None:
    return None if isinstance(value, f.Invalid) else value


def _text(doc: RawDoc, key: str) -> str | None:
    value = doc.data.get(key)
    return None if value is None else (_ok(f.as_text(value, key)) or None)


def _texts(doc: RawDoc, key: str) -> tuple[str, ...]:
    return _ok(f.as_text_list(doc.data.get(key), key)) or ()


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
        tags=_texts(doc, "tags"),
        relationship=relationship,
        met=_ok(f.parse_date(met, "met")) if met is not None else None,
        how_we_met=_text(doc, "how_we_met"),
        introduced_by=_text(doc, "introduced_by"),
        closeness=_ok(f.as_closeness(closeness)) if closeness is not None else None,
        kin=_flag(doc, "kin") or "family" in relationship,
        cadence_days=cadence if isinstance(cadence, int) else None,
        cadence_never=cadence == f.NEVER,
        links=link_pairs,
        knows=_make_knows(doc),
        vouch=_texts(doc, "vouch"),
        archived=_flag(doc, "archived"),
        body=doc.body,
        body_line=doc.body_line,
        mentions=find_mentions(doc),
        lines=doc.lines,
    )


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
    kind = _ok(f.as_choice(kind_value, "kind", f.KINDS)) if kind_value is not None else "note"
    if kind is None:
        return None
    initiated = doc.data.get("initiated_by")
    return Entry(
        source=Source(doc.path, 1),
        id=doc.stem,
        date=date,
        kind=kind,
        with_=tuple(dict.fromkeys(_texts(doc, "with"))),
        initiated_by=_ok(f.as_choice(initiated, "initiated_by", f.INITIATED_BY))
        if initiated is not None
        else None,
        personal=_flag(doc, "personal"),
        gave=_text(doc, "gave"),
        got=_text(doc, "got"),
        evidence=_text(doc, "evidence"),
        about=_texts(doc, "about"),
        follow_up=_make_follow_up(doc),
        body=doc.body,
        body_line=doc.body_line,
        mentions=find_mentions(doc),
        lines=doc.lines,
    )


def _make_follow_up(doc: RawDoc) -> FollowUp | None:
    value = doc.data.get("follow_up")
    if not isinstance(value, dict):
        return None
    due = f.parse_date(value.get("due"), "follow_up.due")
    what = f.as_text(value.get("what"), "what")
    if isinstance(due, f.Invalid) or isinstance(what, f.Invalid) or not what:
        return None
    return FollowUp(doc.source("follow_up"), due, what, value.get("done") is True)
