"""One rendering of the site navigation per folder of generated pages.

Material renders the whole navigation (the left sidebar, which is also the mobile menu) into
every page: about two fifths of each page's template time. For the pages that grow with the
journal (contacts, months, companies) it is the same HTML over and over: none of them is in
the navigation, so nothing in it is marked active, and its links are relative to the page's
folder. `NavCache` installs a wrapper around Material's `partials/nav.html` that renders the
original once per folder for such pages and reuses it; every other page renders it as usual.
A theme override of `partials/nav.html` (custom_dir) is what gets rendered and reused.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from typing import Any

import jinja2
from markupsafe import Markup

NAV = "partials/nav.html"
ORIGINAL = "kithbook-theme"  # prefix under which the theme's own templates stay reachable
WRAPPER = (
    "{%- set kb_key = kithbook_nav_key(page) -%}"
    "{%- if kb_key and kithbook_nav_cached(kb_key) -%}{{ kithbook_nav_cached(kb_key) }}"
    "{%- else -%}{%- set kb_html -%}{% include '" + ORIGINAL + "/" + NAV + "' %}{%- endset -%}"
    "{{ kithbook_nav_keep(kb_key, kb_html) }}{%- endif -%}"
)


class NavCache:
    """The navigation HTML of pages not in the nav, by the folder of their address."""

    def __init__(self, shared: Collection[str]) -> None:
        self.shared = shared  # docs paths of the pages that may share one rendering
        self.html: dict[str, Markup] = {}
        self.renders = 0

    def install(self, env: jinja2.Environment) -> None:
        theme = env.loader
        if theme is None:
            return
        if "kithbook_nav_key" not in env.globals:
            env.loader = jinja2.ChoiceLoader(
                [
                    jinja2.DictLoader({NAV: WRAPPER}),
                    jinja2.PrefixLoader({ORIGINAL: theme}),
                    theme,
                ]
            )
        env.globals.update(
            kithbook_nav_key=self.key,
            kithbook_nav_cached=self.html.get,
            kithbook_nav_keep=self.keep,
        )

    def key(self, page: Any) -> str | None:
        file = getattr(page, "file", None)
        if file is None or file.src_uri not in self.shared:
            return None
        return "/" + posixpath.dirname(str(page.url).rstrip("/"))

    def keep(self, key: str | None, html: str) -> Markup:
        self.renders += 1
        markup = Markup(html)
        if key:
            self.html[key] = markup
        return markup
