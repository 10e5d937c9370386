"""A tie snoozed until a date (`snooze:` on a contact, `kith snooze-tie`): no warnings before
that day, the usual rules from it on, its reason shown; bad values as `path:line: message`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.adapter.build import build_outputs
from kithbook.cli.main import cli

from .conftest import TODAY, WriteJournal, run, settings_for

ADA = """\
---
name: Ada Lovelace   # the countess
cadence: 2w
tags: [ "math",   engines ]
---
Notes about Ada.
"""
SNOOZED_ADA = """\
---
name: Ada Lovelace   # the countess
cadence: 2w
tags: [ "math",   engines ]
snooze:
  until: 2027-01-15
  reason: on parental leave
---
Notes about Ada.
"""
CALL = """\
---
date: 2026-09-01
with: [ada-lovelace]
kind: call
---
"""
FILES = {"contacts/ada-lovelace.md": ADA, "journal/2026/2026-09-01-call.md": CALL}


def pages(root: Path, today: dt.date = TODAY) -> dict[str, str]:
    return {p.uri: p.content for p in build_outputs(root, settings_for(), today, cache=None).pages}


def ties_to_tend(home: str) -> str:
    return home.split("## Ties to tend")[1].split("\n## ")[0]


def kith(root: Path, *args: str, today: str = "2026-11-22") -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", today, *args])


def test_a_snoozed_tie_is_not_warned_about_until_its_day(write_journal: WriteJournal) -> None:
    root = write_journal({**FILES, "contacts/ada-lovelace.md": SNOOZED_ADA})
    analysis = run(root)
    assert list(analysis.problems) == []
    status = analysis.derived.statuses["ada-lovelace"]
    assert (status.status, status.cooling, status.next_due) == (
        "snoozed", False, dt.date(2027, 1, 15),
    )  # fmt: skip
    assert analysis.derived.warnings() == []
    assert (kith(root, "stale").exit_code, kith(root, "stale").output) == (
        0,
        "No tie is due, stale, dormant or cooling.\n",
    )
    assert "Ada" not in kith(root, "today").output
    listed = kith(root, "people", "--status", "snoozed")
    assert (listed.exit_code, listed.output.splitlines()[2].split()[:3]) == (
        0, ["Ada", "Lovelace", "snoozed"],
    )  # fmt: skip
    # On the day it ends, the usual rules again, as silence earned: dormant, warned about.
    later = run(root, dt.date(2027, 1, 15))
    assert later.derived.statuses["ada-lovelace"].status == "dormant"
    assert later.derived.warnings() == ["ada-lovelace"]
    assert "Ada Lovelace  dormant" in kith(root, "stale", today="2027-01-15").output


def test_without_the_snooze_the_same_tie_is_dormant(write_journal: WriteJournal) -> None:
    root = write_journal(FILES)
    assert run(root).derived.statuses["ada-lovelace"].status == "dormant"
    assert run(root).derived.warnings() == ["ada-lovelace"]
    assert "Ada Lovelace" in ties_to_tend(pages(root)["index.md"])


def test_show_and_the_contact_page_give_the_date_and_reason(write_journal: WriteJournal) -> None:
    root = write_journal({**FILES, "contacts/ada-lovelace.md": SNOOZED_ADA})
    shown = kith(root, "show", "ada")
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    strength = next(i for i, line in enumerate(lines) if line.startswith("Strength:"))
    assert "status snoozed" in lines[strength] and "next due 2027-01-15" in lines[strength]
    assert lines[strength + 1] == "Snoozed until 2027-01-15 — on parental leave"
    data = json.loads(kith(root, "show", "ada", "--format", "json").output)
    assert (data["status"], data["snooze"]) == (
        "snoozed", {"until": "2027-01-15", "reason": "on parental leave"},
    )  # fmt: skip
    after = json.loads(kith(root, "show", "ada", "--format", "json", today="2027-01-15").output)
    assert (after["status"], after["snooze"]) == ("dormant", None)
    assert "Snoozed" not in kith(root, "show", "ada", today="2027-01-15").output

    site = pages(root)
    assert (
        '<p class="admonition-title">Snoozed until 2027-01-15</p>\n<p>On parental leave. Not '
        "warned about until then; the usual rules apply again from that day.</p>"
    ) in site["people/ada-lovelace.md"]
    assert "Ada Lovelace" not in ties_to_tend(site["index.md"])
    later = pages(root, dt.date(2027, 1, 15))
    assert "Snoozed until" not in later["people/ada-lovelace.md"]
    assert "Ada Lovelace" in ties_to_tend(later["index.md"])


def test_the_calendar_checks_in_when_the_snooze_ends(write_journal: WriteJournal) -> None:
    root = write_journal({**FILES, "contacts/ada-lovelace.md": SNOOZED_ADA})
    ics = str(build_outputs(root, settings_for(), TODAY, cache=None).files["kithbook.ics"])
    event = ics.split("UID:check-in-ada-lovelace@kithbook")[0].rsplit("BEGIN:VEVENT", 1)[1]
    assert "DTSTART;VALUE=DATE:20270115" in event


@pytest.mark.parametrize(
    ("snooze", "expected"),
    [
        (
            "snooze: 2027-01-15\n",
            ["contacts/ada-lovelace.md:3: 'snooze' must be a mapping with 'until' and an "
             "optional 'reason', like {until: 2027-01-15, reason: on parental leave}"],
        ),
        (
            "snooze:\n  reason: [sabbatical]\n",
            ["contacts/ada-lovelace.md:3: snooze needs 'until': the day warnings start again",
             "contacts/ada-lovelace.md:4: 'snooze.reason' must be text"],
        ),
        (
            "snooze:\n  until: next spring\n",
            ["contacts/ada-lovelace.md:4: bad date 'next spring' for 'snooze.until': expected "
             "YYYY-MM-DD, like 2026-03-04"],
        ),
        (
            "snooze:\n  until: 2027-01-15\n  because: leave\n",
            ["contacts/ada-lovelace.md:5: unknown key 'because' in snooze"],
        ),
    ],
)  # fmt: skip
def test_a_bad_snooze_is_reported(
    write_journal: WriteJournal, snooze: str, expected: list[str]
) -> None:
    root = write_journal(
        {**FILES, "contacts/ada-lovelace.md": f"---\nname: Ada Lovelace\n{snooze}---\n"}
    )
    analysis = run(root)
    assert [str(p) for p in analysis.problems] == expected
    # a bad value is ignored; a stray key only reported (as in follow_up)
    snoozed = analysis.derived.statuses["ada-lovelace"].status == "snoozed"
    assert snoozed == ("because" in snooze)
    checked = kith(root, "check")
    assert checked.exit_code == 1 and checked.output.startswith(expected[0])


def test_snooze_tie_writes_only_its_own_lines(write_journal: WriteJournal) -> None:
    root = write_journal(FILES)
    path = root / "contacts/ada-lovelace.md"
    result = kith(root, "snooze-tie", "ada", "2027-01-15", "--reason", "on parental leave")
    assert (result.exit_code, result.output) == (
        0,
        "Snoozed Ada Lovelace until 2027-01-15: on parental leave (contacts/ada-lovelace.md)\n",
    )
    assert path.read_text(encoding="utf-8") == SNOOZED_ADA
    assert run(root).derived.statuses["ada-lovelace"].status == "snoozed"

    # Again without --reason: the date moves, the reason written before stays.
    result = kith(root, "snooze-tie", "Ada Lovelace", "2027-02-01")
    assert (result.exit_code, result.output) == (
        0,
        "Snoozed Ada Lovelace until 2027-02-01: on parental leave (contacts/ada-lovelace.md)\n",
    )
    assert path.read_text(encoding="utf-8") == SNOOZED_ADA.replace("2027-01-15", "2027-02-01")

    result = kith(root, "snooze-tie", "ada", "--clear")
    assert (result.exit_code, result.output) == (
        0,
        "Snooze ended: Ada Lovelace is warned about as usual again (contacts/ada-lovelace.md)\n",
    )
    assert path.read_text(encoding="utf-8") == ADA
    result = kith(root, "snooze-tie", "ada", "--clear")
    assert (result.exit_code, result.output) == (
        0,
        "Ada Lovelace is not snoozed (contacts/ada-lovelace.md)\n",
    )
    assert path.read_text(encoding="utf-8") == ADA


def test_snooze_tie_without_a_reason(write_journal: WriteJournal) -> None:
    root = write_journal(FILES)
    result = kith(root, "snooze-tie", "ada", "2026-11-23")
    assert (result.exit_code, result.output) == (
        0,
        "Snoozed Ada Lovelace until 2026-11-23 (contacts/ada-lovelace.md)\n",
    )
    text = (root / "contacts/ada-lovelace.md").read_text(encoding="utf-8")
    assert text == ADA.replace("---\nNotes", "snooze:\n  until: 2026-11-23\n---\nNotes")
    assert "Snoozed until 2026-11-23\n" in kith(root, "show", "ada").output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["ada", "2026-11-22"], 1,
         "Error: snooze until a later day than today (2026-11-22), not 2026-11-22\n"),
        (["ada", "2026-11-01", "--reason", "x"], 1,
         "Error: snooze until a later day than today (2026-11-22), not 2026-11-01\n"),
        (["nobody", "2027-01-01"], 1, "Error: no contact matches 'nobody'\n"),
        (["ada"], 2, "Error: give UNTIL (YYYY-MM-DD), or --clear to end a snooze\n"),
        (["ada", "2027-01-01", "--clear"], 2, "Error: --clear takes no UNTIL and no --reason\n"),
        (["ada", "--clear", "--reason", "x"], 2,
         "Error: --clear takes no UNTIL and no --reason\n"),
        (["ada", "2027-01-01", "--reason", "  "], 2,
         "Error: --reason is empty: say why, or leave it out\n"),
        (["ada", "2027-01-01", "--reason", "a\nb"], 2,
         "Error: Invalid value for '--reason': must be on one line\n"),
        (["ada", "soon"], 2, None),
    ],
)  # fmt: skip
def test_snooze_tie_refuses(
    write_journal: WriteJournal, args: list[str], code: int, message: str | None
) -> None:
    root = write_journal(FILES)
    result = kith(root, "snooze-tie", *args)
    assert result.exit_code == code
    if message is not None:
        assert result.output.endswith(message)
        if code == 1:
            assert result.output == message
    assert (root / "contacts/ada-lovelace.md").read_text(encoding="utf-8") == ADA
