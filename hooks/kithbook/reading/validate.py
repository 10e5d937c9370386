"""Validate stage: small checks over raw documents and over the assembled journal.

Each check returns problems as values; `check_documents` and `check_journal` run them all,
so `kith check` and the build report the same lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from . import fields as f
from .nesting import nesting_problem
from .records import Contact, Entry, Journal, Problem, RawDoc, Source

DocCheck = Callable[[RawDoc], Iterable[Problem]]
JournalCheck = Callable[[Journal, dt.date], Iterable[Problem]]


def _given(doc: RawDoc, key: str) -> bool:
    return doc.data.get(key) is not None


def _problem(doc: RawDoc, key: str, message: str) -> Problem:
    return Problem(doc.source(key), message)


# --- checks on one file -------------------------------------------------------------------


def check_file_name(doc: RawDoc) -> Iterator[Problem]:
    """Contact file names are slugs; entry file names start with their date."""
    if doc.kind == "contact":
        if not f.SLUG_RE.match(doc.stem):
            yield Problem(
                Source(doc.path),
                f"file name '{doc.stem}.md' is not a slug: use lower-case letters, digits "
                "and '-' (like ada-lovelace.md)",
            )
        return
    match = f.ENTRY_NAME_RE.match(doc.stem)
    if match is None:
        yield Problem(
            Source(doc.path),
            f"file name '{doc.stem}.md' must be YYYY-MM-DD-words.md (like 2026-03-04-coffee.md)",
        )
        return
    date = f.parse_date(doc.data.get("date"), "date")
    if isinstance(date, dt.date) and match.group(1) != date.isoformat():
        yield _problem(
            doc, "date", f"date {date} does not match the file name's date {match.group(1)}"
        )


def check_required_keys(doc: RawDoc) -> Iterator[Problem]:
    required = "name" if doc.kind == "contact" else "date"
    if not _given(doc, required):
        yield Problem(Source(doc.path, doc.lines.get(required, 1)), f"missing '{required}'")
    elif (
        doc.kind == "contact" and isinstance(doc.data["name"], str) and not doc.data["name"].strip()
    ):
        yield _problem(doc, "name", "'name' is empty: a contact needs a name to be shown")
    if doc.kind == "entry" and doc.data.get("with") and not _given(doc, "kind"):
        yield _problem(doc, "with", f"missing 'kind': one of {', '.join(f.KINDS)}")


def check_unknown_keys(doc: RawDoc) -> Iterator[Problem]:
    allowed = f.CONTACT_KEYS if doc.kind == "contact" else f.ENTRY_KEYS
    for key in doc.data:
        if key not in allowed:
            yield _problem(doc, key, f"unknown key '{key}'{f.did_you_mean(key, allowed)}")
    nested = (
        ("follow_up", f.FOLLOW_UP_KEYS, doc.data.get("follow_up")),
        ("snooze", f.SNOOZE_KEYS, doc.data.get("snooze") if doc.kind == "contact" else None),
        *(
            (f"knows.{i}", f.KNOWS_KEYS, item)
            for i, item in enumerate(_as_list(doc.data.get("knows")))
        ),
    )
    for prefix, keys, value in nested:
        if isinstance(value, dict):
            for key in value:
                if key not in keys:
                    yield _problem(
                        doc,
                        f"{prefix}.{key}",
                        f"unknown key '{key}' in {prefix.split('.')[0]}{f.did_you_mean(key, keys)}",
                    )


def check_dates(doc: RawDoc) -> Iterator[Problem]:
    keys = ("met",) if doc.kind == "contact" else ("date",)
    for key in keys:
        if _given(doc, key):
            value = f.parse_date(doc.data[key], key)
            if isinstance(value, f.Invalid):
                yield _problem(doc, key, value.message)
    if doc.kind == "contact" and _given(doc, "birthday"):
        birthday = f.parse_birthday(doc.data["birthday"])
        if isinstance(birthday, f.Invalid):
            yield _problem(doc, "birthday", birthday.message)
    follow_up = doc.data.get("follow_up")
    if doc.kind == "entry" and isinstance(follow_up, dict) and follow_up.get("due") is not None:
        due = f.parse_date(follow_up["due"], "follow_up.due")
        if isinstance(due, f.Invalid):
            yield _problem(doc, "follow_up.due", due.message)


def check_kind(doc: RawDoc) -> Iterator[Problem]:
    if doc.kind == "entry" and _given(doc, "kind"):
        value = f.as_choice(doc.data["kind"], "kind", f.ENTRY_KINDS)
        if isinstance(value, f.Invalid):
            yield _problem(doc, "kind", value.message)


def check_application(doc: RawDoc) -> Iterator[Problem]:
    """`kind: application` needs a company; its keys belong to application entries only."""
    if doc.kind != "entry":
        return
    kind = doc.data.get("kind")
    if not (isinstance(kind, str) and kind.strip().lower() == f.APPLICATION):
        for key in f.APPLICATION_KEYS:
            if key in doc.data:
                yield _problem(
                    doc, key, f"'{key}' belongs to job applications: add 'kind: application'"
                )
        return
    if not _given(doc, "company"):
        yield _problem(doc, "kind", "an application needs 'company': where you applied")
    for key in ("company", "role", "link", "referred_by"):
        if _given(doc, key) and isinstance(value := f.as_text(doc.data[key], key), f.Invalid):
            yield _problem(doc, key, value.message)
    if _given(doc, "status"):
        status = f.as_choice(doc.data["status"], "status", f.STATUSES)
        if isinstance(status, f.Invalid):
            yield _problem(doc, "status", status.message)
    if _given(doc, "updated"):
        updated = f.parse_date(doc.data["updated"], "updated")
        date = f.parse_date(doc.data.get("date"), "date")
        if isinstance(updated, f.Invalid):
            yield _problem(doc, "updated", updated.message)
        elif isinstance(date, dt.date) and updated < date:
            yield _problem(
                doc, "updated", f"updated {updated} is before the application's date {date}"
            )


def check_choices(doc: RawDoc) -> Iterator[Problem]:
    """`relationship`, `initiated_by` and `knows.how_well` take fixed words."""
    if doc.kind == "contact":
        for i, item in enumerate(_as_list(doc.data.get("relationship"))):
            value = f.as_choice(item, "relationship", f.RELATIONSHIPS)
            if isinstance(value, f.Invalid):
                yield Problem(
                    doc.source(
                        f"relationship.{i}"
                        if isinstance(doc.data.get("relationship"), list)
                        else "relationship"
                    ),
                    value.message,
                )
        for i, item in enumerate(_as_list(doc.data.get("knows"))):
            if isinstance(item, dict) and item.get("how_well") is not None:
                value = f.as_choice(item["how_well"], "how_well", f.HOW_WELL)
                if isinstance(value, f.Invalid):
                    yield _problem(doc, f"knows.{i}.how_well", value.message)
    elif _given(doc, "initiated_by"):
        value = f.as_choice(doc.data["initiated_by"], "initiated_by", f.INITIATED_BY)
        if isinstance(value, f.Invalid):
            yield _problem(doc, "initiated_by", value.message)


def check_cadence(doc: RawDoc) -> Iterator[Problem]:
    if doc.kind == "contact" and _given(doc, "cadence"):
        value = f.parse_cadence(doc.data["cadence"])
        if isinstance(value, f.Invalid):
            yield _problem(doc, "cadence", value.message)


def check_closeness(doc: RawDoc) -> Iterator[Problem]:
    if doc.kind == "contact" and _given(doc, "closeness"):
        value = f.as_closeness(doc.data["closeness"])
        if isinstance(value, f.Invalid):
            yield _problem(doc, "closeness", value.message)


TEXT_KEYS = {
    "contact": ("name", "company", "title", "location", "how_we_met", "introduced_by"),
    "entry": ("title", "gave", "got", "evidence"),
}
LIST_KEYS = {
    "contact": ("aliases", "tags", "vouch", "relationship"),
    "entry": ("with", "about"),
}
BOOL_KEYS = {"contact": ("kin", "archived"), "entry": ("personal",)}


def check_types(doc: RawDoc) -> Iterator[Problem]:
    """Text where text is expected, lists of text, booleans, and the shape of nested keys."""
    parsers: tuple[tuple[tuple[str, ...], Callable[[object, str], object]], ...] = (
        (TEXT_KEYS[doc.kind], f.as_text),
        (LIST_KEYS[doc.kind], f.as_text_list),
        (BOOL_KEYS[doc.kind], f.as_bool),
    )
    for keys, parse in parsers:
        for key in keys:
            if _given(doc, key) and isinstance(value := parse(doc.data[key], key), f.Invalid):
                yield _problem(doc, key, value.message)
    if doc.kind == "contact":
        yield from _check_contact_shapes(doc)
        yield from _check_snooze_shape(doc)
    else:
        yield from _check_follow_up_shape(doc)


def _check_contact_shapes(doc: RawDoc) -> Iterator[Problem]:
    links = doc.data.get("links")
    if links is not None:
        if not isinstance(links, dict):
            yield _problem(doc, "links", "'links' must be a mapping, like 'email: ada@example.com'")
        else:
            for name, url in links.items():
                if url is not None and isinstance(f.as_text(url, f"links.{name}"), f.Invalid):
                    yield _problem(doc, f"links.{name}", f"'links.{name}' must be text")
    knows = doc.data.get("knows")
    if knows is not None and not isinstance(knows, list):
        yield _problem(doc, "knows", "'knows' must be a list of slugs or of mappings")
        return
    for i, item in enumerate(_as_list(knows)):
        key = f"knows.{i}"
        if isinstance(item, str):
            continue
        if not isinstance(item, dict):
            yield _problem(doc, key, "each 'knows' item must be a slug or a mapping")
        elif (item.get("slug") is None) == (item.get("name") is None):
            yield _problem(doc, key, "each 'knows' item needs exactly one of 'slug' or 'name'")
        else:
            for sub in ("slug", "name", "company", "title"):
                if item.get(sub) is not None and isinstance(f.as_text(item[sub], sub), f.Invalid):
                    yield _problem(doc, f"{key}.{sub}", f"'{sub}' in knows must be text")


def _check_snooze_shape(doc: RawDoc) -> Iterator[Problem]:
    snooze = doc.data.get("snooze")
    if snooze is None:
        return
    if not isinstance(snooze, dict):
        yield _problem(
            doc,
            "snooze",
            "'snooze' must be a mapping with 'until' and an optional 'reason', "
            "like {until: 2027-01-15, reason: on parental leave}",
        )
        return
    if snooze.get("until") is None:
        yield _problem(doc, "snooze", "snooze needs 'until': the day warnings start again")
    else:
        until = f.parse_date(snooze["until"], "snooze.until")
        if isinstance(until, f.Invalid):
            yield _problem(doc, "snooze.until", until.message)
    reason = snooze.get("reason")
    if reason is not None and isinstance(f.as_text(reason, "snooze.reason"), f.Invalid):
        yield _problem(doc, "snooze.reason", "'snooze.reason' must be text")


def _check_follow_up_shape(doc: RawDoc) -> Iterator[Problem]:
    follow_up = doc.data.get("follow_up")
    if follow_up is None:
        return
    if not isinstance(follow_up, dict):
        yield _problem(doc, "follow_up", "'follow_up' must be a mapping with 'due' and 'what'")
        return
    for key in ("due", "what"):
        if follow_up.get(key) is None:
            yield _problem(doc, "follow_up", f"follow_up needs '{key}'")
    what = follow_up.get("what")
    if what is not None and isinstance(f.as_text(what, "what"), f.Invalid):
        yield _problem(doc, "follow_up.what", "'follow_up.what' must be text")
    done = follow_up.get("done")
    if (
        done is not None
        and isinstance(f.as_bool(done, "done"), f.Invalid)
        and isinstance(f.parse_date(done, "follow_up.done"), f.Invalid)
    ):
        yield _problem(
            doc,
            "follow_up.done",
            f"'follow_up.done' must be true, false or the date it was done, not '{done}'",
        )


def check_body_nesting(doc: RawDoc) -> Iterator[Problem]:
    """A note nested too deeply for Markdown to convert is shown as plain text: say so."""
    found = nesting_problem(doc.body)
    if found is not None:
        line, message = found
        yield Problem(Source(doc.path, doc.body_line + line - 1), message)


DOCUMENT_CHECKS: tuple[DocCheck, ...] = (
    check_file_name,
    check_required_keys,
    check_unknown_keys,
    check_types,
    check_dates,
    check_kind,
    check_application,
    check_choices,
    check_cadence,
    check_closeness,
    check_body_nesting,
)


def check_documents(docs: Iterable[RawDoc]) -> list[Problem]:
    """Run every per-file check."""
    return [problem for doc in docs for check in DOCUMENT_CHECKS for problem in check(doc)]


# --- checks across the journal ------------------------------------------------------------


def check_duplicate_slugs(journal: Journal, today: dt.date) -> Iterator[Problem]:
    """Slugs come from file names; the same name in two folders of contacts/ is ambiguous."""
    first: dict[str, Contact] = {}
    for contact in journal.contacts:
        if contact.slug in first:
            yield Problem(
                contact.source,
                f"duplicate slug '{contact.slug}': also {first[contact.slug].source.path}",
            )
        else:
            first[contact.slug] = contact
    ids: dict[str, Entry] = {}
    for entry in journal.entries:
        if entry.id in ids:
            yield Problem(
                entry.source, f"duplicate entry name '{entry.id}': also {ids[entry.id].path}"
            )
        else:
            ids[entry.id] = entry


def check_unknown_slugs(journal: Journal, today: dt.date) -> Iterator[Problem]:
    """Every slug in `with`, `introduced_by`, `knows` and `[[mentions]]` names a contact."""
    slugs = {c.slug for c in journal.contacts}
    names = sorted(slugs)
    left_out = dict(journal.left_out)

    def unknown(source: Source, slug: str, where: str) -> Problem:
        if slug in left_out:  # the file exists: its own problem says why it is not used
            return Problem(
                source, f"contact '{slug}' in {where} is left out: fix {left_out[slug]} first"
            )
        return Problem(source, f"unknown slug '{slug}' in {where}{f.did_you_mean(slug, names)}")

    for contact in journal.contacts:
        if contact.introduced_by and contact.introduced_by not in slugs:
            source = Source(contact.source.path, contact.lines.get("introduced_by", 1))
            yield unknown(source, contact.introduced_by, "introduced_by")
        for known in contact.knows:
            if known.slug is not None and known.slug not in slugs:
                yield unknown(known.source, known.slug, "knows")
        for mention in contact.mentions:
            if mention.slug not in slugs:
                yield unknown(mention.source, mention.slug, "a mention")
    for entry in journal.entries:
        for i, slug in enumerate(entry.with_):
            if slug not in slugs:
                line = entry.lines.get(f"with.{i}", entry.lines.get("with", 1))
                yield unknown(Source(entry.path, line), slug, "with")
        for mention in entry.mentions:
            if mention.slug not in slugs:
                yield unknown(mention.source, mention.slug, "a mention")
        application = entry.application
        if application and application.referred_by and application.referred_by not in slugs:
            source = Source(entry.path, entry.lines.get("referred_by", 1))
            yield unknown(source, application.referred_by, "referred_by")


def check_future_dates(journal: Journal, today: dt.date) -> Iterator[Problem]:
    """Entries record what happened; `met` is in the past. Follow-ups may be due later."""
    for entry in journal.entries:
        if entry.date > today:
            source = Source(entry.path, entry.lines.get("date", 1))
            yield Problem(source, f"date {entry.date} is in the future (today is {today})")
        updated = entry.application.updated if entry.application else None
        if updated is not None and updated > today:
            source = Source(entry.path, entry.lines.get("updated", 1))
            yield Problem(source, f"updated {updated} is in the future (today is {today})")
    for contact in journal.contacts:
        if contact.met is not None and contact.met > today:
            source = Source(contact.source.path, contact.lines.get("met", 1))
            yield Problem(source, f"met {contact.met} is in the future (today is {today})")


def check_self_references(journal: Journal, today: dt.date) -> Iterator[Problem]:
    """A contact who knows or was introduced by themselves is a copy-paste slip."""
    for contact in journal.contacts:
        if contact.introduced_by == contact.slug:
            source = Source(contact.source.path, contact.lines.get("introduced_by", 1))
            yield Problem(source, "introduced_by names this contact itself")
        for known in contact.knows:
            if known.slug == contact.slug:
                yield Problem(known.source, "knows lists this contact itself")


def check_outsiders_who_are_contacts(journal: Journal, today: dt.date) -> Iterator[Problem]:
    """A `knows:` item written as an outsider but naming a contact: ask for the slug.

    The journal already uses the contact (so paths follow their current company); the item
    itself should say so, or its company will go on looking true.
    """
    contacts = {c.slug: c for c in journal.contacts}
    for contact in journal.contacts:
        for known in contact.knows:
            if not known.matched or known.slug not in contacts:
                continue
            other = contacts[known.slug]
            was = f" at {known.company}" if known.company else ""
            now = (
                f" (now at {other.company})"
                if other.company and other.company != known.company
                else ""
            )
            yield Problem(
                known.source,
                f"knows '{known.name}'{was}, who is your contact '{known.slug}'{now}: "
                f"write 'slug: {known.slug}' instead of name and company",
            )


JOURNAL_CHECKS: tuple[JournalCheck, ...] = (
    check_duplicate_slugs,
    check_unknown_slugs,
    check_future_dates,
    check_self_references,
    check_outsiders_who_are_contacts,
)


def check_journal(journal: Journal, today: dt.date) -> list[Problem]:
    """Run every check that needs the whole journal."""
    return [problem for check in JOURNAL_CHECKS for problem in check(journal, today)]


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
