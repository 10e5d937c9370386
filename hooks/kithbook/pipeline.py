"""The one pipeline, load → validate → derive → render, shared by the MkDocs hook and the CLI."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .model.derive import Derived, derive
from .reading.assemble import add_unread_contacts, assemble_journal
from .reading.load import FileCache, Loaded, load_journal
from .reading.records import Journal, Problem
from .reading.settings import Settings
from .reading.validate import check_documents, check_journal

T = TypeVar("T")


@dataclass
class Timings:
    """Seconds spent in each stage, for the benchmark and `kith check --timings`."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start

    def timed(self, name: str, fn: Callable[[], T]) -> T:
        with self.stage(name):
            return fn()


@dataclass(frozen=True)
class Analysis:
    """A journal loaded, checked and derived: everything but the pages."""

    root: Path
    settings: Settings
    today: dt.date
    journal: Journal
    problems: tuple[Problem, ...]
    derived: Derived
    timings: Timings


def analyze(
    root: Path,
    settings: Settings,
    today: dt.date,
    cache: FileCache | None = None,
    timings: Timings | None = None,
) -> Analysis:
    """Load, validate and derive; problems are collected, never raised."""
    timings = timings or Timings()
    loaded = timings.timed("load", lambda: load_journal(root, cache))
    return analyze_loaded(root, settings, today, loaded, timings)


def analyze_loaded(
    root: Path, settings: Settings, today: dt.date, loaded: Loaded, timings: Timings
) -> Analysis:
    """Validate and derive what the load stage read."""
    journal = timings.timed("validate", lambda: check_loaded(loaded, today))
    derived = timings.timed("derive", lambda: derive(journal, settings, today))
    return Analysis(root, settings, today, journal, journal.problems, derived, timings)


def check_loaded(loaded: Loaded, today: dt.date) -> Journal:
    """Validate stage: the usable records, and every problem found, sorted, in `problems`."""
    problems = [*loaded.problems, *check_documents(loaded.docs)]
    journal = add_unread_contacts(assemble_journal(loaded.docs), loaded.problems)
    problems += check_journal(journal, today)
    problems.sort()
    return Journal(journal.contacts, journal.entries, tuple(problems), journal.left_out)
