"""Privacy rules for the site: no indexing, no publishing by accident, no outside requests.

Plain functions over strings and settings; the MkDocs hook calls them (and knows MkDocs).
"""

from __future__ import annotations

import html
import ipaddress
import re
import sys
from collections.abc import Iterable, Mapping

from ..render.redact import BANNER_HTML

ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_ROBOTS = re.compile(r"<meta\s[^>]*name=[\"']?robots\b", re.IGNORECASE)

PUBLISH_REFUSED = (
    "kithbook refuses to publish: `mkdocs gh-deploy` would put your private networking "
    "journal (what you think of people, their contact details, personal conversations) on "
    "a public web site. If you really mean to publish it, set `allow_publish: true` under "
    "`extra: kithbook:` in mkdocs.yml."
)

# Elements and attributes that make a browser fetch something as the page loads.
_LOADING_TAG = re.compile(
    r"<(?=[sifvaeotulSIFVAEOTUL])"  # a quick first-letter test: pages have thousands of tags
    r"(script|img|iframe|frame|source|video|audio|embed|object|track|input|image|use|link)\b"
    r"([^>]*)>",
    re.IGNORECASE,
)
_LOADING_ATTR = re.compile(
    r"\b(src|srcset|data|poster|href|xlink:href)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
    re.IGNORECASE,
)
_LINK_REL = re.compile(r"\brel\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_FETCHED_RELS = {
    "stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect",
    "dns-prefetch", "apple-touch-icon", "prerender",
}  # fmt: skip
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")  # a real tag: a `<` in text is always written &lt;
_STYLE_ATTR = re.compile(r"\sstyle\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_CSS_URL = re.compile(
    r"(?:url\(\s*['\"]?|@import\s+['\"]?)((?:[a-z][a-z0-9+.\-]*:)?//[^'\")\s;]+)", re.IGNORECASE
)
_REMOTE = re.compile(r"^\s*(?:(?:https?|ftp|wss?):)?//", re.IGNORECASE)
_MERMAID = re.compile(r"<(?:pre|div)\b[^>]*\bclass=[\"'][^\"']*\bmermaid\b", re.IGNORECASE)


def add_robots_meta(page: str) -> str:
    """An HTML page with `<meta name="robots" content="noindex, nofollow">` in its head."""
    head = _HEAD.search(page)
    if head is None or _ROBOTS.search(page, head.end(), page.find("</head>", head.end())):
        return page
    return f"{page[: head.end()]}\n    {ROBOTS_META}{page[head.end() :]}"


def add_notice(page: str, notice: str) -> str:
    """An HTML page with a notice under its first heading (or at the top of its body)."""
    heading = page.find("</h1>")
    at = heading + len("</h1>") if heading >= 0 else page.find(">", page.find("<body")) + 1
    return f"{page[:at]}{notice}{page[at:]}" if at > 0 else page


def finish_template(output: str, template_name: str, redacted: bool) -> str:
    """A page MkDocs made from a template of its own (404.html; not sitemap.xml): robots
    kept away and, in a redacted build, the notice that it is one."""
    if not template_name.endswith(".html"):
        return output
    if redacted:
        output = add_notice(output, BANNER_HTML)
    return add_robots_meta(output)


def title_to_protect(title: str | None) -> str | None:
    """A page title (HTML) that Material's `<title>` would print as raw markup, or None.

    Material writes `{{ page.title | striptags }}` into `<title>`, and `striptags` also turns
    `&lt;` back into `<`: a contact named `</title><script>…` would end the title and run.
    Set as the page's meta title, the escaped form is printed as it is, and shows as text.
    """
    if not title:
        return None
    shown = html.unescape(re.sub(r"<[^>]*>", "", title))
    return title if "<" in shown else None


