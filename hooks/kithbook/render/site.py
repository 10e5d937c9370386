"""Every generated page and file of the site, from one analysis."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import parallel
from ..model.changes import Change, PeriodChanges, recent_months
from ..model.derive import Derived
from ..model.network import Network
from ..model.paths import Company, company_key
from ..pipeline import Analysis
from ..reading.import_state import ImportStates
from ..reading.records import Contact, Entry, Problem
from ..reading.settings import Settings
from . import explain as ex
from . import html as hx
from . import text as t
from .changes import CHANGES, render_changes
from .contact import render_contact, render_history
from .context import Context
from .dashboard import HOME, render_dashboard
from .directory import (
    DIRECTORY_INDEX,
    group_letters,
    letter_uri,
    plan_directory,
    render_directory_index,
    render_letter,
)
from .explain import SCORES_DOC
from .imports import IMPORTS, render_imports
from .indexes import ERRORS, PEOPLE_INDEX, TAGS, render_errors, render_people, render_tags
from .journal import JOURNAL_INDEX, group_by_month, render_journal_index, render_month
from .redact import add_banner, ensure_redacted
from .referrals import (
    COMPANIES,
    FORTIFY,
    LEDGER,
    LIST_LIMIT,
    REFERRALS,
    company_uri,
    has_page,
    render_companies,
    render_company,
    render_contact_ledger,
    render_fortify,
    render_ledger,
    render_referrals,
)
from .search import (
    SearchDoc,
    company_doc,
    contact_docs,
    directory_doc,
    entry_doc,
    page_doc,
    table_page_doc,
    tag_docs,
)
from .strength import people_columns, render_strength

PEOPLE_TEXT = "Everyone in the journal, with strength, tier, status and last contact."
PARALLEL_MIN = 2_000  # entries before rendering the months in a second process pays off


@dataclass(frozen=True, slots=True)
class Page:
    """A generated Markdown page: its docs path, content, and the file it shows (for edits)."""

    uri: str
    content: str
    source: str | None = None
    listed: bool = False  # in the navigation; pages that grow with the journal never are
    # Search entries written from the records; None: the search plugin indexes the page.
    search: tuple[SearchDoc, ...] | None = None


Part = Callable[[], list[Page]]  # renders some of the pages (in either process)


def _month_page(ctx: Context, months: dict[dt.date, list[Entry]], i: int) -> list[Page]:
    """A month's page, linked to the months before and after it."""
    keys = list(months)
    month, entries = keys[i], months[keys[i]]
    prev = keys[i - 1] if i else None
    next_ = keys[i + 1] if i + 1 < len(keys) else None
    uri = t.month_uri(month)
    at = hx.page_url(uri, ctx.directory_urls)
    docs = tuple(entry_doc(ctx, e, f"{at}#{e.id}") for e in entries)
    return [Page(uri, render_month(ctx, month, entries, prev, next_), search=docs)]


def _journal_pages(ctx: Context) -> list[Page]:
    """A page per month."""
    months = group_by_month(ctx.network.entries.values())
    return [page for i in range(len(months)) for page in _month_page(ctx, months, i)]


def _contact_page(
    ctx: Context,
    derived: Derived,
    slug: str,
    company_pages: dict[str, str],
    changes: tuple[Change, ...] = (),
    note: str = "",
) -> list[Page]:
    """A contact's page, or nothing for a contact shown on the directory."""
    if slug in ctx.directory:
        return []
    contact = ctx.network.contacts[slug]
    company = company_pages.get(company_key(contact.company)) if contact.company else None
    uri = t.contact_uri(slug)
    sections = (
        render_strength(ctx, derived, slug),
        render_contact_ledger(ctx, derived, slug),
        render_history(changes, note),
    )
    extra = "\n\n".join(s for s in sections if s)
    docs = tuple(contact_docs(ctx, contact, hx.page_url(uri, ctx.directory_urls)))
    page = render_contact(ctx, contact, extra, company)
    return [Page(uri, page, contact.source.path, search=docs)]


