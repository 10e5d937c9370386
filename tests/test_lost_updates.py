"""No lost updates and no debris: an edit re-checks its file just before replacing it, and
the temporary files of a killed run are found and removed by the next one."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from kithbook.cli.main import cli
from kithbook.writing import write
from kithbook.writing.scaffold import GITIGNORE
from kithbook.writing.write import (
    LEFTOVER_AGE,
    TEMP_PATTERN,
    WriteError,
    edit_front_matter,
    remove_leftovers,
    stage_file,
    take_snapshot,
)

from .conftest import REPO

ENTRY = """\
---
date: 2026-11-20
with: [ada]
kind: call
follow_up:
  due: 2026-12-01
  what: Send the paper
---
Talked about engines.
"""


def _mark_done(data: CommentedMap) -> None:
    data["follow_up"]["done"] = True


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def test_an_editor_saving_during_an_edit_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-20-call.md"
    path.write_text(ENTRY, encoding="utf-8")
    saved = ENTRY.replace("Talked about engines.", "Talked about engines and looms.")

    def edit(data: CommentedMap) -> None:
        path.write_text(saved, encoding="utf-8")  # the editor saves right now
        _mark_done(data)

    with pytest.raises(WriteError, match="changed while kithbook was writing it"):
        edit_front_matter(path, edit)
    assert path.read_text(encoding="utf-8") == saved
    assert _temps(tmp_path) == []


def test_a_file_deleted_during_an_edit_is_not_brought_back(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-20-call.md"
    path.write_text(ENTRY, encoding="utf-8")

    def edit(data: CommentedMap) -> None:
        path.unlink()
        _mark_done(data)

    with pytest.raises(WriteError, match="was deleted while kithbook was writing it"):
        edit_front_matter(path, edit)
    assert not path.exists()


def test_the_check_comes_after_all_the_work_just_before_the_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save while the new text is being flushed to disk is still caught."""
    path = tmp_path / "2026-11-20-call.md"
    path.write_text(ENTRY, encoding="utf-8")
    real_stage = write.stage_file

    def slow_stage(target: Path, text: str, sync: bool = False) -> Path:
        temp = real_stage(target, text, sync)
        path.write_text(ENTRY + "A line the editor added.\n", encoding="utf-8")
        return temp

    monkeypatch.setattr(write, "stage_file", slow_stage)
    with pytest.raises(WriteError):
        edit_front_matter(path, _mark_done)
    assert path.read_text(encoding="utf-8").endswith("A line the editor added.\n")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_whatever_another_writer_saves_survives(tmp_path: Path, saved: str) -> None:
    path = tmp_path / "2026-11-20-call.md"
    path.write_text(ENTRY, encoding="utf-8")
    other = (ENTRY + saved).encode("utf-8", "surrogatepass")

    def edit(data: CommentedMap) -> None:
        path.write_bytes(other)
        _mark_done(data)

    if other == ENTRY.encode():
        edit_front_matter(path, edit)  # nothing changed underneath: the edit goes ahead
        assert "done: true" in path.read_text(encoding="utf-8")
    else:
        with pytest.raises(WriteError):
            edit_front_matter(path, edit)
        assert path.read_bytes() == other


