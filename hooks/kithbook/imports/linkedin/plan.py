"""Plan an import: pure decisions from the export, the journal and the import's state; no I/O.

Ownership rule (docs/cli.md): the import changes a field it owns only when the field is
empty and the import never filled it before, or when it still holds exactly what the
import last wrote. Anything the user typed, changed or deleted by hand stays as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ...reading.load import CONTACTS, JOURNAL
from ...reading.records import Problem, Source
from ...render.text import esc
from ...writing.slugs import SlugPool, contact_slug, entry_stem, slugify_text
from .read import Export
from .rows import Connection, Endorsement, Message
from .snapshot import HAND, IMPORT_FIELDS, JournalSnapshot
from .state import STATE_FILE, ImportState, PersonState
from .urls import normalise_profile_url

NAME_KEY = "name:"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One import-owned field of an existing contact, from its old value (None: empty)."""

    key: str
    old: str | None
    new: str


@dataclass(frozen=True, slots=True)
class NewContact:
    slug: str
    path: str
    fields: tuple[tuple[str, str], ...]  # import-owned field → value, in file order
    source: Source


@dataclass(frozen=True, slots=True)
class ContactUpdate:
    slug: str
    path: str
    changes: tuple[FieldChange, ...]
    source: Source
    key: str = ""  # the person's identity, to restore `previous` if the edit fails
    previous: PersonState | None = None  # what the state held before this import


@dataclass(frozen=True, slots=True)
class NewEntry:
    path: str
    data: tuple[tuple[str, object], ...]  # front matter, in file order
    body: str
    source: Source


@dataclass(frozen=True, slots=True)
class JobChange:
    """LinkedIn says a person's company or title changed since the last import."""

    slug: str
    key: str  # company or title
    old: str
    new: str
    source: Source


@dataclass(frozen=True)
class Plan:
    """Everything an import would do; applying it is the only step that writes."""

    new_contacts: tuple[NewContact, ...]
    updates: tuple[ContactUpdate, ...]
    new_entries: tuple[NewEntry, ...]
    unchanged: int
    skipped: tuple[Problem, ...]
    notes: tuple[Problem, ...]
    state: ImportState
    owner: str | None
    job_changes: tuple[JobChange, ...] = ()

    @property
    def created(self) -> int:
        return len(self.new_contacts) + len(self.new_entries)


@dataclass
class _Person:
    """A person the export talks about, and the contact they are (None: a new one)."""

    key: str
    name: str
    url: str | None
    slug: str | None
    source: Source
    desired: dict[str, str] = field(default_factory=dict)
    invitation_line: int | None = None


def person_key(url: str | None, name: str) -> str:
    """The identity of a person across imports: the profile URL, else the exact name."""
    return url if url else NAME_KEY + name


def _message_body(items: list[tuple[str, int, bool, str]], theirs: str) -> str:
    """`Imported from LinkedIn: 3 messages (1 from me, 2 from them).` and the first excerpt."""
    mine = sum(1 for _, _, me, _ in items if me)
    count = f"{len(items)} message{'s' if len(items) != 1 else ''}"
    body = f"Imported from LinkedIn: {count} ({mine} from me, {len(items) - mine} {theirs})."
    excerpt = next((text for _, _, _, text in items if text), "")
    if excerpt:
        body += f"\n\n> {esc(excerpt)}"
    return body


def detect_owner(
    messages: Iterable[Message], connections: set[str], names: frozenset[str] = frozenset()
) -> str | None:
    """The export's owner: in the most conversations, preferring whoever is no connection
    (by profile URL, or by the name they sign with when Connections.csv has no URLs)."""
    seen: dict[str, set[str]] = defaultdict(set)
    signed: dict[str, str] = {}
    for message in messages:
        conversation = message.conversation or f"line {message.line}"
        if message.sender_url:
            signed.setdefault(message.sender_url, message.sender)
        for url in (message.sender_url, *message.recipient_urls):
            if url:
                seen[url].add(conversation)
    if not seen:
        return None
    return max(
        seen,
        key=lambda url: (
            url not in connections and signed.get(url) not in names,
            len(seen[url]),
            url,
        ),
    )


