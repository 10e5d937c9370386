"""What changed: the page, `kith changes`, kithbook.json, redaction and This week."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli.main import cli
from kithbook.model.changes import changes_between, month_starts, warned_at
from kithbook.render.changes import changes_data
from kithbook.render.export import export_json
from kithbook.render.redact import redact_analysis
from kithbook.render.site import changes_months, render_site

from .conftest import contact, entry, run
from .gitrepo import commit, init_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TODAY = dt.date(2026, 11, 22)


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", str(TODAY), *args])


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    root = init_repo(tmp_path / "journal")
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    ada = "contacts/ada-lovelace.md"
    bo = "contacts/bo-chen.md"
    follow = {"due": "2026-11-30", "what": "Send the deck"}
    commit(
        root,
        {
            ada: contact("ada-lovelace", "Ada Lovelace", company="Northwind", closeness=2)[1],
            bo: contact("bo-chen", "Bo Chen", company="Lattice", closeness=3)[1],
        },
        "Start",
        "2026-09-01",
    )
    commit(
        root,
        {ada: contact("ada-lovelace", "Ada Lovelace", company="Orbital Maps", closeness=2)[1]},
        "Import LinkedIn export of 2026-10-10: 1 moved job",
        "2026-10-10",
    )
    commit(
        root,
        {
            ada: contact(
                "ada-lovelace",
                "Ada Lovelace",
                company="Orbital Maps",
                title="Staff Engineer",
                closeness=4,
            )[1],
            bo: contact("bo-chen", "Bo Chen", company="Lattice", closeness=3, archived=True)[1],
            "contacts/cy.md": contact("cy", "Cy Private")[1],
            entry("2026-11-05", "coffee", kind="meeting", with_=["ada-lovelace"], follow_up=follow)[
                0
            ]: entry(
                "2026-11-05", "coffee", kind="meeting", with_=["ada-lovelace"], follow_up=follow
            )[1],
        },
        "Coffee with Ada",
        "2026-11-05",
    )
    return root


def test_changes_between_a_month(journal: Path) -> None:
    analysis = run(journal, TODAY)
    derived = analysis.derived
    period = changes_between(
        analysis.changes, derived.network, analysis.settings, dt.date(2026, 11, 1), TODAY, TODAY
    )
    assert [(c.slug, c.text) for c in period.jobs] == [
        ("ada-lovelace", "title set to Staff Engineer at Orbital Maps")
    ]
    assert [c.slug for c in period.archived] == ["bo-chen"]
    assert [c.slug for c in period.new] == ["cy"]
    assert [(c.text, c.up) for c in period.closeness] == [("closeness up from 2 to 4", True)]
    assert [f.what for f in period.opened] == ["Send the deck"]
    october = changes_between(
        analysis.changes,
        derived.network,
        analysis.settings,
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 31),
        TODAY,
    )
    assert [c.text for c in october.jobs] == ["moved from Northwind to Orbital Maps"]
    assert october.new == () and october.opened == ()


def test_stale_and_recovered_come_from_the_model_at_both_ends(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    files = dict(
        [
            contact("ada", "Ada", closeness=4, cadence="30d"),
            entry("2026-06-01", "call", kind="call", with_=["ada"]),
            entry("2026-11-10", "call-again", kind="call", with_=["ada"]),
        ]
    )
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    analysis = run(root, TODAY)
    network, settings = analysis.derived.network, analysis.settings
    assert "ada" in warned_at(network, settings, dt.date(2026, 10, 31))
    assert "ada" not in warned_at(network, settings, TODAY)
    november = changes_between({}, network, settings, dt.date(2026, 11, 1), TODAY, TODAY)
    assert november.recovered == ("ada",) and november.went_stale == ()
    june = changes_between({}, network, settings, dt.date(2026, 6, 1), dt.date(2026, 6, 30), TODAY)
    assert june.went_stale == ("ada",)  # a 30-day cadence, new ties sooner: due by June 30


def test_the_page_lists_this_month_then_earlier_ones(journal: Path) -> None:
    analysis = run(journal, TODAY)
    pages = {p.uri: p for p in render_site(analysis)}
    page = pages["changes.md"]
    assert page.listed
    text = page.content
    assert text.index("November 2026 (this month, to the 22nd)") < text.index('id="m-2026-10"')
    assert "moved from Northwind to Orbital Maps" in text
    assert "Import LinkedIn export of 2026-10-10: 1 moved job" in text
    assert "Earlier months:" in text
    assert [p.start for p in changes_months(analysis)] == month_starts(TODAY, 6)
    history = pages["people/ada-lovelace.md"].content
    assert history.index("closeness up from 2 to 4") < history.index(
        "moved from Northwind to Orbital Maps"
    )
    assert "Coffee with Ada" in history


def test_kithbook_json_has_the_months(journal: Path) -> None:
    analysis = run(journal, TODAY)
    data = json.loads(
        export_json(analysis.derived, changes=changes_data(changes_months(analysis), ""))
    )
    months = data["changes"]["months"]
    assert months[1]["start"] == "2026-10-01"
    assert months[1]["job_changes"][0]["change"] == "moved from Northwind to Orbital Maps"
    assert months[1]["job_changes"][0]["subject"].startswith("Import LinkedIn export")
    result = kith(journal, "export")
    assert json.loads(result.output)["changes"]["months"][0]["start"] == "2026-11-01"


def test_kith_changes(journal: Path) -> None:
    result = kith(journal, "changes")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        "Changes from 2026-11-01 to 2026-11-22",
        "",
        "Job changes (1)",
        "  2026-11-05 Ada Lovelace: title set to Staff Engineer at Orbital Maps [Coffee with Ada]",
    ]
    since = kith(journal, "changes", "--since", "2026-10-01", "--format", "json")
    data = json.loads(since.output)
    assert data["start"] == "2026-10-01" and data["history_note"] is None
    assert [c["slug"] for c in data["job_changes"]] == ["ada-lovelace", "ada-lovelace"]
    assert "@" not in since.output
    future = kith(journal, "changes", "--since", "2026-12-01")
    assert future.exit_code == 1 and "after today" in future.output


def test_kith_changes_without_git(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "contacts").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    result = kith(root, "changes")
    assert result.exit_code == 0
    assert result.output.splitlines()[1] == (
        "(This journal is not in a git repository, so there is no history of changes.)"
    )


def test_redacted_history_has_no_subjects_and_no_private_fields(journal: Path) -> None:
    analysis = run(journal, TODAY)
    shown = redact_analysis(dataclasses.replace(analysis))
    found = shown.changes["ada-lovelace"]
    assert all(c.subject is None and c.commit is None for c in found)
    assert not any(c.kind == "closeness" for c in found)
    pages = {p.uri: p.content for p in render_site(run(journal, TODAY, redact=True))}
    for uri in ("people/ada-lovelace.md", "changes.md"):
        assert "Coffee with Ada" not in pages[uri]
        assert "Import LinkedIn" not in pages[uri]
        assert "closeness up" not in pages[uri]
    assert "moved from Northwind to Orbital Maps" in pages["changes.md"]


def test_this_week_lists_recent_job_changes_with_a_draft(journal: Path) -> None:
    home = {p.uri: p.content for p in render_site(run(journal, TODAY))}["index.md"]
    assert "## New jobs (1)" in home
    assert "title set to Staff Engineer at Orbital Maps (2026-11-05)" in home
    assert "Hi Ada, congratulations on the new role as Staff Engineer!" in home
    assert "moved from Northwind" not in home  # 2026-10-10: more than 30 days ago
    later = {p.uri: p.content for p in render_site(run(journal, dt.date(2026, 12, 20)))}
    assert "New jobs" not in later["index.md"]


def test_job_note_drafts() -> None:
    from kithbook.model.changes import Change, draft_job_note
    from kithbook.reading.records import Contact, Source

    ada = Contact(Source("contacts/ada.md"), "ada", "Ada Lovelace", company="Orbital Maps")
    moved = Change("ada", "job", "moved from Northwind to Orbital Maps", TODAY)
    assert draft_job_note(ada, moved) == (
        "Hi Ada, congratulations on the move to Orbital Maps! How are the first weeks going? "
        "Would love to hear about it over a coffee or a call."
    )


def test_the_site_json_has_the_months_and_redacts_them(journal: Path) -> None:
    from kithbook.adapter.build import build_outputs

    from .conftest import settings_for

    plain = build_outputs(journal, settings_for(), TODAY, cache=None)
    data = json.loads(plain.files["kithbook.json"])
    october = data["changes"]["months"][1]
    assert october["job_changes"][0]["subject"].startswith("Import LinkedIn export")
    redacted = build_outputs(journal, settings_for(redact=True), TODAY, cache=None)
    text = redacted.files["kithbook.json"].decode()
    data = json.loads(text)
    assert data["changes"]["months"][1]["job_changes"][0]["subject"] is None
    assert data["changes"]["months"][0]["closeness"] == []
    assert "Import LinkedIn" not in text and "Coffee with Ada" not in text
