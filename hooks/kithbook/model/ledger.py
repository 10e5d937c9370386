"""The giving ledger: what I gave and received, per person and across the network over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..reading.fields import SMALL_FAVOUR_KINDS
from ..reading.records import Entry


def is_favour(entry: Entry) -> bool:
    """Help given or received that the ledger counts (not a reaction's small favour)."""
    return bool(entry.gave or entry.got) and entry.kind not in SMALL_FAVOUR_KINDS


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One person's side of the ledger: entries where I gave, and where I received."""

    slug: str
    gave: tuple[Entry, ...]
    got: tuple[Entry, ...]

    @property
    def balance(self) -> int:
        return len(self.gave) - len(self.got)


def build_ledger(timeline: Mapping[str, tuple[Entry, ...]]) -> dict[str, LedgerLine]:
    return {
        slug: LedgerLine(
            slug,
            tuple(e for e in entries if e.gave and is_favour(e)),
            tuple(e for e in entries if e.got and is_favour(e)),
        )
        for slug, entries in timeline.items()
        if any(is_favour(e) for e in entries)
    }


def asked_more_than_given(ledger: Mapping[str, LedgerLine]) -> list[str]:
    """People I have received more from than I have given to: give before asking again."""
    owing = [line for line in ledger.values() if line.balance < 0]
    owing.sort(key=lambda line: (line.balance, line.slug))
    return [line.slug for line in owing]


def balance_over_time(entries: Iterable[Entry], dates: Sequence[dt.date]) -> list[int]:
    """Cumulative (gave − got) across the network at each date."""
    events = sorted(
        (e.date, (1 if e.gave else 0) - (1 if e.got else 0)) for e in entries if is_favour(e)
    )
    out = []
    total, i = 0, 0
    for day in dates:
        while i < len(events) and events[i][0] <= day:
            total += events[i][1]
            i += 1
        out.append(total)
    return out
