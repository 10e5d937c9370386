"""Load stage for `.kithbook/`: each import's last run, and the calendar's events coming up.

The state files are the imports' memory (imports/shared/state.py, imports/linkedin/state.py),
committed with the journal and editable by hand, so nothing in them is trusted: a file that
is not JSON, or a `last_run` of the wrong shape, is a `path:line` problem and is left out;
texts are cut to a bounded length and lists to `LIMIT` items. A state file written before
runs were recorded has no `last_run`: it loads, as imported with no run recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .load import RACY_NS
from .records import Problem, Source

FOLDER = ".kithbook"
SOURCES = ("linkedin", "calendar", "contacts", "mail")  # in the order the Imports page shows
LIMIT = 50  # skipped records, job changes and file names kept per list (the rest counted)
MAX_TEXT = 300  # characters of any one text shown
# A state file larger than this is not read. The LinkedIn import of 30,000 connections and
# 50,000 messages writes about 10 MB (benchmarks/bench_import.py); this leaves room for
# networks many times that size while keeping a hand-made giant from filling the memory.
MAX_FILE = 256 * 1024 * 1024
RUN_KEY = "last_run"
_SURROGATE = re.compile("[\ud800-\udfff]")


def state_path(source: str) -> str:
    """`.kithbook/<source>.json`, relative to the journal."""
    return f"{FOLDER}/{source}.json"


@dataclass(frozen=True, slots=True)
class Skip:
    """A record the run skipped: the file (base name only), its line or record number, why."""

    file: str
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class JobChange:
    """LinkedIn said a contact's company or title changed (the LinkedIn import only)."""

    slug: str
    key: str
    old: str
    new: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class Listed:
    """Names the run listed: the first `LIMIT`, and how many more there were."""

    names: tuple[str, ...] = ()
    more: int = 0


@dataclass(frozen=True, slots=True)
class Run:
    """What an import printed when it last changed something."""

    date: dt.date
    file: str  # the file or folder it read, base name only
    contacts: int  # created
    entries: int  # created
    updated: int
    unchanged: int
    skipped: int
    failed: int
    skips: tuple[Skip, ...] = ()  # the first LIMIT of `skipped`
    job_changes: tuple[JobChange, ...] = ()
    more_job_changes: int = 0
    files_read: Listed = Listed()
    files_ignored: Listed = Listed()
    files_unknown: Listed = Listed()

    @property
    def created(self) -> int:
        return self.contacts + self.entries

    @property
    def more_skips(self) -> int:
        return max(self.skipped - len(self.skips), 0)


@dataclass(frozen=True, slots=True)
class StateFile:
    """One source's state file: whether there is one, how many records it remembers, its run."""

    source: str
    path: str
    found: bool = False  # the file is there (readable or not)
    remembered: int = 0
    run: Run | None = None
    unreadable: bool = False  # there, but not a state kithbook can read (see the problems)


@dataclass(frozen=True, slots=True)
class Upcoming:
    """An event coming up, as the last calendar import saw it (for This week)."""

    date: dt.date
    time: str
    title: str
    with_: tuple[str, ...]


@dataclass(frozen=True)
class ImportStates:
    """Every source's state, the calendar's events ahead, and the problems met reading them."""

    states: tuple[StateFile, ...] = ()
    upcoming: tuple[Upcoming, ...] = ()
    problems: tuple[Problem, ...] = ()

    def get(self, source: str) -> StateFile:
        for state in self.states:
            if state.source == source:
                return state
        return StateFile(source, state_path(source))


class _Bad(Exception):
    """A value of the wrong shape in a `last_run`: what is wrong with it."""


def read_import_states(root: Path) -> ImportStates:
    """Every known source's state file under root/.kithbook/; never raises on their content."""
    states: list[StateFile] = []
    problems: list[Problem] = []
    upcoming: tuple[Upcoming, ...] = ()
    for source in SOURCES:
        state, coming, found = _read_remembered(root, source)
        states.append(state)
        problems += found
        if coming is not None:
            upcoming = coming
    return ImportStates(tuple(states), upcoming, tuple(problems))


_Read = tuple["StateFile", "tuple[Upcoming, ...] | None", list[Problem]]
# What each state file gave, by path, with the file's identity when it was read: the LinkedIn
# state of a big network is megabytes of JSON, and `mkdocs serve` rebuilds often.
_REMEMBERED: dict[str, tuple[tuple[int, ...], _Read]] = {}


def _read_remembered(root: Path, source: str) -> _Read:
    """`_read_one`, reused while the file is the same one, unchanged (the load stage's rule:
    a file changed in the last RACY_NS is read again, as its times may not show a change)."""
    path = str(root / state_path(source))
    try:
        st = os.lstat(path)
        where = os.stat(os.path.realpath(root / FOLDER))  # a folder swapped for a link counts
        identity: tuple[int, ...] | None = (
            st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
            where.st_dev, where.st_ino, os.stat(root).st_ino,
        )  # fmt: skip
    except OSError:
        identity = None
    known = _REMEMBERED.get(path)
    if identity is not None and known is not None and known[0] == identity:
        return known[1]
    state, raw, found = _read_one(root, source)
    coming = read_upcoming(raw) if source == "calendar" and raw is not None else None
    result: _Read = (state, coming, found)
    if identity is not None and time.time_ns() - max(identity[4], identity[5]) > RACY_NS:
        _REMEMBERED[path] = (identity, result)
    return result