def _same(key: str, current: str | None, value: str | None) -> bool:
    if current is None or value is None:
        return current is value
    if key == "links.linkedin":
        return (normalise_profile_url(current) or current) == (
            normalise_profile_url(value) or value
        )
    return current == value


def decide_field(
    key: str, current: str | None, value: str | None, last: str | None
) -> tuple[str | None, str | None]:
    """(the new value to write or None, the value to remember) under the ownership rule."""
    if value is None or current == HAND:
        return None, last
    if _same(key, current, value):
        return None, value
    if current is None:
        return (None, last) if last is not None else (value, value)  # emptied by hand: keep
    if last is not None and _same(key, current, last):
        return value, value  # still what the import wrote: follow LinkedIn
    return None, last  # changed by hand: the user's value wins


class _Planner:
    def __init__(
        self, export: Export, journal: JournalSnapshot, state: ImportState, today: dt.date
    ) -> None:
        self.export = export
        self.journal = journal
        self.state = state
        self.today = today
        self.skipped: list[Problem] = list(export.skipped)
        self.notes: list[Problem] = list(export.notes)
        self.people: dict[str, _Person] = {}
        self.claimed: dict[str, str] = {}  # slug → person key
        self.by_url: dict[str, str] = {}
        self.url_of: dict[str, str] = {}  # slug → its normalised profile URL
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for slug, contact in sorted(journal.contacts.items()):
            link = contact.values.get("links.linkedin")
            url = normalise_profile_url(link) if link and link != HAND else None
            if url is not None:
                self.by_url.setdefault(url, slug)
                self.url_of[slug] = url
            name = contact.values.get("name")
            if name and name != HAND:
                self.by_name[name].append(slug)
        self.people_by_name: dict[str, list[_Person]] = defaultdict(list)
        self.unnamed_twins: dict[str, list[Connection]] = defaultdict(list)  # skipped, no URL
        self.job_changes: list[JobChange] = []
        self.unchanged = 0
        self.new_entries: list[NewEntry] = []
        self.entry_state: dict[str, str] = dict(state.entries)
        self.taken_entries = SlugPool(journal.entry_stems)

    def skip(self, source: Source, message: str) -> None:
        self.skipped.append(Problem(source, f"skipped: {message}"))

    # --- who is who ---------------------------------------------------------------------------

    def find_contact(
        self, key: str, url: str | None, name: str, source: Source
    ) -> str | bool | None:
        """The existing contact for a person; None for a new one; False when the row is skipped."""
        remembered = self.state.people.get(key)
        if (
            remembered is not None
            and remembered.slug in self.journal.contacts
            and self.claimed.get(remembered.slug, key) == key
        ):
            return remembered.slug
        if url is not None and url in self.by_url:
            slug = self.by_url[url]
            if self.claimed.get(slug, key) == key:
                return slug
        if remembered is not None:
            path = f"{CONTACTS}/{remembered.slug}.md"
            if remembered.slug in self.journal.unreadable:
                self.skip(source, f"{path} cannot be read: fix it first (kith check)")
            else:
                self.skip(
                    source,
                    f'{path} was deleted by hand: not re-created (remove "{key}" from '
                    f"{STATE_FILE} to import it again)",
                )
            return False
        candidates = [s for s in self.by_name.get(name, []) if s not in self.claimed]
        if url is None:
            if len(candidates) > 1:
                self.skip(
                    source, f"{len(candidates)} contacts are named '{name}' and the row has no URL"
                )
                return False
            return candidates[0] if candidates else None
        unlinked = [
            s for s in candidates if self.journal.contacts[s].values.get("links.linkedin") is None
        ]
        return unlinked[0] if len(unlinked) == 1 else None

    def add_connections(self) -> None:
        file = self._file("connections")
        first_line: dict[str, int] = {}
        rows_without_url: dict[str, list[Connection]] = defaultdict(list)
        for row in self.export.connections:
            if row.url is None:
                rows_without_url[row.name].append(row)
        twins = {
            name
            for name, rows in rows_without_url.items()
            if len({(r.company, r.title, r.connected, r.email) for r in rows}) > 1
        }
        for row in self.export.connections:
            source = Source(file, row.line)
            if row.url is None and row.name in twins:
                lines = ", ".join(str(r.line) for r in rows_without_url[row.name])
                self.skip(
                    source,
                    f"connections on lines {lines} are named '{row.name}' and have no URL to "
                    "tell them apart",
                )
                self.unnamed_twins[row.name].append(row)
                continue
            if row.connected is not None and row.connected > self.today:
                self.skip(source, f"Connected On {row.connected} is after today")
                continue
            key = person_key(row.url, row.name)
            if key in first_line:
                why = "profile URL" if row.url else "name, no URL"
                self.skip(source, f"duplicate of line {first_line[key]} (same {why})")
                continue
            first_line[key] = row.line
            slug = self.find_contact(key, row.url, row.name, source)
            if slug is False:
                continue
            person = _Person(
                key, row.name, row.url, slug if isinstance(slug, str) else None, source
            )
            if person.slug is not None:
                self.claimed[person.slug] = key
            desired = person.desired
            desired["name"] = row.name
            for name, value in (("company", row.company), ("title", row.title)):
                if value:
                    desired[name] = value
            if row.connected is not None:
                desired["met"] = row.connected.isoformat()
            if row.url:
                desired["links.linkedin"] = row.url
            if row.email:
                desired["links.email"] = row.email
            self.add_person(person)

    def add_person(self, person: _Person) -> None:
        self.people[person.key] = person
        self.people_by_name[person.name].append(person)

    def person_by_name(self, name: str, company: str = "", title: str = "") -> _Person | str | None:
        """A person named exactly `name` (this export first, then the journal), or why not.

        Among several of that name, the one whose company and title are exactly `company`
        and `title` (a recommendation's Company and Job Title), if there is one such.
        """
        found: list[_Person | Connection] = [
            *self.people_by_name.get(name, []),
            *self.unnamed_twins.get(name, []),
        ]
        if len(found) > 1 and (company or title):
            found = [f for f in found if self._works_as(f, company, title)]
            if not found:
                return f"several connections are named '{name}', none at {company} as {title}"
        if len(found) == 1:
            only = found[0]
            if isinstance(only, Connection):
                return f"'{name}' is a connection skipped above (line {only.line})"
            return only
        if len(found) > 1:
            return f"{len(found)} connections are named '{name}'"
        slugs = self.by_name.get(name, [])
        if len(slugs) > 1 and (company or title):
            slugs = [
                s
                for s in slugs
                if self.journal.contacts[s].values.get("company") == (company or None)
                and self.journal.contacts[s].values.get("title") == (title or None)
            ] or slugs
        if len(slugs) > 1:
            return f"{len(slugs)} contacts are named '{name}'"
        if not slugs:
            return None
        return self.existing_person(slugs[0], name, Source(CONTACTS, 1))

    @staticmethod
    def _works_as(found: _Person | Connection, company: str, title: str) -> bool:
        if isinstance(found, Connection):
            return (found.company or "") == company and (found.title or "") == title
        desired = found.desired
        return desired.get("company", "") == company and desired.get("title", "") == title

    def existing_person(self, slug: str, name: str, source: Source) -> _Person:
        """The person record of a contact the export's Connections.csv does not list."""
        key = self.claimed.get(slug)
        if key is not None and key in self.people:
            return self.people[key]
        url = self.url_of.get(slug)
        key = person_key(url, name)
        person = self.people.get(key)
        if person is None:
            person = _Person(key, name, url, slug, source)
            self.add_person(person)
        self.claimed[slug] = key
        return person

    def person_by_url(self, url: str, name: str, source: Source) -> _Person | None:
        if url in self.people:
            return self.people[url]
        slug = self.by_url.get(url)
        remembered = self.state.people.get(url)
        if slug is None and remembered is not None and remembered.slug in self.journal.contacts:
            slug = remembered.slug
        return self.existing_person(slug, name, source) if slug is not None else None

    def add_invitations(self) -> None:
        for row in self.export.invitations:
            source = Source(self._file("invitations"), row.line)
            if row.day is not None and row.day > self.today:
                self.skip(source, f"dated {row.day}, after today")
                continue
            found = (
                self.person_by_url(row.other_url, row.other, source)
                if row.other_url
                else self.person_by_name(row.other)
            )
            if isinstance(found, str):
                self.skip(source, f"{found}: cannot tell which one the invitation was with")
                continue
            if found is None:
                who = row.other or row.other_url
                self.skip(source, f"{who} is not a connection or a contact (a pending invitation?)")
                continue
            if found.invitation_line is not None:
                line = found.invitation_line
                self.skip(source, f"an earlier row (line {line}) already says who reached out")
                continue
            found.invitation_line = row.line
            text = "LinkedIn invitation from " + ("me" if row.outgoing else "them")
            text += f", {row.day.isoformat()}" if row.day else ""
            if row.message:
                text += f', saying "{row.message}"'
            found.desired["how_we_met"] = text

    # --- contacts -----------------------------------------------------------------------------

    def plan_contacts(self) -> tuple[list[NewContact], list[ContactUpdate], dict[str, PersonState]]:
        created: list[NewContact] = []
        updates: list[ContactUpdate] = []
        remembered: dict[str, PersonState] = dict(self.state.people)
        taken = SlugPool(self.journal.contact_stems)
        for person in self.people.values():
            last = self.state.people.get(person.key)
            last_fields: Mapping[str, str] = last.fields if last is not None else {}
            if person.slug is None:
                hint = person.url.rsplit("/", 1)[-1] if person.url else ""
                slug = contact_slug(person.name, taken, hint)
                person.slug = slug
                ordered = tuple(
                    (k, person.desired[k]) for k in IMPORT_FIELDS if k in person.desired
                )
                created.append(NewContact(slug, f"{CONTACTS}/{slug}.md", ordered, person.source))
                remembered[person.key] = PersonState(slug, dict(ordered))
                continue
            contact = self.journal.contacts[person.slug]
            for key in ("company", "title"):
                old, new = last_fields.get(key), person.desired.get(key)
                if old is not None and new is not None and old != new:
                    self.job_changes.append(JobChange(person.slug, key, old, new, person.source))
            changes: list[FieldChange] = []
            fields: dict[str, str] = {}
            for key in IMPORT_FIELDS:
                current = contact.values.get(key)
                write, keep = decide_field(
                    key, current, person.desired.get(key), last_fields.get(key)
                )
                if write is not None:
                    changes.append(FieldChange(key, current, write))
                if keep is not None:
                    fields[key] = keep
            if changes:
                updates.append(
                    ContactUpdate(
                        person.slug, contact.path, tuple(changes), person.source, person.key, last
                    )
                )
            else:
                self.unchanged += 1
            remembered[person.key] = PersonState(person.slug, fields)
        return created, updates, remembered

    # --- entries ------------------------------------------------------------------------------

    def url_index(self) -> dict[str, str]:
        index = dict(self.by_url)
        for key, known in self.state.people.items():
            if key.startswith("https://") and known.slug in self.journal.contacts:
                index.setdefault(key, known.slug)
        for person in self.people.values():
            if person.url and person.slug:
                index[person.url] = person.slug
        return index

    def add_entry(
        self,
        key: str,
        day: dt.date,
        slug: str,
        words: str,
        data: list[tuple[str, object]],
        body: str,
        source: Source,
        same_kind: str | None = None,
        people: list[str] | None = None,
    ) -> None:
        """A new entry unless the import made it before (even if since deleted) or one exists.

        `people` is the entry's `with` when it is more than `slug` (a group conversation).
        """
        if key in self.state.entries:
            self.unchanged += 1
            return
        existing = (
            self.journal.entries.get((day.isoformat(), slug, same_kind)) if same_kind else None
        )
        natural = f"{day.isoformat()}-{words}"
        if existing is None and same_kind is None and natural in self.journal.entry_stems:
            existing = f"{JOURNAL}/{day.year}/{natural}.md"
        if existing is not None:
            self.entry_state[key] = existing
            self.unchanged += 1
            return
        stem = entry_stem(day, words, self.taken_entries)
        path = f"{JOURNAL}/{day.year}/{stem}.md"
        front: list[tuple[str, object]] = [("date", day), ("with", people or [slug]), *data]
        self.new_entries.append(NewEntry(path, tuple(front), body, source))
        self.entry_state[key] = path

    def resolve(
        self, who: str, index: Mapping[str, str], names: Mapping[str, str]
    ) -> tuple[str | None, str | None]:
        """(the contact a message participant is, or why it cannot be told); `who` is a
        profile URL or NAME_KEY + an exact name (older exports).

        A profile URL that no contact has is looked up by the name its messages are signed
        with (`names`), for exports whose Connections.csv has no URLs: it is the one person
        of that name, if that person has no profile URL of their own.
        """
        if not who.startswith(NAME_KEY):
            slug = index.get(who)
            if slug is not None or who not in names:
                return slug, None
            by_name = self.person_by_name(names[who])
            if isinstance(by_name, str):
                return None, by_name
            if by_name is None or by_name.url is not None:
                return None, None
            return by_name.slug, None
        found = self.person_by_name(who.removeprefix(NAME_KEY))
        if isinstance(found, str):
            return None, found
        return (found.slug if found is not None else None), None

    def add_messages(self, owner: str | None) -> None:
        """One entry per person and day, and one per group conversation and day."""
        if not self.export.messages:
            return
        file = self._file("messages")
        messages = self.export.messages
        if owner is None and any(m.sender_url for m in messages):
            self.skipped.extend(
                Problem(
                    Source(file, m.line), "skipped: cannot tell whose export this is (use --me)"
                )
                for m in messages
                if m.sender_url
            )
            messages = [m for m in messages if m.sender_url is None]
        index = self.url_index()
        keys = {slug: url for url, slug in sorted(index.items(), reverse=True)}
        # Everyone but me in each conversation, by profile URL (senders, then recipients).
        members: dict[str, dict[str, None]] = defaultdict(dict)
        titles: dict[str, str] = {}
        names: dict[str, str] = {}  # sender profile URL → the name they sign with
        for m in messages:
            if m.sender_url and m.sender and m.sender_url != owner:
                names.setdefault(m.sender_url, m.sender)
            if m.conversation and m.sender_url:
                for url in (m.sender_url, *m.recipient_urls):
                    if url != owner:
                        members[m.conversation][url] = None
                if m.title:
                    titles.setdefault(m.conversation, m.title)
        days: dict[tuple[dt.date, str], list[tuple[str, int, bool, str]]] = defaultdict(list)
        groups: dict[tuple[str, dt.date], list[tuple[str, int, bool, str]]] = defaultdict(list)
        group_people: dict[str, list[str]] = {}
        for m in messages:
            source = Source(file, m.line)
            if m.day > self.today:
                self.skip(source, f"dated {m.day}, after today")
                continue
            from_me = m.outgoing if m.sender_url is None else m.sender_url == owner
            if m.conversation and members.get(m.conversation):
                others = list(members[m.conversation])
            elif from_me:
                others = list(m.recipient_urls) or [NAME_KEY + n for n in m.recipients]
            else:
                others = [m.sender_url or NAME_KEY + m.sender]
            if not others:
                self.skip(source, "a message from me to nobody (no TO, no RECIPIENT PROFILE URLS)")
                continue
            found = [self.resolve(who, index, names) for who in others]
            slugs = [slug for slug, _ in found if slug]
            doubts = [doubt for _, doubt in found if doubt]
            group = bool(m.conversation) and len(others) >= 2
            item = (m.moment, m.line, bool(from_me), m.excerpt)
            if group and slugs:
                group_people.setdefault(m.conversation, list(dict.fromkeys(slugs)))
                groups[(m.conversation, m.day)].append(item)
                continue
            if not slugs:
                if doubts:
                    self.skip(source, f"{doubts[0]}: cannot tell whom the message was with")
                else:
                    self.skip(source, self._nobody(m, others, bool(from_me), group))
                continue
            for slug in dict.fromkeys(slugs):
                days[(m.day, slug)].append(item)
        for (day, slug), items in sorted(days.items()):
            items.sort()
            self.add_entry(
                f"message|{keys.get(slug, slug)}|{day.isoformat()}",
                day,
                slug,
                f"messages-with-{slug}",
                [("kind", "message"), ("initiated_by", "me" if items[0][2] else "them")],
                _message_body(items, "from them"),
                Source(file, items[0][1]),
                same_kind="message",
            )
        for (conversation, day), items in sorted(
            groups.items(), key=lambda kv: (kv[0][1], kv[0][0])
        ):
            items.sort()
            people = group_people[conversation]
            earlier = [f"message|{keys.get(slug, slug)}|{day.isoformat()}" for slug in people]
            if any(key in self.state.entries for key in earlier):
                self.unchanged += 1  # imported per person by an earlier version: not again
                continue
            title = titles.get(conversation, "")
            words = slugify_text(title, 40) if title else ""
            body = _message_body(items, "from others")
            if title:
                body = f"Group conversation “{esc(title)}”. " + body
            else:
                body = "Group conversation. " + body
            self.add_entry(
                f"conversation|{conversation}|{day.isoformat()}",
                day,
                people[0],
                f"group-messages-{words or people[0]}",
                [("kind", "message"), ("initiated_by", "me" if items[0][2] else "them")],
                body,
                Source(file, items[0][1]),
                people=people,
            )

    @staticmethod
    def _nobody(m: Message, others: list[str], from_me: bool, group: bool) -> str:
        by_name = any(o.startswith(NAME_KEY) for o in others)
        how = "matched by name" if by_name else "matched by profile URL"
        if group:
            return f"a message in a group conversation with no contact in it ({how})"
        if from_me:
            shown = ", ".join(o.removeprefix(NAME_KEY) for o in others)
            return f"a message from me to {shown}: not a contact ({how})"
        who = f"{m.sender} ({m.sender_url})" if m.sender_url else m.sender
        return f"a message from {who}: not a contact ({how})"

    def add_recommendations(self, given: bool) -> None:
        rows = self.export.recommendations_given if given else self.export.recommendations_received
        file = self._file("recommendations_given" if given else "recommendations_received")
        for row in rows:
            source = Source(file, row.line)
            if row.day is None:
                continue
            if row.day > self.today:
                self.skip(source, f"dated {row.day}, after today")
                continue
            person = self.person_by_name(row.name, row.company, row.title)
            if isinstance(person, str):
                self.skip(source, f"{person}: cannot tell whom the recommendation is about")
                continue
            if person is None:
                self.skip(
                    source, f"'{row.name}' is not a connection or a contact (matched by name)"
                )
                continue
            slug = person.slug or ""
            if given:
                data: list[tuple[str, object]] = [("kind", "note"), ("evidence", row.text)]
                body = "A recommendation I wrote for them on LinkedIn (imported)."
                words, kind = f"recommendation-for-{slug}", "recommendation-given"
            else:
                data = [("kind", "note"), ("got", "A recommendation on LinkedIn")]
                body = f"Their recommendation of me on LinkedIn (imported):\n\n> {esc(row.text)}"
                words, kind = f"recommendation-from-{slug}", "recommendation-received"
            key = f"{kind}|{person.key}|{row.day.isoformat()}"
            self.add_entry(key, row.day, slug, words, data, body, source)

    def add_endorsements(self, given: bool) -> None:
        """Endorsements as small favours: a `reaction` entry per person, day and direction."""
        rows = self.export.endorsements_given if given else self.export.endorsements_received
        file = self._file("endorsements_given" if given else "endorsements_received")
        found: dict[tuple[dt.date, str], list[tuple[Endorsement, _Person]]] = defaultdict(list)
        for row in rows:
            source = Source(file, row.line)
            if row.day > self.today:
                self.skip(source, f"dated {row.day}, after today")
                continue
            person: _Person | str | None = (
                self.person_by_url(row.url, row.name, source) if row.url else None
            )
            if person is None:
                person = self.person_by_name(row.name)
                if isinstance(person, _Person) and row.url and person.url is not None:
                    person = None  # a namesake with another profile: someone else
            if isinstance(person, str):
                self.skip(source, f"{person}: cannot tell who the endorsement was with")
                continue
            if person is None:
                who = f"{row.name} ({row.url})" if row.name and row.url else row.name or row.url
                self.skip(source, f"{who} is not a connection or a contact")
                continue
            found[(row.day, person.key)].append((row, person))
        for (day, key), items in sorted(found.items()):
            person = items[0][1]
            slug = person.slug or ""
            skills = ", ".join(dict.fromkeys(row.skill for row, _ in items))
            many = "skills" if ", " in skills else "skill"
            if given:
                data: list[tuple[str, object]] = [
                    ("kind", "reaction"),
                    ("gave", f"Endorsed their {many} on LinkedIn: {skills}"),
                ]
                words, kind = f"endorsed-{slug}", "endorsement-given"
            else:
                data = [("kind", "reaction"), ("got", f"Endorsed my {many} on LinkedIn: {skills}")]
                words, kind = f"endorsed-by-{slug}", "endorsement-received"
            topics = [t for t in dict.fromkeys(slugify_text(r.skill) for r, _ in items) if t]
            if topics:  # the skills on the Tags page: who vouched for which, whom I did
                data.append(("about", topics))
            body = "Imported from LinkedIn: a skill endorsement, a small favour."
            source = Source(file, items[0][0].line)
            self.add_entry(f"{kind}|{key}|{day.isoformat()}", day, slug, words, data, body, source)

    def _file(self, kind: str) -> str:
        names = {
            "endorsements_given": "Endorsement_Given_Info.csv",
            "endorsements_received": "Endorsement_Received_Info.csv",
            "connections": "Connections.csv",
            "messages": "messages.csv",
            "invitations": "Invitations.csv",
            "recommendations_given": "Recommendations_Given.csv",
            "recommendations_received": "Recommendations_Received.csv",
        }
        wanted = names[kind].lower()
        for name in self.export.files:
            if name.rsplit("/", 1)[-1].lower() == wanted:
                return name
        return self.export.files[0] if len(self.export.files) == 1 else names[kind]


def plan_import(
    export: Export,
    journal: JournalSnapshot,
    state: ImportState,
    today: dt.date,
    owner: str | None = None,
) -> Plan:
    """What importing `export` into `journal` would create, update and skip (pure)."""
    planner = _Planner(export, journal, state, today)
    planner.add_connections()
    planner.add_invitations()
    connection_urls = {r.url for r in export.connections if r.url}
    connection_names = frozenset(r.name for r in export.connections if not r.url)
    owner = owner or detect_owner(export.messages, connection_urls, connection_names) or state.owner
    created, updates, people = planner.plan_contacts()
    planner.add_messages(owner)
    planner.add_recommendations(given=True)
    planner.add_recommendations(given=False)
    planner.add_endorsements(given=True)
    planner.add_endorsements(given=False)
    new_state = ImportState(people, planner.entry_state, owner)
    return Plan(
        new_contacts=tuple(created),
        updates=tuple(updates),
        new_entries=tuple(planner.new_entries),
        unchanged=planner.unchanged,
        skipped=tuple(sorted(planner.skipped)),
        notes=tuple(sorted(planner.notes)),
        state=new_state,
        owner=owner,
        job_changes=tuple(planner.job_changes),
    )
