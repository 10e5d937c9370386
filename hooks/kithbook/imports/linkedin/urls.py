"""LinkedIn profile addresses in one normal form: the identity of a person across imports."""

from __future__ import annotations

import functools
import re
from urllib.parse import quote, unquote, urlsplit

PROFILE = "https://www.linkedin.com/in/"
_BAD = re.compile(r"[\s/?#<>\"\\]")


@functools.lru_cache(maxsize=1 << 16)
def normalise_profile_url(raw: str) -> str | None:
    """`https://www.linkedin.com/in/<slug>`: scheme added, host, case, query, slash dropped.

    `linkedin.com/in/Jane-Doe/?trk=x` → `https://www.linkedin.com/in/jane-doe`. Old public
    addresses (`/pub/jane-doe/1/2/3`) keep their path, lower-cased. None if not a profile.
    """
    text = raw.strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    segments = [s for s in unquote(parts.path).split("/") if s]
    if len(segments) >= 2 and segments[0].lower() == "in":
        slug = segments[1].lower()
        if _BAD.search(slug):
            return None
        return PROFILE + quote(slug, safe="-_.~")
    if len(segments) >= 2 and segments[0].lower() == "pub":
        if any(_BAD.search(s) for s in segments):
            return None
        return "https://www.linkedin.com/" + "/".join(
            quote(s.lower(), safe="-_.~") for s in segments
        )
    return None


def split_urls(text: str) -> list[str]:
    """Profile addresses from a cell that may hold several (messages' RECIPIENT PROFILE URLS)."""
    out: list[str] = []
    for part in re.split(r"[,;\s]+", text):
        url = normalise_profile_url(part)
        if url is not None and url not in out:
            out.append(url)
    return out
