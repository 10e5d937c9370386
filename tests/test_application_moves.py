"""Applications that moved: sent, and each status change, on What changed, `kith changes` and
kithbook.json; from git when the entry was edited in commits, else from `updated`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli.main import cli
from kithbook.model.applications import describe_status, moves_between
from kithbook.model.changes import changes_between
from kithbook.reading import history as h
from kithbook.reading.history import History, read_history
from kithbook.render.changes import period_lines
from kithbook.render.site import changes_months, render_site

from .conftest import WriteJournal, contact, entry, run, settings_for
from .gitrepo import commit, init_repo

TODAY = dt.date(2026, 11, 22)
NOVEMBER = dt.date(2026, 11, 1)
HELIX = "journal/2026/2026-11-01-application-helix.md"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def helix(status: str | None = None, updated: str | None = None, **more: object) -> str:
    fields: dict[str, object] = {
        "kind": "application",
        "company": "Helix",
        "role": "Staff Engineer",
    }
    if status:
        fields["status"] = status
    if updated:
        fields["updated"] = updated
    return entry("2026-11-01", "application-helix", **fields, **more)[1]


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", str(TODAY), *args])


def lines_of(root: Path, start: dt.date = NOVEMBER, **extra: object) -> list[str]:
    """The period's application lines, as `kith changes` prints them."""
    moves = run(root, TODAY, **extra).moves
    return [f"{m.date} {m.text}" for m in moves_between(moves, start, TODAY)]


# --- the words -------------------------------------------------------------------------------


def test_a_status_change_reads_naturally() -> None:
    assert describe_status("applied", "interviewing") == "applied → interviewing"
    assert describe_status(None, "interviewing") == "now interviewing"
    assert describe_status("interviewing", "rejected") == "rejected (was interviewing)"
    assert describe_status(None, "rejected") == "rejected"
    assert describe_status("screening", "withdrawn") == "withdrawn (was screening)"
    assert describe_status("offer", "accepted") == "offer accepted"
    assert describe_status(None, "accepted") == "offer accepted"
    assert describe_status("interviewing", "accepted") == "offer accepted (was interviewing)"
    assert describe_status("rejected", "interviewing") == "rejected → interviewing"  # reopened


# --- without git: the entry's own word -------------------------------------------------------


def test_without_git_each_status_is_reached_on_updated(write_journal: WriteJournal) -> None:
    root = write_journal(
        {
            HELIX: helix("interviewing", "2026-11-05"),
            "journal/2026/2026-11-03-application-lattice.md": """\
                ---
                date: 2026-11-03
                kind: application
                company: Lattice
                ---
                """,
            "journal/2026/2026-09-15-application-lumen.md": """\
                ---
                date: 2026-09-15
                kind: application
                company: Lumen Payments
                role: Senior Platform Engineer
                status: rejected
                updated: 2026-11-20
                ---
                """,
            "journal/2026/2026-10-02-application-orbital.md": """\
                ---
                date: 2026-10-02
                kind: application
                company: Orbital Maps
                status: accepted
                ---
                """,
        }
    )
    assert lines_of(root) == [
        "2026-11-20 Lumen Payments, Senior Platform Engineer: rejected",
        "2026-11-05 Helix, Staff Engineer: now interviewing",
        "2026-11-03 Applied to Lattice",
        "2026-11-01 Applied to Helix, Staff Engineer",
    ]
    # no `updated`: the status was reached on the entry's date
    assert lines_of(root, dt.date(2026, 10, 1))[-2:] == [
        "2026-10-02 Orbital Maps: offer accepted",
        "2026-10-02 Applied to Orbital Maps",
    ]


def test_git_history_off_falls_back_too(write_journal: WriteJournal) -> None:
    root = write_journal({HELIX: helix("screening", "2026-11-04")})
    analysis = run(root, TODAY, git_history=False)
    assert analysis.history == History(note=analysis.history.note)
    assert [m.text for m in analysis.moves] == [
        "Applied to Helix, Staff Engineer",
        "Helix, Staff Engineer: now screening",
    ]


