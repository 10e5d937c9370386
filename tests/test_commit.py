"""`--commit`: a `kith` command commits what it wrote, and never anything else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli.main import cli

from .conftest import contact, entry
from .gitrepo import commit, git, git_env, init_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def kith(root: Path, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as patch:
        for key, value in git_env("2026-11-22").items():
            patch.setenv(key, value)
        return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    root = init_repo(tmp_path / "journal")
    follow = {"due": "2026-11-30", "what": "Send the deck"}
    files = dict(
        [
            contact("ada-lovelace", "Ada Lovelace", company="Northwind"),
            contact("bo-chen", "Bo Chen"),
            entry("2026-11-05", "coffee", kind="meeting", with_=["ada-lovelace"], follow_up=follow),
        ]
    )
    commit(root, {"mkdocs.yml": "site_name: t\n", **files}, "Start", "2026-09-01")
    return root


def log_lines(root: Path) -> list[str]:
    return git(root, "log", "--format=%s").splitlines()


def committed_files(root: Path) -> list[str]:
    return git(root, "show", "--name-only", "--format=", "HEAD").split()


def test_new_commits_only_the_new_file(journal: Path) -> None:
    bo = journal / "contacts/bo-chen.md"
    bo.write_text(bo.read_text() + "My own edit.\n", encoding="utf-8")  # unstaged, unrelated
    (journal / "notes.txt").write_text("untracked\n", encoding="utf-8")
    result = kith(journal, "new", "Grace Hopper", "--company", "Navy", "--commit")
    assert result.exit_code == 0, result.output
    assert "Committed: Add Grace Hopper" in result.output
    assert log_lines(journal) == ["Add Grace Hopper", "Start"]
    assert committed_files(journal) == ["contacts/grace-hopper.md"]
    status = git(journal, "status", "--porcelain")
    assert " M contacts/bo-chen.md" in status and "?? notes.txt" in status


def test_log_message_names_the_people(journal: Path) -> None:
    result = kith(journal, "log", "ada", "bo", "--kind", "call", "--commit")
    assert result.exit_code == 0, result.output
    assert log_lines(journal)[0] == "Log call with Ada Lovelace and Bo Chen"
    assert committed_files(journal) == [
        "journal/2026/2026-11-22-call-with-ada-lovelace-and-bo-chen.md"
    ]


def test_never_commits_when_the_user_has_staged_changes(journal: Path) -> None:
    bo = journal / "contacts/bo-chen.md"
    bo.write_text(bo.read_text() + "Staged by me.\n", encoding="utf-8")
    git(journal, "add", "contacts/bo-chen.md")
    result = kith(journal, "new", "Grace Hopper", "--commit")
    assert result.exit_code == 0
    assert "not committing: you have staged changes of your own" in result.output
    assert log_lines(journal) == ["Start"]
    assert (journal / "contacts/grace-hopper.md").exists()  # written all the same
    assert git(journal, "diff", "--cached", "--name-only").split() == ["contacts/bo-chen.md"]


def test_never_commits_a_file_with_the_users_own_changes(journal: Path) -> None:
    path = journal / "journal/2026/2026-11-05-coffee.md"
    path.write_text(path.read_text() + "My own words.\n", encoding="utf-8")
    result = kith(journal, "done", "2026-11-05-coffee", "--commit")
    assert result.exit_code == 0
    assert "has changes of your own that are not committed" in result.output
    assert log_lines(journal) == ["Start"]
    assert "done: 2026-11-22" in path.read_text()


def test_done_commits_with_the_setting(journal: Path) -> None:
    (journal / "mkdocs.yml").write_text(
        "site_name: t\nextra:\n  kithbook:\n    git_commit: true\n", encoding="utf-8"
    )
    git(journal, "commit", "-qam", "Commit by default")
    result = kith(journal, "done", "2026-11-05-coffee")
    assert result.exit_code == 0, result.output
    assert log_lines(journal)[0] == "Done: Send the deck"
    assert committed_files(journal) == ["journal/2026/2026-11-05-coffee.md"]
    result = kith(journal, "new", "Grace Hopper", "--no-commit")
    assert "Committed" not in result.output
    assert log_lines(journal)[0] == "Done: Send the deck"


def test_no_commit_by_default_and_outside_a_repository(journal: Path, tmp_path: Path) -> None:
    kith(journal, "new", "Grace Hopper")
    assert log_lines(journal) == ["Start"]
    plain = tmp_path / "plain"
    (plain / "contacts").mkdir(parents=True)
    (plain / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    result = kith(plain, "new", "Grace Hopper", "--commit")
    assert result.exit_code == 0
    assert "not committing: the journal is not in a git repository" in result.output
    assert (plain / "contacts/grace-hopper.md").exists()


def test_never_pushes(journal: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(journal, "remote", "add", "origin", str(remote))
    git(journal, "push", "-q", "origin", "HEAD:refs/heads/main")
    kith(journal, "new", "Grace Hopper", "--commit")
    assert git(remote, "log", "--format=%s", "main").splitlines() == ["Start"]


def test_linkedin_import_commits_what_it_wrote(journal: Path, tmp_path: Path) -> None:
    from .test_linkedin_import import make_export

    export = make_export(tmp_path / "Basic_LinkedInDataExport_11-22-2026")
    (journal / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = kith(journal, "import", "linkedin", str(export), "--commit")
    assert result.exit_code == 0, result.output
    subject = log_lines(journal)[0]
    assert subject.startswith("Import LinkedIn export of 2026-11-22: ")
    assert " new" in subject
    files = committed_files(journal)
    assert ".kithbook/linkedin.json" in files and "notes.txt" not in files
    assert all(f.startswith(("contacts/", "journal/", ".kithbook/")) for f in files)
    assert git(journal, "status", "--porcelain").strip() == "?? notes.txt"
