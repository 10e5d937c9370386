"""Redaction for screen-sharing: an analysis with contact details and private text taken out.

A pure transformation applied before rendering, so every page, `kithbook.json` and
`kithbook.ics` show the same redacted text and no renderer needs an `if`. What is left out:

- e-mail addresses, phone numbers and web addresses, in every field and every body, however
  written (character references like `ada&#64;x.com`, backslash escapes, national phone
  formats with slashes, dashes, no-break or thin spaces, 7-digit local numbers);
- a contact's `links`, and the year of their `birthday`;
- the text of `personal: true` entries: body, gave, got, evidence, the follow-up's `what`,
  the `about` topics, and the words of the file name (title, page anchor and path become
  `<date>-personal`); on the Errors page, the values quoted by problems in personal entries
  (and in entries too broken to tell);
- everything under a heading reading "Private" (any level, any inline markup or punctuation,
  also inside quotes and list items) in a body, up to the next heading of the same or a
  higher level or the end of its quote or item. What remains is rendered as the site renders
  it and checked: a "Private" heading still there hides the whole body;
- from the git history: commit subjects and ids, file paths in the note on why it is
  empty or partial, and changes of closeness and tags (an
  application's moves keep their dates and statuses; their entry is redacted as above);
- from the imports' state files: the titles of events coming up; the file names, skip
  reasons and job changes of each import's last run are scrubbed like every other text.

Every pattern runs in linear time, so no note can make a redacted build slow.

The numbers stay those of the whole journal: scores, tiers and ledger counts are derived
before redaction, so a screen-share shows the same network.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import markdown

from ..model.changes import Change
from ..model.derive import Derived, FollowUpItem
from ..model.drafts import draft_referral
from ..model.ledger import LedgerLine
from ..model.network import Network
from ..model.paths import Company
from ..model.referrals import Evidence, ReferralViews, Vouch
from ..pipeline import Analysis
from ..reading.import_state import ImportStates, Listed, Run, Skip
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
from .links import CHECK_EXTENSIONS
from .text import FENCE_OPEN, MAX_BODY, render_body

EMAIL_HIDDEN = "(e-mail hidden)"
PHONE_HIDDEN = "(phone hidden)"
LINK_HIDDEN = "(link hidden)"
PERSONAL_HIDDEN = "(personal: hidden)"
PRIVATE_HIDDEN = "*(private notes hidden)*"
PERSONAL_TITLE = "Personal entry"
VALUE_HIDDEN = "(value hidden)"
TITLE_HIDDEN = "(title hidden)"
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")

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

# Every pattern here runs in linear time on any text: a match can only start where a run of
# its characters starts (a look-behind), or is anchored on a character it needs (`://`, `@`),
# so a note of `a.a.a.…` or `1 1 1 …` costs one pass, not one pass per character.
_URL_MARK = re.compile(r"://[^\s<>\"'`]*")
_URL_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_WWW = re.compile(r"(?i)(?<![\w.\-])www\.[^\s<>\"'`]*")
_URL_TRAILING = ".,;:!?)]"
_EMAIL = re.compile(r"(?i)(?<![\w.+\-])(?:mailto:)?[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A phone number: digits with the separators phone numbers are written with, in every
# country's habit: spaces (also no-break, thin and figure spaces), dots, slashes, hyphens and
# dashes, parentheses. At most 32 characters, so a long run of digits costs nothing.
_PHONE_SEPARATORS = " \t().\\-/\u00a0\u2007\u2009\u200a\u202f\u2010\u2011\u2012\u2013\u2014"
_PHONE = re.compile(
    rf"(?:tel:)?(?<![\w+])(?:(?=[+(])|(?<!\d[{_PHONE_SEPARATORS}]))"
    rf"\+?\(?\d[\d{_PHONE_SEPARATORS}]{{5,30}}\d(?!\w)"
)
_PHONE_SPLIT = re.compile(rf"[{_PHONE_SEPARATORS}]+")
_DIGITS = re.compile(r"\d{2}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./](?:\d{2}|\d{4})")
_YEARS = re.compile(r"(?:1[89]|2[01])\d\d\D+(?:1[89]|2[01])\d\d")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+")
# Characters written as references (`ada&#64;x.com`) or with a backslash (`ada\@x.com`),
# decoded before looking for addresses and numbers, so no spelling hides one.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_ESCAPABLE = "@.+-_:/"
_DECODED = frozenset("@.+-_:/") | frozenset(_URL_SCHEME_CHARS)
_INLINE_LINK = re.compile(
    r"(!?)\[([^\[\]\n]*)\]\(\s*<?([^)\s<>\[\]]*)>?(?:\s+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?\s*\)"
)
_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.\-]*:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>", re.I)
_REF_DEF = re.compile(r"^[ \t>]*\[[^\]\n]+\]:.*(?:\n[ \t>]*\S.*)?$", re.MULTILINE)


def _decode(text: str) -> str:
    """Text with the characters of addresses and numbers that were written as character
    references or backslash escapes written plainly (nothing else changes)."""
    if "&" in text:
        text = _REFERENCE.sub(_plain_reference, text)
    if "\\" in text:
        for char in _ESCAPABLE:
            text = text.replace("\\" + char, char)
    return text


def _plain_reference(match: re.Match[str]) -> str:
    char = html.unescape(match.group(0))
    return char if len(char) == 1 and (char in _DECODED or char.isspace()) else match.group(0)


def _is_phone(match: re.Match[str]) -> bool:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if _ISO_DATE.search(text) or _DATE.fullmatch(text.strip("()")) or _YEARS.fullmatch(text):
        return False  # "2026-11-20 to 2026-11-22", "20.11.2026", "2019–2021" are dates
    marked = text.startswith(("+", "(", "tel:"))
    if digits >= (7 if marked else 9):
        return True
    groups = [g for g in _PHONE_SPLIT.split(text) if g]
    # 7 or 8 digits in groups (a local number: 555-1234, 030/1234567, 12 34 56 78), but
    # not thousands (1 234 567).
    return digits >= 7 and len(groups) > 1 and not _THOUSANDS.fullmatch(text)


def _hide_urls(text: str) -> str:
    """Web addresses (`scheme://…`) and `www.` addresses replaced, found from their marks."""
    if "://" in text:
        out: list[str] = []
        pos = 0
        for mark in _URL_MARK.finditer(text):
            start = mark.start()
            if start < pos:
                continue
            while start > pos and text[start - 1] in _URL_SCHEME_CHARS:
                start -= 1
            end = mark.end()
            while end > mark.start() + 3 and text[end - 1] in _URL_TRAILING:
                end -= 1
            out += [text[pos:start], LINK_HIDDEN]
            pos = end
        out.append(text[pos:])
        text = "".join(out)
    if "www." in text or "WWW." in text.upper():
        text = _WWW.sub(_www, text)
    return text


def _www(match: re.Match[str]) -> str:
    found = match.group(0)
    kept = found.rstrip(_URL_TRAILING)
    return LINK_HIDDEN + found[len(kept) :] if len(kept) > 4 else found


def scrub(text: str) -> str:
    """Plain text with web addresses, e-mail addresses and phone numbers replaced."""
    if not text:
        return text
    text = _hide_urls(_decode(text))
    if "@" in text:
        text = _EMAIL.sub(EMAIL_HIDDEN, text)
    return _PHONE.sub(_phone, text) if _DIGITS.search(text) else text


def _phone(match: re.Match[str]) -> str:
    if _is_phone(match):
        return PHONE_HIDDEN
    text = match.group(0)
    date = _ISO_DATE.match(text) or _DATE.match(text)
    if date and date.end() < len(text):  # "2026-11-20 555-1234": a date, then a number
        return text[: date.end()] + _PHONE.sub(_phone, text[date.end() :])
    return text


def _scrub_opt(text: str | None) -> str | None:
    return None if text is None else scrub(text)


def drop_private(body: str) -> str:
    """The body without its "Private" sections (headings inside fenced code do not count).

    A heading is `#`-style or underlined (`===` for level 1, `---` for level 2), at the top
    level, inside a quote or in a list item, and its title is "Private" whatever the inline
    markup or punctuation around it (`## **Private**`, `## Private:`). Any line of text with
    an underline starts a Private section, as CommonMark has it (Python-Markdown sees some of
    those as text and a rule; hiding a little more is safe). The section ends at a heading of
    the same or a higher level in the same or an outer container, or where its quote or list
    item ends; only an underlined heading that Python-Markdown also sees, a first line after
    a blank one, ends it.
    """
    if not _mentions_private(body):
        return body
    out: list[str] = []
    fence: re.Pattern[str] | None = None
    private: tuple[int, int, int] | None = None  # (level, quote depth, content column)
    text_line: str | None = None  # the line before, when an underline would make it a heading
    text_place: _Place | None = None  # and where it sits
    starts_block = False  # whether that line is the first of its block
    after_blank = True
    for line in body.split("\n"):
        where = _place(line)
        level, title, underlined, code = 0, "", False, False
        if fence is not None:
            code = True
            if fence.match(where.content):
                fence = None
        elif (opening := FENCE_OPEN.match(where.content)) is not None:
            code = True
            mark = opening.group(2)
            fence = re.compile(rf"^ {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        elif (heading := _ATX.match(where.content)) is not None:
            level, title = len(heading.group(1)), heading.group(2) or ""
        elif text_line is not None and (underline := _UNDERLINE.match(where.rest)) is not None:
            level, title, underlined = (1 if underline.group(1) == "=" else 2), text_line, True
        blank = not where.content.strip() and not where.marker
        if private is not None:
            p_level, p_depth, p_column = private
            ends = level and (starts_block or not underlined)
            if ends and level <= p_level and where.depth <= p_depth and where.indent <= p_column:
                private = None
                if underlined:
                    out.append(text_line or "")  # the heading's text, skipped as private
            elif not blank and (p_depth or p_column) and _leaves(where, private, after_blank):
                private = None
        if level and private is None and _is_private_title(title):
            if underlined:
                out.pop()  # "Private", kept as a line of text before its underline
                where = text_place or where
            private = (level, where.depth, where.column)
            out.append(where.prefix + PRIVATE_HIDDEN)
            if not where.depth and not where.column:
                out.append("")
            text_line, after_blank = None, True
            continue
        if private is None:
            out.append(line)
        is_text = not code and not level and not blank
        text_line, starts_block = (where.content, after_blank) if is_text else (None, False)
        text_place = where if is_text else None
        after_blank = blank or bool(level)
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a line's text sits: inside how many quotes, and at which column of its item."""

    depth: int  # quote markers before the text
    indent: int  # the column of the first character after the quote markers
    column: int  # the column of the text (after a list marker, when there is one)
    marker: bool  # whether the line starts a list item
    prefix: str  # the quote markers, indentation and list marker
    rest: str  # the line after its quote markers
    content: str  # the text