def template_safe(text: str | None) -> str | None:
    """A setting that themes print into pages without escaping (`site_name`), as HTML text.

    MkDocs renders templates without autoescape and Material prints `{{ config.site_name }}`
    as it is, in the header, the navigation and `<title>`: a site name (from `kith init
    --owner`) holding `<script>` would run on every page. Markup characters are escaped, so
    the name shows as typed; a name without them is returned unchanged.
    """
    if text is None or not any(ch in text for ch in "<>\"'`"):
        return text
    return html.escape(html.unescape(text), quote=True).replace("`", "&#96;")


def publish_refusal(command: str | None, allow_publish: bool) -> str | None:
    """Why a command may not run (`gh-deploy` without `allow_publish: true`), or None."""
    if command == "gh-deploy" and not allow_publish:
        return PUBLISH_REFUSED
    return None


def serving(command: str | None) -> bool:
    """Whether this build is for a development server: `serve`, and also `serve --clean`,
    which MkDocs (and ProperDocs) report to plugins as the command `build`. The server's
    own module is then on the call stack of the configuration's loading."""
    if command == "serve":
        return True
    frame = sys._getframe(1)
    while frame is not None:
        if str(frame.f_globals.get("__name__", "")).endswith(".commands.serve"):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def exposed_address(host: str) -> str | None:
    """A warning when `mkdocs serve` would listen on more than this machine, or None."""
    name = host.strip().strip("[]")
    if name.lower() == "localhost":
        return None
    try:
        if ipaddress.ip_address(name).is_loopback:
            return None
    except ValueError:
        pass
    return (
        f"dev_addr {host} is not a loopback address: `mkdocs serve` will show your private "
        "journal to anyone who can reach this machine on the network. Use 127.0.0.1 "
        "(the default) unless you mean to share it."
    )


def outside_request_settings(
    theme_name: str | None,
    theme_font: object,
    repo_url: str | None,
    extra: Mapping[str, object],
    assets: Iterable[str],
) -> list[str]:
    """Settings in mkdocs.yml that make the built site fetch things from other hosts."""
    found: list[str] = []
    if theme_name == "material" and theme_font is not False:
        found.append(
            "theme.font is not false: Material loads web fonts from fonts.googleapis.com; "
            "set `font: false` under `theme:`"
        )
    if repo_url:
        found.append(
            "repo_url is set: Material's header asks the repository host's API for its stars "
            "and forks from the reader's browser; remove repo_url"
        )
    if extra.get("analytics"):
        found.append("extra.analytics is set: it sends every page view to an analytics service")
    for asset in assets:
        if _REMOTE.match(asset):
            found.append(f"{asset}: extra_css and extra_javascript must be local files")
    return found


def outside_requests(page: str) -> list[str]:
    """Addresses on other hosts that an HTML page would load, and Mermaid diagrams.

    Links (`<a href>`) are not requests and are not listed. Material loads mermaid.js from
    unpkg.com for any page with a Mermaid diagram, so a diagram counts as a request.
    """
    found: list[str] = []
    for tag in _LOADING_TAG.finditer(page):
        name, attrs = tag.group(1).lower(), tag.group(2)
        if name == "link":
            rel = _LINK_REL.search(attrs)
            rels = set(_unquote(rel.group(1)).lower().split()) if rel else set()
            if not rels & _FETCHED_RELS:
                continue
        for attr in _LOADING_ATTR.finditer(attrs):
            value = _unquote(attr.group(2))
            if attr.group(1).lower() == "srcset":
                urls = [u.strip().split(" ")[0] for u in value.split(",")]
            else:
                urls = [value]
            found += [u for u in urls if _REMOTE.match(u)]
    if "url(" in page or "@import" in page:  # cheap tests first: most pages have neither
        styles = [m.group(1) for m in _STYLE.finditer(page)]
        for tag in _TAG.finditer(page):
            styles += [_unquote(m.group(1)) for m in _STYLE_ATTR.finditer(tag.group(0))]
        found += [m.group(1) for css in styles for m in _CSS_URL.finditer(css)]
    if "mermaid" in page and _MERMAID.search(page):
        found.append("https://unpkg.com/mermaid (a Mermaid diagram)")
    return list(dict.fromkeys(found))


def _unquote(value: str) -> str:
    return html.unescape(value.strip("\"'"))