def _shown_at(ctx: Context) -> dict[str, str]:
    """Where each file is shown (the Errors page links to it): its page or its anchor."""
    shown_at = {c.source.path: ctx.contact_uri(slug) for slug, c in ctx.network.contacts.items()}
    for entry in ctx.network.entries.values():
        shown_at[entry.path] = f"{t.month_uri(entry.date.replace(day=1))}#{entry.id}"
    return shown_at


def make_context(
    analysis: Analysis, directory_urls: bool = True, plain_notes: bool = True
) -> Context:
    return network_context(
        analysis.derived.network,
        analysis.settings,
        analysis.today,
        analysis.root,
        analysis.problems,
        directory_urls,
        plain_notes,
    )


def network_context(
    network: Network,
    settings: Settings,
    today: dt.date,
    root: Path,
    problems: tuple[Problem, ...],
    directory_urls: bool = True,
    plain_notes: bool = True,
) -> Context:
    """What the pages read: everything but the derived views comes before the derive stage."""
    return Context(
        network=network,
        settings=settings,
        today=today,
        root=root.resolve().as_posix(),
        problems=problems,
        directory=plan_directory(network),
        redact=settings.redact,
        directory_urls=directory_urls,
        plain_notes=plain_notes,
        scores_doc=SCORES_DOC if (root / "docs" / SCORES_DOC).is_file() else None,
    )


@dataclass(frozen=True)
class Started:
    """The month pages, started before the derive stage: they need only the network."""

    ctx: Context
    months: parallel.Pending[list[Page]]

    def serves(self, ctx: Context) -> bool:
        """Whether these pages were started for `ctx` (the same network, the same options)."""
        mine, other = self.ctx, ctx
        return mine.network is other.network and replace(mine, network=other.network) == other


def start_months(ctx: Context) -> Started:
    """Render the month pages, in a second process meanwhile when there are many entries."""
    fork = len(ctx.network.entries) >= PARALLEL_MIN
    return Started(ctx, parallel.start(functools.partial(_journal_pages, ctx), fork=fork))


def render_site(
    analysis: Analysis,
    directory_urls: bool = True,
    plain_notes: bool = True,
    started: Started | None = None,
    changed_months: Sequence[PeriodChanges] | None = None,
) -> list[Page]:
    """All pages: home, people, journal months, tags, errors (redacted when settings say so).

    `plain_notes`: write plain notes as HTML at once (see render/plain.py). `started`: the
    month pages, when they were started early (see build.py); used only if they were
    started for this very network and these options. `changed_months`: what changed in each recent
    month (`changes_months`), when the caller has worked it out already.
    """
    analysis = ensure_redacted(analysis)
    if changed_months is None:
        changed_months = changes_months(analysis)
    ctx = make_context(analysis, directory_urls, plain_notes)
    derived = analysis.derived
    network = derived.network
    months = group_by_month(network.entries.values())
    if started is not None and not started.serves(ctx):
        started.months.cancel()
        started = None
    company_pages = {company_key(c.name): company_uri(c) for c in derived.companies if has_page(c)}
    note = analysis.history.note
    parts: list[Part] = [
        functools.partial(
            _contact_page, ctx, derived, s, company_pages, analysis.changes.get(s, ()), note
        )
        for s in network.contacts
    ]
    if started is None:
        parts += [functools.partial(_month_page, ctx, months, i) for i in range(len(months))]
    parts += _overview_parts(ctx, derived, months, analysis.changes, analysis.imports)
    size = len(network.contacts) + len(network.entries)
    done = parallel.share(_render, parts, fork=size >= PARALLEL_MIN)
    pages = [page for part in done for page in part]
    if started is not None:
        contacts = sum(1 for s in network.contacts if s not in ctx.directory)
        pages[contacts:contacts] = started.months.result()
    changed = render_changes(ctx, changed_months, analysis.history.note, company_pages)
    pages.append(Page(CHANGES, changed, listed=True))
    problems = (f"{p.source.path}:{p.source.line}: {p.message}" for p in analysis.problems)
    errors_doc = table_page_doc("Errors", hx.page_url(ERRORS, directory_urls), problems)
    errors = render_errors(ctx, analysis.problems, _shown_at(ctx))
    pages.append(Page(ERRORS, errors, listed=True, search=(errors_doc,)))
    if ctx.redact:
        pages = [replace(page, content=add_banner(page.content)) for page in pages]
    return pages


