"""`kith import calendar`: a Google Calendar export, exactly; re-runs, hand edits, interruptions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kithbook.adapter.build import build_outputs
from kithbook.imports.calendar.read import CalendarError, read_calendar
from kithbook.writing import write as write_module

from .conftest import TODAY, settings_for
from .import_helpers import FIXTURES, kith, last_run, make_journal, tree, without_runs

GOOGLE = FIXTURES / "google.ics"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return make_journal(tmp_path / "j")


def entry(date: str, slug: str, kind: str, by: str, body: str) -> str:
    return (
        f"---\ndate: {date}\nwith: [{slug}]\nkind: {kind}\ninitiated_by: {by}\n---\n\n"
        f"Imported from the calendar: {body}.\n"
    )


EXPECTED = {
    "journal/2026/2026-07-16-late-drinks.md": entry(
        "2026-07-16", "zoe-novakova", "meeting", "me", "Late drinks (00:30)"
    ),
    "journal/2026/2026-10-05-1-1-ada-jordan.md": entry(
        "2026-10-05", "ada-lovelace", "video", "me", "1:1 Ada / Jordan (09:00)"
    ),
    "journal/2026/2026-10-20-1-1-ada-jordan-moved.md": entry(
        "2026-10-20", "ada-lovelace", "video", "me", r"1:1 Ada / Jordan \(moved\) (10:00)"
    ),
    "journal/2026/2026-10-26-1-1-ada-jordan.md": entry(
        "2026-10-26", "ada-lovelace", "video", "me", "1:1 Ada / Jordan (09:00)"
    ),
    "journal/2026/2026-11-03-coffee-with-grace.md": entry(
        "2026-11-03", "grace-hopper", "meeting", "them", "Coffee with Grace (15:30)"
    ),
    "journal/2026/2026-11-10-call-zoe-about-the-helix-role.md": entry(
        "2026-11-10", "zoe-novakova", "call", "me", "Call Zoë about the Helix role (17:00)"
    ),
}
SKIPPED = [
    f"{GOOGLE}:97: skipped: declined (2026-11-12)",
    f"{GOOGLE}:107: skipped: cancelled (2026-11-13)",
    f"{GOOGLE}:117: skipped: an all-day event",
    f"{GOOGLE}:125: skipped: no one but me",
    f"{GOOGLE}:132: skipped: no attendee is a contact (bob@unknown.example)",
]


def test_first_import_gives_exactly_these_entries(journal: Path) -> None:
    before = tree(journal)
    result = kith(journal, "import", "calendar", str(GOOGLE))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:-1] == SKIPPED
    assert lines[-1] == (
        "Imported from the calendar: 6 created (6 entries), 0 updated, 0 unchanged, 5 skipped."
    )
    after = tree(journal)
    new = {k: v.decode() for k, v in after.items() if k not in before}
    assert new.pop(".kithbook/calendar.json")
    assert new == EXPECTED
    assert all(after[k] == v for k, v in before.items())  # contacts untouched
    assert kith(journal, "check").exit_code == 0


def test_recurrence_keys_and_coming_up(journal: Path) -> None:
    kith(journal, "import", "calendar", str(GOOGLE))
    state = json.loads((journal / ".kithbook/calendar.json").read_text(encoding="utf-8"))
    assert sorted(state["records"]) == [
        "5g1r0b6n2ol1qjv3ad0ee0thvb@google.com|20261005T080000Z",
        "5g1r0b6n2ol1qjv3ad0ee0thvb@google.com|20261019T080000Z",  # the moved one
        "5g1r0b6n2ol1qjv3ad0ee0thvb@google.com|20261026T090000Z",  # after the clocks changed
        "call-zoe@google.com",
        "coffee-grace-1@google.com",
        "drinks-zoe@google.com",
    ]
    assert state["extra"]["upcoming"] == [
        {"date": "2026-11-25", "time": "12:30", "title": "Lunch with Ada", "with": ["ada-lovelace"]}
    ]
    outputs = build_outputs(journal, settings_for(), TODAY, cache=None)
    home = next(p.content for p in outputs.pages if p.uri == "index.md")
    assert "## Coming up (1)" in home
    assert "Wed 2026-11-25 12:30 — Lunch with Ada (" in home
    later = build_outputs(journal, settings_for(), dt.date(2026, 11, 26), cache=None)
    assert "Coming up" not in next(p.content for p in later.pages if p.uri == "index.md")


def test_second_run_changes_nothing(journal: Path) -> None:
    assert kith(journal, "import", "calendar", str(GOOGLE)).exit_code == 0
    before = tree(journal)
    result = kith(journal, "import", "calendar", str(GOOGLE))
    assert result.output.splitlines()[-1] == (
        "Imported from the calendar: 0 created, 0 updated, 6 unchanged, 5 skipped."
    )
    assert tree(journal) == before


def test_hand_edits_survive_a_re_import(journal: Path) -> None:
    kith(journal, "import", "calendar", str(GOOGLE))
    drinks = journal / "journal/2026/2026-07-16-late-drinks.md"
    edited = drinks.read_text(encoding="utf-8").replace(
        "kind: meeting", "kind: activity  # climbing, in fact"
    )
    edited = edited.replace("Imported from the calendar: Late drinks (00:30).", "Talked Prague.")
    drinks.write_text(edited + "\n<!-- a comment -->\n", encoding="utf-8")
    deleted = journal / "journal/2026/2026-10-26-1-1-ada-jordan.md"
    deleted.unlink()
    before = tree(journal)
    result = kith(journal, "import", "calendar", str(GOOGLE))
    assert result.exit_code == 0
    assert tree(journal) == before  # neither rewritten nor re-created
    assert (
        f"{GOOGLE}:87: note: journal/2026/2026-07-16-late-drinks.md: kind changed by hand: "
        "kept 'activity'" in result.output
    )


def test_a_hand_logged_meeting_is_not_duplicated(journal: Path) -> None:
    hand = journal / "journal/2026/2026-11-03-coffee.md"
    hand.parent.mkdir(parents=True)
    hand.write_text(
        "---\ndate: 2026-11-03\nwith: [grace-hopper]\nkind: meeting\n---\nBorough.\n",
        encoding="utf-8",
    )
    kith(journal, "import", "calendar", str(GOOGLE))
    assert not (journal / "journal/2026/2026-11-03-coffee-with-grace.md").exists()
    assert hand.read_text(encoding="utf-8").endswith("Borough.\n")


def test_dry_run_writes_nothing(journal: Path) -> None:
    before = tree(journal)
    result = kith(journal, "import", "calendar", str(GOOGLE), "--dry-run")
    assert result.exit_code == 0
    assert "would create journal/2026/2026-11-03-coffee-with-grace.md" in result.output
    assert result.output.splitlines()[-1] == (
        "Dry run, nothing written: 6 to create (6 entries), 0 to update, 0 unchanged, 5 skipped."
    )
    assert tree(journal) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"Subject,Start Date\nx,y\n", "x.ics:1: not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\r\n", "x.ics: not a readable"),
        (b"\xff\xfeB\x00", "x.ics: not UTF-8 text"),
    ],
)
def test_a_malformed_file_is_an_error_and_writes_nothing(
    journal: Path, tmp_path: Path, text: bytes, message: str
) -> None:
    bad = tmp_path / "x.ics"
    bad.write_bytes(text)
    before = tree(journal)
    result = kith(journal, "import", "calendar", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path}/{message}")
    assert tree(journal) == before


def test_an_import_killed_half_way_leaves_whole_files_and_a_re_run_completes(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = make_journal(tmp_path / "clean")
    kith(clean, "import", "calendar", str(GOOGLE))
    real = write_module._link_new
    calls = {"n": 0}

    def killed(temp: Path, path: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt  # as a kill would, between two files
        real(temp, path)

    monkeypatch.setattr(write_module, "_link_new", killed)
    kith(journal, "import", "calendar", str(GOOGLE))
    monkeypatch.setattr(write_module, "_link_new", real)
    half = {k: v for k, v in tree(journal).items() if k.startswith("journal/")}
    assert len(half) == 3
    assert all(v.decode() == EXPECTED[k] for k, v in half.items())  # whole files only
    assert not list(journal.rglob(".*.tmp"))
    result = kith(journal, "import", "calendar", str(GOOGLE))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        "Imported from the calendar: 3 created (3 entries), 0 updated, 3 unchanged, 5 skipped."
    )
    assert without_runs(tree(journal)) == without_runs(tree(clean))
    run = last_run(journal, "calendar")
    assert (run["created"], run["unchanged"], run["skipped"]) == (
        {"contacts": 0, "entries": 3},
        3,
        5,
    )


def test_outlook_time_zones_and_folding(tmp_path: Path) -> None:
    cal = read_calendar(FIXTURES / "outlook.ics", "outlook.ics", dt.date(2026, 12, 1))
    got = [(o.key, o.start.isoformat(), o.summary, o.line) for o in cal.occurrences]
    assert got == [
        ("040000008200E00074C5B7101A82E0080000000010@outlook|20261102T140000Z",
         "2026-11-02T09:00:00-05:00", "Sprint review with Ada Lovelace and the platform team", 29),
        ("040000008200E00074C5B7101A82E0080000000010@outlook|20261116T140000Z",
         "2026-11-16T09:00:00-05:00", "Sprint review with Ada Lovelace and the platform team", 29),
    ]  # fmt: skip
    assert cal.occurrences[0].attendees[0].name == "Ada Lovelace"
    with pytest.raises(CalendarError):
        read_calendar(tmp_path / "missing.ics", "missing.ics", TODAY)


def test_apple_attendees_by_email_parameter(journal: Path) -> None:
    result = kith(journal, "import", "calendar", str(FIXTURES / "apple.ics"))
    assert result.output.splitlines() == [
        "Imported from the calendar: 1 created (1 entry), 0 updated, 0 unchanged, 0 skipped."
    ]
    assert (journal / "journal/2026/2026-11-18-catch-up.md").read_text(encoding="utf-8") == (
        entry("2026-11-18", "zoe-novakova", "video", "me", r"Catch\-up (18:00)")
    )


def test_a_moved_event_is_reported_not_moved(journal: Path, tmp_path: Path) -> None:
    kith(journal, "import", "calendar", str(GOOGLE))
    moved = tmp_path / "moved.ics"
    text = GOOGLE.read_bytes().replace(b"DTSTART:20261103T153000Z", b"DTSTART:20261104T153000Z")
    moved.write_bytes(text.replace(b"DTEND:20261103T163000Z", b"DTEND:20261104T163000Z"))
    before = tree(journal)
    result = kith(journal, "import", "calendar", str(moved))
    assert f"{moved}:61: note: now on 2026-11-04; journal/2026/2026-11-03-coffee-with-grace.md " \
        "left on 2026-11-03 (move it by hand if you wish)" in result.output  # fmt: skip
    assert tree(journal) == before


TWO_ON_ONE_DAY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:lunch
DTSTART:20261103T120000Z
ATTENDEE;CN=Ada:mailto:ada@example.com
SUMMARY:Lunch
END:VEVENT
BEGIN:VEVENT
UID:coffee
DTSTART:20261103T160000Z
ATTENDEE;CN=Ada:mailto:ada@example.com
SUMMARY:Coffee
END:VEVENT
END:VCALENDAR
"""


@pytest.mark.parametrize("kill_at", ["lunch", "coffee"])
def test_two_events_on_one_day_each_keep_their_entry_after_a_kill(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kill_at: str
) -> None:
    ics = tmp_path / "two.ics"
    ics.write_text(TWO_ON_ONE_DAY, encoding="utf-8")
    clean = make_journal(tmp_path / "clean")
    kith(clean, "import", "calendar", str(ics))
    assert len([p for p in tree(clean) if p.startswith("journal/")]) == 2
    real = write_module._link_new

    def killed(temp: Path, path: Path) -> None:
        if kill_at in path.name:
            raise KeyboardInterrupt
        real(temp, path)

    monkeypatch.setattr(write_module, "_link_new", killed)
    kith(journal, "import", "calendar", str(ics))
    monkeypatch.setattr(write_module, "_link_new", real)
    assert kith(journal, "import", "calendar", str(ics)).exit_code == 0
    assert without_runs(tree(journal)) == without_runs(tree(clean))
