"""Every generated page and file of the site, from one analysis."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace

from .. import parallel
from ..pipeline import Analysis
from ..records import Entry
from . import html as hx
from . import text as t
from .contact import render_contact
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
from .indexes import ERRORS, PEOPLE_INDEX, TAGS, render_errors, render_people, render_tags
from .journal import JOURNAL_INDEX, group_by_month, render_journal_index, render_month
from .redact import add_banner, ensure_redacted
from .referrals import (
    COMPANIES,
    FORTIFY,
    LEDGER,
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


def _journal_pages(
    ctx: Context, months: dict[dt.date, list[Entry]]
) -> tuple[list[Page], dict[str, str]]:
    """A page per month, and where each entry's file is shown (for the Errors page)."""
    pages: list[Page] = []
    shown_at: dict[str, str] = {}
    keys = list(months)
    for i, month in enumerate(keys):
        prev = keys[i - 1] if i else None
        next_ = keys[i + 1] if i + 1 < len(keys) else None
        uri = t.month_uri(month)
        at = hx.page_url(uri, ctx.directory_urls)
        docs = tuple(entry_doc(ctx, e, f"{at}#{e.id}") for e in months[month])
        pages.append(Page(uri, render_month(ctx, month, months[month], prev, next_), search=docs))
        for entry in months[month]:
            shown_at[entry.path] = f"{uri}#{entry.id}"
    return pages, shown_at


def make_context(
    analysis: Analysis, directory_urls: bool = True, plain_notes: bool = True
) -> Context:
    network = analysis.derived.network
    return Context(
        network=network,
        settings=analysis.settings,
        today=analysis.today,
        root=analysis.root.resolve().as_posix(),
        problems=analysis.problems,
        directory=plan_directory(network),
        redact=analysis.settings.redact,
        directory_urls=directory_urls,
        plain_notes=plain_notes,
    )


def render_site(
    analysis: Analysis, directory_urls: bool = True, plain_notes: bool = True
) -> list[Page]:
    """All pages: home, people, journal months, tags, errors (redacted when settings say so).

    `plain_notes`: write plain notes as HTML at once (see render/plain.py).
    """
    analysis = ensure_redacted(analysis)
    ctx = make_context(analysis, directory_urls, plain_notes)
    derived = analysis.derived
    network = derived.network
    months = group_by_month(network.entries.values())
    journal = parallel.start(
        functools.partial(_journal_pages, ctx, months),
        fork=len(network.entries) >= PARALLEL_MIN,
    )  # months in a second process meanwhile, when it pays off
    pages: list[Page] = []
    shown_at: dict[str, str] = {}
    for slug, contact in network.contacts.items():
        if slug in ctx.directory:
            shown_at[contact.source.path] = ctx.directory[slug]
            continue
        uri = t.contact_uri(slug)
        sections = (render_strength(ctx, derived, slug), render_contact_ledger(ctx, derived, slug))
        extra = "\n\n".join(s for s in sections if s)
        docs = tuple(contact_docs(ctx, contact, hx.page_url(uri, directory_urls)))
        content = render_contact(ctx, contact, extra)
        pages.append(Page(uri, content, contact.source.path, search=docs))
        shown_at[contact.source.path] = uri
    month_pages, month_shown = journal.result()
    pages += month_pages
    shown_at.update(month_shown)
    if ctx.directory:
        groups = group_letters(ctx)
        pages.append(Page(DIRECTORY_INDEX, render_directory_index(ctx, groups)))
        for letter, people in groups.items():
            at = hx.page_url(letter_uri(letter), directory_urls)
            docs = tuple(directory_doc(c, f"{at}#{c.slug}") for c in people)
            pages.append(Page(letter_uri(letter), render_letter(ctx, letter, people), search=docs))
    pages.append(Page(HOME, render_dashboard(ctx, derived), listed=True))
    index = render_people(ctx, people_columns(derived), lambda s: derived.statuses[s].last)
    everyone = page_doc("People", hx.page_url(PEOPLE_INDEX, directory_urls), PEOPLE_TEXT)
    pages.append(Page(PEOPLE_INDEX, index, listed=True, search=(everyone,)))
    pages.append(Page(JOURNAL_INDEX, render_journal_index(ctx, months), listed=True))
    tags = tuple(tag_docs(ctx, hx.page_url(TAGS, directory_urls)))
    pages.append(Page(TAGS, render_tags(ctx), listed=True, search=tags))
    pages.append(Page(REFERRALS, render_referrals(ctx, derived), listed=True))
    pages.append(Page(COMPANIES, render_companies(ctx, derived), listed=True))
    for company in derived.companies:
        if has_page(company):
            uri = company_uri(company)
            doc = company_doc(ctx, company, hx.page_url(uri, directory_urls))
            pages.append(Page(uri, render_company(ctx, derived, company), search=(doc,)))
    pages.append(Page(FORTIFY, render_fortify(ctx, derived), listed=True))
    pages.append(Page(LEDGER, render_ledger(ctx, derived), listed=True))
    pages.append(Page(ERRORS, render_errors(ctx, analysis.problems, shown_at), listed=True))
    if ctx.redact:
        pages = [replace(page, content=add_banner(page.content)) for page in pages]
    return pages
