"""Safe, transliterated, collision-free slugs for contact and entry file names."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from slugify import slugify

from ..reading.fields import SLUG_RE

MAX_SLUG = 60  # characters; long enough for any name, short enough for any file system
FALLBACK = "contact"
# python-slugify 9.2 looks for the optional `unidecode` package on every call unless told
# which transliterator to use; asking for its own dependency saves a failed import per name.
_BACKEND: dict[str, Any] = (
    {"backend": "text-unidecode"} if "backend" in inspect.signature(slugify).parameters else {}
)
_PLAIN = re.compile(r"^[A-Za-z0-9 '.-]*$")
_PLAIN_DROP = re.compile(r"'+")
_PLAIN_SPLIT = re.compile(r"[^a-z0-9]+")
APOSTROPHES = [["'", ""], ["’", ""], ["ʼ", ""]]  # O'Malley → omalley, not o-malley


def slugify_text(text: str, max_length: int = MAX_SLUG) -> str:
    """Lower-case ASCII words joined by '-' ('Zoë Nováková' → 'zoe-novakova'); '' when none."""
    if _PLAIN.match(text):
        # Plain ASCII words: what slugify gives, without its per-call cost (big imports).
        quick = "-".join(_PLAIN_SPLIT.split(_PLAIN_DROP.sub("", text).lower())).strip("-")
        if not max_length or len(quick) <= max_length:
            return quick if SLUG_RE.match(quick) else ""
    slug = slugify(
        text,
        max_length=max_length,
        word_boundary=True,
        save_order=True,
        replacements=APOSTROPHES,
        **_BACKEND,
    )
    return slug if SLUG_RE.match(slug) else ""


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Text reduced for comparison: transliterated, lower case, words joined by '-'."""
    return slugify_text(text, max_length=0)


class SlugPool:
    """Names in use; hands out `base`, `base-2`… without re-scanning (a big import has many)."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def __contains__(self, name: object) -> bool:
        return name in self.taken

    def claim(self, base: str) -> str:
        """`base` if free, else the first free `base-N`; it is taken from then on."""
        slug = base
        if slug in self.taken:
            n = self._next.get(base, 2)
            while f"{base}-{n}" in self.taken:
                n += 1
            self._next[base] = n + 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug

    def claim_fallback(self, prefix: str = FALLBACK) -> str:
        """`contact-1`, `contact-2`…: for a name with no letters that transliterate (emoji)."""
        n = self._next.get(prefix, 1)
        while f"{prefix}-{n}" in self.taken:
            n += 1
        self._next[prefix] = n + 1
        self.taken.add(f"{prefix}-{n}")
        return f"{prefix}-{n}"


def contact_slug(name: str, pool: SlugPool, hint: str = "") -> str:
    """A new contact's slug from its name (or `hint`, then a numbered fallback), claimed."""
    base = slugify_text(name) or slugify_text(hint)
    return pool.claim(base) if base else pool.claim_fallback()


def entry_stem(date: dt.date, words: str, pool: SlugPool) -> str:
    """A new entry's file stem, `YYYY-MM-DD-words`, made unique with `-2`, `-3`…, claimed."""
    slug = slugify_text(words, max_length=MAX_SLUG)
    return pool.claim(f"{date.isoformat()}-{slug}" if slug else date.isoformat())


def taken_stems(folder: Path) -> set[str]:
    """The stems of every Markdown file under `folder` (a new name must differ from all)."""
    stems: set[str] = set()
    if folder.is_dir():
        for _, _, names in os.walk(folder):
            stems.update(n[:-3] for n in names if n.endswith(".md"))
    return stems