def _read_one(
    root: Path, source: str
) -> tuple[StateFile, Mapping[str, object] | None, list[Problem]]:
    rel = state_path(source)
    path = root / rel
    missing = StateFile(source, rel, found=True, unreadable=True)  # unless it is not there
    try:
        if not path.exists() and not path.is_symlink():
            return StateFile(source, rel), None, []
        if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
            return missing, None, [_problem(rel, 1, "a symbolic link: not read")]
        if not path.is_file():
            return missing, None, [_problem(rel, 1, "not a regular file: not read")]
        if path.stat().st_size > MAX_FILE:
            return missing, None, [_problem(rel, 1, f"larger than {MAX_FILE >> 20} MB: not read")]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return missing, None, [_problem(rel, 1, f"cannot be read ({_why(err)})")]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        return missing, None, [_problem(rel, err.lineno, f"not valid JSON ({err.msg})")]
    except ValueError:  # a number of thousands of digits, which Python refuses to convert
        return missing, None, [_problem(rel, 1, "not valid JSON (a number too long to read)")]
    except RecursionError:
        return missing, None, [_problem(rel, 1, "nested too deeply to read")]
    if not isinstance(raw, dict) or raw.get("version") != 1:
        return missing, None, [_problem(rel, 1, "not a version 1 kithbook import state")]
    records = raw.get("people" if source == "linkedin" else "records")
    state = StateFile(source, rel, True, len(records) if isinstance(records, dict) else 0)
    if RUN_KEY not in raw:
        return state, raw, []
    try:
        run = parse_run(raw[RUN_KEY])
    except _Bad as err:
        line = _line_of(text, f'"{RUN_KEY}"')
        message = f"{RUN_KEY}: {err}: the last run is not shown (the next import records it)"
        return state, raw, [_problem(rel, line, message)]
    return StateFile(source, rel, True, state.remembered, run), raw, []


def _problem(path: str, line: int, message: str) -> Problem:
    return Problem(Source(path, max(line, 1)), message)


def _why(err: Exception) -> str:
    return getattr(err, "strerror", None) or type(err).__name__


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def parse_run(value: object) -> Run:
    """A `last_run` as the imports write it (imports/shared/run.py); `_Bad` if it is not."""
    data = _dict(value, "not an object")
    try:
        date = dt.date.fromisoformat(_text(data, "date"))
    except ValueError:
        raise _Bad("date is not YYYY-MM-DD") from None
    created = _dict(data.get("created", {}), "created is not an object")
    skipped = _count(data, "skipped")
    return Run(
        date=date,
        file=_text(data, "file"),
        contacts=_count(created, "contacts"),
        entries=_count(created, "entries"),
        updated=_count(data, "updated"),
        unchanged=_count(data, "unchanged"),
        skipped=skipped,
        failed=_count(data, "failed"),
        skips=tuple(_skip(item) for item in _list(data, "skips"))[:LIMIT],
        job_changes=tuple(_job_change(item) for item in _list(data, "job_changes"))[:LIMIT],
        more_job_changes=_count(data, "job_changes_more")
        + max(len(_list(data, "job_changes")) - LIMIT, 0),
        files_read=_listed(data, "files_read"),
        files_ignored=_listed(data, "files_ignored"),
        files_unknown=_listed(data, "files_unknown"),
    )


def _dict(value: object, message: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _Bad(message)
    return value


def _text(data: Mapping[str, object], key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise _Bad(f"{key} is not text")
    return _valid(value[:MAX_TEXT])


def _valid(text: str) -> str:
    """`text` without lone surrogates (JSON's `\\ud800` is one): shown as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _count(data: Mapping[str, object], key: str, what: str = "a count") -> int:
    value = data.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10**12:
        raise _Bad(f"{key} is not {what}")
    return value


def _line(data: Mapping[str, object]) -> int:
    return _count(data, "line", "a line number")


def _list(data: Mapping[str, object], key: str) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _Bad(f"{key} is not a list")
    return value


def _skip(item: object) -> Skip:
    data = _dict(item, "a skipped record is not an object")
    return Skip(_text(data, "file"), _line(data), _text(data, "reason"))


def _job_change(item: object) -> JobChange:
    data = _dict(item, "a job change is not an object")
    return JobChange(
        _text(data, "slug"),
        _text(data, "key"),
        _text(data, "old"),
        _text(data, "new"),
        _text(data, "file", ""),
        _line(data),
    )


def _listed(data: Mapping[str, object], key: str) -> Listed:
    names = _list(data, key)
    if not all(isinstance(n, str) for n in names):
        raise _Bad(f"{key} is not a list of names")
    more = _count(data, f"{key}_more") + max(len(names) - LIMIT, 0)
    return Listed(tuple(str(n)[:MAX_TEXT] for n in names[:LIMIT]), more)


def read_upcoming(raw: Mapping[str, object]) -> tuple[Upcoming, ...]:
    """The calendar state's events ahead, in order; items of the wrong shape are left out
    (they are only a reminder, and the next calendar import writes them again)."""
    extra = raw.get("extra")
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
        if isinstance(people, list):
            time = _valid(str(item.get("time", ""))[:MAX_TEXT])
            title = _valid(str(item.get("title", ""))[:MAX_TEXT])
            found.append(Upcoming(day, time, title, tuple(str(p) for p in people)))
    return tuple(sorted(found, key=lambda u: (u.date, u.time, u.title)))
