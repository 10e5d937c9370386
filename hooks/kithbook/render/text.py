"""Markdown building blocks: escaping user text, safe links, page addresses, user bodies."""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re
from collections.abc import Callable
from urllib.parse import quote

from ..reading.fields import MENTION_RE, Birthday
from ..reading.nesting import nesting_problem

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
# C0 controls (but tab and newline) and DEL: invisible, and STX/ETX are Python-Markdown's own
# placeholder markers, which user text must never be able to forge.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def esc(text: object) -> str:
    """User text as literal characters in Markdown: never markup, never a link, never a mention."""
    return _esc(str(text))


@functools.lru_cache(maxsize=262144)
def _esc(text: str) -> str:  # names and companies recur on many pages: escape each once
    escaped = html.escape(_CONTROL.sub("", text), quote=False)
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


@functools.lru_cache(maxsize=65536)
def rel(from_uri: str, to_uri: str) -> str:
    """The relative address of page `to_uri` (a docs path like people/ada.md) from `from_uri`.

    Both are clean docs paths (no `..`, no leading `/`), so this is plain prefix arithmetic:
    much faster than posixpath.relpath, which the render stage calls for every link.
    """
    target, _, anchor = to_uri.partition("#")
    here = from_uri.rsplit("/", 1)[0] if "/" in from_uri else ""
    if not here:
        path = target
    else:
        parts, there = here.split("/"), target.split("/")
        common = 0
        while common < len(parts) and common < len(there) - 1 and parts[common] == there[common]:
            common += 1
        path = "../" * (len(parts) - common) + "/".join(there[common:])
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
    if "/{abs_path}" in template and abs_path.startswith("/"):
        abs_path = abs_path[1:]  # `vscode://file/{abs_path}`: one slash before the path, not two
    try:
        url = template.format(path=path, abs_path=abs_path, line=line)
    except (KeyError, IndexError, ValueError):
        return None
    # A folder whose name is not UTF-8 arrives with lone surrogates: percent-encode its bytes.
    return quote(url.encode("utf-8", "surrogateescape"), safe=":/?#[]@!$&'*+,;=%~-._")


def code(text: object) -> str:
    """User text as an inline code span: literal, on one line, whatever backticks it holds."""
    flat = " ".join(_CONTROL.sub("", str(text)).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


# --- note bodies ----------------------------------------------------------------------------
#
# A body is the user's own Markdown, and Markdown formatting works in it: emphasis, lists,
# tables, headings, links, `code`, fenced code. What is never let through, whatever the site's
# markdown_extensions are:
#
# - raw HTML: every `<` outside code is written `&lt;`, so `<script>`, `<img onerror>`,
#   `<iframe>` and comments show as the characters typed (autolinks to http(s) and mailto stay);
# - anything loaded: an image `![alt](url)` (remote or not) becomes a link `[image: alt](url)`;
# - fenced code as a fence: a fence becomes an HTML `<pre><code>` block we write ourselves,
#   with its text escaped, so no info string (```mermaid and every other custom fence) reaches
#   Markdown, nothing is highlighted or executed, and Material never loads mermaid for it;
# - attribute lists: `{` and `}` are escaped, so `{: onclick=… style=… .mermaid }` is text;
# - links other than http(s), mailto, tel and relative ones (`javascript:`, `data:`, …),
#   judged the way a browser reads the address (entities decoded, tabs and newlines dropped).
#   This is a first line only: what guarantees it is render/links.py, which judges every
#   address on the HTML Markdown produced (whatever spelling got past the lines here).

FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Only what Python-Markdown itself takes for an autolink (so never for an HTML tag).
_AUTOLINK = re.compile(r"<(?:https?://[^\s<>]+|(?:mailto:)?[^\s<>@!/]+@[^\s<>@/]+)>", re.I)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]*\]:[ \t]*\n?[ \t]*(.*)$", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?!#)", re.MULTILINE)
_UNSAFE_TEXT = re.compile(r"\\.|`+|\[\[|<|!\[|\]\(|[{}]", re.DOTALL)
MAX_NESTED_BRACKETS = 3
# Characters of a body shown on the site. Python-Markdown is quadratic on some inputs (a
# thousand headings, stray brackets): 20,000 characters of the worst take about 2 s, 50,000
# take 16 s, and `mkdocs serve` rebuilds on every save. A longer note stays whole in its file.
MAX_BODY = 20_000
_ESCAPABLE = "\\`*_{}[]()#+-.!|>"
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def split_fences(body: str) -> list[tuple[bool, str]]:
    """The body as (is_code, text) parts: fenced code blocks apart from the rest.

    A fence opens with ``` or ~~~ (up to 3 spaces in) and closes with at least as many of the
    same character; an unclosed fence runs to the end, as in CommonMark.
    """
    parts: list[tuple[bool, str]] = []
    text: list[str] = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if match is None or (match.group(2)[0] == "`" and "`" in match.group(3)):
            text.append(lines[i])
            i += 1
            continue
        indent, fence = len(match.group(1)), match.group(2)
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        code: list[str] = []
        i += 1
        while i < len(lines) and not close.match(lines[i]):
            line = lines[i]
            code.append(line[min(indent, len(line) - len(line.lstrip(" "))) :])
            i += 1
        i += 1  # the closing fence
        if text:
            parts.append((False, "\n".join(text)))
            text = []
        parts.append((True, "\n".join(code)))
    if text:
        parts.append((False, "\n".join(text)))
    return parts


