"""The events coming up, as the last calendar import saw them (for This week)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..shared.state import state_file

SOURCE = "calendar"


@dataclass(frozen=True, slots=True)
class Upcoming:
    date: dt.date
    time: str
    title: str
    with_: tuple[str, ...]


def read_upcoming(root: Path, today: dt.date, days: int = 7) -> list[Upcoming]:
    """Events from today to `days` ahead; none when there is no (readable) calendar import."""
    try:
        raw = json.loads((root / state_file(SOURCE)).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return []
    extra = raw.get("extra") if isinstance(raw, dict) else None
    items = extra.get("upcoming") if isinstance(extra, dict) else None
    found: list[Upcoming] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            day = dt.date.fromisoformat(str(item.get("date")))
        except ValueError:
            continue
        people = item.get("with")
        if 0 <= (day - today).days < days and isinstance(people, list):
            found.append(
                Upcoming(
                    day,
                    str(item.get("time", "")),
                    str(item.get("title", "")),
                    tuple(str(p) for p in people),
                )
            )
    return sorted(found, key=lambda u: (u.date, u.time, u.title))
