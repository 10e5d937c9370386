"""How long reading the git history takes: cold, warm, and against the commits.

Builds a repository in a temporary folder with `git fast-import` (fast, and the same
objects `git commit` would make): 2,000 contacts in the first commit, then commits that
each change a few of them (a job move, a closeness change, a title, a reformatted list, a
body edit, a renamed file) and add journal entries (10,000 in all, as `kith log` would),
one in ten of them edited again later (a follow-up marked done), and job applications whose
status moves over the commits. Then times `reading.history.read_history`:

- cold: no cache at all (one `git log` walk, one `git cat-file --batch`, parsing, and the
  cache written to .kithbook/cache/history.json);
- warm (file): a new process's first read with the cache file in place (`git rev-parse`,
  the JSON read);
- warm (memory): a rebuild in the same process (`mkdocs serve`): `git rev-parse` only;
- changes: `model.changes.contact_changes` for every contact and
  `model.applications.application_moves` for every application (the derive stage's share).

    python benchmarks/bench_history.py                     # 2,000 contacts, 1,000 commits
    python benchmarks/bench_history.py --commits 250 500 1000 2000   # linear in commits?
    python benchmarks/bench_history.py --entries 0         # contacts only (as before issue 18c)

Targets (issue 18): ≤ 2 s cold and ≤ 0.2 s warm for 2,000 contacts over 1,000 commits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from kithbook.model.applications import application_moves
from kithbook.model.changes import contact_changes
from kithbook.reading import history as h
from kithbook.reading.assemble import assemble_journal
from kithbook.reading.load import load_journal

COMPANIES = [f"Company {i}" for i in range(60)]
TITLES = ["Engineer", "Senior Engineer", "Staff Engineer", "Manager", "Director", "Designer"]
START = 1_700_000_000  # seconds since the epoch of the first commit
DAY = 86_400  # a commit a day: 1,000 commits are under three years of journal
CHANGES_PER_COMMIT = 4
STATUS_STEPS = ("applied", "screening", "interviewing", "offer", "accepted")


def entry_text(day: str, c: dict[str, object]) -> str:
    lines = [f"date: {day}"] + [f"{key}: {value}" for key, value in c.items() if key != "body"]
    return "---\n" + "\n".join(lines) + f"\n---\n{c.get('body', '')}\n"


def contact_text(slug: str, c: dict[str, object], flow_tags: bool = True) -> str:
    tags = c["tags"]
    assert isinstance(tags, list)
    tag_text = f"[{', '.join(tags)}]" if flow_tags else "".join(f"\n  - {t}" for t in tags)
    return (
        f"---\nname: {c['name']}\ncompany: {c['company']}\ntitle: {c['title']}\n"
        f"closeness: {c['closeness']}\ntags: {tag_text}\n---\n{c['body']}\n"
    )


def fast_import_stream(
    contacts: int, commits: int, entries: int = 10_000, applications: int = 40, seed: int = 18
) -> bytes:
    rng = random.Random(seed)
    people: dict[str, dict[str, object]] = {}
    for i in range(contacts):
        people[f"person-{i:05d}"] = {
            "name": f"Person {i}",
            "company": rng.choice(COMPANIES),
            "title": rng.choice(TITLES),
            "closeness": rng.randint(1, 5),
            "tags": sorted(rng.sample(["a", "b", "c", "d", "e", "f"], 2)),
            "body": f"Notes about person {i}.",
        }
    flow = dict.fromkeys(people, True)
    out: list[bytes] = []

    def data(text: str) -> None:
        raw = text.encode()
        out.append(f"data {len(raw)}\n".encode() + raw + b"\n")

    def header(n: int, message: str) -> None:
        stamp = START + n * DAY
        out.append(f"commit refs/heads/main\nmark :{n + 1}\n".encode())
        out.append(f"author Bench <bench@example.invalid> {stamp} +0000\n".encode())
        out.append(f"committer Bench <bench@example.invalid> {stamp} +0000\n".encode())
        data(message)
        if n:
            out.append(f"from :{n}\n".encode())

    # The journal: entries spread over the commits, a tenth of them edited again later (a
    # follow-up marked done), and applications whose status moves one step at a time.
    per_commit = entries / max(commits - 1, 1)
    written: dict[str, tuple[str, dict[str, object]]] = {}  # path → (date, fields)
    open_apps: list[str] = []
    follow: list[str] = []  # entries with a follow-up not done yet
    made = [0, 0]  # entries, applications

    def write_entry(path: str) -> None:
        day, fields = written[path]
        out.append(f"M 100644 inline {path}\n".encode())
        data(entry_text(day, fields))

    def journal_commit(n: int) -> None:
        day = time.strftime("%Y-%m-%d", time.gmtime(START + n * DAY))
        names = sorted(people)
        while made[0] < min(entries, round(n * per_commit)):
            made[0] += 1
            path = f"journal/{day[:4]}/{day}-call-{made[0]}.md"
            fields: dict[str, object] = {"kind": "call", "with": f"[{rng.choice(names)}]"}
            if made[0] % 10 == 0:
                fields["follow_up"] = "{due: " + day + ", what: Send the notes}"
                follow.append(path)
            fields["body"] = f"Call number {made[0]}."
            written[path] = (day, fields)
            write_entry(path)
        if follow and rng.random() < 0.5:
            path = follow.pop(rng.randrange(len(follow)))
            _, f = written[path]
            f["follow_up"] = str(f["follow_up"]).replace("}", ", done: true}")
            write_entry(path)
        if made[1] < applications and n % max(commits // (applications + 1), 1) == 0:
            made[1] += 1
            path = f"journal/{day[:4]}/{day}-application-company-{made[1]}.md"
            written[path] = (day, {"kind": "application", "company": f"Company {made[1]}",
                                   "role": "Staff Engineer", "status": "applied"})  # fmt: skip
            open_apps.append(path)
            write_entry(path)
        elif open_apps and rng.random() < 0.2:
            path = rng.choice(open_apps)
            _, f = written[path]
            step = STATUS_STEPS[STATUS_STEPS.index(str(f["status"])) + 1]
            f["status"], f["updated"] = step, day
            if step == STATUS_STEPS[-1]:
                open_apps.remove(path)
            write_entry(path)

    header(0, "Start")
    for slug, c in people.items():
        out.append(f"M 100644 inline contacts/{slug}.md\n".encode())
        data(contact_text(slug, c))
    for n in range(1, commits):
        header(n, f"Change {n}")
        for slug in rng.sample(sorted(people), CHANGES_PER_COMMIT):
            c = people[slug]
            what = rng.randrange(6)
            if what == 0:
                c["company"] = rng.choice(COMPANIES)
            elif what == 1:
                c["closeness"] = rng.randint(1, 5)
            elif what == 2:
                c["title"] = rng.choice(TITLES)
            elif what == 3:
                flow[slug] = not flow[slug]  # the same tags, written the other way
            elif what == 4:
                c["body"] = f"{c['body']} More."
            else:
                new = f"{slug}-r{n}"
                out.append(f"R contacts/{slug}.md contacts/{new}.md\n".encode())
                people[new] = people.pop(slug)
                flow[new] = flow.pop(slug)
                continue
            out.append(f"M 100644 inline contacts/{slug}.md\n".encode())
            data(contact_text(slug, c, flow[slug]))
        journal_commit(n)
    return b"".join(out)


def build_repo(root: Path, contacts: int, commits: int, entries: int = 10_000) -> None:
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    run = dict(cwd=root, env=env, check=True, capture_output=True)
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q"], **run)  # type: ignore[call-overload]
    stream = fast_import_stream(contacts, commits, entries, 40 if entries else 0)
    subprocess.run(["git", "fast-import", "--quiet"], input=stream, **run)  # type: ignore[call-overload]
    subprocess.run(["git", "reset", "-q", "--hard", "main"], **run)  # type: ignore[call-overload]


def cpu() -> float:
    """CPU seconds of this process and its finished children (git): less noisy than the
    wall clock on a shared machine."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