def literal(text: str) -> str:
    """Text for inside our own HTML: every ASCII punctuation mark as a character reference.

    The browser shows the characters typed, and Markdown sees no syntax in them even where
    it processes the text between HTML tags (as it does inside inline tags like `<code>`).
    """
    return "".join(f"&#{ord(ch)};" if ch in _PUNCTUATION else ch for ch in text)


def code_block(code: str) -> str:
    """Fenced code as an HTML block Markdown passes through: plain, literal, never a diagram."""
    return f'\n<pre class="kb-code"><code>{literal(code)}\n</code></pre>\n'


def is_unsafe_address(address: str) -> bool:
    """True for a link address with a scheme other than http(s), mailto and tel.

    Read as a browser would: character references decoded, Markdown's backslash escapes
    removed, ASCII whitespace and controls dropped, case ignored.
    """
    text = html.unescape(address)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"[\x00-\x20\x7f]+", "", text).lstrip("<").lower()
    match = _SCHEME.match(text)
    return match is not None and match.group(1) not in _ALLOWED_SCHEMES


def _inert_text(text: str, resolve: Callable[[str], tuple[str, str] | None]) -> str:
    """Markdown outside fences, with raw HTML, images, attribute lists and bad links defused."""
    unsafe_defs = [
        m.start() + m.group(0).index("[")
        for m in _REF_DEF.finditer(text)
        if is_unsafe_address(m.group(1))
    ]
    for index in reversed(unsafe_defs):  # `\[r]: javascript:…` is no longer a definition
        text = text[:index] + "\\" + text[index:]
    out: list[str] = []
    pos = 0
    for match in _UNSAFE_TEXT.finditer(text):
        start = match.start()
        if start < pos:
            continue  # inside a code span or mention already written
        out.append(text[pos:start])
        token = match.group(0)
        pos = match.end()
        if token.startswith("\\"):
            char = token[1]
            out.append("\\&lt;" if char == "<" else token if char in _ESCAPABLE else "\\" + char)
        elif token.startswith("`"):
            end = _close_code_span(text, pos, len(token))
            if end is None:
                out.append("\\`" * len(token))
            else:
                out.append(_code_span(text[pos:end]))
                pos = end + len(token)
        elif token == "[[":
            mention = MENTION_RE.match(text, start)
            if mention is None:
                out.append("\\[\\[")
            else:
                out.append(_mention(mention, resolve))
                pos = mention.end()
        elif token == "<":
            autolink = _AUTOLINK.match(text, start)
            if autolink is None:
                out.append("&lt;")
            else:
                out.append(autolink.group(0))
                pos = autolink.end()
        elif token == "![":
            out.append("[image]" if text.startswith("]", pos) else "[image: ")
            if text.startswith("]", pos):
                pos += 1
        elif token == "](":
            # Markdown allows whitespace, newlines included, before the address.
            address = text[pos : pos + 64]
            unsafe = (":" in address or "&" in address) and is_unsafe_address(address)
            out.append("]\\(" if unsafe else "](")
        else:  # { or }
            out.append("\\" + token)
    out.append(text[pos:])
    return "".join(out)


