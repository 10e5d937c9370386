"""Everything a site build produces, as plain data: pages, files, problems (no MkDocs here)."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..model.derive import derive
from ..model.network import build_network
from ..pipeline import Analysis, Timings, check_loaded, read_contacts_history, with_history
from ..reading.import_state import read_import_states
from ..reading.load import FileCache, load_journal
from ..reading.settings import Settings
from ..render.calendar import build_calendar
from ..render.changes import changes_data
from ..render.export import export_json
from ..render.redact import ensure_redacted
from ..render.site import Page, changes_months, network_context, render_site, start_months

ASSETS = ("kithbook.css", "kithbook.js")
ASSET_DIR = "assets/kithbook"

# Parsed files survive between rebuilds of one `mkdocs serve` process (the hook module is
# reloaded on every rebuild; this package is not). Entries are keyed by (mtime, size).
FILE_CACHE = FileCache()


@dataclass(frozen=True)
class Outputs:
    analysis: Analysis
    pages: list[Page]
    files: dict[str, bytes]  # site path → content (JSON, calendar, assets)


# The last outputs per cache, and what they were built from (root, settings, day, files).
_LAST: dict[int, tuple[object, Outputs]] = {}


def build_outputs(
    root: Path,
    settings: Settings,
    today: dt.date,
    cache: FileCache | None = FILE_CACHE,
    directory_urls: bool = True,
    plain_notes: bool = True,
) -> Outputs:
    """Run the pipeline and render every generated page and file.

    With a cache, a rebuild in which no journal file changed (same settings, same day)
    returns the previous outputs: editing a hand-written page costs nothing here.
    The garbage collector is paused meanwhile: the pipeline makes many small objects and
    no cycles worth collecting, and the pauses cost a tenth of its time (measured).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_outputs(root, settings, today, cache, directory_urls, plain_notes)
    finally:
        if was_enabled:
            gc.enable()


def _build_outputs(
    root: Path,
    settings: Settings,
    today: dt.date,
    cache: FileCache | None,
    directory_urls: bool,
    plain_notes: bool,
) -> Outputs:
    timings = Timings()
    loaded = timings.timed("load", lambda: load_journal(root, cache))
    # The imports' state files are looked at on every build (and parsed again only when one
    # changed): `mkdocs serve` shows a new import's run, and its events coming up, at the
    # next rebuild, whatever set it off.
    imports = timings.timed("load", lambda: read_import_states(root))
    # One `git rev-parse` when the history is cached: a new commit rebuilds the pages.
    history = timings.timed("history", lambda: read_contacts_history(root, settings))
    key = (
        root.resolve(),
        repr(settings),
        today,
        directory_urls,
        plain_notes,
        cache.generation if cache else None,
        history.head,
        history.note,
        imports,
    )
    if cache is not None:
        previous = _LAST.get(id(cache))
        if previous is not None and previous[0] == key:
            return previous[1]
    journal = timings.timed("validate", lambda: check_loaded(loaded, today, imports.problems))
    network = timings.timed("derive", lambda: build_network(journal))
    started = None
    if not settings.redact:  # the month pages need only the network: start them now
        ctx = network_context(
            network, settings, today, root, journal.problems, directory_urls, plain_notes
        )
        started = timings.timed("render", lambda: start_months(ctx))
    try:
        derived = timings.timed("derive", lambda: derive(journal, settings, today, network))
    except BaseException:
        if started is not None:
            started.months.cancel()  # no child is left behind
        raise
    analysis = with_history(root, settings, today, journal, derived, timings, history, imports)
    with timings.stage("render"):
        shown = ensure_redacted(analysis)  # a redacted build redacts the JSON and calendar too
        months = changes_months(shown)
        pages = render_site(shown, directory_urls, plain_notes, started, months)
        changed = changes_data(months, shown.history.note)
        files = {
            "kithbook.json": export_json(shown.derived, False, changed).encode("utf-8"),
            "kithbook.ics": build_calendar(shown.derived, settings.owner),
        }
        files.update(asset_files())
    outputs = Outputs(analysis, pages, files)
    if cache is not None:
        _LAST[id(cache)] = (key, outputs)
    return outputs


def asset_files() -> Mapping[str, bytes]:
    """The site's own CSS and JavaScript, served locally (no CDN)."""
    package = resources.files("kithbook") / "assets"
    return {f"{ASSET_DIR}/{name}": (package / name).read_bytes() for name in ASSETS}
