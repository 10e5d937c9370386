"""Extreme dates and numbers: every value the format accepts is safe to compute with, and
everything outside the documented range is a `path:line: message`, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kithbook.cli.main import cli
from kithbook.model.strength import Touch, history_dates, history_scores, score_contact
from kithbook.pipeline import analyze
from kithbook.reading.fields import FIRST_DATE, LAST_DATE, parse_cadence, parse_date
from kithbook.reading.records import Contact, Source
from kithbook.reading.settings import Model, parse_settings, resolve_today
from kithbook.render.calendar import build_calendar

from .conftest import TODAY, WriteJournal, contact, entry, run

ADA = Contact(source=Source("contacts/ada.md", 1), slug="ada", name="Ada")


def _touch(day: dt.date) -> Touch:
    return Touch(day.toordinal(), 1.0, False, False, "me", False, False)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1899-12-31", False),
        ("1900-01-01", True),
        ("2199-12-31", True),
        ("2200-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_dates_outside_the_documented_range_are_refused(value: str, ok: bool) -> None:
    parsed = parse_date(value, "date")
    assert isinstance(parsed, dt.date) == ok
    assert isinstance(parse_date(dt.date.fromisoformat(value), "date"), dt.date) == ok


def test_a_year_typo_is_a_problem_with_its_line_not_an_overflow(
    write_journal: WriteJournal,
) -> None:
    root = write_journal(
        dict(
            [
                contact("ada", met="0002-01-01"),
                entry("1026-11-20", "coffee", with_=["ada"], kind="meeting"),
                entry("0001-01-01", "tea", with_=["ada"], kind="meeting"),
                entry("2026-11-20", "call", with_=["ada"], kind="call"),
                entry(
                    "2026-11-21",
                    "plan",
                    with_=["ada"],
                    kind="message",
                    follow_up={"due": "9999-12-31", "what": "Some day"},
                ),
            ]
        )
    )
    analysis = run(root)
    problems = [str(p) for p in analysis.problems]
    out = "is outside the dates a journal accepts (1900-01-01 to 2199-12-31): a typo in the year?"
    assert problems == [
        f"contacts/ada.md:3: date 0002-01-01 for 'met' {out}",
        f"journal/0001/0001-01-01-tea.md:2: date 0001-01-01 for 'date' {out}",
        f"journal/1026/1026-11-20-coffee.md:2: date 1026-11-20 for 'date' {out}",
        f"journal/2026/2026-11-21-plan.md:5: date 9999-12-31 for 'follow_up.due' {out}",
    ]
    assert [e.id for e in analysis.journal.entries] == ["2026-11-20-call", "2026-11-21-plan"]
    assert analysis.derived.follow_ups == ()
    build_calendar(analysis.derived, "Sam")


def test_decay_over_the_whole_range_cannot_overflow() -> None:
    """Three centuries apart, with a one-day half-life: the sums only ever shrink."""
    model = Model(half_life_days=1.0, reciprocity_half_life_days=1.0)
    touches = [_touch(FIRST_DATE), _touch(dt.date(2026, 11, 20)), _touch(LAST_DATE)]
    dates = [FIRST_DATE, dt.date(2026, 11, 22), LAST_DATE]
    scores = history_scores(ADA, touches, FIRST_DATE, 0, dates, model)
    slow = [score_contact(ADA, touches, FIRST_DATE, 0, d, model).score for d in dates]
    assert all(abs(a - b) <= 0.1 for a, b in zip(scores, slow, strict=True))
    assert all(math.isfinite(s) and 0 <= s <= 100 for s in scores)


def test_history_scores_answer_dates_in_any_order() -> None:
    touches = [_touch(dt.date(2025, 1, 1)), _touch(dt.date(2026, 6, 1))]
    dates = history_dates(TODAY, 24)
    forward = history_scores(ADA, touches, None, 1, dates, Model())
    backward = history_scores(ADA, touches, None, 1, dates[::-1], Model())
    assert backward == forward[::-1]


def test_cadence_is_bounded_and_huge_numbers_are_refused() -> None:
    assert parse_cadence("100y") == 36500
    for value in ("101y", "8000y", "99999999999d", "9" * 5000 + "d"):
        problem = parse_cadence(value)
        assert not isinstance(problem, int | str)
        assert "longer than 100 years: use never" in problem.message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"history_months": 99999999999}, "history_months: must be at most 1,200 months"),
        ({"model": {"half_life_days": 1e9}}, "half_life_days: must be at most 36,500 days"),
        ({"model": {"half_life_days": math.inf}}, "half_life_days: must be a finite number"),
        ({"model": {"half_life_days": math.nan}}, "half_life_days: must be a finite number"),
        ({"model": {"kin_cadence_factor": 1e300}}, "kin_cadence_factor: must be at most 1,000,000"),
        ({"model": {"reciprocity_months": 10**12}}, "reciprocity_months: must be at most 1,200"),
        ({"model": {"tier_cadence_days": [14, 30, 90, 10**9, 0]}}, "at most 36,500 days"),
    ],
)
def test_settings_too_large_to_compute_with_are_refused(
    raw: dict[str, object], message: str
) -> None:
    settings, problems = parse_settings(raw)
    assert len(problems) == 1 and message in problems[0], problems
    assert problems[0].endswith("; the default is kept")
    assert settings.history_months == 24 and settings.model == Model()


def test_a_one_day_half_life_and_the_largest_cadence_compute(write_journal: WriteJournal) -> None:
    root = write_journal(
        dict(
            [
                contact("ada", met="1900-01-01", cadence="100y", kin=True),
                entry("1900-01-02", "first", with_=["ada"], kind="meeting"),
                entry("2026-11-20", "call", with_=["ada"], kind="call"),
            ]
        )
    )
    analysis = run(root, model={"half_life_days": 1, "kin_cadence_factor": 1_000_000})
    assert analysis.problems == ()
    status = analysis.derived.statuses["ada"]
    assert status.next_due is not None and status.next_due <= LAST_DATE + dt.timedelta(36500)
    build_calendar(analysis.derived, "Sam")


def test_a_folded_owner_does_not_break_the_calendar(write_journal: WriteJournal) -> None:
    root = write_journal(
        dict(
            [
                contact("ada"),
                entry(
                    "2026-11-20",
                    "call",
                    with_=["ada"],
                    kind="call",
                    follow_up={"due": "2026-12-01", "what": "Send the paper"},
                ),
            ]
        )
    )
    analysis = run(root)
    ics = build_calendar(analysis.derived, "Sam\nOwner\n").decode()
    assert "X-WR-CALNAME:kithbook — Sam Owner\r\n" in ics
    assert "Send the paper" in ics


def test_today_outside_the_range_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="KITHBOOK_TODAY='0001-01-01' is outside"):
        resolve_today({"KITHBOOK_TODAY": "0001-01-01"})
    (tmp_path / "contacts").mkdir()
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "--today", "9999-12-31", "check"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: --today '9999-12-31' is outside the dates a journal accepts "
        "(1900-01-01 to 2199-12-31)\n"
    )


# --- the property: no date or setting the parser lets through makes anything raise ---------

any_date = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
edge_dates = st.sampled_from(
    [
        dt.date(1, 1, 1),
        dt.date(2, 12, 31),
        dt.date(1026, 11, 20),
        FIRST_DATE,
        LAST_DATE,
        dt.date(9999, 12, 31),
    ]
)
some_date = st.one_of(edge_dates, any_date, st.dates(FIRST_DATE, LAST_DATE))
cadences = st.sampled_from(["1d", "100y", "101y", "8000y", "99999999999d", "never", "6w"])
numbers = st.one_of(
    st.sampled_from([1, 0.001, 36500, 36501, 10**11, 1e300, math.inf, -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
)
model_keys = st.sampled_from(
    [
        "half_life_days",
        "reciprocity_half_life_days",
        "kin_half_life_factor",
        "new_tie_half_life_factor",
        "kin_cadence_factor",
        "fragile_bridge_factor",
        "dormant_days",
        "reciprocity_months",
        "personal_boost",
    ]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    entry_dates=st.lists(some_date, min_size=1, max_size=4),
    met=st.one_of(st.none(), some_date),
    due=some_date,
    cadence=cadences,
    model=st.dictionaries(model_keys, numbers, max_size=3),
    history_months=numbers,
    today=st.one_of(st.just(TODAY), st.dates(FIRST_DATE, LAST_DATE)),
)
def test_extreme_dates_and_settings_never_raise(
    tmp_path_factory: pytest.TempPathFactory,
    entry_dates: list[dt.date],
    met: dt.date | None,
    due: dt.date,
    cadence: str,
    model: dict[str, object],
    history_months: object,
    today: dt.date,
) -> None:
    root = tmp_path_factory.mktemp("extreme")
    files = dict(
        [
            contact("ada", cadence=cadence, **({"met": met.isoformat()} if met else {})),
            contact("bob", kin=True),
        ]
    )
    for i, day in enumerate(entry_dates):
        stamp = day.isoformat()
        files[f"journal/{stamp[:4]}/{stamp}-e{i}.md"] = (
            f"---\ndate: {stamp}\nwith: [ada, bob]\nkind: meeting\n"
            f"follow_up:\n  due: {due.isoformat()}\n  what: Write\n---\n"
        )
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    raw = {"owner": "Sam\n", "history_months": history_months, "model": model}
    parsed, _ = parse_settings(raw)
    analysis = analyze(root, parsed, today)
    build_calendar(analysis.derived, parsed.owner)
    for day in [*entry_dates, due, *([met] if met else [])]:
        if not FIRST_DATE <= day <= LAST_DATE:
            assert any(day.isoformat() in str(p) for p in analysis.problems)

    settings_lines = "".join(
        f"    {k}: {v!r}\n" if not isinstance(v, float) else f"    {k}: {_yaml_float(v)}\n"
        for k, v in model.items()
    )
    (root / "mkdocs.yml").write_text(
        "site_name: x\nextra:\n  kithbook:\n    owner: >\n      Sam\n"
        f"    history_months: {_yaml_float(history_months)}\n"
        + (f"    model:\n{settings_lines.replace('    ', '      ')}" if model else ""),
        encoding="utf-8",
    )
    for command in (["check"], ["today"], ["stale"], ["show", "ada"], ["export"], ["referrals"]):
        result = CliRunner().invoke(
            cli, ["--root", str(root), "--today", today.isoformat(), *command]
        )
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command,
            result.output,
        )
        assert result.exit_code in (0, 1), (command, result.output)


def _yaml_float(value: object) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
    return repr(value)


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["new", "Ada Lovelace"],
        ["log", "ada", "--kind", "call"],
        ["done", "2026-11-20-x"],
    ],
)
def test_a_mistyped_root_is_refused_and_nothing_is_created(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "journal-root" / "contacts").mkdir(parents=True)
    typo = tmp_path / "jornal-root"
    result = CliRunner().invoke(cli, ["--root", str(typo), *command])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: {typo} is not a journal"), result.output
    assert not typo.exists()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(owner=st.text(max_size=40), what=st.text(min_size=1, max_size=40))
def test_any_owner_and_follow_up_text_make_a_calendar(
    tmp_path_factory: pytest.TempPathFactory, owner: str, what: str
) -> None:
    root = tmp_path_factory.mktemp("calendar")
    (root / "contacts").mkdir()
    (root / "contacts" / "ada.md").write_text("---\nname: Ada\n---\n", encoding="utf-8")
    path = root / "journal" / "2026" / "2026-11-20-call.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        "---\ndate: 2026-11-20\nwith: [ada]\nkind: call\n"
        f"follow_up:\n  due: 2026-12-01\n  what: {json.dumps(what)}\n---\n",
        encoding="utf-8",
    )
    analysis = analyze(root, parse_settings({"owner": owner})[0], TODAY)
    ics = build_calendar(analysis.derived, owner).decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "X-WR-CALNAME:" in ics.split("BEGIN:VEVENT")[0]


def test_an_event_on_the_last_day_the_calendar_has_still_writes() -> None:
    from kithbook.render.calendar import _event

    stamp = dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc)
    event = _event("x@kithbook", dt.date.max, "Some day", "", stamp)
    assert b"DTSTART;VALUE=DATE:99991231" in event.to_ical()


@pytest.mark.parametrize(
    "command",
    [
        ["log", "ada", "--kind", "call", "--follow-up", "9999-12-31", "Some day"],
        ["log", "ada", "--kind", "call", "--date", "1026-11-20"],
        ["new", "Old Friend", "--met", "0001-01-01"],
    ],
)
def test_commands_refuse_dates_outside_the_range(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "ada.md").write_text("---\nname: Ada\n---\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "--today", "2026-11-22", *command])
    assert result.exit_code == 2
    assert "is outside the dates a journal accepts (1900-01-01 to 2199-12-31)" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == ["ada.md"]
