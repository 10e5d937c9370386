"""Plan a contacts import: pure decisions from the cards, the journal and the state.

New people become contacts. A person already in the journal (by e-mail, LinkedIn address,
then exact name) gains the e-mails, phones and links they lack, and the company, title and
birthday when empty; a value that differs from what the user wrote is reported as a
conflict and left alone (docs/cli.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ...reading.fields import Birthday, parse_birthday
from ...reading.load import CONTACTS
from ...reading.records import Problem, Source
from ...writing.slugs import SlugPool, contact_slug, fold
from ..linkedin.urls import normalise_profile_url
from ..shared.journal import Ambiguous, JournalView, KnownContact, PeopleIndex, contact_emails
from ..shared.plan import Change, FileUpdate, NewFile, Plan, as_text
from ..shared.state import Record, SourceState
from .read import Card, VCardFile

SOURCE = "contacts"
ABOUT = (
    "What `kith import contacts` last wrote (see docs/cli.md): for each card (by UID, else "
    "e-mail, else name), its contact and the values the import filled."
)
SCALARS = ("company", "title", "birthday")
_DIGITS = re.compile(r"\D")


def _digits(text: str) -> str:
    return _DIGITS.sub("", text)


def card_key(card: Card) -> str:
    if card.uid:
        return "uid:" + card.uid
    if card.emails:
        return "email:" + card.emails[0]
    return "name:" + card.name


def _birthday_value(birthday: Birthday) -> object:
    """As it goes into front matter: a date when the year is known, else `--MM-DD`."""
    if birthday.year:
        return dt.date(birthday.year, birthday.month, birthday.day)
    return birthday.text


def _same_birthday(current: str, birthday: Birthday) -> bool:
    parsed = parse_birthday(current)
    return isinstance(parsed, Birthday) and parsed == birthday


def merge(first: Card, other: Card) -> None:
    """Add to `first` what a duplicate card of the same person has and it lacks."""
    first.emails += [e for e in other.emails if e not in first.emails]
    known = {_digits(n) for _, n in first.phones}
    first.phones += [(k, n) for k, n in other.phones if _digits(n) not in known]
    first.urls += [u for u in other.urls if u not in first.urls]
    first.linkedin = first.linkedin or other.linkedin
    first.company = first.company or other.company
    first.title = first.title or other.title
    first.birthday = first.birthday or other.birthday
    first.uid = first.uid or other.uid


@dataclass
class _Links:
    """A contact's links as the planner adds to them: names taken and values present."""

    names: set[str]
    values: set[str]
    digits: set[str]

    def free(self, base: str) -> str:
        name, n = base, 2
        while name in self.names:
            name, n = f"{base}{n}", n + 1
        self.names.add(name)
        return name


def _links_of(data: Mapping[str, object]) -> _Links | None:
    links = data.get("links")
    if links is None:
        return _Links(set(), set(), set())
    if not isinstance(links, Mapping):
        return None
    values = {str(v).strip() for v in links.values() if v is not None}
    digits = {_digits(v) for v in values if len(_digits(v)) >= 6}
    return _Links({str(k) for k in links}, values, digits)


