"""Plain notes straight to HTML, without Python-Markdown.

Most notes are a few sentences: no lists, no links, no code, at most some `**bold**` and a
few [[mentions]]. Python-Markdown spends a tenth of a millisecond or more on each such note,
and a big journal has tens of thousands. `plain_html` writes the HTML Python-Markdown would
write for exactly those notes, and returns None for everything else, which then goes
through `text.render_body` and Markdown as before. Declining is always safe; accepting
promises the same output (tests compare the two on random text).

It is used only when the site's Markdown extensions are ones known to leave such text alone
(see PLAIN_SAFE_EXTENSIONS): an extension like smarty or magiclink changes plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..reading.fields import MENTION_RE
from .text import MAX_BODY

# Extensions (as named in mkdocs.yml) that leave the text accepted here unchanged.
PLAIN_SAFE_EXTENSIONS = frozenset(
    {
        "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables",
        "toc", "sane_lists", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
        "pymdownx.highlight", "pymdownx.inlinehilite",
    }
)  # fmt: skip

# Characters a plain note may hold: ASCII letters, digits, space, newline and the
# punctuation below, and any non-ASCII character but C1 controls and line separators.
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9 \n,.;:'\"?!()/%$@#=+~^&>\-*\u00a0-\u2027\u202a-\U0010ffff]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
_LIST_NUMBER = re.compile(r"\d+\.")
_STRONG = re.compile(r"\*\*([^\s*](?:[^*\n]*[^\s*])?)\*\*")

Resolve = Callable[[str], tuple[str, str] | None]


def plain_html(body: str, resolve: Resolve) -> str | None:
    """The HTML of a plain note (paragraphs, `**strong**`, mentions), or None if not plain.

    `body` is the note as written (control characters already removed, outer blank lines
    stripped); `resolve(slug)` gives (name, href) with href the published address.
    """
    if not body or len(body) > MAX_BODY or "![" in body:
        return None
    masked = MENTION_RE.sub("M", body)  # a mention reads as a word
    if _NOT_PLAIN.search(masked) or _ENTITY.search(masked) or "\n\n\n" in masked:
        return None
    for line in masked.split("\n"):
        if not line:
            continue
        first = line[0]
        if line != line.strip() or not (first.isalnum() or first in "\"'("):
            return None  # indents, list markers, quotes, headings, trailing breaks
        if first.isdigit() and _LIST_NUMBER.match(line):
            return None
    pieces: list[str] = []
    pos = 0
    for mention in MENTION_RE.finditer(body):
        text = _inline(body[pos : mention.start()])
        if text is None:
            return None
        pieces += [text, _mention(mention, resolve)]
        pos = mention.end()
    text = _inline(body[pos:])
    if text is None:
        return None
    pieces.append(text)
    paragraphs = "".join(pieces).split("\n\n")
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def _inline(text: str) -> str | None:
    """Text between mentions: escaped, with `**strong**` spans; None if other `*` remain."""
    escaped = text.replace("&", "&amp;").replace(">", "&gt;")
    if "*" not in escaped:
        return escaped
    strong = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return None if "*" in strong else strong


def _mention(match: re.Match[str], resolve: Resolve) -> str:
    found = resolve(match.group(1).strip())
    if found is None:
        return _literal(match.group(0))
    name, href = found
    label = match.group(2).strip() if match.group(2) else name
    return f'<a href="{_attribute(href)}">{_literal(label)}</a>'


def _literal(text: str) -> str:
    """User text shown as typed, on one line (as `text.esc` makes it for Markdown)."""
    return " ".join(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")
