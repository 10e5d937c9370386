"""What every page renderer reads: the derived views, settings, today, and link helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..network import Network
from ..records import Problem, Source
from ..settings import Settings
from . import text as t


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

    def contact_uri(self, slug: str) -> str:
        return self.directory.get(slug) or t.contact_uri(slug)

    def contact_link(self, slug: str, from_uri: str) -> str:
        contact = self.network.contacts.get(slug)
        if contact is None:
            return t.esc(slug)
        return t.link(contact.name, t.rel(from_uri, self.contact_uri(slug)))

    def entry_link(self, entry_id: str, from_uri: str, text: str | None = None) -> str:
        entry = self.network.entries.get(entry_id)
        if entry is None:
            return t.esc(entry_id)
        return t.link(text or entry.title, t.rel(from_uri, t.entry_uri(entry.id, entry.date)))

    def resolver(self, from_uri: str) -> Callable[[str], tuple[str, str] | None]:
        contacts = self.network.contacts

        def resolve(slug: str) -> tuple[str, str] | None:
            contact = contacts.get(slug)
            if contact is None:
                return None
            return contact.name, t.rel(from_uri, self.contact_uri(slug))

        return resolve

    def source_line(self, source: Source) -> str:
        """`Source: path:line`, linked to the user's editor when configured."""
        href = t.editor_href(self.settings.editor_url, self.root, source.path, source.line)
        label = f"{source.path}:{source.line}" if source.line > 1 else source.path
        shown = f"`{label}`"
        return f"[{shown}]({href})" if href else shown
