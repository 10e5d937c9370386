"""Headings written as HTML, and the table of contents MkDocs would have made of them.

Python-Markdown's toc extension costs about a tenth of a millisecond per heading, and a month
page has a heading per entry. Generated pages write their section and entry headings as HTML
fragments with ids of their own, and once Markdown has run the hook finishes every heading
of such a page (`finish_headings`): the permalink toc adds, ids kept unique the way toc keeps
them (`plans`, `plans_1`), and the nested list of headings that becomes the page's table of
contents. Headings Markdown wrote (the title, headings in a user's note) are finished too,
so the contents list them in page order, as before.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .html import raw

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")
MARK = 'data-kb-heading=""'


def heading(level: int, inner_html: str, anchor: str) -> str:
    """A heading as an HTML fragment; `inner_html` already escaped, `anchor` a plain id."""
    return raw(f'<h{level} id="{html.escape(anchor)}" {MARK}>{inner_html}</h{level}>')


@dataclass(frozen=True)
class Permalink:
    """The toc extension's permalink settings (from mkdocs.yml's `toc:` options)."""

    text: str = "&para;"
    css: str = "headerlink"
    title: str = "Permanent link"
    leading: bool = False

    def link(self, anchor: str) -> str:
        title = f' title="{html.escape(self.title)}"' if self.title else ""
        return f'<a class="{html.escape(self.css)}" href="#{anchor}"{title}>{self.text}</a>'


def permalink_from(toc_config: Mapping[str, object]) -> Permalink | None:
    """The permalink toc adds to headings, or None when `permalink` is off."""
    setting = toc_config.get("permalink")
    if not setting:
        return None
    return Permalink(
        text="&para;" if setting is True else str(setting),
        css=str(toc_config.get("permalink_class", "headerlink")),
        title=str(toc_config.get("permalink_title", "Permanent link")),
        leading=bool(toc_config.get("permalink_leading", False)),
    )


@dataclass
class TocItem:
    level: int
    id: str
    title: str  # HTML text, tags removed
    children: list[TocItem] = field(default_factory=list)


def finish_headings(
    page_html: str, permalink: Permalink | None, depth: int = 6
) -> tuple[str, list[TocItem], set[str]]:
    """The page with its generated headings finished; its contents; every heading id."""
    used: set[str] = set()
    flat: list[TocItem] = []

    def finish(match: re.Match[str]) -> str:
        level, attrs, inner = int(match.group(1)), match.group(2), match.group(3)
        found = _ID.search(attrs)
        if found is None:
            return match.group(0)
        anchor = _unique(found.group(1), used)
        ours = MARK in attrs
        if ours:
            attrs = attrs.replace(f" {MARK}", "")
        if anchor != found.group(1):
            attrs = attrs.replace(found.group(0), f' id="{anchor}"')
            inner = inner.replace(f'href="#{found.group(1)}"', f'href="#{anchor}"')
        if ours and permalink is not None:
            link = permalink.link(anchor)
            inner = link + inner if permalink.leading else inner + link
        if level <= depth:
            title = _TAG.sub("", _without_permalink(inner, permalink)).strip()
            flat.append(TocItem(level, anchor, title))
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(finish, page_html), _nest(flat), used


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 0
    while candidate in used:
        n += 1
        candidate = f"{anchor}_{n}"
    used.add(candidate)
    return candidate


def _without_permalink(inner: str, permalink: Permalink | None) -> str:
    if permalink is None:
        return inner
    return re.sub(rf'<a class="{re.escape(permalink.css)}"[^>]*>.*?</a>', "", inner)


def _nest(flat: list[TocItem]) -> list[TocItem]:
    """Headings as a tree: each under the nearest earlier heading of a higher level."""
    top: list[TocItem] = []
    stack: list[TocItem] = []
    for item in flat:
        while stack and stack[-1].level >= item.level:
            stack.pop()
        (stack[-1].children if stack else top).append(item)
        stack.append(item)
    return top