_QUOTES = re.compile(r"^(?:[ \t]{0,3}>[ ]?)+")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ATX = re.compile(r"^(#{1,6})(?:[ \t]+(.*)|[ \t]*)$")
_UNDERLINE = re.compile(r"^ {0,3}([=-])\1*[ \t]*$")


def _place(line: str) -> _Place:
    quotes = _QUOTES.match(line)
    depth = quotes.group(0).count(">") if quotes else 0
    at = quotes.end() if quotes else 0
    rest = line[at:]
    flat = rest.expandtabs(4)
    text = flat.lstrip(" ")
    indent = len(flat) - len(text)
    marker = _LIST_MARKER.match(flat)
    column = len(marker.group(0)) if marker else indent
    if marker:
        text = flat[column:].lstrip(" ")
        column = len(flat) - len(text)
    return _Place(depth, indent, column, bool(marker), line[:at] + flat[:column], rest, text)


def _leaves(where: _Place, private: tuple[int, int, int], after_blank: bool) -> bool:
    """Whether a line is outside the quote or list item of a Private section."""
    _, depth, column = private
    if where.marker and where.depth <= depth and where.indent < column:
        return True  # the next item of the list, or an outer one
    return after_blank and (where.depth < depth or where.indent < column)


def _is_private_title(title: str) -> bool:
    """Whether a heading's text reads "Private", whatever its markup and punctuation."""
    title = title.strip().rstrip("#")
    if "private" not in title.lower() and "&" not in title:
        return False
    return re.sub(r"[\W_]+", "", html.unescape(title).casefold()) == "private"


