"""Theme parts rendered once per folder of generated pages, not per page; off: KITHBOOK_SHORTCUTS=0.

Material renders the whole navigation (the left sidebar, which is also the mobile menu), the
search box, the colour toggle and the footer into every page: about half of each page's
template time. For the pages that grow with the journal (contacts, months, companies) those
parts are the same HTML over and over: none of these pages is in the navigation, so nothing
in it is marked active and there is no previous or next page, and links are relative to the
page's folder. `PartialCache` installs a wrapper around each such partial that renders the
original once per folder for these pages and reuses it; every other page renders it as
usual. A theme override of a partial (custom_dir) is what gets rendered and reused.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from typing import Any

import jinja2
from markupsafe import Markup

SHARED = (
    "partials/nav.html",
    "partials/footer.html",
    "partials/search.html",
    "partials/palette.html",
)
ORIGINAL = "kithbook-theme"  # prefix under which the theme's own templates stay reachable


def wrapper(name: str) -> str:
    """A template that renders partial `name` once per key and reuses it."""
    return (
        f"{{%- set kb_key = kithbook_partial_key(page, '{name}') -%}}"
        "{%- if kb_key and kithbook_partial(kb_key) -%}{{ kithbook_partial(kb_key) }}"
        f"{{%- else -%}}{{%- set kb_html -%}}{{% include '{ORIGINAL}/{name}' %}}{{%- endset -%}}"
        "{{ kithbook_keep_partial(kb_key, kb_html) }}{%- endif -%}"
    )


class PartialCache:
    """The HTML of shared partials for pages not in the nav, by partial and page folder."""

    def __init__(self, shared: Collection[str], names: Collection[str] = SHARED) -> None:
        self.shared = shared  # docs paths of the pages that may share one rendering
        self.names = names
        self.html: dict[str, Markup] = {}
        self.renders = 0

    def install(self, env: jinja2.Environment) -> None:
        theme = env.loader
        if theme is None:
            return
        if "kithbook_partial_key" not in env.globals:
            env.loader = jinja2.ChoiceLoader(
                [
                    jinja2.DictLoader({name: wrapper(name) for name in self.names}),
                    jinja2.PrefixLoader({ORIGINAL: theme}),
                    theme,
                ]
            )
        env.globals.update(
            kithbook_partial_key=self.key,
            kithbook_partial=self.html.get,
            kithbook_keep_partial=self.keep,
        )

    def key(self, page: Any, name: str) -> str | None:
        file = getattr(page, "file", None)
        if file is None or file.src_uri not in self.shared:
            return None
        return f"{name}:/{posixpath.dirname(str(page.url).rstrip('/'))}"

    def keep(self, key: str | None, html: str) -> Markup:
        self.renders += 1
        markup = Markup(html)
        if key:
            self.html[key] = markup
        return markup


def part_to_check(output: str, page: Any, shared: Collection[str], checked: set[str] | None) -> str:
    """What of a page to check for outside requests: for a generated page (one in `shared`)
    whose folder's theme parts were checked already (`checked`, the folders so far; None:
    check every page whole), only its content. Such a page differs from the others in its
    folder only by its content and by text."""
    if checked is None or page.file.src_uri not in shared or not page.content:
        return output
    folder = posixpath.dirname(page.url.rstrip("/"))
    seen = folder in checked
    checked.add(folder)
    return page.content if seen else output
