"""Run `kith` as a child process and measure it: wall time, CPU time and peak memory.

Shared by the import benchmarks (bench_import.py, bench_mail.py).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def timed_kith(
    journal: Path, today: str, args: Sequence[str], env: Mapping[str, str] | None = None
) -> tuple[float, float, int, subprocess.CompletedProcess[str]]:
    """(seconds, CPU seconds, peak bytes, the finished process) of one `kith` run.

    Exits the benchmark with the child's error output when it fails.
    """
    kith = shutil.which("kith")
    command = [kith] if kith else [sys.executable, "-m", "kithbook.cli"]
    command += ["--root", str(journal), "--today", today, *args]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:2])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    peak_kib = max(peak_kib, before)  # ru_maxrss is the largest child so far
    return seconds, cpu, peak_kib * 1024, done
