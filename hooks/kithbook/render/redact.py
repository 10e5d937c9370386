"""Redaction for screen-sharing: an analysis with contact details and private text taken out.

A pure transformation applied before rendering, so every page, `kithbook.json` and
`kithbook.ics` show the same redacted text and no renderer needs an `if`. What is left out:

- e-mail addresses, phone numbers and web addresses, in every field and every body;
- a contact's `links`, and the year of their `birthday`;
- the text of `personal: true` entries: body, gave, got, evidence, the follow-up's `what`,
  and the words of the file name (title, page anchor and path become `<date>-personal`);
- everything under a heading named "Private" (any level) in a body, up to the next heading
  of the same or a higher level;
- from the git history: commit subjects and ids, and changes of closeness and tags.

The numbers stay those of the whole journal: scores, tiers and ledger counts are derived
before redaction, so a screen-share shows the same network.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model.changes import Change
from ..model.derive import Derived, FollowUpItem
from ..model.drafts import draft_referral
from ..model.ledger import LedgerLine
from ..model.network import Network
from ..model.paths import Company
from ..model.referrals import Evidence, ReferralViews, Vouch
from ..pipeline import Analysis
from ..reading.records import (
    Application,
    Contact,
    Entry,
    FollowUp,
    Journal,
    Known,
    Problem,
    Source,
)
from .text import FENCE_OPEN

EMAIL_HIDDEN = "(e-mail hidden)"
PHONE_HIDDEN = "(phone hidden)"
LINK_HIDDEN = "(link hidden)"
PERSONAL_HIDDEN = "(personal: hidden)"
PRIVATE_HIDDEN = "*(private notes hidden)*"
PERSONAL_TITLE = "Personal entry"

BANNER_CLASS = "kb-redacted"
BANNER_TEXT = (
    "Redacted for screen-sharing: e-mail addresses, phone numbers, links, the text of "
    "personal entries and private notes are left out."
)
HAND_WRITTEN_TEXT = (
    "Redacted build: the journal's pages leave out e-mail addresses, phone numbers, links, "
    "personal entries and private notes. This page is written by hand and shown as it is."
)

BANNER_HTML = (
    f'<div class="admonition warning {BANNER_CLASS}"><p class="admonition-title">Redacted</p>'
    f"<p>{BANNER_TEXT}</p></div>"
)

_URL = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]")
_EMAIL = re.compile(r"(?i)(?:mailto:)?[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A run of digits with the separators phone numbers are written with; see _is_phone.
_PHONE = re.compile(r"(?:tel:)?(?<![\w+])\+?\(?\d[\d \t().\-]{5,}\d(?!\w)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INLINE_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?[^)\n]*\)")
_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.\-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>", re.I)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*(?:\n[ \t]+\S.*)?$", re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?!#)[ \t]*(.*?)[ \t#]*$")
_UNDERLINE = re.compile(r"^ {0,3}([=-])\1*[ \t]*$")


def _is_phone(match: re.Match[str]) -> bool:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if _ISO_DATE.search(text):
        return False  # "2026-11-20 to 2026-11-22" is dates, not a number to call
    marked = text.startswith(("+", "(", "tel:"))
    return digits >= (7 if marked else 9)


def scrub(text: str) -> str:
    """Plain text with web addresses, e-mail addresses and phone numbers replaced."""
    if not text:
        return text
    text = _URL.sub(LINK_HIDDEN, text)
    text = _EMAIL.sub(EMAIL_HIDDEN, text)
    return _PHONE.sub(lambda m: PHONE_HIDDEN if _is_phone(m) else m.group(0), text)


def _scrub_opt(text: str | None) -> str | None:
    return None if text is None else scrub(text)


def drop_private(body: str) -> str:
    """The body without its "Private" sections (headings inside fenced code do not count).

    A heading is `#`-style or underlined (`===` for level 1, `---` for level 2). Any line of
    text with an underline starts a Private section, as CommonMark has it (Python-Markdown
    sees some of those as text and a rule; hiding a little more is safe). Only an underlined
    heading that Python-Markdown also sees, a first line after a blank one, ends it.
    """
    out: list[str] = []
    fence: re.Pattern[str] | None = None
    private_level = 0  # the level of the Private heading being skipped, 0 when none
    text_line: str | None = None  # the line before, when an underline would make it a heading
    starts_block = False  # whether that line is the first of its block
    after_blank = True
    for line in body.split("\n"):
        level, title, underlined, code = 0, "", False, False
        if fence is not None:
            code = True
            if fence.match(line):
                fence = None
        elif (opening := FENCE_OPEN.match(line)) is not None:
            code = True
            mark = opening.group(2)
            fence = re.compile(rf"^ {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        elif (heading := _HEADING.match(line)) is not None:
            level, title = len(heading.group(1)), heading.group(2)
        elif text_line is not None and (underline := _UNDERLINE.match(line)) is not None:
            level, title, underlined = (1 if underline.group(1) == "=" else 2), text_line, True
        ends = level and (starts_block or not underlined)
        if ends and private_level and level <= private_level:
            private_level = 0
            if underlined:
                out.append(text_line or "")  # the heading's text, skipped as private
        if level and not private_level and title.strip().lower() == "private":
            if underlined:
                out.pop()  # "Private", kept as a line of text before its underline
            private_level = level
            out += [PRIVATE_HIDDEN, ""]
            text_line, after_blank = None, True
            continue
        if not private_level:
            out.append(line)
        is_text = not code and not level and bool(line.strip())
        text_line, starts_block = (line, after_blank) if is_text else (None, False)
        after_blank = not line.strip() or bool(level)
    return "\n".join(out)


def redact_body(body: str) -> str:
    """A Markdown body without private sections, links to other sites and contact details."""
    if not body.strip():
        return body
    text = drop_private(body)
    text = _INLINE_LINK.sub(_unlink, text)
    text = _AUTOLINK.sub(LINK_HIDDEN, text)
    text = _REF_DEF.sub("", text)
    return scrub(text)


def _unlink(match: re.Match[str]) -> str:
    """A link to another site keeps its text; a relative link (another page here) stays."""
    image, label, address = match.groups()
    if not image and address and ":" not in address and not address.startswith("//"):
        return match.group(0)
    return label or LINK_HIDDEN


@dataclass(frozen=True)
class RedactedAnalysis(Analysis):
    """An analysis whose text went through `redact_analysis` (so it is never redacted twice)."""


def ensure_redacted(analysis: Analysis) -> Analysis:
    """The analysis to show: redacted when its settings ask for it, else as it is."""
    if not analysis.settings.redact or isinstance(analysis, RedactedAnalysis):
        return analysis
    return redact_analysis(analysis)


def redact_analysis(analysis: Analysis) -> RedactedAnalysis:
    """The same analysis with every record and derived text redacted; the numbers unchanged."""
    redactor = _Redactor(analysis.settings.owner, analysis.today)
    redactor.reserve(e.id for e in analysis.journal.entries)
    values: dict[str, Any] = {
        f.name: getattr(analysis, f.name) for f in dataclasses.fields(analysis)
    }
    values.update(
        journal=redactor.journal(analysis.journal),
        problems=tuple(redactor.problem(p) for p in analysis.problems),
        derived=redactor.derived(analysis.derived),
        changes=redact_changes(analysis.changes),
    )
    return RedactedAnalysis(**values)


def redact_changes(
    changes: Mapping[str, tuple[Change, ...]],
) -> dict[str, tuple[Change, ...]]:
    """The history without commit subjects and ids, and without changes of private fields
    (closeness, tags); what is left is scrubbed like every other text."""
    return {
        slug: tuple(
            dataclasses.replace(c, text=scrub(c.text), subject=None, commit=None)
            for c in found
            if not c.private
        )
        for slug, found in changes.items()
    }


@dataclass(frozen=True, slots=True)
class _PersonalEntry(Entry):
    """A personal entry: its title comes from the file name, so it is hidden too."""

    @property
    def title(self) -> str:
        return PERSONAL_TITLE


class _Redactor:
    """Redacts each record once, so every view shares the same redacted objects."""

    def __init__(self, owner: str, today: dt.date) -> None:
        self.owner = owner
        self.today = today
        self._contacts: dict[int, Contact] = {}
        self._entries: dict[int, Entry] = {}
        self._ids: dict[str, str] = {}  # a personal entry's id → the id shown instead
        self._paths: dict[str, str] = {}  # and its path → the path shown instead
        self._taken: set[str] = set()

    def reserve(self, ids: Iterable[str]) -> None:
        """Entry ids already in use: a personal entry's new id must not clash with them."""
        self._taken.update(ids)

    def _hidden_id(self, entry: Entry) -> str:
        if entry.id not in self._ids:
            base = candidate = f"{entry.date.isoformat()}-personal"
            n = 1
            while candidate in self._taken:
                n += 1
                candidate = f"{base}-{n}"
            self._taken.add(candidate)
            self._ids[entry.id] = candidate
        return self._ids[entry.id]

    def contact(self, contact: Contact) -> Contact:
        done = self._contacts.get(id(contact))
        if done is None:
            done = dataclasses.replace(
                contact,
                name=scrub(contact.name),
                aliases=tuple(scrub(a) for a in contact.aliases),
                company=_scrub_opt(contact.company),
                title=_scrub_opt(contact.title),
                location=_scrub_opt(contact.location),
                tags=tuple(scrub(tag) for tag in contact.tags),
                how_we_met=_scrub_opt(contact.how_we_met),
                links=(),
                birthday=dataclasses.replace(contact.birthday, year=None)
                if contact.birthday
                else None,
                knows=tuple(self._known(k) for k in contact.knows),
                vouch=tuple(scrub(v) for v in contact.vouch),
                body=redact_body(contact.body),
            )
            self._contacts[id(contact)] = done
        return done

    @staticmethod
    def _known(known: Known) -> Known:
        return dataclasses.replace(
            known,
            name=_scrub_opt(known.name),
            company=_scrub_opt(known.company),
            title=_scrub_opt(known.title),
        )

    def entry(self, entry: Entry) -> Entry:
        done = self._entries.get(id(entry))
        if done is None:
            done = self._personal(entry) if entry.personal else self._plain(entry)
            self._entries[id(entry)] = done
        return done

    @staticmethod
    def _plain(entry: Entry) -> Entry:
        follow_up = entry.follow_up
        return dataclasses.replace(
            entry,
            gave=_scrub_opt(entry.gave),
            got=_scrub_opt(entry.got),
            evidence=_scrub_opt(entry.evidence),
            about=tuple(scrub(a) for a in entry.about),
            follow_up=_follow_up(follow_up, scrub(follow_up.what)) if follow_up else None,
            body=redact_body(entry.body),
            application=_application(entry.application),
        )

    def _personal(self, entry: Entry) -> Entry:
        def hidden(value: str | None) -> str | None:
            return PERSONAL_HIDDEN if value else value

        new_id = self._hidden_id(entry)
        folder = entry.path.rpartition("/")[0]
        path = self._paths.setdefault(entry.path, f"{folder}/{new_id}.md" if folder else new_id)

        def moved(source: Source) -> Source:
            return Source(path, source.line)

        follow_up = entry.follow_up
        values = {f.name: getattr(entry, f.name) for f in dataclasses.fields(entry)}
        values.update(
            id=new_id,
            source=moved(entry.source),
            gave=hidden(entry.gave),
            got=hidden(entry.got),
            evidence=hidden(entry.evidence),
            about=tuple(scrub(a) for a in entry.about),
            follow_up=dataclasses.replace(
                follow_up, what=PERSONAL_HIDDEN, source=moved(follow_up.source)
            )
            if follow_up
            else None,
            body=PERSONAL_HIDDEN if entry.body.strip() else "",
            application=_application(entry.application),
            mentions=tuple(dataclasses.replace(m, source=moved(m.source)) for m in entry.mentions),
        )
        return _PersonalEntry(**values)

    def journal(self, journal: Journal) -> Journal:
        return Journal(
            tuple(self.contact(c) for c in journal.contacts),
            tuple(self.entry(e) for e in journal.entries),
            tuple(self.problem(p) for p in journal.problems),
        )

    def problem(self, problem: Problem) -> Problem:
        path = self._paths.get(problem.source.path, problem.source.path)
        return Problem(Source(path, problem.source.line), scrub(problem.message))

    def network(self, network: Network) -> Network:
        journal = self.journal(network.journal)  # first: it names the personal entries
        ids = self._ids
        tags: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for tag, (slugs, entry_ids) in network.tags.items():
            old_slugs, old_ids = tags.get(scrub(tag), ((), ()))
            tags[scrub(tag)] = (
                old_slugs + slugs,
                old_ids + tuple(ids.get(i, i) for i in entry_ids),
            )
        backlinks = {
            slug: tuple(
                dataclasses.replace(b, from_entry=ids.get(b.from_entry, b.from_entry))
                if b.from_entry
                else b
                for b in links
            )
            for slug, links in network.backlinks.items()
        }
        entries = [self.entry(e) for e in network.entries.values()]
        return dataclasses.replace(
            network,
            journal=journal,
            contacts={slug: self.contact(c) for slug, c in network.contacts.items()},
            entries={e.id: e for e in entries},
            timeline={
                slug: tuple(self.entry(e) for e in es) for slug, es in network.timeline.items()
            },
            backlinks=backlinks,
            tags=tags,
        )

    def derived(self, derived: Derived) -> Derived:
        network = self.network(derived.network)
        return dataclasses.replace(
            derived,
            network=network,
            follow_ups=tuple(self._follow_up_item(f) for f in derived.follow_ups),
            referrals=self._referrals(derived.referrals, network.contacts),
            companies=tuple(self._company(c) for c in derived.companies),
            fortify=tuple(
                dataclasses.replace(f, reason=scrub(f.reason), draft=scrub(f.draft))
                for f in derived.fortify
            ),
            ledger={slug: self._ledger_line(line) for slug, line in derived.ledger.items()},
        )

    def _follow_up_item(self, item: FollowUpItem) -> FollowUpItem:
        entry = self.entry(item.entry)
        what = entry.follow_up.what if entry.follow_up else scrub(item.what)
        return dataclasses.replace(item, entry=entry, what=what)

    def _referrals(self, views: ReferralViews, contacts: Mapping[str, Contact]) -> ReferralViews:
        send_to: dict[str, tuple[str, ...]] = {}
        for company, slugs in views.send_to.items():
            send_to[scrub(company)] = send_to.get(scrub(company), ()) + slugs
        return dataclasses.replace(
            views,
            vouch_for=tuple(self._vouch(v, contacts[v.slug]) for v in views.vouch_for),
            send_to=send_to,
        )

    def _vouch(self, vouch: Vouch, contact: Contact) -> Vouch:
        evidence = tuple(
            Evidence(
                PERSONAL_HIDDEN if item.entry and item.entry.personal else scrub(item.text),
                self.entry(item.entry) if item.entry else None,
            )
            for item in vouch.evidence
        )
        shareable = [
            e.text for e, item in zip(evidence, vouch.evidence, strict=True)
            if not (item.entry and item.entry.personal)
        ]  # fmt: skip
        draft = draft_referral(contact, shareable, vouch.known_since, self.today, self.owner)
        return dataclasses.replace(vouch, evidence=evidence, draft=draft)

    @staticmethod
    def _company(company: Company) -> Company:
        paths = tuple(
            dataclasses.replace(
                p,
                company=scrub(p.company),
                target=scrub(p.target),
                target_title=_scrub_opt(p.target_title),
                draft=scrub(p.draft),
                advice=scrub(p.advice),
            )
            for p in company.paths
        )
        return dataclasses.replace(company, name=scrub(company.name), paths=paths)

    def _ledger_line(self, line: LedgerLine) -> LedgerLine:
        return dataclasses.replace(
            line,
            gave=tuple(self.entry(e) for e in line.gave),
            got=tuple(self.entry(e) for e in line.got),
        )


def _follow_up(follow_up: FollowUp, what: str) -> FollowUp:
    return dataclasses.replace(follow_up, what=what)


def add_banner(markdown: str, text: str = BANNER_TEXT) -> str:
    """The page with a "Redacted" notice under its title (once, however often it is called)."""
    if BANNER_CLASS in markdown[:2000] and text in markdown:
        return markdown
    banner = f'!!! warning {BANNER_CLASS} "Redacted"\n    {text}\n\n'
    first, _, rest = markdown.partition("\n")
    if first.startswith("# "):  # MkDocs takes the page title from a first-line heading only
        return first + "\n\n" + banner + rest.lstrip("\n")
    return banner + markdown


def _application(application: Application | None) -> Application | None:
    if application is None:
        return None
    return dataclasses.replace(
        application,
        company=scrub(application.company),
        role=_scrub_opt(application.role),
        link=_scrub_opt(application.link),
    )
