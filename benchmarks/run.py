"""Benchmark kithbook in one run: hook stages, a full MkDocs build, and a vanilla MkDocs build."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "out"
TODAY = "2026-11-22"
MB = 1024 * 1024

# Targets from the performance issue: (figure key, limit, unit) per scenario.
BASE_TARGETS = {"hook_total": 2.0, "hook_peak": 500 * MB, "build_peak": 500 * MB, "ratio": 0.5}
SCALE_TARGETS = {"build_wall": 120.0, "build_peak": 1536 * MB, "hook_peak": 1536 * MB}
GROWTH_TARGET = 2.2


@dataclass(frozen=True)
class Measured:
    """One subprocess: wall and CPU (user + system) seconds, its peak RSS in bytes, exit, log."""

    wall: float
    cpu: float
    peak_rss: int
    returncode: int
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def run_measured(cmd: Sequence[str], log: Path, env: dict[str, str] | None = None) -> Measured:
    """Run a command with output to `log`; wait4 gives this child's own peak RSS."""
    with log.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=sink, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Measured(wall, cpu, peak, proc.returncode, log)


def check(measured: Measured, what: str) -> Measured:
    if measured.returncode != 0:
        tail = "\n".join(measured.text().splitlines()[-30:])
        raise SystemExit(f"{what} failed (exit {measured.returncode}); log {measured.log}:\n{tail}")
    return measured


def build_env(timings: bool) -> dict[str, str]:
    env = dict(os.environ, KITHBOOK_TODAY=TODAY, NO_MKDOCS_2_WARNING="1")
    env.pop("KITHBOOK_TIMINGS", None)
    if timings:
        env["KITHBOOK_TIMINGS"] = "1"
    return env


def generate(work: Path, name: str, contacts: int, entries: int, imported: int, seed: int) -> Path:
    out = work / name
    cmd = [sys.executable, str(HERE / "generate.py"), str(out), "--contacts", str(contacts)]
    cmd += ["--entries", str(entries), "--imported", str(imported), "--seed", str(seed)]
    print(
        f"· generating {name}: {contacts:,} contacts + {imported:,} imported, {entries:,} entries"
    )
    measured = check(run_measured(cmd, work / f"{name}-generate.log"), "generate.py")
    print(f"  {measured.wall:.1f} s")
    return out


