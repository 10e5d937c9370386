"""Safe links by construction: addresses judged on the HTML Markdown produced, not on the source.

Whatever spelling a note uses (a reference definition inside a quote or a list, entities,
tabs inside the scheme, spaces before the address), what a browser follows is an attribute
of the HTML. `neutralise_links` reads every address-bearing attribute of a page the way a
browser does (entities decoded, whitespace and control characters dropped, case ignored)
and leaves only the schemes a journal needs: http, https, mailto, tel, and addresses with
no scheme (pages of this site, fragments). Any other address is removed: a link becomes
text, with the address it had in its `title`; an image or a frame loads nothing.

A page without an address to remove is returned unchanged, byte for byte; the check that
finds none is one regular-expression pass, so the build pays almost nothing for it.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

import markdown

from ..reading import settings
from ..reading.records import Contact, Entry, Journal, Problem, Source
from .text import render_body

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes whose value a browser follows, loads or submits to.
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data",
        "cite", "background", "ping", "longdesc", "lowsrc", "dynsrc", "codebase", "manifest",
    }
)  # fmt: skip
UNSAFE_CLASS = "kb-unsafe-link"

# Every `=` of the page followed by what could start a value with a scheme: letters, digits,
# `+.-`, and the spaces and controls a browser drops, up to a `:` or to a `&` (a reference,
# perhaps of a colon). Zero-width matches, so no attribute a browser would see can hide
# inside another: a superset of the real attributes with a scheme. `=` is not among those
# characters, so each part of the page is scanned once, whatever it holds.
_EQUALS = re.compile(r"=(?=[\t\n\f\r ]*[\"']?[A-Za-z0-9+.\-\x00-\x20\x7f]*[:&])")
_SRCSET = re.compile(r"srcset", re.IGNORECASE)
_SPACES = "\t\n\f\r "
_NAME_BEFORE = re.compile(r"[A-Za-z:\-]+$")
_VALUE = re.compile(r"\"[^\"]*\"|'[^']*'|[^\t\n\f\r >]*")
_LONGEST_NAME = max(len(a) for a in URL_ATTRIBUTES) + 2
# What a browser ignores in an address: C0 controls, space, DEL (and tabs/newlines anywhere).
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


@functools.lru_cache(maxsize=65536)
def address_scheme(value: str) -> str | None:
    """The scheme a browser reads in an attribute value as written in HTML, or None.

    Read after decoding character references and dropping the whitespace and control
    characters a browser ignores, in lower case.
    """
    text = _IGNORED.sub("", html.unescape(value)).lower()
    match = _SCHEME.match(text)
    return match.group(1) if match else None


def is_allowed_address(value: str, also: frozenset[str] = frozenset()) -> bool:
    """Whether an attribute value is an address a journal may link to: http, https, mailto,
    tel (and the schemes in `also`), or no scheme (links within the site, fragments)."""
    scheme = address_scheme(value)
    return scheme is None or scheme in ALLOWED_SCHEMES or scheme in also


def editor_schemes(editor_url: str) -> frozenset[str]:
    """The scheme of the user's editor links (settings.editor_url), allowed on pages too."""
    if not editor_url or settings.check_editor_url(editor_url) is not None:
        return frozenset()
    scheme = settings.editor_scheme(editor_url)
    return frozenset({scheme}) if scheme else frozenset()


def _allowed(name: str, value: str, also: frozenset[str]) -> bool:
    if name.lower() == "srcset":
        return all(is_allowed_address(part.strip(), also) for part in value.split(","))
    return is_allowed_address(value, also)


def unsafe_addresses(page: str, editor_url: str = "") -> list[str]:
    """The addresses `neutralise_links` would remove from an HTML page (decoded), in order."""
    also = editor_schemes(editor_url)
    if not _has_candidate(page, also):
        return []
    return [address for _, _, address in _Rewriter(page, also).found]


# What a link or reference definition needs in Markdown; a note without any has no link.
_LINK_SYNTAX = re.compile(r"\][ \t]*\n?[ \t]*[(:]|<[a-zA-Z]")
# The extensions kithbook's own mkdocs.yml uses, plus those that nest Markdown in blocks.
CHECK_EXTENSIONS = ("admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables")


