"""A real `kith import linkedin` killed part-way: its workers die, and a re-run leaves exactly
what a clean import leaves (no temporary files, no duplicates)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

KITH = [sys.executable, "-c", "from kithbook.cli import main; main()"]
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if (p.is_file() or p.is_symlink()) and ".git" not in p.relative_to(root).parts
    }


def start(root: Path, export: Path) -> subprocess.Popen[bytes]:
    args = [*KITH, "--root", str(root), "--today", "2026-11-22", "import", "linkedin"]
    return subprocess.Popen(
        [*args, str(export)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_killed_import_is_finished_by_the_next_run(tmp_path: Path) -> None:
    export = tmp_path / "Connections.csv"
    rows = [
        f"Person,Number {i},https://www.linkedin.com/in/p{i},,Acme,PM,01 Mar 2022"
        for i in range(6000)
    ]
    export.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    for root in (clean, killed):
        (root / "contacts").mkdir(parents=True)
        (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    assert start(clean, export).wait(timeout=300) == 0
    subprocess.run(["git", "init", "-q", str(killed)], check=True)

    run = start(killed, export)
    workers: set[int] = set()
    temp = killed / ".kithbook/tmp"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        workers |= children(run.pid)
        if workers and temp.is_dir() and sum(1 for _ in temp.rglob("*.tmp")) > 200:
            break
        time.sleep(0.01)
    assert run.poll() is None, "the import ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert workers
    time.sleep(0.5)
    assert [pid for pid in workers if alive(pid)] == []
    left = [p for p in temp.rglob("*.tmp")]
    assert left  # killed part-way: the leftovers are where the next run looks
    assert (temp / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=killed,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".kithbook/tmp" not in status  # git does not see the leftovers

    assert start(killed, export).wait(timeout=300) == 0
    assert files(killed) == files(clean)
    assert not (killed / ".kithbook/tmp").exists()
