"""Everything a site build produces, as plain data: pages, files, problems (no MkDocs here)."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .calendar import build_calendar
from .export import export_json
from .load import FileCache, load_journal
from .pipeline import Analysis, Timings, analyze_loaded
from .render.redact import ensure_redacted
from .render.site import Page, render_site
from .settings import Settings

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
    key = (
        root.resolve(),
        repr(settings),
        today,
        directory_urls,
        plain_notes,
        cache.generation if cache else None,
    )
    if cache is not None:
        previous = _LAST.get(id(cache))
        if previous is not None and previous[0] == key:
            return previous[1]
    analysis = analyze_loaded(root, settings, today, loaded, timings)
    with timings.stage("render"):
        shown = ensure_redacted(analysis)  # a redacted build redacts the JSON and calendar too
        pages = render_site(shown, directory_urls, plain_notes)
        files = {
            "kithbook.json": export_json(shown.derived, pretty=False).encode("utf-8"),
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
