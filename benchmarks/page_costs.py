"""Where a `mkdocs build` spends its CPU time: per-page phases by kind of page, plugin events."""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

TODAY = "2026-11-22"


def kind_of(src_uri: str) -> str:
    """A page's family: `people/*`, `journal/YYYY-MM`, `companies/*`, or the file itself."""
    families = (
        ("people/directory/", "people/directory/<letter>.md"),
        ("people/", "people/<slug>.md"),
        ("companies/", "companies/<company>.md"),
        ("contacts/", "contacts/<slug>.md"),
    )
    if src_uri.endswith("/index.md"):
        return src_uri
    for prefix, family in families:
        if src_uri.startswith(prefix):
            return family
    if src_uri.startswith("journal/"):
        return "journal/<month>.md" if src_uri.count("/") == 1 else "journal/<year>/<entry>.md"
    return src_uri


class Costs:
    """CPU seconds and calls per (phase, kind of page), plus the costliest single pages.

    CPU time rather than wall time: on a shared machine it is far less disturbed by others.
    """

    def __init__(self) -> None:
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)
        self.calls: dict[tuple[str, str], int] = defaultdict(int)
        self.slowest: list[tuple[float, str, str]] = []

    def wrap(self, phase: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(page: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(page, *args, **kwargs)
            finally:
                spent = time.process_time() - start
                uri = page.file.src_uri
                key = (phase, kind_of(uri))
                self.seconds[key] += spent
                self.calls[key] += 1
                self.slowest.append((spent, phase, uri))

        return timed


def run(config_file: Path) -> tuple[Costs, dict[str, float], float]:
    """Build once with timers on the page phases and on every plugin event."""
    os.environ.setdefault("KITHBOOK_TODAY", TODAY)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    costs = Costs()
    build_module._populate_page = costs.wrap("read + Markdown", build_module._populate_page)
    build_module._build_page = costs.wrap("template + events", build_module._build_page)
    events: dict[str, float] = defaultdict(float)
    original = PluginCollection.run_event

    def run_event(self: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(self, name, item, **kwargs)
        finally:
            events[name] += time.process_time() - start

    PluginCollection.run_event = run_event  # type: ignore[method-assign]
    gc_started: list[float] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_started.append(time.process_time())
        elif gc_started:
            generation = f"gc: generation {info['generation']}"
            events[generation] += time.process_time() - gc_started.pop()

    gc.callbacks.append(on_gc)
    site = Path(tempfile.mkdtemp(prefix="kithbook-page-costs-"))
    try:
        config = load_config(str(config_file), site_dir=str(site))  # fresh: no clean-up cost
        start = time.process_time()
        build_module.build(config)
        total = time.process_time() - start
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return costs, dict(events), total


def report(costs: Costs, events: dict[str, float], total: float) -> str:
    lines = [f"build: {total:.1f} s of CPU time", "", "| Phase | Pages | Count | CPU s | ms/page |"]
    lines.append("|---|---|---|---|---|")
    for (phase, kind), seconds in sorted(costs.seconds.items(), key=lambda kv: -kv[1]):
        count = costs.calls[(phase, kind)]
        lines.append(
            f"| {phase} | {kind} | {count:,} | {seconds:.2f} | {1000 * seconds / count:.1f} |"
        )
    lines += [
        "",
        "| Plugin event (all plugins and hooks), garbage collector | CPU s |",
        "|---|---|",
    ]
    for name, seconds in sorted(events.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.05:
            lines.append(f"| {name} | {seconds:.2f} |")
    lines += ["", "Slowest single pages:", ""]
    for spent, phase, uri in sorted(costs.slowest, reverse=True)[:12]:
        lines.append(f"- {spent:.2f} s — {phase} — {uri}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", type=Path, help="the project's mkdocs.yml")
    args = parser.parse_args(argv)
    costs, events, total = run(args.config)
    print(report(costs, events, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
