"""`kith apply`, `kith target`, `kith jobs` and `kith company`: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli.main import cli

from .conftest import WriteJournal, contact, entry
from .test_referrals import strong

CONFIG = """\
site_name: Test   # the site's title
extra:
  kithbook:
    owner: Sam Owner
    # companies I would like to work for
    targets:
      - Orbital   # the dream
    redact: false
"""


@pytest.fixture
def journal(write_journal: WriteJournal) -> Path:
    files = strong(
        "ada", knows=[{"name": "Cleo Target", "company": "Orbital", "how_well": "colleague"}]
    )
    files |= dict(
        [
            contact("nico", knows=[{"name": "Ben Ortiz", "company": "Helix", "how_well": "close",
                                    "title": "CTO"}]),
            entry("2026-11-01", "applied-helix", kind="application", company="Helix",
                  role="Staff Engineer"),
            entry("2026-10-10", "cv", with_=["ada"], kind="call", got="CV review"),
        ]
    )  # fmt: skip
    files["mkdocs.yml"] = CONFIG
    return write_journal(files)


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


def test_jobs_text(journal: Path) -> None:
    result = kith(journal, "jobs")
    assert result.exit_code == 0
    assert result.output == (
        "Job search: 2 companies, 1 open application\n"
        "\n"
        "1. Orbital — target, not applied\n"
        "   Know there: nobody directly\n"
        "   Do now: ask Ada to introduce you to Cleo Target\n"
        "   Giving: give first: you owe Ada one favour\n"
        "   Draft: Hi Ada, I'm getting to know people at Orbital and saw that you know Cleo "
        "Target. Would you be comfortable introducing us? I can send a short blurb you could "
        "forward. Thanks either way! — Sam Owner\n"
        "\n"
        "2. Helix — applied (Staff Engineer), applied 2026-11-01 (21 days ago)\n"
        "   Know there: nobody directly\n"
        "   Do now: a cold path: get to know Nico first (you have never been in touch); expect "
        "3–6 months of real contact before asking for an introduction\n"
        "   Time frame: 3–6 months of real contact first\n"
        "   Giving: nothing given or received with Nico yet\n"
        "   Draft: Hi Nico, we've been connected but don't really know each other — that "
        "should change. I'd love to hear what you're working on. Would you be up for a "
        "20-minute call in the next few weeks? — Sam Owner\n"
    )


def test_jobs_json(journal: Path) -> None:
    result = kith(journal, "jobs", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [(r["company"], r["step"], r["ask"], r["state"]) for r in rows] == [
        ("Orbital", "intro", "ada", "target"),
        ("Helix", "fortify", "nico", "applied"),
    ]
    assert rows[1]["age_days"] == 21 and rows[1]["time_frame"] == "3–6 months"
    assert rows[0]["balance"] == -1 and rows[0]["path"]["link"] == "colleague"
    export = json.loads(kith(journal, "export").output)
    assert export["job_search"] == rows


def test_jobs_empty(write_journal: WriteJournal) -> None:
    result = kith(write_journal({}), "jobs")
    assert (result.exit_code, result.output) == (
        0,
        "No job search yet: add a target with kith target add COMPANY, or record an "
        "application with kith apply COMPANY --role ROLE.\n",
    )


def test_company_text_and_errors(journal: Path) -> None:
    result = kith(journal, "company", "helix")
    assert result.exit_code == 0
    assert result.output == (
        "Helix (target, open application)\n"
        "\n"
        "Applications (1):\n"
        "- 2026-11-01  Staff Engineer  applied  (journal/2026/2026-11-01-applied-helix.md)\n"
        "\n"
        "Who I know there (0):\n"
        "Nobody directly.\n"
        "\n"
        "Who knows someone there (1):\n"
        "- Ben Ortiz (CTO) via Nico (tier 5 (known), knows them: close) — cold, "
        "path score 0.00 of 1\n"
        "    do: a cold path: get to know Nico first (you have never been in touch); expect "
        "3–6 months of real contact before asking for an introduction\n"
        "\n"
        "Do now: a cold path: get to know Nico first (you have never been in touch); expect "
        "3–6 months of real contact before asking for an introduction\n"
        "Giving: nothing given or received with Nico yet\n"
        "Draft: Hi Nico, we've been connected but don't really know each other — that should "
        "change. I'd love to hear what you're working on. Would you be up for a 20-minute call "
        "in the next few weeks? — Sam Owner\n"
    )
    missing = kith(journal, "company", "Helixx")
    assert (missing.exit_code, missing.output) == (
        1,
        "Error: no company matches 'Helixx' (did you mean 'helix'?)\n",
    )
    data = json.loads(kith(journal, "company", "Orbital", "--format", "json").output)
    assert data["target"] and not data["open_application"]
    assert [(p["via"], p["warm"], p["action"]) for p in data["paths"]] == [("ada", True, "intro")]


def test_apply_creates_and_updates_an_application(journal: Path) -> None:
    result = kith(journal, "apply", "Orbital", "--role", "SRE", "--link", "https://o.example/1",
                  "--referred-by", "ada", "--date", "2026-11-20")  # fmt: skip
    assert (result.exit_code, result.output) == (
        0,
        "Created journal/2026/2026-11-20-application-orbital.md\n",
    )
    path = journal / "journal/2026/2026-11-20-application-orbital.md"
    assert path.read_text() == (
        "---\ndate: 2026-11-20\nkind: application\ncompany: Orbital\nrole: SRE\n"
        "link: https://o.example/1\nstatus: applied\nreferred_by: ada\n---\n"
    )
    path.write_text(path.read_text().replace("role: SRE", "role: SRE   # my first choice"))
    result = kith(journal, "apply", "orbital", "--status", "interviewing")
    assert (result.exit_code, result.output) == (
        0,
        "Updated journal/2026/2026-11-20-application-orbital.md: status applied → interviewing\n",
    )
    assert path.read_text() == (
        "---\ndate: 2026-11-20\nkind: application\ncompany: Orbital\nrole: SRE   # my first "
        "choice\nlink: https://o.example/1\nstatus: interviewing\nreferred_by: ada\n"
        "updated: 2026-11-22\n---\n"
    )
    rows = json.loads(kith(journal, "jobs", "--format", "json").output)
    orbital = next(r for r in rows if r["company"] == "Orbital")
    assert (orbital["state"], orbital["step"]) == ("interviewing", "referred")
    result = kith(journal, "apply", "orbital", "--status", "rejected")
    assert result.exit_code == 0
    assert "status interviewing → rejected" in result.output
    rows = json.loads(kith(journal, "jobs", "--format", "json").output)
    assert next(r for r in rows if r["company"] == "Orbital")["state"] == "rejected"  # a target


def test_apply_refuses_what_it_cannot_do(journal: Path) -> None:
    assert kith(journal, "apply", "Nowhere", "--status", "offer").output == (
        'Error: no application at Nowhere: record one with kith apply "Nowhere" --role ROLE\n'
    )
    result = kith(journal, "apply", "Helix")
    assert (result.exit_code, result.output) == (
        1,
        "Error: give --role ROLE to record an application, or --status STATUS to update one\n",
    )
    result = kith(journal, "apply", "Helix", "--status", "ghosted")
    assert result.exit_code == 2 and "'ghosted' is not one of" in result.output
    result = kith(journal, "apply", "Helix", "--role", "SRE", "--referred-by", "zz")
    assert result.exit_code == 1 and result.output.endswith("nothing written\n")


def test_target_round_trips_mkdocs_yml_with_comments(journal: Path) -> None:
    config = journal / "mkdocs.yml"
    result = kith(journal, "target", "add", "Lumen Payments")
    assert (result.exit_code, result.output) == (
        0,
        "Added Lumen Payments to the targets in mkdocs.yml\n",
    )
    assert config.read_text() == CONFIG.replace(
        "      - Orbital   # the dream\n", "      - Orbital   # the dream\n      - Lumen Payments\n"
    )
    assert kith(journal, "target", "add", "lumen payments").output == (
        "Already a target: lumen payments\n"
    )
    result = kith(journal, "target", "list")
    assert (result.exit_code, result.output) == (
        0,
        "Helix (counts for an open application)\nLumen Payments\nOrbital\n",
    )
    result = kith(journal, "target", "remove", "Lumen payments")
    assert (result.exit_code, result.output) == (
        0,
        "Removed Lumen Payments from the targets in mkdocs.yml\n",
    )
    assert config.read_text() == CONFIG
    result = kith(journal, "target", "remove", "Nowhere")
    assert (result.exit_code, result.output) == (
        1,
        "Error: Nowhere is not a target; nothing changed\n",
    )
    assert config.read_text() == CONFIG


def test_target_adds_the_key_where_there_was_none(write_journal: WriteJournal) -> None:
    root = write_journal({"mkdocs.yml": "site_name: T  # t\nplugins:\n  - search\n"})
    assert kith(root, "target", "add", "Acme").exit_code == 0
    assert (root / "mkdocs.yml").read_text() == (
        "site_name: T  # t\nplugins:\n  - search\nextra:\n  kithbook:\n    targets: [Acme]\n"
    )


def test_apply_twice_for_the_same_role_is_refused(journal: Path) -> None:
    result = kith(journal, "apply", "Helix", "--role", "staff engineer")
    assert (result.exit_code, result.output) == (
        1,
        "Error: already recorded: journal/2026/2026-11-01-applied-helix.md; change its status "
        "with --status\n",
    )
