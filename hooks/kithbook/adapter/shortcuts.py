"""Which build shortcuts (the same site, faster) this site may take; KITHBOOK_SHORTCUTS=0: none."""

from __future__ import annotations

import os
from typing import Any

from ..render.plain import PLAIN_SAFE_EXTENSIONS
from . import page_reuse

OURS = f"{__package__}."  # kithbook's own handlers are made in this folder


def enabled() -> bool:
    """Whether the build takes the shortcuts that give the same site faster: plain notes
    without Markdown, shared theme parts rendered once per folder, no search pass over
    pages left out of the index, in `mkdocs serve` unchanged pages reused and the site's
    files overwritten (page_reuse, kept_site), and in reading/parse.py simple front matter
    read without the YAML composer.
    KITHBOOK_SHORTCUTS=0 turns them off (to compare, or to rule them out)."""
    return os.environ.get("KITHBOOK_SHORTCUTS", "1") != "0"


def ours(handler: Any) -> bool:
    """Whether an event handler is one of kithbook's own."""
    return str(getattr(handler, "__module__", None)).startswith(OURS)


def only_ours_and_search(config: Any, event: str) -> bool:
    """Whether every handler of `event` is kithbook's own or Material's search plugin."""
    return all(
        ours(handler) or type(getattr(handler, "__self__", None)).__name__ == "SearchPlugin"
        for handler in config.plugins.events.get(event, [])
    )


def reuse_allowed(config: Any) -> bool:
    """Whether pages can only change with the keys of page_reuse: shortcuts are on and no
    other plugin or hook handles page events or the theme environment."""
    return enabled() and all(only_ours_and_search(config, e) for e in page_reuse.PAGE_EVENTS)


def hide_from_search_allowed(config: Any) -> bool:
    """Whether pages we index ourselves may be hidden from the search plugin for a moment:
    shortcuts are on and no other plugin or hook handles the page context to see the gap."""
    return enabled() and only_ours_and_search(config, "page_context")


def keep_site_allowed(config: Any) -> bool:
    """Whether every plugin writes every file it makes on every build: kithbook, search."""
    return enabled() and all(
        ours(getattr(plugin, "on_files", None)) or type(plugin).__name__ == "SearchPlugin"
        for plugin in config.plugins.values()
    )


def plain_notes_allowed(extensions: list[Any]) -> bool:
    """Whether plain notes may skip Markdown: every extension is known to leave them alone."""
    return enabled() and all(
        isinstance(ext, str) and ext in PLAIN_SAFE_EXTENSIONS for ext in extensions
    )
