"""HTML fragments that skipped Markdown put back, headings written as HTML finished; never off."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..render import html, toc


def put_back(html_text: str, page: Any, config: Any, fragments: dict[str, str] | None) -> str:
    """The page's HTML with its fragments back (see kithbook.render.html); headings written
    as HTML get permalinks and unique ids, and make the page's table of contents."""
    if not fragments:
        return html_text
    html_text = html.join_fragments(html_text, fragments)
    if toc.MARK not in html_text:
        return html_text
    toc_config = config.mdx_configs.get("toc", {})
    depth = toc_config.get("toc_depth", 6)
    html_text, items, ids = toc.finish_headings(
        html_text, toc.permalink_from(toc_config), depth if isinstance(depth, int) else 6
    )
    page.toc = TableOfContents([_anchor(item) for item in items])
    if page.toc.items:
        page.toc.items[0].active = True  # as MkDocs marks it
    page.present_anchor_ids = set(getattr(page, "present_anchor_ids", ())) | ids
    return html_text


def _anchor(item: toc.TocItem) -> AnchorLink:
    link = AnchorLink(item.title, item.id, item.level)
    link.children = [_anchor(child) for child in item.children]
    return link
