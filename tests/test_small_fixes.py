"""Smaller findings of the adversarial pass, each with its regression test: an empty name, a
file name that is not UTF-8, and a deleted file that `mkdocs serve` kept showing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kithbook.adapter.build import build_outputs
from kithbook.reading.load import FileCache, load_journal
from kithbook.render.text import editor_href

from .conftest import REPO, TODAY, WriteJournal, contact, entry, run, settings_for
from .projects import make_project, run_mkdocs


def test_a_contact_with_an_empty_name_is_an_error_not_a_disappearance(
    write_journal: WriteJournal,
) -> None:
    root = write_journal(
        {
            "contacts/ada.md": "---\nname: ''\ncompany: Analytical Engines\n---\n",
            "contacts/bob.md": "---\nname: '   '\n---\n",
            **dict([entry("2026-11-20", "call", with_=["ada", "bob"], kind="call")]),
            "journal/2026/2026-11-21-note.md": "---\ndate: 2026-11-21\n---\nSaw [[ada]].\n",
        }
    )
    problems = [str(p) for p in run(root).problems]
    assert problems == [
        "contacts/ada.md:2: 'name' is empty: a contact needs a name to be shown",
        "contacts/bob.md:2: 'name' is empty: a contact needs a name to be shown",
        "journal/2026/2026-11-20-call.md:3: contact 'ada' in with is left out: "
        "fix contacts/ada.md first",
        "journal/2026/2026-11-20-call.md:3: contact 'bob' in with is left out: "
        "fix contacts/bob.md first",
        "journal/2026/2026-11-21-note.md:4: contact 'ada' in a mention is left out: "
        "fix contacts/ada.md first",
    ]


def test_an_unreadable_contact_is_left_out_not_unknown(write_journal: WriteJournal) -> None:
    root = write_journal(
        {
            "contacts/ada.md": "---\nname: [Ada\n---\n",
            **dict([entry("2026-11-20", "call", with_=["ada"], kind="call")]),
        }
    )
    problems = [str(p) for p in run(root).problems]
    assert problems[-1] == (
        "journal/2026/2026-11-20-call.md:3: contact 'ada' in with is left out: "
        "fix contacts/ada.md first"
    )
    assert problems[0].startswith("contacts/ada.md:")


def test_a_slug_nobody_has_is_still_unknown(write_journal: WriteJournal) -> None:
    root = write_journal(
        dict([contact("ada"), entry("2026-11-20", "x", with_=["adda"], kind="call")])
    )
    assert [str(p) for p in run(root).problems] == [
        "journal/2026/2026-11-20-x.md:3: unknown slug 'adda' in with (did you mean 'ada'?)"
    ]


def _latin1_names(root: Path) -> None:
    contacts = os.fsencode(root / "contacts")
    with open(os.path.join(contacts, b"caf\xe9.md"), "wb") as file:
        file.write(b"---\nname: Cafe\n---\n")
    year = os.path.join(os.fsencode(root / "journal"), b"2026-\xe9t\xe9")
    os.makedirs(year)
    with open(os.path.join(year, b"2026-11-20-x.md"), "wb") as file:
        file.write(b"---\ndate: 2026-11-20\n---\n")


def test_a_name_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "journal").mkdir()
    _latin1_names(tmp_path)
    loaded = load_journal(tmp_path)
    assert loaded.docs == ()
    assert [str(p) for p in loaded.problems] == [
        "contacts/caf\ufffd.md:1: the name is not UTF-8: rename it",
        "journal/2026-\ufffdt\ufffd:1: the name is not UTF-8: rename it (nothing in it is read)",
    ]


def test_a_name_that_is_not_utf8_never_crashes_the_build_or_check(tmp_path: Path) -> None:
    project = make_project(tmp_path / "kb", {"contacts/ada.md": "---\nname: Ada\n---\n"})
    _latin1_names(project)
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "WARNING -  contacts/caf\ufffd.md:1: the name is not UTF-8: rename it" in result.stderr
    errors = (project / "site" / "errors" / "index.html").read_text(encoding="utf-8")
    assert "caf\ufffd.md" in errors
    kith = REPO / ".venv" / "bin" / "kith"
    command = [str(kith)] if kith.exists() else ["kith"]
    check = subprocess.run(
        [*command, "--root", str(project), "check"], capture_output=True, text=True
    )
    assert check.returncode == 1
    assert "contacts/caf\ufffd.md:1: the name is not UTF-8: rename it" in check.stdout
    assert "Traceback" not in check.stderr


def test_the_editor_link_of_a_folder_that_is_not_utf8_keeps_its_bytes() -> None:
    root = os.fsdecode(b"/home/me/caf\xe9")
    href = editor_href("vscode://file/{abs_path}:{line}", root, "contacts/ada.md", 3)
    assert href == "vscode://file/home/me/caf%E9/contacts/ada.md:3"


def test_serve_stops_showing_a_deleted_file_that_was_too_fresh_to_cache(
    write_journal: WriteJournal,
) -> None:
    """Edited while the server runs (so never cached: too fresh), then deleted."""
    root = write_journal(dict([contact("ada"), contact("bob")]))
    old = 1_000_000_000
    os.utime(root / "contacts" / "ada.md", (old, old))
    cache = FileCache()
    settings = settings_for()
    first = build_outputs(root, settings, TODAY, cache=cache)
    assert "contacts/bob.md" not in cache.items  # saved just now: not trusted to the cache
    assert "people/bob.md" in {p.uri for p in first.pages}
    (root / "contacts" / "bob.md").unlink()
    second = build_outputs(root, settings, TODAY, cache=cache)
    assert second is not first
    assert "people/bob.md" not in {p.uri for p in second.pages}


def test_mkdocs_serve_drops_the_page_of_a_deleted_file_edited_while_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .test_serve_dirty import make_project as make_serve_project
    from .test_serve_dirty import pages, run_build

    monkeypatch.setenv("KITHBOOK_TODAY", "2026-11-22")
    root, site = tmp_path / "j", tmp_path / "site"
    root.mkdir()
    make_serve_project(root)
    for path in root.rglob("*.md"):
        os.utime(path, (1_000_000_000, 1_000_000_000))  # written long ago
    cy = root / "contacts" / "cy.md"
    cy.write_text("---\nname: Cy Young\n---\nEdited while serving.\n", encoding="utf-8")
    run_build(root, site, dirty=True)
    assert "Edited while serving." in pages(site)["people/cy/index.html"]
    cy.unlink()  # nothing else changes: every other file is served from the cache
    run_build(root, site, dirty=True)
    assert "people/cy/index.html" not in pages(site)
