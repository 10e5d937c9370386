"""Time the hook pipeline's stages in this process (build_outputs), and optionally profile it."""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TODAY = "2026-11-22"


def peak_rss_bytes() -> int:
    """This process's peak resident set size (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


class GcClock:
    """CPU seconds spent in the garbage collector (all generations), via gc.callbacks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.seconds += time.process_time() - self._start


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the forked helper)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def clear_caches() -> None:
    """Empty kithbook's memo caches (escaped names, link addresses…) between runs."""
    for name, module in list(sys.modules.items()):
        if name == "kithbook" or name.startswith("kithbook."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def measure(root: Path, today: dt.date, repeat: int, profile: Path | None) -> dict[str, Any]:
    """Run build_outputs `repeat` times without the file cache or warm memo caches.

    `stages` is the fastest run (on a shared machine, the least disturbed), `median` the median.

    Peak RSS is read before any profiling, so it is the plain runs' peak.
    """
    started = time.perf_counter()
    from kithbook.adapter.build import build_outputs
    from kithbook.reading.project import open_project

    import_seconds = time.perf_counter() - started
    rss_after_import = peak_rss_bytes()
    settings = open_project(root).settings
    collector = GcClock()
    gc.callbacks.append(collector.on_gc)
    runs: list[dict[str, float]] = []
    summary: dict[str, Any] = {}
    for i in range(repeat):
        clear_caches()  # every run starts cold, as a fresh `mkdocs build` does
        wall, cpu, collector.seconds = time.perf_counter(), cpu_seconds(), 0.0
        outputs = build_outputs(root, settings, today, cache=None)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        stages = dict(outputs.analysis.timings.stages)
        stages["total"] = sum(stages.values())
        stages["wall"] = wall
        stages["cpu"] = cpu  # this process and its forked helper: not inflated by other work
        stages["gc"] = collector.seconds  # of the CPU time, spent in the garbage collector
        runs.append(stages)
        if i == 0:
            summary = {
                "contacts": len(outputs.analysis.journal.contacts),
                "entries": len(outputs.analysis.journal.entries),
                "problems": len(outputs.analysis.problems),
                "pages": len(outputs.pages),
                "page_bytes": sum(len(p.content.encode("utf-8")) for p in outputs.pages),
                "files_bytes": sum(len(b) for b in outputs.files.values()),
                "peak_rss_first_run": peak_rss_bytes(),
            }
        del outputs
        gc.collect()
    peak = peak_rss_bytes()
    if profile is not None:  # an extra run: the profiler's overhead stays out of the timings
        profiler = cProfile.Profile()
        profiler.runcall(build_outputs, root, settings, today, cache=None)
        write_profile(profiler, profile)
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    best = dict(min(runs, key=lambda run: run["total"]))  # the least disturbed run
    best["cpu"] = min(run["cpu"] for run in runs)
    gc.callbacks.remove(collector.on_gc)
    return {
        **summary,
        "import_seconds": import_seconds,
        "rss_after_import": rss_after_import,
        "peak_rss": peak,
        "stages": best,
        "median": median,
        "runs": runs,
    }


def write_profile(profiler: cProfile.Profile, path: Path) -> None:
    """Raw stats (for snakeviz and friends) and a text report next to them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(path))
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    text.write("== by own time ==\n")
    stats.sort_stats("tottime").print_stats(40)
    text.write("== by cumulative time ==\n")
    stats.sort_stats("cumulative").print_stats(60)
    path.with_suffix(".txt").write_text(text.getvalue(), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "root", type=Path, help="a journal folder (mkdocs.yml, contacts/, journal/)"
    )
    parser.add_argument("--today", default=TODAY, help=f"pinned today (default {TODAY})")
    parser.add_argument("--repeat", type=int, default=3, help="runs; stage times are medians")
    parser.add_argument("--profile", type=Path, help="also cProfile one run into this .prof file")
    args = parser.parse_args(argv)
    result = measure(
        args.root, dt.date.fromisoformat(args.today), max(1, args.repeat), args.profile
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