def _mentions_private(text: str) -> bool:
    """Whether the letters of a text, markup and references aside, spell "private"."""
    if "&" in text:
        text = html.unescape(text)
    return "private" in re.sub(r"[^a-z]+", "", text.casefold())


def _private_heading_left(text: str) -> bool:
    """Whether the HTML Markdown makes of a body (as the site renders it) has a heading
    reading "Private": a spelling `drop_private` did not see."""
    if not _mentions_private(text):
        return False
    converter = markdown.Markdown(extensions=list(CHECK_EXTENSIONS))
    page = converter.convert(render_body(text, lambda slug: None, heading_shift=0))
    for heading in _HTML_HEADING.finditer(page):
        if _is_private_title(re.sub(r"<[^>]*>", "", heading.group(1))):
            return True
    return False


_HTML_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.DOTALL)


def redact_body(body: str) -> str:
    """A Markdown body without private sections, links to other sites and contact details.

    What is left is rendered the way the site renders it and checked: if a heading reading
    "Private" is still there (a spelling the sections were not found by), the whole body is
    hidden rather than shown.
    """
    if not body.strip():
        return body
    text = drop_private(body)
    text = _INLINE_LINK.sub(_unlink, text)
    text = _AUTOLINK.sub(LINK_HIDDEN, text)
    text = _REF_DEF.sub("", text)
    text = scrub(text)
    if _private_heading_left(text[:MAX_BODY]):
        return PRIVATE_HIDDEN
    if len(text) > MAX_BODY and "private" in text[MAX_BODY:].lower():
        return text[:MAX_BODY] + "\n\n" + PRIVATE_HIDDEN  # past what the site shows: unchecked
    return text


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
    redactor.plain_paths = {e.path for e in analysis.journal.entries if not e.personal}
    values: dict[str, Any] = {
        f.name: getattr(analysis, f.name) for f in dataclasses.fields(analysis)
    }
    values.update(
        journal=redactor.journal(analysis.journal),
        problems=tuple(redactor.problem(p) for p in analysis.problems),
        derived=redactor.derived(analysis.derived),
        changes=redact_changes(analysis.changes),
        moves=tuple(
            dataclasses.replace(m, entry=redactor.entry(m.entry), subject=None, commit=None)
            for m in analysis.moves
        ),
        imports=redact_imports(analysis.imports),
        history=dataclasses.replace(analysis.history, note=redact_note(analysis.history.note)),
    )
    return RedactedAnalysis(**values)


