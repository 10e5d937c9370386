"""Pages indexed from their records, not by the search plugin (hidden from it, shortcuts on)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..render.search import SearchDoc
from ..render.site import Page

Entries = dict[str, tuple[SearchDoc, ...]]  # docs path → the page's search entries


def entries(pages: Iterable[Page]) -> Entries:
    """The pages kithbook indexes itself, with their entries."""
    return {page.uri: page.search for page in pages if page.search is not None}


def exclude(page: Any, entries: Entries) -> None:
    """Keep the search plugin from indexing a page whose entries we add (in `add`)."""
    if page.file.src_uri in entries:
        page.meta["search"] = {"exclude": True}


def hide(page: Any, entries: Entries, hidden: dict[str, str]) -> None:
    """Spare the search plugin a pass over pages it leaves out of the index anyway.

    Material's search plugin runs a regular expression over the content of every page,
    indexed or not (a tenth of a big build); pages whose entries kithbook writes itself
    are hidden from it for that moment (`show` gives the content back). Off with the
    shortcuts, or when another plugin handles the page context and could see the gap.
    """
    if page.file.src_uri in entries:
        hidden[page.file.src_uri] = page.content
        page.content = ""


def show(page: Any, hidden: dict[str, str]) -> None:
    """Give back a page's content hidden from the search plugin."""
    content = hidden.pop(page.file.src_uri, None)
    if content is not None:
        page.content = content


def add(site_dir: str, entries: Mapping[str, tuple[SearchDoc, ...]]) -> None:
    """Add our entries to the search plugin's search_index.json, once it is written."""
    path = Path(site_dir) / "search" / "search_index.json"
    docs = [doc for page_entries in entries.values() for doc in page_entries]
    if docs and path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        index.setdefault("docs", []).extend(docs)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
