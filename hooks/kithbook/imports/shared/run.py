"""An import's last run, as its state file keeps it (`last_run`) for the site's Imports page.

The run holds what the import printed: the day (the command's `today`), the base name of
the file or folder it read (never the path to it: the state is committed with the journal),
the counts, and the skipped records, at most `LIMIT` of them. It is recorded only when the
import changes something else in its state file (`choose_text` in state.py): a re-run that
changes nothing writes nothing, so re-importing leaves `git status` clean on any day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from ...reading.import_state import LIMIT
from ...reading.load import shown_text
from ...reading.records import Problem

Run = Mapping[str, object]
_SEPARATORS = re.compile(r"[\\/]+")


def base_name(path: str | Path) -> str:
    """The last part of a path, whichever separator it uses (`C:\\x\\a.ics` → `a.ics`); bytes
    that are not UTF-8 in a file name are shown as U+FFFD (the state file is UTF-8 text)."""
    parts = [p for p in _SEPARATORS.split(str(path)) if p]
    return shown_text(parts[-1] if parts else str(path))


def skip_record(problem: Problem) -> dict[str, object]:
    return {
        "file": base_name(problem.source.path),
        "line": problem.source.line,
        "reason": shown_text(problem.message.removeprefix("skipped: ")),
    }


def bounded(key: str, items: Sequence[object]) -> dict[str, object]:
    """`key`: the first LIMIT items, and `key_more`: how many were left out (when any)."""
    out: dict[str, object] = {
        key: [shown_text(item) if isinstance(item, str) else item for item in items[:LIMIT]]
    }
    if len(items) > LIMIT:
        out[f"{key}_more"] = len(items) - LIMIT
    return out


def make_run(
    today: dt.date,
    path: str | Path,
    *,
    contacts: int,
    entries: int,
    updated: int,
    unchanged: int,
    skipped: Sequence[Problem],
    failed: int = 0,
    extra: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """The `last_run` of an import that read `path` on `today` (key order as written)."""
    run: dict[str, object] = {
        "date": today.isoformat(),
        "file": base_name(path),
        "created": {"contacts": contacts, "entries": entries},
        "updated": updated,
        "unchanged": unchanged,
        "skipped": len(skipped),
        "failed": failed,
        "skips": [skip_record(p) for p in skipped[:LIMIT]],
    }
    run.update(extra or {})
    return run
