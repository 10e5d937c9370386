"""The one pipeline, load → validate → derive → render, shared by the MkDocs hook and the CLI."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .model.applications import ApplicationMove, application_moves
from .model.changes import Change, contact_changes
from .model.derive import Derived, derive
from .reading.history import History, read_history
from .reading.import_state import ImportStates, read_import_states
from .reading.records import Journal, Problem
from .reading.settings import Settings

if TYPE_CHECKING:
    from .reading.load import FileCache, Loaded

# The load and validate stages are imported where they run: a `kith` view answered from
# its cache (cli/analysis_cache.py) needs this module's records, not the YAML and Markdown
# machinery behind them.

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
    history: History = field(default_factory=History)  # the contacts' git history
    changes: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)  # slug → newest first
    moves: tuple[ApplicationMove, ...] = ()  # the applications' moves (model/applications.py)
    imports: ImportStates = field(default_factory=ImportStates)  # what .kithbook/ says


HISTORY_OFF = "Reading the history from git is turned off (git_history: false in the settings)."


def read_contacts_history(root: Path, settings: Settings) -> History:
    """The git history of contacts/ (reading stage), or why there is none."""
    if not settings.git_history:
        return History(note=HISTORY_OFF)
    return read_history(root)


def analyze(
    root: Path,
    settings: Settings,
    today: dt.date,
    cache: FileCache | None = None,
    timings: Timings | None = None,
) -> Analysis:
    """Load, validate and derive; problems are collected, never raised."""
    from .reading.load import load_journal

    timings = timings or Timings()
    loaded = timings.timed("load", lambda: load_journal(root, cache))
    imports = timings.timed("load", lambda: read_import_states(root))
    history = timings.timed("history", lambda: read_contacts_history(root, settings))
    return analyze_loaded(root, settings, today, loaded, timings, history, imports)


def analyze_loaded(
    root: Path,
    settings: Settings,
    today: dt.date,
    loaded: Loaded,
    timings: Timings,
    history: History | None = None,
    imports: ImportStates | None = None,
) -> Analysis:
    """Validate and derive what the load stage read."""
    history = history or History()
    imports = imports or ImportStates()
    journal = timings.timed("validate", lambda: check_loaded(loaded, today, imports.problems))
    derived = timings.timed("derive", lambda: derive(journal, settings, today))
    return with_history(root, settings, today, journal, derived, timings, history, imports)


def with_history(
    root: Path,
    settings: Settings,
    today: dt.date,
    journal: Journal,
    derived: Derived,
    timings: Timings,
    history: History,
    imports: ImportStates,
) -> Analysis:
    """The analysis, once the history's changes and the applications' moves are derived."""
    changes = timings.timed("derive", lambda: contact_changes(history, journal.contacts))
    moves = timings.timed("derive", lambda: application_moves(history, journal.entries, today))
    return Analysis(
        root,
        settings,
        today,
        journal,
        journal.problems,
        derived,
        timings,
        history,
        changes,
        moves=moves,
        imports=imports,
    )


def check_loaded(loaded: Loaded, today: dt.date, more: tuple[Problem, ...] = ()) -> Journal:
    """Validate stage: the usable records, and every problem found, sorted, in `problems`
    (`more`: what the load stage found elsewhere, such as in the imports' state files)."""
    from .reading.assemble import add_unread_contacts, assemble_journal
    from .reading.validate import check_documents, check_journal
    from .render.links import check_note_links

    problems = [*loaded.problems, *more, *check_documents(loaded.docs)]
    journal = add_unread_contacts(assemble_journal(loaded.docs), loaded.problems)
    problems += check_journal(journal, today)
    problems += check_note_links(journal)  # judged on the HTML the notes become
    problems.sort()
    return Journal(journal.contacts, journal.entries, tuple(problems), journal.left_out)
