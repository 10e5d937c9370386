"""HTML building blocks for the bulky parts of generated pages (tables, lists, timelines).

Python-Markdown passes a raw HTML block through in one piece, about four times faster than
it converts the same content written as Markdown; the journal's pages are mostly such
blocks around the user's own Markdown notes. Links in raw HTML are not rewritten by MkDocs,
so `url()` computes the final address of a page the way MkDocs will publish it.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@functools.lru_cache(maxsize=262144)
def h(text: object) -> str:
    """User text inside our HTML: escaped, on one line, never markup."""
    flat = " ".join(_CONTROL.sub("", str(text)).split())
    return html.escape(flat, quote=True)


def a(text: object, href: str, css: str = "") -> str:
    """A link with escaped text; `href` must already be a safe address."""
    return a_html(h(text), href, css)


def a_html(inner: str, href: str, css: str = "") -> str:
    """A link around already-escaped HTML."""
    cls = f' class="{css}"' if css else ""
    return f'<a href="{html.escape(href, quote=True)}"{cls}>{inner}</a>'


@functools.lru_cache(maxsize=65536)
def page_url(uri: str, directory_urls: bool = True) -> str:
    """Where MkDocs publishes a docs page: people/ada.md → people/ada/ (or people/ada.html)."""
    if not directory_urls:
        return uri[:-3] + ".html"
    if uri == "index.md":
        return ""
    if uri.endswith("/index.md"):
        return uri[: -len("index.md")]
    return uri[:-3] + "/"


@functools.lru_cache(maxsize=131072)
def url(from_uri: str, to_uri: str, directory_urls: bool = True) -> str:
    """The relative address, as published, of docs page `to_uri` (with #anchor) from `from_uri`."""
    target, _, anchor = to_uri.partition("#")
    here = page_url(from_uri, directory_urls)
    base = [p for p in (here if directory_urls else here.rpartition("/")[0]).split("/") if p]
    there = page_url(target, directory_urls).split("/")
    common = 0
    while common < len(base) and common < len(there) - 1 and base[common] == there[common]:
        common += 1
    path = "../" * (len(base) - common) + "/".join(there[common:]) or "./"
    return f"{path}#{anchor}" if anchor else path


def table(header: Iterable[str], rows: Iterable[Iterable[str]], css: str = "") -> str:
    """An HTML table; header cells are plain words, row cells already-escaped HTML."""
    cls = f' class="{css}"' if css else ""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table{cls}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def ul(items: Iterable[str], css: str = "") -> str:
    """An HTML list of already-escaped items (empty string for no items)."""
    lines = [f"<li>{item}</li>" for item in items]
    if not lines:
        return ""
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>\n" + "\n".join(lines) + "\n</ul>"


def block(*parts: str) -> str:
    """Raw HTML blocks separated by blank lines, so Markdown passes each through untouched."""
    return "\n\n".join(p for p in parts if p)


def sortable(inner: str) -> str:
    """Wrap a table so kithbook.js lets the reader sort it by any column."""
    return f'<div class="kb-sortable">\n{inner}\n</div>'
