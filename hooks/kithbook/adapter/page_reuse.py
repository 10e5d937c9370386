"""Unchanged pages reused between `mkdocs serve` rebuilds; off: --dirty, shortcuts, other plugins.

Plain `mkdocs serve` (without --dirty) converts every page's Markdown and renders every
page's theme template again after each save: at 500 contacts and 2,000 entries that is about
700 pages, and the two are most of a rebuild. `PageReuse` lives as long as the serve and
keeps, for each page of the last build:

- its **conversion** (HTML content, table of contents, title, anchors), keyed on its
  Markdown and meta (for a generated page, the page kithbook made, before the fragments are
  swapped out) and on what Markdown reads besides: the configuration and every file's
  address (`PageReuse.begin`). A page whose key is equal gets the kept conversion: Python-Markdown
  runs on an empty text and the kept results are put back.
- its **template output**, keyed on everything of the page the template shows
  (`page_key`: content, title, meta, table of contents, address, neighbours) and on what
  every page shares (`site_key`: configuration, navigation, the theme's custom templates).
  A page whose key is equal gets the kept output through a one-line template chosen with
  the page's `template` meta (`REUSED`). Any change to the site key drops every kept output.

Every plugin event still runs for every page, and MkDocs writes every page as usual. The
hook uses this only where nothing else can change a page without changing a key: no plugin
or hook but kithbook and the search plugin handles the page events or the theme
environment (`PAGE_EVENTS`), no custom template reads the build date or the list of all
pages (`custom_templates`), and, for conversions, every Markdown extension is one known to
read nothing but the page, its address and the configuration (`PURE_EXTENSIONS`). A
conversion that logged anything (a broken link, say) is not kept, so its message comes
again on every rebuild.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

REUSED = "kithbook-reused-page.html"  # the template that gives a page its kept output
# Events whose handlers could change a page without changing its keys.
PAGE_EVENTS = (
    "pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "env"
)  # fmt: skip
# Context names a template could read that no key covers: the build's date and time, and
# every page of the site.
UNKEYED_NAMES = re.compile(r"\bbuild_date_utc\b|(?<![.\w])pages\b")
# Markdown extensions whose output depends only on the page's text, its address, the
# configuration and the site's files. Not here: snippets and b64 (they read other files),
# emoji (custom icon folders), and anything unknown.
PURE_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code",
        "footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br",
        "sane_lists", "smarty", "tables", "toc", "wikilinks",
        "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic",
        "pymdownx.details", "pymdownx.escapeall", "pymdownx.fancylists", "pymdownx.highlight",
        "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.mark",
        "pymdownx.progressbar", "pymdownx.saneheaders", "pymdownx.smartsymbols",
        "pymdownx.striphtml", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
        "pymdownx.tilde",
    }
)  # fmt: skip


def pure_extensions(extensions: Iterable[Any]) -> bool:
    return all(
        isinstance(ext, str) and ext.removeprefix("markdown.extensions.") in PURE_EXTENSIONS
        for ext in extensions
    )


def fingerprint(value: Any) -> Any:
    """A comparable form of a configuration value: equal exactly when the values are.

    Plugins are compared by class and their own configuration; modules by name; other
    objects by their representation, or by class when it shows only an address.
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, types.ModuleType):
        return ("module", value.__name__)
    if isinstance(value, Mapping):
        items = tuple((str(k), fingerprint(v)) for k, v in value.items())
        extra: tuple[Any, ...] = ()
        if hasattr(value, "dirs"):  # a theme: its folders and templates are not items
            extra = (
                tuple(value.dirs),
                tuple(sorted(getattr(value, "static_templates", ()))),
                getattr(value, "custom_dir", None),
            )
        return (type(value).__qualname__, items, extra)
    if isinstance(value, (list, tuple)):
        return tuple(fingerprint(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(fingerprint(v)) for v in value)))
    config = getattr(value, "config", None)
    if isinstance(config, Mapping):  # a plugin
        return (type(value).__qualname__, fingerprint(config))
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


def config_key(config: Any) -> Any:
    return fingerprint(dict(config.items()))


