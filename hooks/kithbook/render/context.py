"""What every page renderer reads: the derived views, settings, today, and link helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.network import Network
from ..reading.nesting import nesting_problem
from ..reading.records import Problem, Source
from ..reading.settings import Settings
from . import html as hx
from . import text as t
from .plain import plain_html


@dataclass(frozen=True)
class Context:
    network: Network
    settings: Settings
    today: dt.date
    root: str  # the journal's absolute path, for editor links
    problems: tuple[Problem, ...] = ()
    # Contacts with nothing but imported fields, shown on a shared directory page in large
    # journals: slug → "people/directory/a.md#slug" (see render/directory.py).
    directory: dict[str, str] = field(default_factory=dict)
    # A redacted build (see render/redact.py): the records are already redacted; pages say so.
    redact: bool = False
    directory_urls: bool = True  # MkDocs' use_directory_urls, for links written as HTML
    # Plain notes straight to HTML (render/plain.py); off when the site's Markdown
    # extensions would change plain text.
    plain_notes: bool = True
    # The How scores work page (docs path), when the journal has it: numbers link to it.
    scores_doc: str | None = None

    def href(self, from_uri: str, to_uri: str) -> str:
        """The published relative address of a docs page (links inside raw HTML blocks)."""
        return hx.url(from_uri, to_uri, self.directory_urls)

    def contact_a(self, slug: str, from_uri: str) -> str:
        """An HTML link to a contact's page (or directory row), or the escaped slug."""
        contact = self.network.contacts.get(slug)
        if contact is None:
            return hx.h(slug)
        return hx.a(contact.name, self.href(from_uri, self.contact_uri(slug)))

    def entry_a(self, entry_id: str, from_uri: str, text: str | None = None) -> str:
        """An HTML link to an entry's anchor on its month page."""
        entry = self.network.entries.get(entry_id)
        if entry is None:
            return hx.h(entry_id)
        target = t.entry_uri(entry.id, entry.date)
        return hx.a(text or entry.title, self.href(from_uri, target))

    def source_html(self, source: Source) -> str:
        """The source file as HTML, linked to the user's editor when configured."""
        href = t.editor_href(self.settings.editor_url, self.root, source.path, source.line)
        label = f"{source.path}:{source.line}" if source.line > 1 else source.path
        shown = f"<code>{hx.h(label)}</code>"
        return hx.a_html(shown, href) if href else shown

    def contact_uri(self, slug: str) -> str:
        return self.directory.get(slug) or t.contact_uri(slug)

    def note(self, body: str, from_uri: str, heading_shift: int = 2) -> str:
        """A user's note on a page: HTML at once when it is plain, else inert Markdown."""
        if nesting_problem(body) is not None:  # Markdown would recurse too deep: plain text
            return hx.raw(t.unconverted_body(body))
        if self.plain_notes:
            html = plain_html(t.clean_body(body), self.resolver(from_uri, published=True))
            if html is not None:
                return hx.raw(html)
        return t.render_body(body, self.resolver(from_uri), heading_shift)

    def resolver(
        self, from_uri: str, published: bool = False
    ) -> Callable[[str], tuple[str, str] | None]:
        """slug → (name, link) for [[mentions]]: a Markdown link to the docs page, or with
        `published` the address as published (for HTML written by hand); None if unknown."""
        contacts = self.network.contacts
        address = self.href if published else t.rel

        def resolve(slug: str) -> tuple[str, str] | None:
            contact = contacts.get(slug)
            if contact is None:
                return None
            return contact.name, address(from_uri, self.contact_uri(slug))

        return resolve
