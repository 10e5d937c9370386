"""Markdown building blocks: escaping user text, safe links, page addresses, user bodies."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import quote

from ..fields import MENTION_RE

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_REMOTE_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?((?:https?:)?//[^)\s>]+)>?[^)\n]*\)")
_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)")


def esc(text: object) -> str:
    """User text as literal characters in Markdown: never markup, never a link, never a mention."""
    escaped = html.escape(str(text), quote=False)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return " ".join(escaped.split())


def attr(text: str) -> str:
    """Text for a double-quoted HTML attribute."""
    return html.escape(text, quote=True)


def safe_url(url: str) -> str | None:
    """A clickable address for http(s), mailto and tel links only; anything else stays text."""
    url = url.strip()
    if not url.lower().startswith(_SAFE_SCHEMES):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def link(text: str, href: str) -> str:
    """A Markdown link with escaped text."""
    return f"[{esc(text)}]({href})"


def rel(from_uri: str, to_uri: str) -> str:
    """The relative address of page `to_uri` (a docs path like people/ada.md) from `from_uri`."""
    target, _, anchor = to_uri.partition("#")
    path = posixpath.relpath(target, posixpath.dirname(from_uri) or ".")
    return f"{path}#{anchor}" if anchor else path


def contact_uri(slug: str) -> str:
    return f"people/{slug}.md"


def month_uri(date: dt.date) -> str:
    return f"journal/{date.year}-{date.month:02d}.md"


def entry_uri(entry_id: str, date: dt.date) -> str:
    return f"{month_uri(date)}#{entry_id}"


def editor_href(template: str, root: str, path: str, line: int) -> str | None:
    """The user's editor link for a source file, from `extra.kithbook.editor_url`."""
    if not template:
        return None
    abs_path = posixpath.join(root, path)
    try:
        url = template.format(path=path, abs_path=abs_path, line=line)
    except (KeyError, IndexError, ValueError):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def shift_headings(body: str, by: int) -> str:
    """Demote the user's headings so they nest under the page's own, skipping code blocks."""
    if "#" not in body:
        return body
    out: list[str] = []
    fenced = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + by), line, count=1)
        out.append(line)
    return "\n".join(out)


def render_body(
    body: str,
    resolve: Callable[[str], tuple[str, str] | None],
    heading_shift: int = 2,
) -> str:
    """The user's own Markdown, with mentions turned into links and remote images into links.

    `resolve(slug)` gives (name, href) for a known contact, or None.
    """

    def mention(match: re.Match[str]) -> str:
        slug = match.group(1).strip()
        found = resolve(slug)
        if found is None:
            return esc(match.group(0))
        name, href = found
        label = match.group(2).strip() if match.group(2) else name
        return link(label, href)

    text = MENTION_RE.sub(mention, body) if "[[" in body else body
    if "](" in text:
        text = _REMOTE_IMAGE.sub(
            lambda m: f"[image: {esc(m.group(1) or m.group(2))}]({safe_url(m.group(2)) or ''})",
            text,
        )
    return shift_headings(text.strip(), heading_shift)


def joined(items: Iterable[str], sep: str = ", ") -> str:
    return sep.join(items)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def long_date(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)
