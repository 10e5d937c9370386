"""The second core: same results in a forked child or here, and a fallback when it fails."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from kithbook import load, parallel
from kithbook.render import site

from .conftest import REPO, TODAY, WriteJournal, contact, entry, run

needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork on Linux only")


@pytest.fixture(autouse=True)
def single_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads other tests left behind (a browser driver) must not turn forking off here."""
    monkeypatch.delenv("KITHBOOK_WORKERS", raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 1)


@needs_fork
def test_the_work_runs_in_a_child_and_its_result_comes_back() -> None:
    here = os.getpid()
    pending = parallel.start(lambda: (os.getpid(), ["a", {"b": 1}]))
    pid, value = pending.result()
    assert pid != here and value == ["a", {"b": 1}]
    assert pending.result() == (pid, value)  # collected once, kept


def test_without_fork_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITHBOOK_WORKERS", "1")
    assert parallel.start(os.getpid).result() == os.getpid()
    monkeypatch.delenv("KITHBOOK_WORKERS")
    assert parallel.start(os.getpid, fork=False).result() == os.getpid()


@needs_fork
def test_a_failing_child_means_the_work_is_done_here() -> None:
    here = os.getpid()

    def only_here() -> int:
        if os.getpid() != here:
            raise RuntimeError("the child fails")
        return 42

    assert parallel.start(only_here).result() == 42


def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        assert parallel.start(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        thread.join()


def journal(write_journal: WriteJournal) -> Path:
    files = dict(
        [contact(f"p{i:02d}", company="Acme" if i % 3 else "Helix") for i in range(30)]
        + [entry(f"2026-{1 + i % 11:02d}-{1 + i % 27:02d}", f"e{i}", with_=[f"p{i % 30:02d}"],
                 body=f"Met [[p{(i + 1) % 30:02d}]]. **Good** news.") for i in range(60)]
        + [("contacts/broken.md", "---\nname: [\n---\n"), ("journal/2026/bad.md", "no front")]
    )  # fmt: skip
    return write_journal(files)


def test_loading_on_two_cores_gives_the_same_journal(
    write_journal: WriteJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = journal(write_journal)
    for path in root.rglob("*.md"):
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))  # not racy
    monkeypatch.setenv("KITHBOOK_WORKERS", "1")
    alone = load.load_journal(root)
    monkeypatch.delenv("KITHBOOK_WORKERS")
    monkeypatch.setattr(load, "PARALLEL_MIN", 2)
    cache = load.FileCache()
    assert load.load_journal(root, cache) == alone
    assert [p.source.path for p in alone.problems] == ["contacts/broken.md", "journal/2026/bad.md"]
    assert load.load_journal(root, cache) == alone
    assert cache.hits == len(alone.docs) + len(alone.problems)  # what the child read is kept


@pytest.mark.parametrize("where", ["small", "example"])
def test_rendering_on_two_cores_gives_the_same_pages(
    where: str, write_journal: WriteJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = journal(write_journal) if where == "small" else REPO
    analysis = run(root, TODAY, owner="Jordan Reyes")
    monkeypatch.setenv("KITHBOOK_WORKERS", "1")
    alone = site.render_site(analysis)
    monkeypatch.delenv("KITHBOOK_WORKERS")
    monkeypatch.setattr(site, "PARALLEL_MIN", 0)
    assert site.render_site(analysis) == alone
