"""The second core: same results in a forked child or here, and a fallback when it fails."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from kithbook import parallel
from kithbook.adapter import build
from kithbook.reading import load
from kithbook.render import site

from .conftest import REPO, TODAY, WriteJournal, contact, entry, run, settings_for

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


def slow_pid(item: int) -> tuple[int, int]:
    time.sleep(0.002)  # long enough for the child to claim chunks too
    return item * item, os.getpid()


@needs_fork
def test_shared_work_is_split_between_the_two_processes_and_kept_in_order() -> None:
    done = parallel.share(slow_pid, range(300))
    assert [square for square, _ in done] == [i * i for i in range(300)]
    assert {pid for _, pid in done} - {os.getpid()}  # the child did some of it


def test_shared_work_without_fork_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parallel.share(slow_pid, range(20), fork=False) == [
        (i * i, os.getpid()) for i in range(20)
    ]
    monkeypatch.setenv("KITHBOOK_WORKERS", "1")
    assert parallel.share(slow_pid, range(20)) == [(i * i, os.getpid()) for i in range(20)]
    assert parallel.share(slow_pid, []) == []


@needs_fork
@pytest.mark.parametrize("how", ["raises", "exits"])
def test_chunks_a_failing_child_claimed_are_done_here(how: str) -> None:
    here = os.getpid()

    def fragile(item: int) -> int:
        if os.getpid() != here and item > 40:
            if how == "raises":
                raise RuntimeError("the child fails")
            os._exit(3)  # dies without a word, holding its claimed chunk
        time.sleep(0.001)
        return item + 1

    assert parallel.share(fragile, range(200)) == list(range(1, 201))


@needs_fork
def test_cancelled_work_leaves_no_child_and_is_redone_if_asked() -> None:
    here = os.getpid()

    def slow_in_the_child() -> int:
        if os.getpid() != here:
            time.sleep(60)
        return os.getpid()

    pending = parallel.start(slow_in_the_child)
    began = time.monotonic()
    pending.cancel()  # kills the child and reaps it, rather than waiting for it
    assert time.monotonic() - began < 10
    assert pending.result() == os.getpid()  # computed here instead


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


def test_a_build_on_two_cores_gives_the_same_outputs(
    write_journal: WriteJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The month pages start before the derive stage, the rest is shared: same outputs."""
    root = journal(write_journal)
    settings = settings_for(owner="Jordan Reyes")
    monkeypatch.setenv("KITHBOOK_WORKERS", "1")
    alone = build.build_outputs(root, settings, TODAY, cache=None)
    monkeypatch.delenv("KITHBOOK_WORKERS")
    monkeypatch.setattr(site, "PARALLEL_MIN", 0)
    monkeypatch.setattr(load, "PARALLEL_MIN", 0)
    shared = build.build_outputs(root, settings, TODAY, cache=None)
    assert (shared.pages, shared.files) == (alone.pages, alone.files)
    assert [p.uri for p in shared.pages] == [p.uri for p in alone.pages]


def test_month_pages_started_for_other_options_are_not_used(
    write_journal: WriteJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = run(journal(write_journal), TODAY, owner="Jordan Reyes")
    monkeypatch.setattr(site, "PARALLEL_MIN", 0)
    expected = site.render_site(analysis, directory_urls=True)
    other = site.make_context(analysis, directory_urls=False)
    assert not site.start_months(other).serves(site.make_context(analysis))
    assert site.render_site(analysis, True, True, site.start_months(other)) == expected
    same = site.start_months(site.make_context(analysis))
    assert site.render_site(analysis, True, True, same) == expected