def check_note_links(journal: Journal) -> list[Problem]:
    """A problem for each link in a note that the site will show as text (see the module)."""
    problems: list[Problem] = []
    converter = None
    records: list[Contact | Entry] = [*journal.contacts, *journal.entries]
    for record in records:
        if not _LINK_SYNTAX.search(record.body) or not _other_scheme(record.body):
            continue
        if converter is None:
            converter = markdown.Markdown(extensions=list(CHECK_EXTENSIONS))
        page = converter.reset().convert(render_body(record.body, lambda slug: None))
        for address in unsafe_addresses(page):
            line = record.body_line + _line_of(record.body, address)
            problems.append(
                Problem(
                    Source(record.source.path, line),
                    f"link to '{address}' is shown as text: only http, https, mailto, tel "
                    "and links within the site are followed",
                )
            )
    return problems


_WORD_COLON = re.compile(r"(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]*:")


def _other_scheme(body: str) -> bool:
    """Whether a note, read as a browser reads an address, has a word before a colon that
    is not an allowed scheme (most notes with links have only http(s) and mailto ones)."""
    text = _IGNORED.sub("", html.unescape(body.replace("\\", ""))).lower()
    return any(m.group(0)[:-1] not in ALLOWED_SCHEMES for m in _WORD_COLON.finditer(text))


def _line_of(body: str, address: str) -> int:
    """The line of the body (0 for the first) that holds the address, as a browser reads it."""
    wanted = _IGNORED.sub("", address).lower()[:24]
    for number, line in enumerate(body.split("\n")):
        if wanted and wanted in _IGNORED.sub("", html.unescape(line)).lower():
            return number
    return 0


def neutralise_links(page: str, editor_url: str = "") -> str:
    """The HTML page with every address of a scheme other than the allowed ones removed
    (the scheme of the user's `editor_url` is allowed too: the source lines link to it)."""
    also = editor_schemes(editor_url)
    if not _has_candidate(page, also):
        return page
    rewriter = _Rewriter(page, also)
    if not rewriter.found:
        return page
    out: list[str] = []
    pos = 0
    for start, end, _ in rewriter.found:
        if start < pos:
            continue
        out += [page[pos:start], rewriter.replacement[start]]
        pos = end
    out.append(page[pos:])
    return "".join(out)


def _has_candidate(page: str, also: frozenset[str]) -> bool:
    """Whether any text of the page looks like an address attribute that is not allowed."""
    if _SRCSET.search(page):
        return True  # its later addresses follow commas: rare, so always read in full
    for equals in _EQUALS.finditer(page):
        start = equals.start()
        while start > 0 and page[start - 1] in _SPACES:
            start -= 1
        name = _NAME_BEFORE.search(page, max(0, start - _LONGEST_NAME), start)
        if name is None or name.group(0).lower() not in URL_ATTRIBUTES:
            continue
        at = equals.end()
        while at < len(page) and page[at] in _SPACES:
            at += 1
        value = _VALUE.match(page, at)
        text = value.group(0) if value else ""
        if text[:1] in "\"'":
            text = text[1:-1]
        if not _allowed(name.group(0), text, also):
            return True
    return False


class _Rewriter(HTMLParser):
    """Finds the start tags with an address to remove, and writes each one again without it."""

    def __init__(self, page: str, also: frozenset[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.also = also
        self.found: list[tuple[int, int, str]] = []  # (start, end, address) of tags to rewrite
        self.replacement: dict[int, str] = {}
        self._start = 0
        self.feed(page)
        self.close()

    def parse_starttag(self, i: int) -> int:  # the offset of the tag being parsed
        self._start = i
        end: int = super().parse_starttag(i)
        return end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        bad = [
            (n, v) for n, v in attrs if n in URL_ATTRIBUTES and v and not _allowed(n, v, self.also)
        ]
        if not bad:
            return
        text = self.get_starttag_text() or ""
        kept = [(n, v) for n, v in attrs if (n, v) not in bad]
        if tag in ("a", "area"):
            kept = [(n, v) for n, v in kept if n != "class" and n != "title"]
            classes = " ".join(v or "" for n, v in attrs if n == "class")
            kept += [
                ("class", f"{classes} {UNSAFE_CLASS}".strip()),
                ("title", f"Link removed: {_shown(bad[0][1] or '')} (not an allowed address)"),
            ]
        written = "".join(
            f" {n}" if v is None else f' {n}="{html.escape(v, quote=True)}"' for n, v in kept
        )
        close = "/>" if text.endswith("/>") else ">"
        self.found.append((self._start, self._start + len(text), _shown(bad[0][1] or "")))
        self.replacement[self._start] = f"<{tag}{written}{close}"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _shown(address: str) -> str:
    """An address as a reader would recognise it: on one line, no controls, not too long."""
    flat = " ".join(_IGNORED.sub(" ", address).split())
    return flat if len(flat) <= 80 else flat[:79] + "…"
