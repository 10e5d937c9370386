"""`mkdocs serve --dirty`: rebuild only changed pages, in one process, never showing stale data.

Runs MkDocs' own build twice in-process (as the serve loop does) with an edit, a rename and a
delete in between, and compares every page with a clean build of the final journal.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import REPO

pytestmark = pytest.mark.e2e

FILES = {
    "contacts/ada.md": "---\nname: Ada Lovelace\ncloseness: 4\n---\nMentor.\n",
    "contacts/bob.md": "---\nname: Bob Builder\n---\n",
    "contacts/cy.md": "---\nname: Cy Young\n---\n",
    "journal/2026/2026-11-01-coffee.md": (
        "---\ndate: 2026-11-01\nwith: [ada, bob]\nkind: meeting\n---\nCoffee.\n"
    ),
    "journal/2026/2026-10-01-call.md": "---\ndate: 2026-10-01\nwith: [cy]\nkind: call\n---\n",
}


def make_project(root: Path) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks/kithbook_hook.py", (REPO / "hooks/kithbook_hook.py").as_posix())
    (root / "mkdocs.yml").write_text(config.replace("  - hooks\n", ""), encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def edit_rename_delete(root: Path) -> None:
    """Ada's note edited, bob renamed robert (and the entry with him), cy and a call gone."""
    ada = root / "contacts" / "ada.md"
    ada.write_text(ada.read_text(encoding="utf-8").replace("Mentor.", "Mentor and friend."))
    (root / "contacts" / "bob.md").rename(root / "contacts" / "robert.md")
    coffee = root / "journal" / "2026" / "2026-11-01-coffee.md"
    coffee.write_text(coffee.read_text(encoding="utf-8").replace("bob", "robert"))
    os.remove(root / "journal" / "2026" / "2026-10-01-call.md")
    (root / "contacts" / "cy.md").unlink()


def run_build(root: Path, site: Path, dirty: bool) -> None:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
    build(config, dirty=dirty)


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }


def test_dirty_rebuild_matches_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITHBOOK_TODAY", "2026-11-22")
    root, site, clean = tmp_path / "j", tmp_path / "site", tmp_path / "clean"
    root.mkdir()
    make_project(root)
    run_build(root, site, dirty=True)
    first = pages(site)
    assert "people/cy/index.html" in first

    edit_rename_delete(root)
    run_build(root, site, dirty=True)
    run_build(root, clean, dirty=False)
    dirty_pages, clean_pages = pages(site), pages(clean)
    assert sorted(dirty_pages) == sorted(clean_pages)  # cy's page and October are gone
    assert "people/cy/index.html" not in dirty_pages
    for path, html in clean_pages.items():
        assert dirty_pages[path] == html, path
    assert "Mentor and friend." in dirty_pages["people/ada/index.html"]
    # Unchanged pages were not rebuilt: the dirty build kept the first build's files.
    assert dirty_pages["tags/index.html"] == first["tags/index.html"]
