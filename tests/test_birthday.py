"""`birthday`: parsed, checked with path:line, shown on pages, This week, kithbook.ics, .json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kithbook.adapter.build import build_outputs
from kithbook.reading.fields import Birthday, Invalid, parse_birthday

from .conftest import WriteJournal, contact, run, settings_for


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("--12-10", Birthday(12, 10)),
        ("1815-12-10", Birthday(12, 10, 1815)),
        (dt.date(1815, 12, 10), Birthday(12, 10, 1815)),
        ("--02-29", Birthday(2, 29)),
        ("--02-30", "bad birthday '--02-30': day is out of range for month"),
        ("1990-02-29", "bad birthday '1990-02-29': day is out of range for month"),
        ("12/10", "bad birthday '12/10': expected --MM-DD (no year) or YYYY-MM-DD, like "
         "--03-04 or 1990-03-04"),
        ("---12-10", "bad birthday '---12-10': expected --MM-DD (no year) or YYYY-MM-DD, like "
         "--03-04 or 1990-03-04"),
    ],
)  # fmt: skip
def test_parse_birthday(value: object, expected: Birthday | str) -> None:
    got = parse_birthday(value)
    if isinstance(expected, str):
        assert got == Invalid(expected)
    else:
        assert got == expected


def test_next_birthday_and_the_29th_of_february() -> None:
    assert Birthday(12, 10).next_on_or_after(dt.date(2026, 12, 10)) == dt.date(2026, 12, 10)
    assert Birthday(12, 10).next_on_or_after(dt.date(2026, 12, 11)) == dt.date(2027, 12, 10)
    assert Birthday(2, 29).next_on_or_after(dt.date(2026, 11, 22)) == dt.date(2027, 2, 28)
    assert Birthday(2, 29).next_on_or_after(dt.date(2027, 3, 1)) == dt.date(2028, 2, 29)


def test_a_bad_birthday_is_reported_with_its_line(write_journal: WriteJournal) -> None:
    root = write_journal(
        dict([contact("grace-hopper", "Grace Hopper", title="RADM", birthday="12/09")])
    )
    problems = [str(p) for p in run(root).problems]
    assert problems == [
        "contacts/grace-hopper.md:4: bad birthday '12/09': expected --MM-DD (no year) or "
        "YYYY-MM-DD, like --03-04 or 1990-03-04"
    ]


@pytest.fixture
def journal(write_journal: WriteJournal) -> Path:
    return write_journal(
        dict(
            [
                contact("ada-lovelace", "Ada Lovelace", birthday="1815-12-10"),
                contact("grace-hopper", "Grace Hopper", birthday="--12-09"),
                contact("leap-year", "Leap Year", birthday="--02-29"),
                contact("old-friend", "Old Friend", birthday="--12-08", archived=True),
            ]
        )
    )


def pages(root: Path, today: dt.date, **extra: object) -> dict[str, str]:
    outputs = build_outputs(root, settings_for(**extra), today, cache=None)
    found = {page.uri: page.content for page in outputs.pages}
    found["kithbook.ics"] = outputs.files["kithbook.ics"].decode()
    return found


def test_shown_on_the_page_this_week_and_in_the_calendar(journal: Path) -> None:
    site = pages(journal, dt.date(2026, 12, 4))
    assert "<strong>Birthday:</strong> 10 December 1815" in site["people/ada-lovelace.md"]
    assert "<strong>Birthday:</strong> 9 December</li>" in site["people/grace-hopper.md"]
    home = site["index.md"]
    assert "## Birthdays this week (2)" in home
    start = home.index("## Birthdays this week")
    section = home[start : home.index("</ul>", start)]
    assert section.index("Wed 9 December — <a") < section.index("Thu 10 December — <a")
    assert "Ada Lovelace</a>, 211</li>" in section  # her age that day
    assert "Grace Hopper</a></li>" in section  # year unknown: no age
    assert "Old Friend" not in section  # archived
    ics = site["kithbook.ics"].replace("\r\n ", "")
    assert "UID:birthday-ada-lovelace@kithbook" in ics
    assert "DTSTART;VALUE=DATE:18151210\r\nDTEND;VALUE=DATE:18151211" in ics
    assert "SUMMARY:Ada Lovelace's birthday" in ics
    assert "DTSTART;VALUE=DATE:20000229" in ics
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" in ics
    assert "birthday-old-friend" not in ics
    assert "Birthdays this week" not in pages(journal, dt.date(2026, 11, 22))["index.md"]


def test_a_redacted_build_shows_no_year(journal: Path) -> None:
    site = pages(journal, dt.date(2026, 12, 4), redact=True)
    assert "1815" not in site["people/ada-lovelace.md"]
    assert "10 December" in site["people/ada-lovelace.md"]


def test_kithbook_json_has_the_birthday_without_its_year_when_redacted(journal: Path) -> None:
    def birthdays(**extra: object) -> dict[str, object]:
        outputs = build_outputs(journal, settings_for(**extra), dt.date(2026, 12, 4), cache=None)
        data = json.loads(outputs.files["kithbook.json"])
        return {slug: c["birthday"] for slug, c in data["contacts"].items()}

    assert birthdays() == {
        "ada-lovelace": "1815-12-10",
        "grace-hopper": "--12-09",
        "leap-year": "--02-29",
        "old-friend": "--12-08",
    }
    assert birthdays(redact=True) == {
        "ada-lovelace": "--12-10",
        "grace-hopper": "--12-09",
        "leap-year": "--02-29",
        "old-friend": "--12-08",
    }