def hook_stages(journal: Path, work: Path, repeat: int, profile: Path | None) -> dict[str, Any]:
    """(a) build_outputs in a fresh Python process: stage seconds and that process's peak."""
    print(f"· hook stages in-process ({repeat} runs): {journal.name}")
    cmd = [sys.executable, str(HERE / "stages.py"), str(journal), "--repeat", str(repeat)]
    log = work / f"{journal.name}-stages.log"
    result = json.loads(check(run_measured(cmd, log), "stages.py").text().splitlines()[-1])
    stages = result["stages"]
    print("  " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
    if profile is not None:
        print(f"· profiling build_outputs → {profile}")
        cmd = [sys.executable, str(HERE / "stages.py"), str(journal), "--repeat", "1"]
        check(run_measured([*cmd, "--profile", str(profile)], log), "stages.py --profile")
    assert isinstance(result, dict)
    return result


def growth(journal: Path, twice: Path, work: Path, rounds: int) -> dict[str, Any]:
    """(a) at the size and at twice it, alternated so both meet the same machine; fastest kept."""
    one: list[dict[str, Any]] = []
    two: list[dict[str, Any]] = []
    for i in range(1, rounds + 1):
        print(f"· growth: (a) at 1× and 2×, alternated, round {i}/{rounds}")
        for path, runs in ((journal, one), (twice, two)):
            cmd = [sys.executable, str(HERE / "stages.py"), str(path), "--repeat", "1"]
            log = work / f"{path.name}-growth-{i}.log"
            measured = check(run_measured(cmd, log), "stages.py")
            runs.append(json.loads(measured.text().splitlines()[-1]))
        print(f"  {one[-1]['stages']['total']:.2f} s and {two[-1]['stages']['total']:.2f} s")
    best_one = min(one, key=lambda r: r["stages"]["total"])
    best_two = min(two, key=lambda r: r["stages"]["total"])
    cpu_one = min(r["stages"]["cpu"] for r in one)
    cpu_two = min(r["stages"]["cpu"] for r in two)
    return {
        **best_two,
        "one": best_one["stages"]["total"],
        "two": best_two["stages"]["total"],
        "cpu_one": cpu_one,
        "cpu_two": cpu_two,
        "wall_ratio": best_two["stages"]["total"] / best_one["stages"]["total"],
        "cpu_ratio": cpu_two / cpu_one,
    }


def mkdocs_build(config: Path, site: Path, log: Path, timings: bool) -> Measured:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    return check(run_measured(cmd, log, build_env(timings)), f"mkdocs build -f {config}")


def profile_build(config: Path, site: Path, prof: Path, log: Path) -> None:
    """cProfile a whole `mkdocs build` and write a text report next to the .prof file."""
    print(f"· profiling mkdocs build → {prof}")
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build"]
    check(
        run_measured([*cmd, "-f", str(config), "-d", str(site)], log, build_env(False)), "cProfile"
    )
    script = (
        "import pstats,sys;s=pstats.Stats(sys.argv[1]).strip_dirs();"
        "print('== by own time ==');s.sort_stats('tottime').print_stats(40);"
        "print('== by cumulative time ==');s.sort_stats('cumulative').print_stats(80)"
    )
    report = subprocess.run(
        [sys.executable, "-c", script, str(prof)], capture_output=True, text=True, check=True
    )
    prof.with_suffix(".txt").write_text(report.stdout, encoding="utf-8")


def one_build(project: Path, log: Path, timings: bool) -> dict[str, Any]:
    """One timed `mkdocs build` of a project into a fresh site folder (removed afterwards)."""
    site = project.parent / f"site-{project.name}"
    built = mkdocs_build(project / "mkdocs.yml", site, log, timings)
    text = built.text()
    hook = parse_hook_log(text)
    if hook:
        hook["total"] = sum(hook.values())
    print(f"  {built.wall:.1f} s (CPU {built.cpu:.1f} s), peak {built.peak_rss / MB:,.0f} MB")
    result = {
        "wall": built.wall,
        "cpu": built.cpu,
        "peak_rss": built.peak_rss,
        "pages": count_pages(site),
        "warnings": warnings_in(text),
        "hook": hook,
    }
    shutil.rmtree(site, ignore_errors=True)
    return result


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The least disturbed run (lowest wall time), with the lowest CPU and the highest peak."""
    best = dict(min(runs, key=lambda r: r["wall"]))
    best["cpu"] = min(r["cpu"] for r in runs)
    best["peak_rss"] = max(r["peak_rss"] for r in runs)
    best["walls"] = [r["wall"] for r in runs]
    return best


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def parse_hook_log(text: str) -> dict[str, float]:
    """The stage line the hook logs when KITHBOOK_TIMINGS is set."""
    match = re.search(r"kithbook stages: (.*)", text)
    if match is None:
        return {}
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)s", match.group(1))}


def warnings_in(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.startswith("WARNING"))


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving MkDocs' own tags (`!ENV`, `!!python/name:`) as None."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, n: None)


def make_vanilla(journal: Path, work: Path) -> Path:
    """(c) The same contact and entry files as plain MkDocs pages, out of the nav, no hooks."""
    vanilla = work / f"{journal.name}-vanilla"
    docs = vanilla / "docs"
    # Hard links: the same bytes without copying tens of thousands of files.
    shutil.copytree(journal / "contacts", docs / "contacts", copy_function=os.link)
    shutil.copytree(journal / "journal", docs / "journal", copy_function=os.link)
    (docs / "index.md").write_text(
        "# Vanilla MkDocs\n\nThe same contacts and entries as plain pages.\n", encoding="utf-8"
    )
    source = yaml.load((journal / "mkdocs.yml").read_text("utf-8"), Loader=_TolerantLoader)
    theme = dict(source.get("theme") or {"name": "material"})
    theme["font"] = False
    config = {
        "site_name": "Vanilla MkDocs + Material",
        "docs_dir": "docs",
        "use_directory_urls": source.get("use_directory_urls", True),
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": source.get("markdown_extensions") or [],
        "validation": {**(source.get("validation") or {}), "omitted_files": "ignore"},
        "nav": [{"Home": "index.md"}],
    }
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    (vanilla / "mkdocs.yml").write_text(text, encoding="utf-8")
    return vanilla


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = re.findall(r"model name\s*:\s*(.*)", cpuinfo.read_text(errors="replace"))
        cpu = names[0].strip() if names else cpu
    return (
        f"{platform.platform()} ({cpu}), {os.cpu_count()} cores, Python {platform.python_version()}"
    )


def revision() -> str:
    """The code measured: commit, and how many files differ from it (others edit as we run)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(HERE.parent), "status", "--porcelain", "--", "hooks"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "code: not a git checkout"
    return f"code: {head}" + (f" + {len(status)} changed paths in hooks/" if status else "")


def versions() -> str:
    names = ("mkdocs", "mkdocs-material", "Markdown", "PyYAML")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def fmt_seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def fmt_bytes(value: float | None) -> str:
    return "—" if value is None else f"{value / MB:,.0f} MB"


def judge(wall: float | None, cpu: float | None, limit: float | None, what: str = "") -> str:
    """Met or missed on wall time (the target's measure); CPU time added when it disagrees."""
    if wall is None or limit is None:
        return ""
    ok = wall <= limit
    text = f"✅ {what}met".strip() if ok else f"❌ {what}missed"
    if cpu is not None and (cpu <= limit) != ok:
        text += f" (CPU time {'meets' if cpu <= limit else 'misses'} it)"
    return text


Row = tuple[str, str, str, str, str, str]


def limits_text(limit: float | None, peak_limit: float | None) -> str:
    """ "≤ 2 s and ≤ 500 MB": a time and a memory target, either of them optional."""
    parts = (
        f"≤ {limit:g} s" if limit else "",
        f"≤ {fmt_bytes(peak_limit)}" if peak_limit else "",
    )
    return " and ".join(x for x in parts if x)


def timing_rows(results: dict[str, Any], targets: dict[str, float]) -> list[Row]:
    """Figure | Wall | CPU | Peak RSS | Target | Verdict, for (a), (b), (c) and their ratios."""
    hook = results["hook"]
    stages = hook["stages"]
    rows: list[Row] = []
    for stage in ("load", "validate", "derive", "render"):
        rows.append((f"(a) stage: {stage}", fmt_seconds(stages.get(stage)), "", "", "", ""))
    limit, peak_limit = targets.get("hook_total"), targets.get("hook_peak")
    target = limits_text(limit, peak_limit)
    verdict = " · ".join(
        x
        for x in (
            judge(stages["total"], stages.get("cpu"), limit, "time "),
            judge(hook["peak_rss"], None, peak_limit).replace("met", "memory met"),
        )
        if x
    ).strip()
    rows.append(
        (
            "**(a) hook stages together**",
            fmt_seconds(stages["total"]),
            fmt_seconds(stages.get("cpu")),
            fmt_bytes(hook["peak_rss"]),
            target,
            verdict,
        )
    )
    build, vanilla = results.get("build"), results.get("vanilla")
    if build:
        limit, peak_limit = targets.get("build_wall"), targets.get("build_peak")
        target = limits_text(limit, peak_limit)
        verdict = " · ".join(
            x
            for x in (
                judge(build["wall"], build["cpu"], limit, "time "),
                judge(build["peak_rss"], None, peak_limit, "memory "),
            )
            if x
        )
        rows.append(
            (
                "**(b) `mkdocs build`, kithbook**",
                fmt_seconds(build["wall"]),
                fmt_seconds(build["cpu"]),
                fmt_bytes(build["peak_rss"]),
                target,
                verdict,
            )
        )
        hook_in_build = build["hook"].get("total")
        rows.append(("(b) of which the hook (logged)", fmt_seconds(hook_in_build), "", "", "", ""))
    if vanilla:
        rows.append(
            (
                "**(c) `mkdocs build`, vanilla**",
                fmt_seconds(vanilla["wall"]),
                fmt_seconds(vanilla["cpu"]),
                fmt_bytes(vanilla["peak_rss"]),
                "",
                "",
            )
        )
    if build and vanilla:
        wall, cpu = build["wall"] / vanilla["wall"], build["cpu"] / vanilla["cpu"]
        limit = targets.get("ratio")
        rows.append(
            (
                "**b/c**",
                f"{wall:.2f}",
                f"{cpu:.2f}",
                "",
                f"≤ {limit:g}" if limit else "",
                judge(wall, cpu, limit),
            )
        )
    double = results.get("double")
    if double:
        for label, wall_key, cpu_key, peak in (
            ("(a) at the size, alternated with 2×", "one", "cpu_one", None),
            ("(a) at twice the size, alternated", "two", "cpu_two", double["peak_rss"]),
        ):
            rows.append(
                (
                    label,
                    fmt_seconds(double[wall_key]),
                    fmt_seconds(double[cpu_key]),
                    fmt_bytes(peak) if peak else "",
                    "",
                    "",
                )
            )
        wall, cpu = double["wall_ratio"], double["cpu_ratio"]
        rows.append(
            (
                "**Growth of (a) at 2×**",
                f"{wall:.2f}×",
                f"{cpu:.2f}×",
                "",
                f"≤ {GROWTH_TARGET}×",
                judge(wall, cpu, GROWTH_TARGET),
            )
        )
    return rows


def table(results: dict[str, Any], args: argparse.Namespace) -> str:
    """The Markdown report: what was built, then one row per measure with its target."""
    targets = SCALE_TARGETS if args.imported else BASE_TARGETS
    hook = results["hook"]
    facts = [
        f"Journal: {args.contacts:,} contacts + {args.imported:,} imported, "
        f"{args.entries:,} entries (seed {args.seed}); generated in "
        f"{results['generate_seconds']:.1f} s",
        f"Hook output: {hook['pages']:,} generated pages ({hook['page_bytes'] / MB:,.1f} MB "
        f"of Markdown), {hook['problems']} problems; (a) is the fastest of {len(hook['runs'])} "
        f"runs (median {hook['median']['total']:.2f} s, first {hook['runs'][0]['total']:.2f} s)",
    ]
    build, vanilla = results.get("build"), results.get("vanilla")
    if build:
        walls = ", ".join(f"{w:.1f}" for w in build.get("walls", [build["wall"]]))
        facts.append(
            f"(b) wrote {build['pages']:,} HTML pages, logged {build['warnings']} warnings; "
            f"runs took {walls} s (the table shows the lowest)"
        )
    if vanilla:
        walls = ", ".join(f"{w:.1f}" for w in vanilla.get("walls", [vanilla["wall"]]))
        facts.append(f"(c) wrote {vanilla['pages']:,} HTML pages; runs took {walls} s")
    if results.get("double"):
        d = results["double"]
        facts.append(
            f"2× journal: {d['contacts']:,} contacts, {d['entries']:,} entries; growth is "
            f"measured on {args.repeat} alternated rounds of one run at 1× and one at 2×"
        )
    head = (
        f"## kithbook benchmark — {results['when']}\n\n"
        f"{results['machine']}; load average at the end {results.get('load_end', '?')}  \n"
        f"CPU speed check (a fixed pure-Python loop, lower is faster): "
        f"{results.get('speed_start', 0):.2f} s at the start, {results.get('speed_end', 0):.2f} s "
        f"at the end  \n"
        f"{results['versions']}  \n{results['revision']}\n\n"
        + "".join(f"- {fact}\n" for fact in facts)
        + "\n| Figure | Wall | CPU (user+sys) | Peak RSS | Target | |\n"
        + "|---|---|---|---|---|---|\n"
    )
    rows = timing_rows(results, targets)
    return head + "\n".join(f"| {' | '.join(r)} |" for r in rows) + "\n"


def speed_check() -> float:
    """Seconds for ten million additions in a pure-Python loop, best of three.

    The machine is shared: the same code runs up to half again as slow at busy times. The
    figure puts a report's timings in context (about 0.22 s here when the machine is quiet).
    """
    best = float("inf")
    for _ in range(3):
        started, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # progress shows up in a log file too
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=2000, help="contacts with the full mix")
    parser.add_argument("--entries", type=int, default=10000, help="journal entries")
    parser.add_argument("--imported", type=int, default=0, help="LinkedIn-style contacts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="in-process runs of (a)")
    parser.add_argument("--builds", type=int, default=1, help="runs of (b) and (c); best kept")
    parser.add_argument("--double", action="store_true", help="also run (a) at twice the size")
    parser.add_argument("--no-build", action="store_true", help="skip (b) and (c)")
    parser.add_argument("--no-vanilla", action="store_true", help="skip (c)")
    parser.add_argument("--profile", action="store_true", help="cProfile (a) and (b) into out/")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="kithbook-bench-"))
    OUT_DIR.mkdir(exist_ok=True)
    tag = f"{args.contacts}c-{args.imported}i-{args.entries}e"
    results: dict[str, Any] = {
        "when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "versions": versions(),
        "revision": revision(),
        "args": vars(args),
    }
    results["speed_start"] = speed_check()
    try:
        started = time.perf_counter()
        journal = generate(work, "journal", args.contacts, args.entries, args.imported, args.seed)
        results["generate_seconds"] = time.perf_counter() - started
        profile = OUT_DIR / f"profile-hook-{tag}.prof" if args.profile else None
        results["hook"] = hook_stages(journal, work, args.repeat, profile)
        if not args.no_build:
            vanilla = None if args.no_vanilla else make_vanilla(journal, work)
            builds: list[dict[str, Any]] = []
            plain: list[dict[str, Any]] = []
            for i in range(1, args.builds + 1):  # alternated, so noise hits both alike
                print(f"· (b) mkdocs build with the kithbook hook, run {i}/{args.builds}")
                builds.append(one_build(journal, work / f"build-kithbook-{i}.log", True))
                if vanilla is not None:
                    print(f"· (c) vanilla mkdocs build of the same files, run {i}/{args.builds}")
                    plain.append(one_build(vanilla, work / f"build-vanilla-{i}.log", False))
            results["build"] = best_of(builds)
            if plain:
                results["vanilla"] = best_of(plain)
            if args.profile:
                prof = OUT_DIR / f"profile-build-{tag}.prof"
                profile_build(journal / "mkdocs.yml", work / "site-prof", prof, work / "prof.log")
        if args.double:
            twice = generate(
                work, "journal-2x", 2 * args.contacts, 2 * args.entries, 2 * args.imported,
                args.seed,
            )  # fmt: skip
            results["double"] = growth(journal, twice, work, args.repeat)
    finally:
        (OUT_DIR / "logs").mkdir(exist_ok=True)
        for log in work.glob("*.log"):
            shutil.copyfile(log, OUT_DIR / "logs" / f"{tag}-{log.name}")
        if args.keep:
            print(f"· kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["load_end"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    results["speed_end"] = speed_check()
    report = table(results, args)
    print()
    print(report)
    (OUT_DIR / "latest.md").write_text(report, encoding="utf-8")
    (OUT_DIR / f"{dt.date.today()}-{tag}.md").write_text(report, encoding="utf-8")
    (OUT_DIR / "latest.json").write_text(json.dumps(results, indent=2, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
