"""Give a copy of the example journal a year of git history, for screenshots and tests.

The repository's own history of `contacts/` is one commit (the example was written at
once), so its History sections would only say "added to the journal". This script copies
the example journal (mkdocs.yml, docs/, contacts/, journal/) into a new folder and commits
it as if it had been kept for a year: the contacts as they were in December 2025, then
commits at fixed dates that move people to new jobs, change closeness, archive a contact,
rename a file, tag someone and add a new contact, and move a job application on from
`applied`, ending at the files as they are today.
With `--uncommitted`, one change is left in the working tree ("not yet committed").

    python benchmarks/example_history.py /tmp/example-with-history [--uncommitted]
    KITHBOOK_TODAY=2026-11-22 mkdocs build -f /tmp/example-with-history/mkdocs.yml

Nothing in the repository itself is touched; the author is "Example Author" with an
address under example.invalid.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
Edit = Callable[[str], str]


def set_field(key: str, value: str | None) -> Edit:
    """An edit setting `key:` to `value` (a YAML scalar as text), or removing it for None."""
    line = re.compile(rf"^{re.escape(key)}:.*\n", re.MULTILINE)

    def edit(text: str) -> str:
        if value is None:
            return line.sub("", text, count=1)
        if line.search(text):
            return line.sub(lambda _: f"{key}: {value}\n", text, count=1)
        name = re.search(r"^name:.*\n", text, re.MULTILINE)
        at = name.end() if name else 4
        return text[:at] + f"{key}: {value}\n" + text[at:]

    return edit


# How each contact was before (applied to today's file), and the commit that made it so.
# (date, subject, [(file today, earlier file name or None, edits giving the earlier text)])
STORY: list[tuple[str, str, list[tuple[str, str | None, list[Edit]]]]] = [
    (
        "2026-02-12",
        "Zoe Novakova: her full name, and the file renamed to match",
        [("zoe-novakova.md", "zoe-novak.md", [set_field("name", "Zoe Novak")])],
    ),
    (
        "2026-05-04",
        "Tag Priya for streaming",
        [("priya-raman.md", None, [set_field("tags", "[backend, postgres, northwind]")])],
    ),
    (
        "2026-09-15",
        "Archive Marco: he closed his QA shop",
        [("marco-bianchi.md", None, [set_field("archived", None)])],
    ),
    (
        "2026-10-03",
        "Camille moved to Orbital Maps",
        [
            (
                "camille-dubois.md",
                None,
                [set_field("company", "Helix Bio"), set_field("title", "Product Designer")],
            )
        ],
    ),
    (
        "2026-10-20",
        "Olivia: less close since she moved away",
        [("olivia-hart.md", None, [set_field("closeness", "2")])],
    ),
    (
        "2026-11-03",
        "Log hike with Daniel Costa",
        [("daniel-costa.md", None, [set_field("closeness", "3")])],
    ),
    (
        "2026-11-14",
        "Import LinkedIn export of 2026-11-14: 2 moved jobs",
        [
            (
                "ricardo-nunes.md",
                None,
                [
                    set_field("company", "Northwind Analytics"),
                    set_field("title", "Site Reliability Engineer"),
                ],
            ),
            ("wei-zhang.md", None, [set_field("company", "Granite Systems")]),
        ],
    ),
    (
        "2026-11-18",
        "New contact: Lars Eriksen",
        [("lars-eriksen.md", "", [])],  # "": the file did not exist before
    ),
]
# Journal entries edited later, the same way: (date, subject, entry file today (under
# journal/), edits giving the earlier text). An application's status change is such an edit.
JOURNAL_STORY: list[tuple[str, str, str, list[Edit]]] = [
    (
        "2026-11-19",
        "Quanta Cloud: recruiter screen booked",
        "2026/2026-11-12-application-quanta-cloud.md",
        [set_field("status", "applied"), set_field("updated", None)],
    ),
]
START = ("2025-12-01", "Start the journal")
UNCOMMITTED = ("aiko-tanaka.md", [set_field("title", "Head of Product")])


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ)
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    env.update(
        GIT_AUTHOR_NAME="Example Author",
        GIT_AUTHOR_EMAIL="author@example.invalid",
        GIT_COMMITTER_NAME="Example Author",
        GIT_COMMITTER_EMAIL="author@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    if date:
        env.update(
            GIT_AUTHOR_DATE=f"{date}T18:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T18:00:00+00:00"
        )
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def build_example_history(dest: Path, uncommitted: bool = False) -> Path:
    """Copy the example journal to `dest` (a new folder) and give it its history."""
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"{dest} is not empty: give a new folder")
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "journal"):
        shutil.copytree(REPO / folder, dest / folder)
    hook = dest / "hooks"
    hook.mkdir()
    shutil.copy2(REPO / "hooks" / "kithbook_hook.py", hook / "kithbook_hook.py")
    today = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "contacts").glob("*.md")}
    # Walk the story backwards from today's files to the journal as it was at the start.
    states: list[dict[str, str]] = [dict(today)]
    for _, _, changes in reversed(STORY):
        before = dict(states[0])
        for name, old_name, edits in changes:
            text = before.pop(name)
            for edit in edits:
                text = edit(text)
            if old_name != "":
                before[old_name or name] = text
        states.insert(0, before)
    contacts = dest / "contacts"
    contacts.mkdir()

    def write(state: dict[str, str]) -> None:
        for path in contacts.glob("*.md"):
            if path.name not in state:
                path.unlink()
        for name, text in state.items():
            (contacts / name).write_text(text, encoding="utf-8")

    journal = dest / "journal"
    entries = {
        name: (journal / name).read_text(encoding="utf-8") for _, _, name, _ in JOURNAL_STORY
    }
    for _, _, name, edits in JOURNAL_STORY:
        text = entries[name]
        for edit in edits:
            text = edit(text)
        (journal / name).write_text(text, encoding="utf-8")

    _git(dest, "init", "-q")
    write(states[0])
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", START[1], date=START[0])

    def restore(name: str) -> None:
        (journal / name).write_text(entries[name], encoding="utf-8")

    steps: list[tuple[str, str, Callable[[], None]]] = [
        (date, subject, functools.partial(write, state))
        for (date, subject, _), state in zip(STORY, states[1:], strict=True)
    ]
    for date, subject, name, _ in JOURNAL_STORY:
        steps.append((date, subject, functools.partial(restore, name)))
    for date, subject, step in sorted(steps, key=lambda s: s[0]):
        step()
        _git(dest, "add", "-A")
        _git(dest, "commit", "-q", "-m", subject, date=date)
    if uncommitted:
        name, edits = UNCOMMITTED
        path = contacts / name
        text = path.read_text(encoding="utf-8")
        for edit in edits:
            text = edit(text)
        path.write_text(text, encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="a new folder for the copy")
    parser.add_argument(
        "--uncommitted", action="store_true", help="leave one change in the working tree"
    )
    args = parser.parse_args()
    root = build_example_history(args.dest, args.uncommitted)
    print(f"example journal with history: {root}", file=sys.stderr)


if __name__ == "__main__":
    main()