def changes_months(analysis: Analysis) -> tuple[PeriodChanges, ...]:
    """What changed in this month and the months before (for the page and the JSON)."""
    derived = analysis.derived
    warned = set(derived.warnings())
    return recent_months(
        analysis.changes,
        derived.network,
        analysis.settings,
        analysis.today,
        warned,
        moves=analysis.moves,
    )


def _render(part: Part) -> list[Page]:
    return part()


def _overview_parts(
    ctx: Context,
    derived: Derived,
    months: dict[dt.date, list[Entry]],
    changes: Mapping[str, tuple[Change, ...]] | None = None,
    imports: ImportStates | None = None,
) -> list[Part]:
    """The directory of imported contacts, the pages in the navigation, the company pages."""
    imports = imports or ImportStates()
    at = functools.partial(hx.page_url, directory_urls=ctx.directory_urls)
    parts: list[Part] = []
    if ctx.directory:
        groups = group_letters(ctx)
        parts.append(lambda: [Page(DIRECTORY_INDEX, render_directory_index(ctx, groups))])
        for letter, group in groups.items():

            def letter_page(letter: str = letter, group: list[Contact] = group) -> list[Page]:
                here = at(letter_uri(letter))
                docs = tuple(directory_doc(c, f"{here}#{c.slug}") for c in group)
                return [Page(letter_uri(letter), render_letter(ctx, letter, group), search=docs)]

            parts.append(letter_page)

    contacts = ctx.network.contacts

    def names(slugs: Iterable[str]) -> list[str]:
        return [contacts[s].name for s in slugs if s in contacts]

    def dashboard() -> list[Page]:
        doc = table_page_doc("This week", at(HOME), names(derived.warnings()))
        page = render_dashboard(ctx, derived, changes, imports)
        return [Page(HOME, page, listed=True, search=(doc,))]

    def people() -> list[Page]:
        legend = ex.legend(ctx, PEOPLE_INDEX, ("tier", "score", "status"))
        last = derived.statuses
        index = render_people(ctx, people_columns(derived), lambda s: last[s].last, legend)
        everyone = page_doc("People", at(PEOPLE_INDEX), PEOPLE_TEXT)
        return [Page(PEOPLE_INDEX, index, listed=True, search=(everyone,))]

    def journal() -> list[Page]:
        return [Page(JOURNAL_INDEX, render_journal_index(ctx, months), listed=True)]

    def tags() -> list[Page]:
        docs = tuple(tag_docs(ctx, at(TAGS)))
        return [Page(TAGS, render_tags(ctx), listed=True, search=docs)]

    def referrals() -> list[Page]:
        return [Page(REFERRALS, render_referrals(ctx, derived), listed=True)]

    def companies() -> list[Page]:
        doc = table_page_doc("Companies", at(COMPANIES), (c.name for c in derived.companies))
        return [Page(COMPANIES, render_companies(ctx, derived), listed=True, search=(doc,))]

    parts += [dashboard, people, journal, tags, referrals, companies]
    for company in derived.companies:
        if has_page(company):

            def company_page(company: Company = company) -> list[Page]:
                uri = company_uri(company)
                doc = company_doc(ctx, company, at(uri))
                return [Page(uri, render_company(ctx, derived, company), search=(doc,))]

            parts.append(company_page)

    def fortify() -> list[Page]:
        listed = names(f.slug for f in derived.fortify[:LIST_LIMIT])
        doc = table_page_doc("Fortify", at(FORTIFY), listed)
        return [Page(FORTIFY, render_fortify(ctx, derived), listed=True, search=(doc,))]

    def ledger() -> list[Page]:
        doc = table_page_doc("Giving ledger", at(LEDGER), names(sorted(derived.ledger)))
        return [Page(LEDGER, render_ledger(ctx, derived), listed=True, search=(doc,))]

    def imported() -> list[Page]:
        return [Page(IMPORTS, render_imports(ctx, imports), listed=True)]

    return [*parts, fortify, ledger, imported]