_PATH = re.compile(r"(?:\b[A-Za-z]:)?[/\\][^\s'\"`]+")


def redact_note(note: str) -> str:
    """Why the history is empty or partial, without the file paths git's own error messages
    name (`dubious ownership in repository at '/home/…'`), scrubbed like every other text."""
    return scrub(_PATH.sub("(a folder)", note))


def redact_imports(imports: ImportStates) -> ImportStates:
    """The imports' runs with their texts scrubbed (file names, skip reasons, job changes:
    a skipped message names its sender's address) and the titles of events coming up hidden."""

    def listed(names: Listed) -> Listed:
        return dataclasses.replace(names, names=tuple(scrub(n) for n in names.names))

    def run(found: Run) -> Run:
        return dataclasses.replace(
            found,
            file=scrub(found.file),
            skips=tuple(Skip(scrub(s.file), s.line, scrub(s.reason)) for s in found.skips),
            job_changes=tuple(
                dataclasses.replace(c, old=scrub(c.old), new=scrub(c.new), file=scrub(c.file))
                for c in found.job_changes
            ),
            files_read=listed(found.files_read),
            files_ignored=listed(found.files_ignored),
            files_unknown=listed(found.files_unknown),
        )

    return ImportStates(
        tuple(
            dataclasses.replace(s, run=run(s.run)) if s.run is not None else s
            for s in imports.states
        ),
        tuple(dataclasses.replace(u, title=TITLE_HIDDEN) for u in imports.upcoming),
        imports.problems,
    )


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
        self.plain_paths: set[str] = set()  # entries known not to be personal

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
            about=(),  # a personal entry's topics say what it was about
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
        """A problem with its values left out when it is about a personal entry, or about an
        entry too broken to say whether it is one (its message may quote what was written)."""
        path = self._paths.get(problem.source.path, problem.source.path)
        message = scrub(problem.message)
        journal_file = problem.source.path.startswith("journal/")
        if problem.source.path in self._paths or (
            journal_file and problem.source.path not in self.plain_paths
        ):
            message = _QUOTED.sub(VALUE_HIDDEN, message)
        return Problem(Source(path, problem.source.line), message)

    def network(self, network: Network) -> Network:
        journal = self.journal(network.journal)  # first: it names the personal entries
        ids = self._ids
        tags: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for tag, (slugs, entry_ids) in network.tags.items():
            shown = tuple(i for i in entry_ids if i not in ids)  # not personal entries' topics
            if not slugs and not shown:
                continue
            old_slugs, old_ids = tags.get(scrub(tag), ((), ()))
            tags[scrub(tag)] = (old_slugs + slugs, old_ids + shown)
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
