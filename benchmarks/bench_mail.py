"""Benchmark `kith import mail` on a synthetic 100,000-message mbox.

Writes the mbox (headers like Gmail's and Thunderbird's, bodies of a few kilobytes) and a
journal of 200 contacts in a temporary folder, runs the installed `kith` as a child process
twice (the first import, then a re-import that must change nothing), and prints the wall
time and peak memory (ru_maxrss) of each run. Target: at most 60 s and 500 MB.

    python benchmarks/bench_mail.py [--messages N] [--contacts N] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

from kith_runs import timed_kith

TODAY = "2026-11-22"
ME = "jordan@example.com"
TARGET_SECONDS = 60.0
TARGET_BYTES = 500 * 2**20
FIRST = ["Ada", "Zoë", "José", "Mei", "Olúwaseun", "Søren", "Priya", "Đorđe", "Aiko", "Sam"]
LAST = ["Lovelace", "Nováková", "García", "Chen", "Ọlá", "Kierkegaard", "Raman", "Đokić", "Lee"]
PARAGRAPH = (
    "Thanks for the notes from Tuesday. I have gone through the numbers again and I think\n"
    "we can close the gap before the end of the quarter if the platform team agrees.\n"
)


def make_journal(root: Path, contacts: int) -> list[tuple[str, str]]:
    (root / "contacts").mkdir(parents=True)
    (root / "journal").mkdir()
    (root / "mkdocs.yml").write_text(
        f"site_name: bench\nextra:\n  kithbook:\n    my_addresses: [{ME}]\n", encoding="utf-8"
    )
    people = []
    rng = random.Random(3)
    for i in range(contacts):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        email = f"person{i}@example.org"
        people.append((name, email))
        (root / "contacts" / f"person-{i}.md").write_text(
            f"---\nname: {name}\nlinks:\n  email: {email}\n---\n", encoding="utf-8"
        )
    return people


def make_mbox(path: Path, messages: int, people: list[tuple[str, str]], seed: int = 7) -> None:
    """A Takeout-like mbox: 30% with contacts, 30% mailing lists and bulk, 40% strangers."""
    rng = random.Random(seed)
    start = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for n in range(messages):
            when = start + dt.timedelta(minutes=rng.randrange(60 * 24 * 1400))
            roll = rng.random()
            extra = ""
            if roll < 0.3:
                name, email = rng.choice(people)
                if rng.random() < 0.5:
                    sender, to = f"Jordan Reyes <{ME}>", f"{name} <{email}>"
                else:
                    sender, to = f"{name} <{email}>", f"Jordan Reyes <{ME}>"
            elif roll < 0.6:
                sender, to = "Weekly <news@letters.example>", ME
                extra = "List-Id: <weekly.letters.example>\nPrecedence: list\n"
            else:
                sender, to = f"Stranger {n} <s{n}@elsewhere.example>", ME
            body = PARAGRAPH * rng.randint(5, 30)
            out.write(
                f"From {n}@xxx {when:%a %b %d %H:%M:%S +0000 %Y}\n"
                f"X-GM-THRID: {n}\nX-Gmail-Labels: Inbox\n"
                f"Message-ID: <m{n}@bench.example>\nDate: {format_datetime(when)}\n"
                f"From: {sender}\nTo: {to}\nSubject: Re: numbers {n % 97}\n{extra}"
                "Content-Type: text/plain; charset=UTF-8\n\n"
                f"{body}>From the archive: quoted as mboxrd does.\n\n"
            )


def run_import(journal: Path, mbox: Path) -> tuple[float, float, int, str]:
    """(seconds, CPU seconds, peak bytes, summary) of one `kith import mail`."""
    seconds, cpu, peak, done = timed_kith(journal, TODAY, ["import", "mail", str(mbox)])
    return seconds, cpu, peak, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kith-bench-mail-"))
    try:
        journal = folder / "journal"
        people = make_journal(journal, args.contacts)
        mbox = folder / "All mail Including Spam and Trash.mbox"
        start = time.perf_counter()
        make_mbox(mbox, args.messages, people)
        print(
            f"mbox: {args.messages:,} messages, {mbox.stat().st_size / 1e6:.0f} MB, made in "
            f"{time.perf_counter() - start:.1f} s; {args.contacts} contacts"
        )
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before")
        seconds, cpu, peak, line = run_import(journal, mbox)
        files = sum(1 for _ in (journal / "journal").rglob("*.md"))
        print(
            f"first import: {seconds:.1f} s ({cpu:.1f} s CPU), peak memory "
            f"{peak / 2**20:.0f} MiB, {files:,} entries"
        )
        print(f"  {line}")
        again, cpu2, peak2, line2 = run_import(journal, mbox)
        print(
            f"re-import:    {again:.1f} s ({cpu2:.1f} s CPU), peak memory "
            f"{peak2 / 2**20:.0f} MiB (either run)"
        )
        print(f"  {line2}")
        ok = max(seconds, again) <= TARGET_SECONDS and peak2 <= TARGET_BYTES
        print(f"target ≤ {TARGET_SECONDS:.0f} s and ≤ 500 MB: {'met' if ok else 'NOT met'}")
        if not ok:
            sys.exit(1)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
