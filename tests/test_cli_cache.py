"""The CLI's analysis cache: reused only while nothing it came from has changed."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli import analysis_cache
from kithbook.cli.main import cli

from .conftest import REPO, WriteJournal, run, settings_for

FILES = {
    "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\ncompany: Analytical Engines\n---\n",
    "journal/2026/2026-11-01-call-with-ada.md": (
        "---\ndate: 2026-11-01\nwith: [ada-lovelace]\nkind: call\n---\n"
    ),
}


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


@pytest.fixture
def journal(write_journal: WriteJournal) -> Path:
    root = write_journal(FILES)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return root


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled: in real use they are seconds old."""
    monkeypatch.setattr(analysis_cache, "RACY_NS", -(10**18))


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count real analyses behind the cache."""
    calls: list[int] = []
    real = analysis_cache.cached_analysis

    def wrapped(root, settings, today, compute):  # type: ignore[no-untyped-def]
        def counted():  # type: ignore[no-untyped-def]
            calls.append(1)
            return compute()

        return real(root, settings, today, counted)

    monkeypatch.setattr("kithbook.cli.options.cached_analysis", wrapped)
    return calls


@pytest.mark.usefixtures("settled")
def test_a_second_view_reuses_the_analysis(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    first = kith(journal, "show", "ada")
    second = kith(journal, "show", "ada")
    assert first.output == second.output
    assert len(calls) == 1
    assert "Analytical Engines" in second.output
    assert kith(journal, "--today", "2026-11-23", "show", "ada").exit_code == 0
    assert len(calls) == 2  # another day, another analysis


@pytest.mark.usefixtures("settled")
def test_any_change_is_seen(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    kith(journal, "show", "ada")
    path = journal / "contacts/ada-lovelace.md"
    before = path.stat()
    # the same size and the same modification time: only the change time tells
    path.write_text(path.read_text(encoding="utf-8").replace("Analytical", "Analytixal"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert "Analytixal Engines" in kith(journal, "show", "ada").output
    (journal / "contacts/grace-hopper.md").write_text("---\nname: Grace Hopper\n---\n", "utf-8")
    assert "Grace Hopper" in kith(journal, "people").output
    (journal / "contacts/grace-hopper.md").unlink()
    assert "Grace Hopper" not in kith(journal, "people").output
    assert len(calls) == 4


def test_racy_files_are_never_cached(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    (journal / "contacts/ada-lovelace.md").write_text("---\nname: Ada L\n---\n", "utf-8")
    kith(journal, "people")
    kith(journal, "people")
    assert len(calls) == 2
    assert not analysis_cache.cache_file(journal).exists()


@pytest.mark.usefixtures("settled")
def test_a_cache_others_could_write_is_ignored(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting(monkeypatch)
    kith(journal, "people")
    cache = analysis_cache.cache_file(journal)
    assert cache.exists()
    cache.chmod(0o666)
    kith(journal, "people")
    assert len(calls) == 2


@pytest.mark.usefixtures("settled")
def test_a_broken_cache_is_only_slower(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kith(journal, "people")
    cache = analysis_cache.cache_file(journal)
    cache.write_bytes(cache.read_bytes()[:100])
    cache.chmod(0o600)
    result = kith(journal, "people")
    assert (result.exit_code, "Ada Lovelace" in result.output) == (0, True)


def test_it_can_be_turned_off(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KITHBOOK_CLI_CACHE", "0")
    calls = counting(monkeypatch)
    kith(journal, "people")
    kith(journal, "people")
    assert len(calls) == 2
    assert not analysis_cache.cache_file(journal).exists()


@pytest.mark.usefixtures("settled")
def test_the_cache_lives_outside_the_journal(journal: Path) -> None:
    kith(journal, "people")
    assert not analysis_cache.cache_file(journal).is_relative_to(journal)
    assert [p for p in journal.rglob("*.pickle")] == []


@pytest.mark.usefixtures("settled")
def test_a_commit_is_seen(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contacts' History comes from git: a new commit means a new analysis."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip

    def run(*args: str) -> None:
        subprocess.run([git, *args], cwd=journal, env=env, check=True, capture_output=True)

    run("init", "-q")
    run("add", "-A")
    run("commit", "-q", "-m", "first")
    calls = counting(monkeypatch)
    kith(journal, "people")
    kith(journal, "people")
    assert len(calls) == 1
    run("commit", "-q", "--allow-empty", "-m", "second")
    kith(journal, "people")
    assert len(calls) == 2


def test_the_cached_analysis_is_the_analysis(tmp_path: Path) -> None:
    """The example journal (every kind of record) comes back from the cache field for field,
    `lines` included, as the same classes: the fast slot setting of _Pickler loses nothing."""
    analysis = run(REPO)
    path = tmp_path / "cache.pickle"
    analysis_cache._save(path, "k" * 64, analysis)
    loaded = analysis_cache._load(path, "k" * 64)
    assert loaded is not None
    assert loaded == analysis
    assert [e.lines for e in loaded.journal.entries] == [
        e.lines for e in analysis.journal.entries
    ]  # `lines` is left out of ==
    assert [c.lines for c in loaded.journal.contacts] == [
        c.lines for c in analysis.journal.contacts
    ]
    assert len(loaded.journal.entries) > 50
    assert analysis_cache._load(path, "x" * 64) is None  # another fingerprint: not this one


def test_the_fingerprint_sees_each_file_in_each_folder(tmp_path: Path) -> None:
    """Every file under contacts/ and journal/, at any depth, is part of the fingerprint."""
    root = tmp_path
    deep = root / "journal" / "2026" / "extra"
    deep.mkdir(parents=True)
    (root / "contacts").mkdir()
    files = [root / "contacts" / "a.md", root / "journal" / "2026" / "b.md", deep / "c.md"]
    for file in files:
        file.write_text("x", encoding="utf-8")
    settings, today = settings_for(), dt.date(2026, 11, 22)
    before = analysis_cache.fingerprint(root, settings, today)[0]
    for file in files:
        file.write_text("xy", encoding="utf-8")  # a size change, whatever the clock does
        after = analysis_cache.fingerprint(root, settings, today)[0]
        assert after != before, file
        before = after