def balance_brackets(text: str) -> str:
    """Escape `[` without a matching `]`, `[` nested deeper than 3, and `](` without a `)`.

    Python-Markdown scans to the end of a paragraph for every `[` it cannot close, so a
    note of a few thousand stray brackets took minutes to build; escaped, they cost nothing
    and still show as typed. Brackets are matched within a paragraph, as Markdown does.
    """
    if "[" not in text:
        return text
    escape: set[int] = set()
    for start, end in _paragraphs(text):
        opens: list[int] = []  # unmatched `[`
        parens: list[int] = []  # unmatched `(`
        closed: set[int] = set()  # `(` that have their `)`
        i = start
        while i < end:
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                if len(opens) >= MAX_NESTED_BRACKETS:
                    escape.add(i)
                else:
                    opens.append(i)
            elif ch == "]" and opens:
                opens.pop()
            elif ch == "(":
                parens.append(i)
            elif ch == ")" and parens:
                closed.add(parens.pop())
            i += 1
        escape.update(opens)
        escape.update(
            i + 1
            for i in range(start, end - 1)
            if text[i] == "]" and text[i + 1] == "(" and i + 1 not in closed
        )
    if not escape:
        return text
    return "".join("\\" + ch if i in escape else ch for i, ch in enumerate(text))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of text between blank lines."""
    spans = []
    start = 0
    for blank in re.finditer(r"\n[ \t]*\n", text):
        spans.append((start, blank.start()))
        start = blank.end()
    spans.append((start, len(text)))
    return spans


def _close_code_span(text: str, pos: int, length: int) -> int | None:
    """Where the backtick run closing a code span opened at `pos` starts, on the same line."""
    line_end = text.find("\n", pos)
    for run in _BACKTICKS.finditer(text, pos, line_end if line_end >= 0 else len(text)):
        if len(run.group(0)) == length:
            return run.start()
    return None


def _code_span(content: str) -> str:
    """Inline code written as HTML, so Markdown's own code-span rules never come into play."""
    return f"<code>{literal(content.strip())}</code>"


def _mention(match: re.Match[str], resolve: Callable[[str], tuple[str, str] | None]) -> str:
    found = resolve(match.group(1).strip())
    if found is None:
        return esc(match.group(0))
    name, href = found
    label = match.group(2).strip() if match.group(2) else name
    return link(label, href)


def _shift(text: str, by: int) -> str:
    """Demote headings (fences are already out of the text; `#x` is a heading to Markdown too)."""
    if not by:
        return text
    return _ATX.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + by), text)


def clean_body(body: str) -> str:
    """A note without control characters and outer blank lines, as every page shows it."""
    return _CONTROL.sub("", body).strip("\n")


def unconverted_body(body: str) -> str:
    """A note Markdown cannot convert safely (see reading/nesting.py), as plain text in HTML.

    Every punctuation mark is a character reference, so neither the browser nor Markdown
    sees markup in it; the text is cut at MAX_BODY characters like any note.
    """
    body = clean_body(body)
    more = len(body) - MAX_BODY
    shown = literal(body[:MAX_BODY]) + (
        f"\n… {more:,} more characters in the file" if more > 0 else ""
    )
    return (
        '<div class="kb-unconverted"><p><em>Shown as plain text: this note nests too deeply '
        f'to be formatted.</em></p>\n<pre class="kb-plain">{shown}</pre></div>'
    )


def render_body(
    body: str,
    resolve: Callable[[str], tuple[str, str] | None],
    heading_shift: int = 2,
) -> str:
    """The user's own Markdown, made inert (see above), with [[mentions]] turned into links.

    Bodies longer than MAX_BODY characters are cut at a line break, with a note saying so.

    `resolve(slug)` gives (name, href) for a known contact, or None.
    """
    if nesting_problem(body) is not None:
        return "\n" + unconverted_body(body) + "\n"
    body = clean_body(body)
    rest = ""
    if len(body) > MAX_BODY:
        cut = body.rfind("\n", 0, MAX_BODY)
        cut = cut if cut > 0 else MAX_BODY
        rest = f"*(The note goes on in its file: {len(body) - cut:,} more characters.)*"
        body = body[:cut]
    out = []
    for is_code, part in split_fences(body):
        if is_code:
            out.append(code_block(part))
        else:
            out.append(_shift(balance_brackets(_inert_text(part, resolve)), heading_shift))
    if rest:
        out += ["", rest]
    return "\n".join(out).strip()


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def long_date(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def birthday(value: Birthday) -> str:
    """`25 November`, or `25 November 1990` when the year is known."""
    month = dt.date(2000, value.month, 1).strftime("%B")
    return f"{value.day} {month}" + (f" {value.year}" if value.year else "")