def test_a_period_lists_its_moves_and_nothing_else(write_journal: WriteJournal) -> None:
    root = write_journal({HELIX: helix("interviewing", "2026-11-05")})
    analysis = run(root, TODAY, git_history=False)
    network, settings = analysis.derived.network, analysis.settings
    first = changes_between(
        {}, network, settings, NOVEMBER, dt.date(2026, 11, 4), TODAY, moves=analysis.moves
    )
    assert [m.kind for m in first.applications] == ["applied"]
    later = changes_between({}, network, settings, dt.date(2026, 11, 6), TODAY, TODAY)
    assert later.applications == ()
    october = changes_between(
        {}, network, settings, dt.date(2026, 10, 1), dt.date(2026, 10, 31), TODAY,
        moves=analysis.moves,
    )  # fmt: skip
    assert october.applications == () and october.empty


# --- from git --------------------------------------------------------------------------------


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """Helix: applied on 11-01, interviewing on 11-05, an offer on 11-20, one commit each;
    and a note edited twice (not an application: nothing to say)."""
    root = init_repo(tmp_path / "journal")
    (root / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    coffee_path, coffee = entry("2026-11-02", "coffee", kind="meeting", with_=["ada"])
    files: dict[str, str | None] = {HELIX: helix(), coffee_path: coffee}
    files["contacts/ada.md"] = contact("ada", "Ada")[1]
    commit(root, files, "Apply to Helix", "2026-11-01")
    commit(root, {coffee_path: coffee + "More notes.\n"}, "Notes", "2026-11-03")
    commit(
        root, {HELIX: helix("interviewing", "2026-11-04")}, "Helix: first interview", "2026-11-05"
    )
    commit(root, {HELIX: helix("offer", "2026-11-19"), coffee_path: coffee}, "Helix: offer",
           "2026-11-20")  # fmt: skip
    return root


@needs_git
def test_each_status_change_shows_with_its_commit_date(moved: Path) -> None:
    assert lines_of(moved) == [
        "2026-11-20 Helix, Staff Engineer: interviewing → offer",
        "2026-11-05 Helix, Staff Engineer: applied → interviewing",
        "2026-11-01 Applied to Helix, Staff Engineer",
    ]
    history = read_history(moved, use_cache=False)
    assert [(r.subject, r.before and r.before.status, r.after.status)
            for r in history.applications[HELIX]] == [
        ("Apply to Helix", None, "applied"),
        ("Helix: first interview", "applied", "interviewing"),
        ("Helix: offer", "interviewing", "offer"),
    ]  # fmt: skip
    assert list(history.applications) == [HELIX]  # the note was edited, but is no application


@needs_git
def test_kith_changes_prints_exactly_the_moves(moved: Path) -> None:
    result = kith(moved, "changes")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Changes from 2026-11-01 to 2026-11-22",
        "",
        "New contacts (1)",
        "  2026-11-01 Ada: added to the journal [Apply to Helix]",
        "",
        "Applications that moved (3)",
        "  2026-11-20 Helix, Staff Engineer: interviewing → offer [Helix: offer]",
        "  2026-11-05 Helix, Staff Engineer: applied → interviewing [Helix: first interview]",
        "  2026-11-01 Applied to Helix, Staff Engineer",
    ]
    data = json.loads(kith(moved, "changes", "--format", "json").output)
    first = data["applications"][0]
    assert {k: v for k, v in first.items() if k != "commit"} == {
        "entry": HELIX,
        "company": "Helix",
        "role": "Staff Engineer",
        "kind": "status",
        "status": "offer",
        "was": "interviewing",
        "open": True,
        "change": "Helix, Staff Engineer: interviewing → offer",
        "date": "2026-11-20",
        "from_git": True,
        "subject": "Helix: offer",
    }
    assert len(first["commit"]) == 40
    assert [(a["kind"], a["from_git"]) for a in data["applications"][1:]] == [
        ("status", True),
        ("applied", False),
    ]


