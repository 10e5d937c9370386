"""HTML building blocks for the bulky parts of generated pages (tables, lists, timelines).

The journal's pages are mostly such blocks around the user's own Markdown notes. Each block
is marked as a fragment (`<!-- kb -->…<!-- /kb -->`): the MkDocs hook swaps fragments for
short tokens before Markdown runs and puts the HTML back afterwards, so neither MkDocs nor
Python-Markdown parses it (three HTML-parser passes saved per page). Links in fragments are
not rewritten by MkDocs, so `url()` computes the final address the way MkDocs publishes it.
"""

from __future__ import annotations

import functools
import html
import re
import secrets
from collections.abc import Iterable

OPEN, CLOSE = "<!-- kb -->", "<!-- /kb -->"
_FRAGMENT = re.compile(r"^<!-- kb -->\n(.*?)\n<!-- /kb -->$", re.MULTILINE | re.DOTALL)
# Fragments one after the other (blank lines between): one token for the run.
_RUN = re.compile(
    r"^<!-- kb -->\n.*?\n<!-- /kb -->(?:\n{2,}<!-- kb -->\n.*?\n<!-- /kb -->)*$",
    re.MULTILINE | re.DOTALL,
)

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
    return f'<a href="{_attribute(href)}"{cls}>{inner}</a>'


@functools.lru_cache(maxsize=131072)
def _attribute(value: str) -> str:
    """An address for a double-quoted attribute (addresses recur: each is escaped once)."""
    return html.escape(value, quote=True)


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
    base = _folders(from_uri, directory_urls)
    there = _segments(target, directory_urls)
    common = 0
    while common < len(base) and common < len(there) - 1 and base[common] == there[common]:
        common += 1
    path = "../" * (len(base) - common) + "/".join(there[common:]) or "./"
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=65536)
def _folders(uri: str, directory_urls: bool) -> tuple[str, ...]:
    """The folders of the published address of a page, where its relative links start."""
    here = page_url(uri, directory_urls)
    return tuple(p for p in (here if directory_urls else here.rpartition("/")[0]).split("/") if p)


@functools.lru_cache(maxsize=65536)
def _segments(uri: str, directory_urls: bool) -> tuple[str, ...]:
    return tuple(page_url(uri, directory_urls).split("/"))


def raw(inner: str) -> str:
    """Mark a block of HTML as a fragment (see the module docstring); idempotent."""
    if not inner or inner.startswith(OPEN):
        return inner
    return f"{OPEN}\n{inner}\n{CLOSE}"


def unwrap(inner: str) -> str:
    if inner.startswith(OPEN):
        return inner[len(OPEN) + 1 : -len(CLOSE) - 1]
    return inner


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """An HTML table (a fragment); header cells plain words, row cells escaped HTML.

    No class attribute: Material styles only tables without one.
    """
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return raw(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def ul(items: Iterable[str], css: str = "") -> str:
    """An HTML list (a fragment) of already-escaped items; empty string for no items."""
    lines = [f"<li>{item}</li>" for item in items]
    if not lines:
        return ""
    cls = f' class="{css}"' if css else ""
    return raw(f"<ul{cls}>\n" + "\n".join(lines) + "\n</ul>")


def block(*parts: str) -> str:
    """Blocks separated by blank lines; parts written as HTML become fragments."""
    return "\n\n".join(raw(p) if p.startswith("<") else p for p in parts if p)


def admonition(kind: str, title: str, text: str) -> str:
    """A call-out box (a fragment), as Python-Markdown's admonition extension writes one."""
    return raw(
        f'<div class="admonition {kind}">\n<p class="admonition-title">{h(title)}</p>\n'
        f"<p>{h(text)}</p>\n</div>"
    )


def sortable(inner: str) -> str:
    """Wrap a table so kithbook.js lets the reader sort it by any column."""
    return raw(f'<div class="kb-sortable">\n{unwrap(inner)}\n</div>')


def split_fragments(markdown: str) -> tuple[str, dict[str, str]]:
    """Markdown with each run of fragments replaced by a token paragraph, and token → HTML.

    Tokens are random per call, so no text in a journal can forge one. A run of fragments
    takes one token: Markdown's cost is per block, and a month page is mostly fragments.
    """
    prefix = f"kbfragment{secrets.token_hex(6)}x"
    fragments: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        token = f"{prefix}{len(fragments)}"
        fragments[f"<p>{token}</p>"] = "\n".join(_FRAGMENT.findall(match.group(0)))
        return token

    return _RUN.sub(swap, markdown), fragments


_TOKEN = re.compile(r"<p>kbfragment[0-9a-f]{12}x\d+</p>")


def join_fragments(html_text: str, fragments: dict[str, str]) -> str:
    """Put fragments back into the HTML Markdown made of the tokenised page."""
    if not fragments:
        return html_text
    return _TOKEN.sub(lambda m: fragments.get(m.group(0), m.group(0)), html_text)
