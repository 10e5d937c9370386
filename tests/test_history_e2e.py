"""End to end: `mkdocs build --strict` of the example journal with a year of git history."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def build(project: Path, site: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KITHBOOK_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1")
    env.pop("KITHBOOK_REDACT", None)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location(
        "example_history", REPO / "benchmarks" / "example_history.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root: Path = module.build_example_history(tmp_path_factory.mktemp("ex") / "j", True)
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("hooks/kithbook_hook.py", (REPO / "hooks" / "kithbook_hook.py").as_posix()),
        encoding="utf-8",
    )
    return root


def test_history_sections_and_what_changed(example: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build(example, site)
    assert result.returncode == 0, result.stderr
    ricardo = (site / "people/ricardo-nunes/index.html").read_text(encoding="utf-8")
    history = ricardo[ricardo.index('id="history"') : ricardo.index('id="notes"')]
    assert "moved from Northwind Analytics to Orbital Maps" in history
    assert "Import LinkedIn export of 2026-11-14: 2 moved jobs" in history
    aiko = (site / "people/aiko-tanaka/index.html").read_text(encoding="utf-8")
    assert "<strong>not yet committed</strong> · new title at Lumen Payments" in aiko
    changes = (site / "changes/index.html").read_text(encoding="utf-8")
    assert "November 2026 (this month, to the 22nd)" in changes
    nav = changes[changes.index('class="md-nav md-nav--primary"') :]
    assert "What changed" in nav
    data = json.loads((site / "kithbook.json").read_text(encoding="utf-8"))
    assert data["changes"]["months"][0]["new_contacts"][0]["slug"] == "lars-eriksen"
    moved = data["changes"]["months"][0]["applications"][0]
    assert moved["change"] == "Quanta Cloud, Staff Backend Engineer: applied → screening"
    assert moved["subject"] == "Quanta Cloud: recruiter screen booked"
    assert "Staff Backend Engineer: applied → screening</td>" in changes
    every = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "example.invalid" not in every and "Example Author" not in every


def test_without_git_the_site_builds_and_says_why(example: Path, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    site = tmp_path / "site"
    result = build(example, site, path=str(empty))
    assert result.returncode == 0, result.stderr
    page = (site / "people/ricardo-nunes/index.html").read_text(encoding="utf-8")
    assert "git is not installed, so the history of changes cannot be read." in page
    assert "Traceback" not in result.stderr