@needs_git
def test_an_uncommitted_change_is_counted_once(moved: Path) -> None:
    (moved / HELIX).write_text(helix("accepted", "2026-11-21"), encoding="utf-8")
    assert lines_of(moved)[:2] == [
        "2026-11-21 Helix, Staff Engineer: offer accepted",
        "2026-11-20 Helix, Staff Engineer: interviewing → offer",
    ]
    # no new `updated`: the change counts as today's
    (moved / HELIX).write_text(helix("withdrawn", "2026-11-19"), encoding="utf-8")
    assert lines_of(moved)[0] == "2026-11-22 Helix, Staff Engineer: withdrawn (was offer)"
    # committed, it is the commit's, once
    commit(moved, {HELIX: helix("accepted", "2026-11-21")}, "Helix: accepted", "2026-11-21")
    assert lines_of(moved) == [
        "2026-11-21 Helix, Staff Engineer: offer accepted",
        "2026-11-20 Helix, Staff Engineer: interviewing → offer",
        "2026-11-05 Helix, Staff Engineer: applied → interviewing",
        "2026-11-01 Applied to Helix, Staff Engineer",
    ]


@needs_git
def test_an_entry_committed_once_says_its_own_status(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "journal")
    commit(root, {HELIX: helix("interviewing", "2026-11-05")}, "Helix", "2026-11-06")
    history = read_history(root, use_cache=False)
    assert history.applications == {} and history.head_applications == {}  # not read at all
    assert lines_of(root) == [
        "2026-11-05 Helix, Staff Engineer: now interviewing",
        "2026-11-01 Applied to Helix, Staff Engineer",
    ]
    # changed in the working tree: git knows no earlier status, so the entry's word again
    (root / HELIX).write_text(helix("offer", "2026-11-20"), encoding="utf-8")
    assert lines_of(root)[0] == "2026-11-20 Helix, Staff Engineer: now offer"
    # then edited in a commit: the first version says its own status, the commit the rest
    commit(root, {}, "Helix: offer", "2026-11-21")
    assert lines_of(root) == [
        "2026-11-21 Helix, Staff Engineer: interviewing → offer",
        "2026-11-05 Helix, Staff Engineer: now interviewing",
        "2026-11-01 Applied to Helix, Staff Engineer",
    ]


@needs_git
def test_a_renamed_application_keeps_its_history(moved: Path) -> None:
    new = "journal/2026/2026-11-01-helix-staff.md"
    (moved / new).write_text(helix("offer", "2026-11-19"), encoding="utf-8")
    commit(moved, {HELIX: None}, "Rename", "2026-11-21")
    assert lines_of(moved) == [
        "2026-11-20 Helix, Staff Engineer: interviewing → offer",
        "2026-11-05 Helix, Staff Engineer: applied → interviewing",
        "2026-11-01 Applied to Helix, Staff Engineer",
    ]


@needs_git
def test_the_cache_keeps_the_applications(moved: Path) -> None:
    fresh = read_history(moved, use_cache=False)
    read_history(moved)
    h._MEMORY.clear()
    again = read_history(moved)  # from .kithbook/cache/history.json
    assert again == fresh and again.applications


@needs_git
def test_a_damaged_applications_cache_is_read_again(moved: Path) -> None:
    fresh = read_history(moved)
    raw = json.loads((moved / h.CACHE_FILE).read_text(encoding="utf-8"))
    raw["applications"][HELIX][0] = ["sha", 2026, "s", HELIX, None, "offer"]
    (moved / h.CACHE_FILE).write_text(json.dumps(raw), encoding="utf-8")
    h._MEMORY.clear()
    assert read_history(moved) == fresh


@needs_git
def test_a_broken_version_in_between_is_no_change(moved: Path) -> None:
    commit(moved, {HELIX: "---\ndate: [unclosed\n---\n"}, "Broken", "2026-11-21")
    commit(moved, {HELIX: helix("offer", "2026-11-19")}, "Fixed", "2026-11-21")
    assert lines_of(moved)[0] == "2026-11-20 Helix, Staff Engineer: interviewing → offer"
    assert len(lines_of(moved)) == 3


# --- the page, the JSON, redaction ------------------------------------------------------------


