"""Benchmark `kith import linkedin` on a synthetic export: 30,000 connections, 50,000 messages.

Writes the export (a zip shaped like LinkedIn's) and a new journal in a temporary folder,
runs the installed `kith` as a child process twice (the first import, then a re-import that
must change nothing), and prints the wall time and peak memory (ru_maxrss) of each run.
Target: the first import in at most 30 s and 1 GB.

    python benchmarks/bench_import.py [--connections N] [--messages N] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from kith_runs import timed_kith

TODAY = "2026-11-22"
OWNER = "https://www.linkedin.com/in/jordan-reyes-1a2b3c"
TARGET_SECONDS = 30.0
TARGET_BYTES = 1024**3
FIRST = ["Ada", "Zoë", "José", "Mei", "Olúwaseun", "Søren", "Priya", "Đorđe", "Aiko", "Sam"]
LAST = ["Lovelace", "Nováková", "García", "Chen", "Ọlá", "Kierkegaard", "Raman", "Đokić", "Lee"]
COMPANIES = ["Acme, Inc.", 'Helix "Bio"', "Orbital Maps", "Quanta Cloud", "北京科技", "Lumen 💳"]
TITLES = ["Senior PM", "Staff Engineer", "CTO", "Engineering Manager, Data", "Recruiter"]
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed ..."\r\n'
    "\r\n"
)


def write_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def make_export(path: Path, connections: int, messages: int, seed: int = 7) -> None:
    """A zip like Basic_LinkedInDataExport_*.zip with Connections.csv and messages.csv."""
    rng = random.Random(seed)
    people: list[tuple[str, str]] = []
    header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]
    rows = [[*header, "Connected On"]]
    start = dt.date(2012, 1, 1)
    for i in range(connections):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        url = f"https://www.linkedin.com/in/{first.lower()}-{i:06d}"
        people.append((f"{first} {last}", url))
        connected = start + dt.timedelta(days=rng.randrange(5000))
        email = f"p{i}@example.com" if rng.random() < 0.05 else ""
        rows.append(
            [first, last, url, email, rng.choice(COMPANIES), rng.choice(TITLES),
             connected.strftime("%d %b %Y")]
        )  # fmt: skip
    connections_csv = "\ufeff" + PREAMBLE + write_csv(rows)

    header = [
        "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
        "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
    ]  # fmt: skip
    message_rows = [header]
    # Most connections never write; a few thousand do, in bursts of a few messages a day.
    talkers = rng.sample(people, k=min(len(people), max(1, messages // 12)))
    made = 0
    conversation = 0
    while made < messages:
        name, url = rng.choice(talkers)
        if rng.random() < 0.05:  # InMail from someone who is no connection
            name, url = "A Recruiter", f"https://www.linkedin.com/in/recruiter-{made}"
        conversation += 1
        day = dt.datetime(2019, 1, 1) + dt.timedelta(days=rng.randrange(2500))
        for n in range(min(rng.randint(2, 5), messages - made)):
            when = day + dt.timedelta(minutes=7 * n)
            mine = rng.random() < 0.5
            sender, sender_url, to, to_url = (
                ("Jordan Reyes", OWNER, name, url) if mine else (name, url, "Jordan Reyes", OWNER)
            )
            message_rows.append(
                [f"conv-{conversation}", "", sender, sender_url, to, to_url,
                 when.strftime("%Y-%m-%d %H:%M:%S UTC"), "",
                 "Hi! <p>Shall we grab a coffee, \"soon\"?</p> " * rng.randint(1, 4), "INBOX"]
            )  # fmt: skip
            made += 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections_csv)
        archive.writestr("messages.csv", write_csv(message_rows))


def run_import(journal: Path, export: Path) -> tuple[float, float, int, str]:
    """(seconds, CPU seconds, peak bytes, summary and timings) of one `kith import linkedin`."""
    args = ["import", "linkedin", str(export)]
    seconds, cpu, peak, done = timed_kith(journal, TODAY, args, {"KITHBOOK_TIMINGS": "1"})
    timings = done.stderr.strip().splitlines()[-1]
    return seconds, cpu, peak, done.stdout.strip().splitlines()[-1] + "\n  " + timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kith-bench-"))
    try:
        export = folder / "Basic_LinkedInDataExport_11-22-2026.zip"
        start = time.perf_counter()
        make_export(export, args.connections, args.messages)
        print(f"export: {args.connections:,} connections, {args.messages:,} messages "
              f"({export.stat().st_size / 1e6:.1f} MB zip, made in "
              f"{time.perf_counter() - start:.1f} s)")  # fmt: skip
        journal = folder / "journal"
        (journal / "contacts").mkdir(parents=True)
        (journal / "journal").mkdir()
        (journal / "mkdocs.yml").write_text("site_name: bench\n", encoding="utf-8")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before")
        seconds, cpu, peak, line = run_import(journal, export)
        files = sum(1 for _ in journal.rglob("*.md"))
        print(
            f"first import: {seconds:.1f} s ({cpu:.1f} s CPU), peak memory {peak / 2**20:.0f} MiB, "
            f"{files:,} files"
        )
        print(f"  {line}")
        again, cpu2, peak2, line2 = run_import(journal, export)
        print(
            f"re-import:    {again:.1f} s ({cpu2:.1f} s CPU), peak memory {peak2 / 2**20:.0f} MiB "
            "(either run)"
        )
        print(f"  {line2}")
        ok = seconds <= TARGET_SECONDS and peak <= TARGET_BYTES
        print(f"target ≤ {TARGET_SECONDS:.0f} s and ≤ 1 GB: {'met' if ok else 'NOT met'}")
        if not ok:
            sys.exit(1)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
