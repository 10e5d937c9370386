"""`kith init`: a new journal that builds at once, never overwriting anything."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kithbook.adapter.generated import HELP_DIR, HELP_PAGES
from kithbook.cli import init as init_module
from kithbook.cli.main import cli
from kithbook.writing.scaffold import HOOK_TEXT

from .conftest import REPO

CREATED = [
    "mkdocs.yml",
    "hooks/kithbook_hook.py",
    "contacts/.gitkeep",
    "journal/.gitkeep",
    "docs/.gitkeep",
    ".gitignore",
    "README.md",
]


def test_hook_file_is_the_repositorys() -> None:
    assert (REPO / "hooks/kithbook_hook.py").read_text(encoding="utf-8") == HOOK_TEXT


def test_help_pages_ship_with_the_package_from_docs() -> None:
    """One source: the package's help/ is the repository's docs/ (a symbolic link, which
    setuptools follows into the wheel: `help/*.md` is package data)."""
    assert HELP_DIR.resolve() == (REPO / "docs").resolve()
    assert sorted(HELP_PAGES) == sorted(p.name for p in (REPO / "docs").glob("*.md"))
    assert '"help/*.md"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_init_creates_a_journal(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "kb"), "--owner", "Ada Lovelace"])
    shown = tmp_path / "kb"
    lines = [f"Created a new journal in {shown}:", *(f"  {name}" for name in CREATED)]
    git = "Started a git repository (nothing committed yet)."
    if shutil.which("git") is None:
        git = "git is not installed: skipped `git init` (run it later to keep a history)."
    lines += [git, f'Next: cd {shown} && kith new "Ada Lovelace", then mkdocs serve']
    assert (result.exit_code, result.output) == (0, "\n".join(lines) + "\n")
    root = tmp_path / "kb"
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Ada Lovelace's kithbook"
    assert config["theme"]["font"] is False and "repo_url" not in config
    assert config["hooks"] == ["hooks/kithbook_hook.py"]
    assert config["watch"] == ["contacts", "journal"]
    assert config["validation"]["omitted_files"] == "ignore"
    assert config["nav"] == [
        {"This week": "index.md"},
        {"People": "people/index.md"},
        {"Journal": "journal/index.md"},
        {"Referrals": "referrals.md"},
        {"Companies": "companies/index.md"},
        {"Fortify": "fortify.md"},
        {"Giving ledger": "ledger.md"},
        {"What changed": "changes.md"},
        {"Tags": "tags.md"},
        {"Errors": "errors.md"},
        {"Imports": "imports.md"},
        {
            "Help": [
                {"Journal format": "journal-format.md"},
                {"How scores work": "how-scores-work.md"},
                {"Settings": "settings.md"},
                {"Command line": "cli.md"},
            ]
        },
    ]
    assert config["markdown_extensions"] == [
        "attr_list", "md_in_html", "tables", "admonition", {"toc": {"permalink": True}},
    ]  # fmt: skip
    assert config["extra"]["kithbook"] == {"owner": "Ada Lovelace"}
    assert (root / "hooks/kithbook_hook.py").read_text(encoding="utf-8") == HOOK_TEXT
    assert "site/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".kithbook/tmp/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert (root / ".git").is_dir() or shutil.which("git") is None
    assert sorted(p.name for p in (root / "docs").iterdir()) == [".gitkeep"]


def test_init_takes_the_owner_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_module, "git_user_name", lambda: "Grace Hopper")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "kb")])
    assert result.exit_code == 0
    text = (tmp_path / "kb/mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: Grace Hopper's kithbook\n" in text
    assert "    owner: Grace Hopper\n" in text


def test_init_without_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "kb")])
    assert result.exit_code == 0
    assert result.output.splitlines()[-3:] == [
        "git is not installed: skipped `git init` (run it later to keep a history).",
        "Owner not known: set extra.kithbook.owner in mkdocs.yml to your name.",
        f'Next: cd {tmp_path / "kb"} && kith new "Ada Lovelace", then mkdocs serve',
    ]
    assert "    owner: me\n" in (tmp_path / "kb/mkdocs.yml").read_text(encoding="utf-8")
    assert not (tmp_path / "kb/.git").exists()


def test_init_quotes_an_odd_owner(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "kb"), "--owner", "No: yes #1"])
    assert result.exit_code == 0
    config = yaml.safe_load((tmp_path / "kb/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["extra"]["kithbook"]["owner"] == "No: yes #1"
    assert config["site_name"] == "No: yes #1's kithbook"


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {root} is not empty: use --force to add the missing files "
        "(no existing file is overwritten)\n"
    )
    assert sorted(p.name for p in root.iterdir()) == ["mkdocs.yml"]


def test_init_force_never_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(root), "--force", "--owner", "Ada"])
    assert result.exit_code == 0
    assert "  mkdocs.yml (exists: kept as it is)\n" in result.output
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"
    assert (root / "README.md").is_file()


def test_init_refuses_a_file_and_a_bad_owner(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "file")])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {tmp_path / 'file'} is a file: give a folder for the new journal\n",
    )
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "kb"), "--owner", "a\nb"])
    assert result.exit_code == 2
    assert "give a name on one line" in result.output
    assert not (tmp_path / "kb").exists()


@pytest.mark.e2e
def test_new_journal_builds_strict_at_once(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    assert CliRunner().invoke(cli, ["init", str(root), "--owner", "Ada"]).exit_code == 0
    env = {**os.environ, "KITHBOOK_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (site / "index.html").is_file()
    assert (site / "people/index.html").is_file()
    # The Help pages come with kithbook: built from its docs/, in the navigation, linked.
    home = (site / "index.html").read_text(encoding="utf-8")
    titles = {
        "journal-format": "Journal format",
        "how-scores-work": "How scores work",
        "settings": "Settings",
        "cli": "Command line: <code>kith</code>",
    }
    for name, title in titles.items():
        page = (site / name / "index.html").read_text(encoding="utf-8")
        assert f'<h1 id="{name.replace("cli", "command-line-kith")}">{title}' in page
        assert f'href="{name}/"' in home  # the navigation's Help section
    assert '(see <a href="journal-format/">Journal format</a>)' in home
    imports = (site / "imports" / "index.html").read_text(encoding="utf-8")
    assert "Nothing has been imported yet." in imports  # how to start, not an empty table
    assert "<code>kith import calendar FILE.ics</code>" in imports and "<table>" not in imports
    assert 'Nothing imported yet: see <a href="imports/">Imports</a>' in home
    assert sorted(p.name for p in (root / "docs").iterdir()) == [".gitkeep"]


@pytest.mark.e2e
def test_a_journals_own_help_page_is_kept(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    assert CliRunner().invoke(cli, ["init", str(root), "--owner", "Ada"]).exit_code == 0
    (root / "docs/settings.md").write_text("# My settings\n\nMine.\n", encoding="utf-8")
    env = {**os.environ, "KITHBOOK_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr  # not strict: its links to anchors it lacks warn
    assert "Mine." in (site / "settings/index.html").read_text(encoding="utf-8")
    assert "Journal format" in (site / "journal-format/index.html").read_text(encoding="utf-8")