@needs_git
def test_the_page_has_a_section_linking_the_company_and_the_entry(moved: Path) -> None:
    analysis = run(moved, TODAY, targets=["Helix"])
    page = {p.uri: p.content for p in render_site(analysis)}["changes.md"]
    section = page[page.index("<h3>Applications that moved (3)</h3>") :]
    section = section[: section.index("</table>")]
    assert '<a href="../companies/helix/">Helix</a>, Staff Engineer: applied → interviewing' in (
        section
    )
    assert '<td>Applied to <a href="../companies/helix/">Helix</a>, Staff Engineer</td>' in section
    assert "<td>Helix: first interview</td>" in section
    assert 'href="../journal/2026-11/#2026-11-01-application-helix"' in section
    months = changes_months(analysis)
    assert months[0].applications[0].text.endswith("interviewing → offer")


@needs_git
def test_kithbook_json_has_the_moves_and_redacts_them(moved: Path) -> None:
    from kithbook.adapter.build import build_outputs

    secret = "journal/2026/2026-11-02-helix-secret-talks.md"
    fields: dict[str, object] = {
        "kind": "application",
        "company": "Helix",
        "role": "Platform lead, ask ada@example.com",
        "personal": True,
    }
    text = entry("2026-11-02", "helix-secret-talks", **fields)[1]
    commit(moved, {secret: text}, "Helix: talks through ada@example.com", "2026-11-02")
    text = entry("2026-11-02", "helix-secret-talks", **fields, status="screening",
                 updated="2026-11-10")[1]  # fmt: skip
    commit(moved, {secret: text}, "Helix: screening call with ada@example.com", "2026-11-10")
    plain = build_outputs(moved, settings_for(), TODAY, cache=None)
    data = json.loads(plain.files["kithbook.json"])
    november = data["changes"]["months"][0]["applications"]
    subjects = [a["subject"] for a in november]
    assert subjects[:2] == ["Helix: offer", "Helix: screening call with ada@example.com"]
    redacted = build_outputs(moved, settings_for(redact=True), TODAY, cache=None)
    text = redacted.files["kithbook.json"].decode()
    shown = json.loads(text)["changes"]["months"][0]["applications"]
    assert [a["change"] for a in shown] == [
        "Helix, Staff Engineer: interviewing → offer",
        "Helix, Platform lead, ask (e-mail hidden): applied → screening",
        "Helix, Staff Engineer: applied → interviewing",
        "Applied to Helix, Platform lead, ask (e-mail hidden)",
        "Applied to Helix, Staff Engineer",
    ]
    assert all(a["subject"] is None and a["commit"] is None for a in shown)
    assert [a["from_git"] for a in shown] == [True, True, True, False, False]  # as unredacted
    assert shown[1]["entry"] == "journal/2026/2026-11-02-personal.md"
    page = next(p.content for p in redacted.pages if p.uri == "changes.md")
    for leak in ("ada@example.com", "secret", "Helix: offer", "first interview"):
        assert leak not in text and leak not in page
    assert "Helix</a>, Staff Engineer: applied → interviewing" in page
    assert "#2026-11-02-personal" in page


def test_period_lines_show_the_section_between_the_others() -> None:
    from kithbook.model.applications import ApplicationMove
    from kithbook.model.changes import PeriodChanges
    from kithbook.reading.records import Application, Entry, Source

    app = Application(Source(HELIX, 3), "Helix")
    helix_entry = Entry(Source(HELIX), "2026-11-01-application-helix", NOVEMBER, "application",
                        application=app)  # fmt: skip
    moves = (
        ApplicationMove(helix_entry, "status", "rejected", "screening", TODAY, "No luck", "c" * 40),
        ApplicationMove(helix_entry, "applied", "applied", None, NOVEMBER),
    )
    period = PeriodChanges(NOVEMBER, TODAY, applications=moves, recovered=("ada",))
    assert period_lines(period, {"ada": "Ada"}, "") == [
        "Changes from 2026-11-01 to 2026-11-22",
        "",
        "Applications that moved (2)",
        "  2026-11-22  Helix: rejected (was screening)  [No luck]",
        "  2026-11-01  Applied to Helix",
        "",
        "Ties that recovered (1)",
        "  Ada",
    ]
