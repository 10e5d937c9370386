"""Benchmark the `kith` views: how long `kith today`, `stale`, `show`, `people`, `company` take.

Generates a journal with generate.py in a temporary folder, then runs the installed `kith`
as a child process: once cold (no cache: the first run of the day) and three times warm
(the analysis cache of cli/analysis_cache.py), and prints the median warm wall time of
each command. Targets: warm ≤ 0.5 s at 2,000 contacts + 10,000 entries, ≤ 1 s at
5,000 + 30,000.

    python benchmarks/bench_cli.py [--contacts N] [--entries N] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = "2026-11-22"
COMMANDS = (
    ["today"], ["stale"], ["people"], ["referrals"], ["show", "{first}"], ["company", "{company}"]
)  # fmt: skip


def run(root: Path, args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["kith", "--root", str(root), *args], env=env, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kith-cli-bench-"))
    root = work / "journal"
    generate = Path(__file__).with_name("generate.py")
    subprocess.run(
        [sys.executable, str(generate), str(root), "--contacts", str(args.contacts),
         "--entries", str(args.entries), "--quiet"],
        check=True,
    )  # fmt: skip
    time.sleep(2.1)  # files written this instant are never cached (they may change unseen)
    env = {**os.environ, "KITHBOOK_TODAY": TODAY, "XDG_CACHE_HOME": str(work / "cache")}
    first = sorted(p.stem for p in (root / "contacts").glob("*.md"))[0]
    company = next(
        line.partition(":")[2].strip()
        for path in sorted((root / "contacts").glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("company:")
    )
    print(f"kith views at {args.contacts:,} contacts + {args.entries:,} entries")
    print("| command | cold (s) | warm, median of 3 (s) |")
    print("|---|---|---|")
    for command in COMMANDS:
        argv = [a.format(first=first, company=company) for a in command]
        shutil.rmtree(work / "cache", ignore_errors=True)
        cold = run(root, argv, env)
        warm = statistics.median(run(root, argv, env) for _ in range(3))
        print(f"| kith {' '.join(argv)} | {cold:.2f} | {warm:.2f} |")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