class _Planner:
    def __init__(self, vcf: VCardFile, journal: JournalView, state: SourceState) -> None:
        self.vcf = vcf
        self.journal = journal
        self.state = state
        self.index = PeopleIndex(journal.contacts)
        self.by_linkedin: dict[str, str] = {}
        for slug, contact in sorted(journal.contacts.items()):
            links = contact.data.get("links")
            raw = links.get("linkedin") if isinstance(links, Mapping) else None
            url = normalise_profile_url(raw) if isinstance(raw, str) else None
            if url:
                self.by_linkedin.setdefault(url, slug)
        self.by_path = {c.path: c.slug for c in journal.contacts.values()}
        self.skipped: list[Problem] = []
        self.notes: list[Problem] = []
        self.new_files: list[NewFile] = []
        self.updates: list[FileUpdate] = []
        self.records: dict[str, Record] = dict(state.records)
        self.claimed: dict[str, int] = {}  # slug → card line
        self.pool = SlugPool(journal.contact_stems)
        self.unchanged = 0

    def source(self, card: Card) -> Source:
        return Source(self.vcf.path, card.line)

    def skip(self, card: Card, message: str) -> None:
        self.skipped.append(Problem(self.source(card), f"skipped: {message}"))

    def note(self, card: Card, message: str) -> None:
        self.notes.append(Problem(self.source(card), message))

    def unique_cards(self) -> list[Card]:
        """Cards of people, duplicates (same e-mail or exact name) merged into the first."""
        kept: list[Card] = []
        seen: dict[str, Card] = {}
        for card in self.vcf.cards:
            if card.group:
                self.skip(card, "a contact group, not a person")
                continue
            if not card.name:
                self.skip(card, "no name (FN and N are empty)")
                continue
            names = [f"@{e}" for e in card.emails] + [f"={fold(card.name)}"]
            first = next((seen[n] for n in names if n in seen), None)
            if first is not None:
                merge(first, card)
                self.note(card, f"the same person as the card at line {first.line}: merged")
                target = first
            else:
                kept.append(card)
                target = card
            for n in [f"@{e}" for e in target.emails] + [f"={fold(target.name)}"]:
                seen.setdefault(n, target)
        return kept

    def find(self, card: Card, key: str) -> str | bool | None:
        """The contact's slug; None for a new one; False when the card is skipped."""
        remembered = self.state.records.get(key)
        if remembered is not None:
            slug = self.by_path.get(remembered.path)
            if slug is None:
                self.skip(
                    card,
                    f'{remembered.path} was deleted by hand: not re-created (remove "{key}" '
                    "from .kithbook/contacts.json to import it again)",
                )
                return False
            return slug
        for email in card.emails:
            found = self.index.match(email, None)
            if isinstance(found, Ambiguous):
                self.skip(card, found.message)
                return False
            if found is not None:
                return found
        if card.linkedin and card.linkedin in self.by_linkedin:
            return self.by_linkedin[card.linkedin]
        found = self.index.match(None, card.name)
        if isinstance(found, Ambiguous):
            self.skip(card, f"{found.message}: cannot tell which one this card is")
            return False
        return found

    def desired_links(self, card: Card, links: _Links) -> list[tuple[str, str]]:
        """(link name, value) for each address the contact lacks, under a free name."""
        out: list[tuple[str, str]] = []
        emails = set()
        for value in links.values:
            text = value.lower().removeprefix("mailto:")
            emails.add(text)
        for email in card.emails:
            if email not in emails:
                out.append((links.free("email"), email))
        for kind, number in card.phones:
            if _digits(number) not in links.digits:
                out.append((links.free(kind), number))
                links.digits.add(_digits(number))
        if card.linkedin and "linkedin" not in links.names:
            out.append((links.free("linkedin"), card.linkedin))
        for url in card.urls:
            if url not in links.values:
                out.append((links.free("website"), url))
        return out

    def plan_card(self, card: Card) -> None:
        key = card_key(card)
        slug = self.find(card, key)
        if slug is False:
            return
        if isinstance(slug, str):
            if slug in self.claimed:
                line = self.claimed[slug]
                self.skip(card, f"matches the same contact as the card at line {line}")
                return
            self.claimed[slug] = card.line
            self.update(card, key, self.journal.contacts[slug])
            return
        hint = card.emails[0].split("@")[0] if card.emails else ""
        new = contact_slug(card.name, self.pool, hint)
        data: list[tuple[str, object]] = [("name", card.name)]
        fields: dict[str, str] = {}  # the fields the ownership rule follows (links: added only)
        for name, value in (("company", card.company), ("title", card.title)):
            if value:
                data.append((name, value))
                fields[name] = value
        if card.birthday is not None:
            data.append(("birthday", _birthday_value(card.birthday)))
            fields["birthday"] = str(card.birthday)
        for name, value in self.desired_links(card, _Links(set(), set(), set())):
            data.append((f"links.{name}", value))
        path = f"{CONTACTS}/{new}.md"
        self.new_files.append(NewFile("contact", path, tuple(data), "", self.source(card)))
        self.records[key] = Record(path, fields)

    def update(self, card: Card, key: str, contact: KnownContact) -> None:
        remembered = self.state.records.get(key)
        last: Mapping[str, str] = remembered.fields if remembered else {}
        fields = dict(last)
        changes: list[Change] = []
        wanted: dict[str, tuple[str, object]] = {}
        if card.company:
            wanted["company"] = (card.company, card.company)
        if card.title:
            wanted["title"] = (card.title, card.title)
        if card.birthday is not None:
            wanted["birthday"] = (str(card.birthday), _birthday_value(card.birthday))
        for name, (text, value) in wanted.items():
            current = as_text(contact.data.get(name))
            same = (
                current is not None
                and card.birthday is not None
                and _same_birthday(current, card.birthday)
                if name == "birthday"
                else current == text
            )
            if same:
                fields[name] = text
            elif current is None:
                if name not in last:
                    changes.append(Change(name, None, text, value))
                    fields[name] = text
            elif last.get(name) == current:
                changes.append(Change(name, current, text, value))
                fields[name] = text
            else:
                self.note(
                    card,
                    f"conflict: {contact.path} has {name} '{current}', the card '{text}': "
                    "kept yours",
                )
        links = _links_of(contact.data)
        if links is None:
            self.note(card, f"{contact.path}: links is not a mapping; no links added")
        else:
            current_links = contact.data.get("links")
            linkedin = current_links.get("linkedin") if isinstance(current_links, Mapping) else None
            if (
                card.linkedin
                and isinstance(linkedin, str)
                and normalise_profile_url(linkedin) not in (None, card.linkedin)
            ):
                self.note(
                    card,
                    f"conflict: {contact.path} has links.linkedin '{linkedin}', the card "
                    f"'{card.linkedin}': kept yours",
                )
            known = set(contact_emails(contact.data))
            for name, value in self.desired_links(card, links):
                if value in known:
                    continue
                changes.append(Change(f"links.{name}", None, value, value))
        self.records[key] = Record(contact.path, fields)
        if changes:
            self.updates.append(
                FileUpdate(
                    "contact",
                    contact.path,
                    tuple(changes),
                    None,
                    self.source(card),
                    key,
                    remembered,
                )
            )
        else:
            self.unchanged += 1


def plan_contacts(vcf: VCardFile, journal: JournalView, state: SourceState) -> Plan:
    """What importing the cards would create, update and skip (pure)."""
    planner = _Planner(vcf, journal, state)
    for card in planner.unique_cards():
        planner.plan_card(card)
    return Plan(
        new_files=tuple(planner.new_files),
        updates=tuple(planner.updates),
        unchanged=planner.unchanged,
        skipped=tuple(sorted(planner.skipped)),
        notes=tuple(sorted([*vcf.notes, *planner.notes])),
        state=SourceState(planner.records, state.extra),
    )