def test_kith_done_racing_an_editor_thread_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor thread keeps adding lines and saving while `kith done` edits the file: no
    line the editor saved is ever lost, whether `kith done` goes ahead or refuses.

    The editor stops at the re-check itself: a save in the microseconds between the check
    and the rename is the one window no check can close (git and editors have it too).
    """
    root = tmp_path / "kb"
    (root / "contacts").mkdir(parents=True)
    (root / "contacts" / "ada.md").write_text("---\nname: Ada\n---\n", encoding="utf-8")
    path = root / "journal" / "2026" / "2026-11-20-call.md"
    path.parent.mkdir(parents=True)
    runner = CliRunner()
    outcomes = {"done": 0, "refused": 0}
    real_check = write.check_unchanged
    for trial in range(15):
        path.write_text(ENTRY, encoding="utf-8")
        written: list[str] = []
        stop = threading.Event()
        delay = 0.0005 * (trial % 5)  # some trials save before kith reads, some during

        def editor(
            trial: int = trial,
            written: list[str] = written,
            stop: threading.Event = stop,
            delay: float = delay,
        ) -> None:
            n = 0
            time.sleep(delay)
            while not stop.is_set():
                line = f"Editor line {trial}.{n}\n"
                text = path.read_text(encoding="utf-8")
                temp = path.with_name(".editor-swap")
                temp.write_text(text + line, encoding="utf-8")
                os.replace(temp, path)
                written.append(line)
                n += 1
                time.sleep(0.002)

        thread = threading.Thread(target=editor)

        def check(
            target: Path,
            since: write.Snapshot,
            thread: threading.Thread = thread,
            stop: threading.Event = stop,
        ) -> None:
            stop.set()
            thread.join()
            real_check(target, since)

        monkeypatch.setattr(write, "check_unchanged", check)
        thread.start()
        result = runner.invoke(cli, ["--root", str(root), "done", "2026-11-20-call"])
        stop.set()
        thread.join()
        final = path.read_text(encoding="utf-8")
        lost = [line for line in written if line not in final]
        assert lost == [], (result.output, lost)
        if result.exit_code == 0:
            outcomes["done"] += 1
            assert "done: 20" in final  # kith done writes the day it was done
        else:
            outcomes["refused"] += 1
            assert "changed while kithbook was writing it" in result.output, result.output
    assert outcomes["refused"] > 0  # the race really happened


# --- no debris ------------------------------------------------------------------------------


def _killed_run_leftovers(root: Path) -> list[Path]:
    """Temporary files as a killed process leaves them (its process id no longer runs)."""
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from kithbook.writing.write import stage_file\n"
            "for p in sys.argv[1:]: stage_file(Path(p), 'half written')",
            str(root / "contacts" / "ada.md"),
            str(root / "journal" / "2026" / "2026-11-20-call.md"),
            str(root / ".kithbook" / "linkedin.json"),
        ],
        check=True,
    )
    assert child.returncode == 0
    found = sorted(root.rglob(".*.kithbook-*.tmp"))
    assert len(found) == 3
    return found


def _journal(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    for folder in ("contacts", "journal/2026", ".kithbook"):
        (root / folder).mkdir(parents=True)
    (root / "contacts" / "ada.md").write_text("---\nname: Ada\n---\n", encoding="utf-8")
    (root / "journal" / "2026" / "2026-11-20-call.md").write_text(ENTRY, encoding="utf-8")
    return root


def test_the_next_run_removes_a_killed_runs_temporary_files(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    leftovers = _killed_run_leftovers(root)
    mine = stage_file(root / "contacts" / "bob.md", "in progress")  # a running command's
    assert sorted(remove_leftovers(root)) == leftovers
    assert mine.exists() and sorted(root.rglob("*.tmp")) == [mine]
    mine.unlink()


def test_an_old_temporary_file_goes_even_if_its_process_id_was_reused(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    mine = stage_file(root / "contacts" / "bob.md", "in progress")
    assert remove_leftovers(root, now=time.time() + LEFTOVER_AGE + 60) == [mine]


@pytest.mark.parametrize(
    "command",
    [["new", "Grace Hopper"], ["log", "ada", "--kind", "call"], ["done", "2026-11-20-call"]],
)
def test_every_writing_command_removes_leftovers(tmp_path: Path, command: list[str]) -> None:
    root = _journal(tmp_path)
    _killed_run_leftovers(root)
    result = CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *command])
    assert result.exit_code == 0, result.output
    assert sorted(root.rglob("*.tmp")) == []


def test_temporary_files_are_ignored_by_git(tmp_path: Path) -> None:
    assert TEMP_PATTERN in GITIGNORE.splitlines()
    assert TEMP_PATTERN in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    root = _journal(tmp_path)
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    leftovers = _killed_run_leftovers(root)
    check = subprocess.run(
        ["git", "-C", str(root), "check-ignore", *map(str, leftovers)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and len(check.stdout.splitlines()) == 3


def test_a_snapshot_of_a_fifo_refuses_instead_of_waiting(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="not a regular file"):
        take_snapshot(fifo)