def files_key(files: Iterable[Any]) -> tuple[Any, ...]:
    """Every file's place in the site: what Markdown's links and images resolve against."""
    return tuple((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)


def site_key(config: Any, nav: Any, custom: bytes) -> tuple[Any, ...]:
    """What every page's template output shares: configuration (its `config_key`),
    navigation, custom templates."""
    homepage = getattr(nav, "homepage", None)
    return (config, _items_key(nav.items), getattr(homepage, "url", None), custom)


def _items_key(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(
        (
            type(item).__name__,
            item.title,
            getattr(item, "url", None),
            fingerprint(getattr(item, "meta", None)),
            _items_key(getattr(item, "children", None) or ()),
        )
        for item in items
    )


def page_key(page: Any) -> tuple[Any, ...]:
    """Everything of one page its template can show (see the module docstring)."""
    return (
        page.url,
        page.title,
        page.content,
        _toc_key(page.toc),
        fingerprint(page.meta),
        page.edit_url,
        page.canonical_url,
        page.is_homepage,
        _neighbour(page.previous_page),
        _neighbour(page.next_page),
        tuple(_neighbour(a) for a in page.ancestors),
    )


def _neighbour(item: Any) -> tuple[Any, ...] | None:
    if item is None:
        return None
    return (item.title, getattr(item, "url", None), fingerprint(getattr(item, "meta", None)))


def _toc_key(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple((item.title, item.id, item.level, _toc_key(item.children)) for item in items or ())


def custom_templates(custom_dir: str | None) -> bytes | None:
    """A digest of every file under the theme's custom_dir (b"" without one), or None when a
    template there reads something no key covers (`UNKEYED_NAMES`)."""
    if not custom_dir or not os.path.isdir(custom_dir):
        return b""
    digest = hashlib.blake2b(digest_size=32)
    for folder, dirs, names in os.walk(custom_dir):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            with open(path, "rb") as stream:
                data = stream.read()
            if name.endswith(".html") and UNKEYED_NAMES.search(data.decode("utf-8", "replace")):
                return None
            relative = os.path.relpath(path, custom_dir).encode("utf-8", "surrogateescape")
            digest.update(len(relative).to_bytes(8, "big") + relative)
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.digest()


@dataclass(frozen=True, slots=True)
class Conversion:
    """What converting one page's Markdown gave, as kept for the next build."""

    key: tuple[Any, ...]
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors, by target's docs path


class _Noticed(logging.Handler):
    """Notes that something was logged (from INFO up) while a page was being converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


class PageReuse:
    """The last build's conversions and template outputs, by docs path."""

    def __init__(self) -> None:
        self.site: tuple[Any, ...] | None = None
        self.kept: dict[str, tuple[tuple[Any, ...], str]] = {}  # template outputs
        self.waiting: dict[str, tuple[Any, ...]] = {}  # keys of pages this build renders
        self.converted: dict[str, Conversion] = {}
        self.converting: dict[str, tuple[Any, ...]] = {}  # keys of pages being converted
        self.taken: dict[str, str] = {}  # Markdown of pages whose conversion is reused
        self.markdown_site: tuple[Any, ...] | None = None  # None: conversions not reused
        self.compiled = CompiledTemplates()
        self.noticed = _Noticed()
        self.reused = self.reconverted = 0
        self.allowed = False  # whether this build may reuse anything (see the module doc)
        self.config: Any = None  # this build's `config_key`

    # Conversions

    def begin(self, config: Any, files: Iterable[Any], allowed: bool) -> None:
        """Begin a build (after the navigation is made): whether anything may be reused,
        and what conversions depend on (only reused if every Markdown extension is pure)."""
        self.converting, self.taken, self.reconverted = {}, {}, 0
        self.allowed, self.config = allowed, config_key(config) if allowed else None
        if not (allowed and pure_extensions(config.markdown_extensions)):
            self.markdown_site, self.converted = None, {}
            return
        site = (self.config, files_key(files))
        if site != self.markdown_site:
            self.markdown_site, self.converted = site, {}
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            if self.noticed not in logger.handlers:
                logger.addHandler(self.noticed)

    def end(self) -> None:
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            logger.removeHandler(self.noticed)

    def before_markdown(self, page: Any, source: str, markdown: str) -> str:
        """The Markdown to convert: `markdown`, or nothing when the kept conversion of the
        same `source` is reused (put back by `after_markdown`)."""
        if self.markdown_site is None:
            return markdown
        uri, key = page.file.src_uri, (page.url, source, fingerprint(page.meta))
        kept = self.converted.get(uri)
        if kept is not None and kept.key == key:
            self.taken[uri] = markdown
            return ""
        self.converted.pop(uri, None)
        self.converting[uri] = key
        self.noticed.seen = False
        return markdown

    def reused_content(self, page: Any, files: Any) -> str | None:
        """For a page whose conversion is reused: put the kept results back on the page and
        return its HTML. None for any other page."""
        markdown = self.taken.pop(page.file.src_uri, None)
        if markdown is None:
            return None
        kept = self.converted[page.file.src_uri]
        page.markdown, page.toc, page.title = markdown, kept.toc, kept.title
        page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
        if kept.links is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in kept.links.items()}  # fmt: skip
        self.reconverted += 1
        return kept.content

    def keep_conversion(self, page: Any, content: str) -> None:
        key = self.converting.pop(page.file.src_uri, None)
        if key is None or self.noticed.seen:
            return
        links = getattr(page, "links_to_anchors", None)
        anchors = getattr(page, "present_anchor_ids", None)
        self.converted[page.file.src_uri] = Conversion(
            key,
            content,
            page.toc,
            page.title,
            frozenset(anchors) if anchors is not None else None,
            {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
        )

    # Template outputs

    def start(self, nav: Any, custom: bytes, pages: Iterable[Any]) -> None:
        """Before the pages are rendered: give each page whose key is unchanged its kept
        template output."""
        site = site_key(self.config, nav, custom)
        if site != self.site:
            self.site, self.kept, self.compiled = site, {}, CompiledTemplates()
        kept, self.kept, self.waiting, self.reused = self.kept, {}, {}, 0
        # Every key first: a page's key holds its neighbours' meta, changed below.
        keyed = [(page, page_key(page)) for page in pages]
        for page, key in keyed:
            uri = page.file.src_uri
            old = kept.get(uri)
            if old is not None and old[0] == key:
                self.kept[uri] = old
                page.meta["template"] = REUSED
                self.reused += 1
            else:
                self.waiting[uri] = key

    def prepare(self, env: jinja2.Environment, config: Any, nav: Any, files: Any) -> None:
        """Before the pages are rendered: give pages whose key is unchanged their kept output
        through `env`; none when not allowed or a custom template reads names no key covers.
        """
        custom = custom_templates(config.theme.custom_dir)
        if custom is None or not self.allowed:
            self.forget()
            return
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        self.start(nav, custom, pages)
        self.install(env)
        if os.environ.get("KITHBOOK_TIMINGS"):
            logging.getLogger("mkdocs.hooks.kithbook").info(
                f"kithbook: of {len(pages)} pages, {self.reconverted} conversions and "
                f"{self.reused} rendered pages reused"
            )

    def forget(self) -> None:
        self.site, self.kept, self.waiting, self.reused = None, {}, {}, 0
        self.compiled = CompiledTemplates()

    def install(self, env: jinja2.Environment) -> None:
        if env.loader is not None and "kithbook_reused_page" not in env.globals:
            reused = jinja2.DictLoader({REUSED: "{{ kithbook_reused_page(page) }}"})
            env.loader = jinja2.ChoiceLoader([reused, env.loader])
        env.globals["kithbook_reused_page"] = self.output
        env.bytecode_cache = self.compiled

    def output(self, page: Any) -> Markup:
        return Markup(self.kept[page.file.src_uri][1])

    def keep(self, page: Any, output: str) -> None:
        """Keep a page's fresh template output (before any post_page event changes it)."""
        key = self.waiting.pop(page.file.src_uri, None)
        if key is not None:
            self.kept[page.file.src_uri] = (key, output)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per serve, not on every rebuild.

    Each rebuild loads the configuration and so the theme's Jinja environment afresh, which
    compiles every template again (a tenth of a rebuild). Jinja checks each kept compilation
    against its template's source, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
