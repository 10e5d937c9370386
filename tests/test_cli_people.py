"""`kith people` (filters, sort, JSON) and `kith grep` (text, case and accents ignored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli.main import cli

from .conftest import WriteJournal

FILES = {
    "contacts/ada-lovelace.md": """
        ---
        name: Ada Lovelace
        company: Analytical Engines
        tags: [python, mentor-circle]
        closeness: 4
        ---
        Talks about the Difference Engine.
        """,
    "contacts/zoe-novakova.md": """
        ---
        name: Zoë Nováková
        company: Orbital Maps
        tags: [climbing]
        ---
        """,
    "contacts/old-friend.md": """
        ---
        name: Old Friend
        archived: true
        ---
        """,
    "journal/2026/2026-11-01-call-with-ada.md": """
        ---
        date: 2026-11-01
        with: [ada-lovelace]
        kind: call
        ---
        Zoe's team is hiring: ask Ada about the DIFFERENCE engine talk.
        """,
}


@pytest.fixture
def journal(write_journal: WriteJournal) -> Path:
    return write_journal(FILES)


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


def test_people_lists_everyone_not_archived_strongest_first(journal: Path) -> None:
    result = kith(journal, "people")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Person", "Status", "Tier", "Score", "Last", "Company", "Tags"]
    assert lines[2].startswith("Ada Lovelace  ok")
    assert lines[3].startswith("Zoë Nováková  ")
    assert lines[3].split("  ")[-1] == "climbing"
    assert "Old Friend" not in result.output
    assert lines[-1] == "2 people"


def test_people_filters_and_sorts(journal: Path) -> None:
    assert kith(journal, "people", "--tag", "CLIMBING").output.splitlines()[2].startswith("Zoë")
    assert "Ada" not in kith(journal, "people", "--company", "orbital").output
    assert kith(journal, "people", "--status", "dormant").output == "Nobody matches.\n"
    assert "Old Friend" in kith(journal, "people", "--archived").output
    by_name = kith(journal, "people", "--sort", "name").output.splitlines()
    assert [line.split("  ")[0] for line in by_name[2:4]] == ["Ada Lovelace", "Zoë Nováková"]
    bad = kith(journal, "people", "--tier", "9")
    assert bad.exit_code == 2


def test_people_json(journal: Path) -> None:
    data = json.loads(kith(journal, "people", "--format", "json").output)
    assert [row["slug"] for row in data] == ["ada-lovelace", "zoe-novakova"]
    assert data[0]["company"] == "Analytical Engines"
    assert data[0]["tags"] == ["python", "mentor-circle"]
    assert data[0]["path"] == "contacts/ada-lovelace.md"


def test_grep_ignores_case_and_accents_and_names_path_and_line(journal: Path) -> None:
    result = kith(journal, "grep", "zoe")
    assert result.exit_code == 0
    assert result.output == (
        "contacts/zoe-novakova.md:2: name: Zoë Nováková\n"
        "journal/2026/2026-11-01-call-with-ada.md:6: Zoe's team is hiring: ask Ada about the "
        "DIFFERENCE engine talk.\n"
    )
    result = kith(journal, "grep", "difference engine")
    assert [line.split(":")[0] for line in result.output.splitlines()] == [
        "contacts/ada-lovelace.md",
        "journal/2026/2026-11-01-call-with-ada.md",
    ]


def test_grep_without_a_match_exits_1(journal: Path) -> None:
    result = kith(journal, "grep", "nowhere to be found")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "No line contains 'nowhere to be found'.\n"
    data = kith(journal, "grep", "nowhere", "--format", "json")
    assert (data.exit_code, json.loads(data.stdout)) == (1, [])
    assert kith(journal, "grep", " ").exit_code == 1


def test_grep_shows_control_characters_harmlessly(
    journal: Path, write_journal: WriteJournal
) -> None:
    (journal / "contacts/eve.md").write_text('---\nname: "Eve \\e[31mRed"\n---\n', "utf-8")
    result = kith(journal, "grep", "eve")
    assert "\x1b" not in result.output
