"""Search entries for the pages that grow with the journal, written from the records.

Material's search plugin parses every page's HTML to index it, which is the largest single
cost of a big build. Contact, month, company, directory, tag and people-index pages are left
out of that pass and their entries are written here instead, from the same (possibly
redacted) records the pages show: the name, role, tags and notes of a contact; each journal
entry as a section of its month, so a search lands on the entry itself; a company with the
people there; a tag with the people and entries under it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from slugify import slugify

from ..model.paths import Company
from ..reading.fields import MENTION_RE
from ..reading.records import Contact, Entry
from .context import Context
from .journal import tag_anchor

SearchDoc = dict[str, str]

_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MARKUP = re.compile(r"[*_`#>|~]+|<[^>\n]*>")


def plain(ctx: Context, markdown: str) -> str:
    """The words of a user's Markdown: mentions as names, links as their text, no markup."""
    contacts = ctx.network.contacts

    def mention(match: re.Match[str]) -> str:
        slug = match.group(1).strip()
        if match.group(2):
            return match.group(2)
        return contacts[slug].name if slug in contacts else slug

    text = MENTION_RE.sub(mention, markdown)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub(" ", text)
    return html.escape(" ".join(text.split()), quote=False)


def _words(*parts: str | None) -> str:
    return html.escape(" ".join(" ".join(p.split()) for p in parts if p), quote=False)


def folded(*texts: str | None) -> str:
    """The accent-free form of each text that has accents (Zoë Nováková → zoe novakova):
    Material's search matches words as typed, so "zoe" would not find "Zoë" otherwise."""
    return " ".join(slugify(t, separator=" ") for t in texts if t and not t.isascii())


def contact_docs(ctx: Context, contact: Contact, location: str) -> list[SearchDoc]:
    known = [k.name or "" for k in contact.knows]
    words = _words(
        folded(contact.name, *contact.aliases),
        contact.title, contact.company, contact.location, " ".join(contact.aliases),
        " ".join(contact.tags), " ".join(contact.relationship), contact.how_we_met,
        " ".join(contact.vouch), " ".join(known),
    )  # fmt: skip
    notes = plain(ctx, contact.body)
    return [{"location": location, "title": html.escape(contact.name), "text": f"{words} {notes}"}]


def entry_doc(ctx: Context, entry: Entry, location: str) -> SearchDoc:
    names = " ".join(ctx.network.contacts[s].name for s in entry.with_ if s in ctx.network.contacts)
    follow_up = entry.follow_up.what if entry.follow_up else None
    words = _words(
        entry.kind, names, entry.gave, entry.got, entry.evidence, " ".join(entry.about), follow_up
    )
    title = html.escape(f"{entry.date} · {entry.title}")
    return {"location": location, "title": title, "text": f"{words} {plain(ctx, entry.body)}"}


def directory_doc(contact: Contact, location: str) -> SearchDoc:
    text = _words(folded(contact.name), contact.title, contact.company)
    return {"location": location, "title": html.escape(contact.name), "text": text}


def company_doc(ctx: Context, company: Company, location: str) -> SearchDoc:
    """A company page: its name, and who I know there or could be introduced to."""
    contacts = ctx.network.contacts
    known = [contacts[s].name for s in company.direct if s in contacts]
    targets = [p.target for p in company.paths]
    text = _words("target company" if company.target else "", " ".join(known), " ".join(targets))
    return {"location": location, "title": html.escape(company.name), "text": text}


def tag_docs(ctx: Context, location: str) -> list[SearchDoc]:
    """The Tags page: a section per tag, with the people tagged and the entries about it."""
    contacts, entries = ctx.network.contacts, ctx.network.entries
    docs = []
    for tag, (slugs, entry_ids) in ctx.network.tags.items():
        names = " ".join(contacts[s].name for s in slugs if s in contacts)
        titles = " ".join(entries[e].title for e in entry_ids if e in entries)
        docs.append(
            {
                "location": f"{location}#{tag_anchor(tag)}",
                "title": html.escape(tag),
                "text": _words(names, titles),
            }
        )
    return docs


def page_doc(title: str, location: str, text: str) -> SearchDoc:
    """A page listed by its title alone (an index whose rows have entries of their own)."""
    return {"location": location, "title": html.escape(title), "text": html.escape(text)}


# Pages whose content is mostly tables: Material's search would index them as the cells' text
# run together ("Tiago AlmeidaT287.9dormant…"). Each gets one clean entry instead: what the
# page is for, and the names it lists.
TABLE_PAGES = {
    "This week": "Follow-ups, ties to tend (due, stale or dormant), job search, cooling ties, "
    "fragile bridges and the network's health.",
    "Companies": "Whom I know at each company, with intro paths and warm paths; target "
    "companies first.",
    "Fortify": "Connections I do not really know yet, ranked by what they could open, and "
    "clutter to prune.",
    "Giving ledger": "Give before asking: what I gave and received, per person, and the "
    "balance over time.",
    "Errors": "Problems in the journal's files, as path:line: message.",
}


def table_page_doc(title: str, location: str, listed: Iterable[str] = ()) -> SearchDoc:
    """A table page's one entry: its purpose, then the names (or problems) it lists."""
    names = "; ".join(" ".join(n.split()) for n in listed)
    text = f"{TABLE_PAGES[title]} {names}" if names else TABLE_PAGES[title]
    return page_doc(title, location, text)
