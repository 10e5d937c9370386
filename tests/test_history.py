"""The contacts' history read from real git repositories, and the changes derived from it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from kithbook.model.changes import contact_changes
from kithbook.reading import history as h
from kithbook.reading.history import read_history

from .conftest import contact, run
from .gitrepo import commit, git, init_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ADA = "contacts/ada-lovelace.md"


def ada(**fields: object) -> str:
    return contact("ada-lovelace", "Ada Lovelace", **fields)[1]


def changes_of(root: Path, slug: str = "ada-lovelace") -> list[tuple[str, str, str | None]]:
    history = read_history(root, use_cache=False)
    analysis = run(root)
    found = contact_changes(history, analysis.journal.contacts)[slug]
    return [(c.kind, c.text, str(c.date) if c.date else None) for c in found]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init_repo(tmp_path / "journal")
    (root / "journal").mkdir()
    return root


def test_job_and_closeness_changes_newest_first(repo: Path) -> None:
    commit(
        repo,
        {ADA: ada(company="Northwind", title="Engineer", closeness=2)},
        "Add Ada",
        "2026-09-01",
    )
    commit(
        repo,
        {ADA: ada(company="Orbital Maps", title="Staff Engineer", closeness=2)},
        "LinkedIn import",
        "2026-10-05",
    )
    commit(
        repo,
        {ADA: ada(company="Orbital Maps", title="Staff Engineer", closeness=4)},
        "Closer",
        "2026-11-02",
    )
    commit(
        repo,
        {ADA: ada(company="Orbital Maps", title="Staff Engineer", closeness=3)},
        "Less close",
        "2026-11-10",
    )
    assert changes_of(repo) == [
        ("closeness", "closeness down from 4 to 3", "2026-11-10"),
        ("closeness", "closeness up from 2 to 4", "2026-11-02"),
        ("job", "moved from Northwind to Orbital Maps, Staff Engineer", "2026-10-05"),
        ("added", "added to the journal (Engineer at Northwind)", "2026-09-01"),
    ]
    history = read_history(repo, use_cache=False)
    revision = history.files[ADA][1]
    assert revision.subject == "LinkedIn import"
    assert history.note == ""


def test_relationship_tags_archived_and_name(repo: Path) -> None:
    commit(repo, {ADA: ada(tags=["a", "b"], relationship=["friend"])}, "Add", "2026-09-01")
    commit(
        repo,
        {
            ADA: contact(
                "ada-lovelace", "Ada King", tags=["b", "c"], relationship=["mentor"], archived=True
            )[1]
        },
        "Several",
        "2026-09-02",
    )
    commit(
        repo,
        {ADA: contact("ada-lovelace", "Ada King", tags=["b", "c"], relationship=["mentor"])[1]},
        "Back",
        "2026-09-03",
    )
    assert changes_of(repo)[:5] == [
        ("unarchived", "unarchived", "2026-09-03"),
        ("name", "name changed from Ada Lovelace to Ada King", "2026-09-02"),
        ("relationship", "relationship: added mentor; removed friend", "2026-09-02"),
        ("tags", "tags: added c; removed a", "2026-09-02"),
        ("archived", "archived", "2026-09-02"),
    ]


def test_reformat_only_commits_give_nothing(repo: Path) -> None:
    commit(repo, {ADA: ada(tags=["a", "b"], company="Northwind")}, "Add", "2026-09-01")
    reformatted = (
        "---\nname: 'Ada Lovelace'\ntags:\n  - b\n  - a\ncompany:   Northwind\n---\nNew notes.\n"
    )
    commit(repo, {ADA: reformatted}, "Reformat", "2026-09-02")
    assert changes_of(repo) == [("added", "added to the journal (Northwind)", "2026-09-01")]


def test_file_renames_are_followed(repo: Path) -> None:
    commit(repo, {"contacts/ada.md": ada(company="Northwind")}, "Add", "2026-09-01")
    git(repo, "mv", "contacts/ada.md", ADA)
    commit(repo, {ADA: ada(company="Orbital Maps")}, "Rename and move", "2026-09-02")
    assert changes_of(repo) == [
        ("file", "file renamed from contacts/ada.md", "2026-09-02"),
        ("job", "moved from Northwind to Orbital Maps", "2026-09-02"),
        ("added", "added to the journal (Northwind)", "2026-09-01"),
    ]


def test_uncommitted_changes_are_not_yet_committed(repo: Path) -> None:
    commit(repo, {ADA: ada(company="Northwind", closeness=2)}, "Add", "2026-09-01")
    (repo / ADA).write_text(ada(company="Orbital Maps", closeness=3), encoding="utf-8")
    (repo / "contacts/bo.md").write_text(contact("bo", "Bo")[1], encoding="utf-8")
    assert changes_of(repo)[:2] == [
        ("job", "moved from Northwind to Orbital Maps", None),
        ("closeness", "closeness up from 2 to 3", None),
    ]
    assert changes_of(repo, "bo") == [("added", "added to the journal", None)]


def test_no_repository_says_so(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "contacts").mkdir(parents=True)
    (root / ADA).write_text(ada(), encoding="utf-8")
    history = read_history(root)
    assert not history.available
    assert "not in a git repository" in history.note
    assert changes_of(root) == []


def test_no_commits_yet(repo: Path) -> None:
    history = read_history(repo)
    assert not history.available and "no commits yet" in history.note


def test_git_not_installed(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    history = read_history(repo)
    assert not history.available and history.note.startswith("git is not installed")


def test_shallow_clone_is_partial(repo: Path, tmp_path: Path) -> None:
    commit(repo, {ADA: ada(company="Northwind")}, "Add", "2026-09-01")
    commit(repo, {ADA: ada(company="Orbital Maps")}, "Move", "2026-09-02")
    commit(repo, {ADA: ada(company="Orbital Maps", closeness=3)}, "Closer", "2026-09-03")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(clone))
    history = read_history(clone, use_cache=False)
    assert history.available and history.shallow
    assert "shallow clone" in history.note
    found = contact_changes(history, run(clone).journal.contacts)["ada-lovelace"]
    # the boundary commit is where the history starts: no "added" at 2026-09-02
    assert [(c.kind, str(c.date)) for c in found] == [("closeness", "2026-09-03")]
    one = tmp_path / "one"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(one))
    assert contact_changes(read_history(one), run(one).journal.contacts)["ada-lovelace"] == ()


def test_detached_head_and_never_committed_file(repo: Path) -> None:
    first = commit(repo, {ADA: ada(company="Northwind")}, "Add", "2026-09-01")
    commit(repo, {ADA: ada(company="Orbital Maps")}, "Move", "2026-09-02")
    git(repo, "checkout", "-q", "--detach", first)
    (repo / "contacts/new.md").write_text(contact("new", "New")[1], encoding="utf-8")
    history = read_history(repo, use_cache=False)
    assert history.available and history.head == first
    assert changes_of(repo) == [("added", "added to the journal (Northwind)", "2026-09-01")]
    assert changes_of(repo, "new") == [("added", "added to the journal", None)]


def test_journal_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = init_repo(tmp_path / "top")
    commit(top, {f"life/{ADA}": ada(company="Northwind")}, "Add", "2026-09-01")
    commit(top, {f"life/{ADA}": ada(company="Orbital Maps")}, "Move", "2026-09-02")
    assert changes_of(top / "life")[0] == (
        "job",
        "moved from Northwind to Orbital Maps",
        "2026-09-02",
    )


def test_cache_is_keyed_by_head(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, {ADA: ada(company="Northwind")}, "Add", "2026-09-01")
    first = read_history(repo)
    assert (repo / h.CACHE_FILE).exists()
    assert (repo / h.CACHE_DIR / ".gitignore").read_text().strip().endswith("*")
    assert "cache" not in git(repo, "status", "--porcelain")
    h._MEMORY.clear()
    calls: list[object] = []
    monkeypatch.setattr(h, "_walk", lambda *a: calls.append(a))
    assert read_history(repo) == first  # from the file, no walk
    assert calls == []
    monkeypatch.undo()
    commit(repo, {ADA: ada(company="Orbital Maps")}, "Move", "2026-09-02")
    assert len(read_history(repo).files[ADA]) == 2


def test_no_author_email_anywhere(repo: Path) -> None:
    commit(repo, {ADA: ada(company="Northwind")}, "Add", "2026-09-01")
    read_history(repo)
    assert "author@example.invalid" not in (repo / h.CACHE_FILE).read_text()
    assert "example.invalid" not in repr(read_history(repo))


def test_history_dates_are_the_author_dates(repo: Path) -> None:
    commit(repo, {ADA: ada()}, "Add", "2025-01-31")
    (revision,) = read_history(repo, use_cache=False).files[ADA]
    assert revision.date == dt.date(2025, 1, 31)
    assert os.environ.get("GIT_AUTHOR_DATE") is None


def test_the_example_history_script(tmp_path: Path) -> None:
    """benchmarks/example_history.py: the example journal with a year of history."""
    import importlib.util

    from kithbook.render.site import render_site

    from .conftest import REPO

    spec = importlib.util.spec_from_file_location(
        "example_history", REPO / "benchmarks" / "example_history.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.build_example_history(tmp_path / "example", uncommitted=True)
    analysis = run(root)
    assert analysis.problems == ()
    found = analysis.changes
    first = found["ricardo-nunes"][0]
    assert (first.kind, first.text, str(first.date)) == (
        "job",
        "moved from Northwind Analytics to Orbital Maps, Senior Site Reliability Engineer",
        "2026-11-14",
    )
    assert [c.kind for c in found["zoe-novakova"]][:2] == ["file", "name"]
    assert found["aiko-tanaka"][0].date is None  # the uncommitted change
    assert found["marco-bianchi"][0].kind == "archived"
    assert [(m.text, str(m.date), m.subject) for m in analysis.moves if m.from_git] == [
        (
            "Quanta Cloud, Staff Backend Engineer: applied → screening",
            "2026-11-19",
            "Quanta Cloud: recruiter screen booked",
        )
    ]
    pages = {p.uri: p.content for p in render_site(analysis)}
    assert "Import LinkedIn export of 2026-11-14: 2 moved jobs" in pages["changes.md"]
    assert "example.invalid" not in "".join(pages.values())


def test_a_huge_history_is_read_from_its_newest_commits(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit(repo, {ADA: ada(company="Northwind")}, "Add", "2026-09-01")
    commit(repo, {ADA: ada(company="Orbital Maps")}, "Move", "2026-09-02")
    commit(repo, {ADA: ada(company="Orbital Maps", closeness=3)}, "Closer", "2026-09-03")
    monkeypatch.setattr(h, "MAX_COMMITS", 2)
    history = read_history(repo, use_cache=False)
    assert "only the latest 2 commits" in history.note
    assert [r.subject for r in history.files[ADA]] == ["Move", "Closer"]


def test_a_damaged_cache_is_read_again(repo: Path) -> None:
    commit(repo, {ADA: ada(company="Northwind")}, "Add", "2026-09-01")
    first = read_history(repo)
    (repo / h.CACHE_FILE).write_text("{not json", encoding="utf-8")
    h._MEMORY.clear()
    assert read_history(repo) == first


def test_an_unreadable_contact_version_gives_no_entry(repo: Path) -> None:
    commit(repo, {ADA: ada(company="Northwind")}, "Add", "2026-09-01")
    commit(repo, {ADA: "---\nname: [unclosed\n---\n"}, "Broken", "2026-09-02")
    commit(repo, {ADA: ada(company="Northwind")}, "Fixed", "2026-09-03")
    commit(repo, {ADA: "---\nname: [unclosed\n---\n"}, "Broken again", "2026-09-04")
    commit(repo, {ADA: ada(company="Orbital Maps")}, "Fixed and moved", "2026-09-05")
    assert changes_of(repo) == [
        ("job", "moved from Northwind to Orbital Maps", "2026-09-05"),
        ("added", "added to the journal (Northwind)", "2026-09-01"),
    ]


def test_contacts_in_sub_folders_and_moves_between_them(repo: Path) -> None:
    work = "contacts/work/ada-lovelace.md"
    commit(
        repo, {work: ada(company="Northwind"), "contacts/.drafts/x.md": ada()}, "Add", "2026-09-01"
    )
    git(repo, "mv", work, ADA)
    commit(repo, {ADA: ada(company="Northwind")}, "Out of work/", "2026-09-02")
    assert changes_of(repo) == [
        ("file", "file renamed from contacts/work/ada-lovelace.md", "2026-09-02"),
        ("added", "added to the journal (Northwind)", "2026-09-01"),
    ]
    assert "contacts/.drafts/x.md" not in read_history(repo, use_cache=False).head_states


def test_a_file_moved_in_from_elsewhere_is_added_and_moved_out_is_gone(repo: Path) -> None:
    commit(repo, {"drafts/ada-lovelace.md": ada(company="Northwind")}, "Draft", "2026-09-01")
    (repo / "contacts").mkdir()
    git(repo, "mv", "drafts/ada-lovelace.md", ADA)
    commit(repo, {}, "Now a contact", "2026-09-02")
    assert changes_of(repo) == [("added", "added to the journal (Northwind)", "2026-09-02")]
    git(repo, "mv", ADA, "drafts/ada-lovelace.md")
    commit(repo, {}, "Back to drafts", "2026-09-03")
    assert read_history(repo, use_cache=False).files == {}