CPU: dict[str, float] = {}


def best(fn: object, runs: int, name: str = "") -> float:
    """The lowest wall-clock time of `runs` runs (and its CPU time in CPU[name])."""
    assert callable(fn)
    times = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), cpu()
        fn()
        times.append((time.perf_counter() - start, cpu() - start_cpu))
    wall, used = min(times)
    CPU[name] = used
    return wall


def measure(contacts: int, commits: int, runs: int, entries: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="kithbook-history-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        build_repo(root, contacts, commits, entries)
        built = time.perf_counter() - start

        def cold() -> None:
            shutil.rmtree(root / h.CACHE_DIR, ignore_errors=True)
            h._MEMORY.clear()
            h.read_history(root)

        def warm_file() -> None:
            h._MEMORY.clear()
            h.read_history(root)

        def warm_memory() -> None:
            h.read_history(root)

        result = {"build repo": built, "cold": best(cold, runs, "cold")}
        result["cold cpu"] = CPU["cold"]
        result["warm (file)"] = best(warm_file, runs)
        result["warm (memory)"] = best(warm_memory, runs)
        journal = assemble_journal(load_journal(root).docs)
        history = h.read_history(root)
        today = dt.date.today()

        def changes() -> None:
            contact_changes(history, journal.contacts)
            application_moves(history, journal.entries, today)

        result["changes"] = best(changes, runs)
        result["revisions"] = float(sum(len(r) for r in history.files.values()))
        result["moves"] = float(sum(len(r) for r in history.applications.values()))
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--commits", type=int, nargs="+", default=[1000])
    parser.add_argument("--entries", type=int, default=10_000, help="journal entries (0: none)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the lowest is kept")
    args = parser.parse_args()
    version = subprocess.run(["git", "--version"], capture_output=True, text=True)
    print(f"git: {version.stdout.strip()}")
    print(
        f"{'contacts':>8} {'commits':>7} {'revisions':>9} {'app moves':>9} {'cold s':>7} "
        f"{'cold cpu s':>10} {'warm file s':>11} {'warm mem s':>10} {'changes s':>9}"
    )
    per_commit = []
    for commits in args.commits:
        r = measure(args.contacts, commits, args.runs, args.entries)
        per_commit.append(r["cold"] / commits)
        print(
            f"{args.contacts:>8} {commits:>7} {int(r['revisions']):>9} {int(r['moves']):>9} "
            f"{r['cold']:>7.3f} "
            f"{r['cold cpu']:>10.3f} "
            f"{r['warm (file)']:>11.3f} {r['warm (memory)']:>10.3f} {r['changes']:>9.3f}"
        )
    if len(per_commit) > 1:
        print(f"cold ms per commit: {', '.join(f'{1000 * x:.2f}' for x in per_commit)}")
        print(f"(median {1000 * statistics.median(per_commit):.2f})")


if __name__ == "__main__":
    main()
