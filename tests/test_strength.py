"""The relationship-strength model: its promised properties, tiers and stale-tie statuses."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kithbook.model.strength import Touch, normalise_rate, score_contact
from kithbook.reading.records import Contact, Source
from kithbook.reading.settings import Model

from .conftest import TODAY, WriteJournal, contact, entry, run

MODEL = Model()


def weekly(slug: str, start: str, weeks: int, kind: str = "meeting") -> dict[str, str]:
    first = dt.date.fromisoformat(start)
    files = {}
    for i in range(weeks):
        day = (first + dt.timedelta(weeks=i)).isoformat()
        path, text = entry(day, f"{kind}-{slug}", with_=[slug], kind=kind)
        files[path] = text
    return files


def test_normalised_rate_calibration() -> None:
    assert normalise_rate(1 / 730) == 0
    assert round(normalise_rate(1 / 365), 2) == 0.15
    assert round(normalise_rate(1 / 30.4), 2) == 0.68
    assert normalise_rate(1 / 7) == 1


def test_weekly_close_friend_outranks_yearly_acquaintance(write_journal: WriteJournal) -> None:
    files = dict([contact("fran", met="2022-01-01"), contact("yuri", met="2022-01-01")])
    files |= weekly("fran", "2026-05-01", 29)
    for year in (2023, 2024, 2025, 2026):
        files.update([entry(f"{year}-03-01", "yearly-hello", with_=["yuri"], kind="message")])
    analysis = run(write_journal(files))
    scores = analysis.derived.scores
    assert scores["fran"].score > scores["yuri"].score + 20
    assert analysis.derived.tiers["fran"] < analysis.derived.tiers["yuri"]


def test_personal_entry_counts_more_than_a_plain_one(write_journal: WriteJournal) -> None:
    files = dict([contact("a", met="2024-01-01"), contact("b", met="2024-01-01")])
    files.update([entry("2026-11-01", "coffee", with_=["a"], kind="meeting", personal=True)])
    files.update([entry("2026-11-01", "coffee-b", with_=["b"], kind="meeting")])
    scores = run(write_journal(files)).derived.scores
    assert scores["a"].score > scores["b"].score
    assert scores["a"].components.activity > scores["b"].components.activity
    assert scores["a"].components.closeness > scores["b"].components.closeness


def test_kin_decay_more_slowly(write_journal: WriteJournal) -> None:
    files = dict([contact("sis", met="2020-01-01", kin=True), contact("pal", met="2020-01-01")])
    for slug in ("sis", "pal"):
        files.update([entry("2026-01-10", f"visit-{slug}", with_=[slug], kind="meeting")])
    derived = run(write_journal(files)).derived
    assert derived.scores["sis"].half_life == 2 * derived.scores["pal"].half_life
    assert derived.scores["sis"].components.activity > derived.scores["pal"].components.activity


def test_score_falls_without_contact(write_journal: WriteJournal) -> None:
    files = dict([contact("ada", met="2021-01-01")])
    files |= weekly("ada", "2025-01-01", 20)
    root = write_journal(files)
    scores = [
        run(root, today=TODAY + dt.timedelta(days=90 * k)).derived.scores["ada"].score
        for k in range(8)
    ]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]


def test_one_more_interaction_never_lowers_a_score(write_journal: WriteJournal) -> None:
    base = dict([contact("ada", met="2024-01-01")])
    base |= weekly("ada", "2026-01-05", 6)
    before = run(write_journal(base)).derived.scores["ada"].score
    more = base | dict([entry("2026-11-20", "call", with_=["ada"], kind="call")])
    after = run(write_journal(more)).derived.scores["ada"].score
    assert after > before


def test_scores_are_identical_for_the_same_journal_and_date(write_journal: WriteJournal) -> None:
    files = dict([contact("ada", met="2021-01-01", closeness=3)]) | weekly("ada", "2026-01-01", 9)
    root = write_journal(files)
    first = run(root).derived
    second = run(root).derived
    assert first.scores == second.scores and first.statuses == second.statuses


def test_low_confidence_badge(write_journal: WriteJournal) -> None:
    files = dict([contact("new"), contact("rated", closeness=4)])
    files.update([entry("2026-11-01", "hi", with_=["new", "rated"], kind="meeting")])
    scores = run(write_journal(files)).derived.scores
    assert scores["new"].low_confidence and not scores["rated"].low_confidence


def test_one_sided_flag(write_journal: WriteJournal) -> None:
    files = dict([contact("taker", met="2023-01-01")])
    for i, day in enumerate(("2026-03-01", "2026-05-01", "2026-07-01", "2026-09-01")):
        files.update([entry(day, f"help-{i}", with_=["taker"], kind="call", initiated_by="me",
                            gave="advice")])  # fmt: skip
    derived = run(write_journal(files)).derived
    assert "one_sided" in derived.flags("taker")
    assert derived.scores["taker"].components.reciprocity == 0


def test_fading_close_tie_is_warned_about(write_journal: WriteJournal) -> None:
    files = dict([contact("tiago", met="2018-01-01", closeness=5, relationship=["friend"])])
    files |= weekly("tiago", "2025-06-01", 50)  # weekly until mid-May 2026, then silence
    files.update([entry("2026-10-04", "birthday", with_=["tiago"], kind="reaction")])
    derived = run(write_journal(files)).derived
    status = derived.statuses["tiago"]
    assert status.status in ("stale", "dormant")
    assert status.last == dt.date(2026, 5, 10)  # a birthday wish does not reset the clock
    assert derived.warnings()[0] == "tiago"


def test_quarterly_mentor_is_not_stale_at_day_80(write_journal: WriteJournal) -> None:
    files = dict([contact("mentor", met="2020-01-01", closeness=4, knows=["peer"])])
    files.update([contact("peer")])
    day = dt.date(2024, 12, 1)
    while day < dt.date(2026, 9, 1):
        files.update([entry(day.isoformat(), "lunch", with_=["mentor"], kind="meeting")])
        day += dt.timedelta(days=91)
    root = write_journal(files)
    last = dt.date(2026, 8, 30)
    status = run(root, today=last + dt.timedelta(days=80)).derived.statuses["mentor"]
    assert (status.rhythm, status.expected_gap, status.status) == (91, 91, "ok")
    later = run(root, today=last + dt.timedelta(days=95)).derived.statuses["mentor"]
    assert later.status == "due"


def test_archived_and_cadence_never_are_never_warned_about(write_journal: WriteJournal) -> None:
    files = dict(
        [
            contact("old", met="2015-01-01", closeness=5, archived=True),
            contact("landlord", met="2015-01-01", closeness=5, cadence="never"),
        ]
    )
    files |= weekly("old", "2023-01-01", 20) | weekly("landlord", "2023-01-01", 20)
    derived = run(write_journal(files)).derived
    assert derived.statuses["old"].status == "archived"
    assert derived.statuses["landlord"].status == "never"
    assert derived.warnings() == []


def test_cadence_override(write_journal: WriteJournal) -> None:
    files = dict([contact("sis", met="2010-01-01", cadence="2w", kin=True)])
    files.update([entry("2026-10-01", "call", with_=["sis"], kind="call")])
    status = run(write_journal(files)).derived.statuses["sis"]
    assert status.expected_gap == 28  # two weeks, doubled for kin
    assert status.status == "due"
    assert status.next_due == dt.date(2026, 10, 29)


def test_small_journal_tiers_use_score_cutoffs(write_journal: WriteJournal) -> None:
    files = dict([contact("fran", met="2019-01-01", closeness=5)])
    files |= weekly("fran", "2026-01-04", 46)
    derived = run(write_journal(files)).derived
    assert derived.scores["fran"].score >= 80
    assert derived.tiers["fran"] == 1


# --- properties over arbitrary interaction histories ----------------------------------------

ADA = Contact(source=Source("contacts/ada.md"), slug="ada", name="Ada", met=dt.date(2020, 1, 1))

touches = st.lists(
    st.builds(
        Touch,
        day=st.integers(dt.date(2020, 1, 1).toordinal(), TODAY.toordinal()),
        weight=st.sampled_from([1.0, 0.7, 0.6, 0.3, 0.05, 1.5]),
        personal=st.booleans(),
        help=st.booleans(),
        initiated_by=st.sampled_from([None, "me", "them"]),
        gave=st.booleans(),
        got=st.booleans(),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(touches, st.integers(0, 6), st.integers(TODAY.toordinal() - 700, TODAY.toordinal()))
def test_property_plain_interaction_never_lowers(
    history: list[Touch], shared: int, day: int
) -> None:
    history = sorted(history, key=lambda t: t.day)
    before = score_contact(ADA, history, ADA.met, shared, TODAY, MODEL)
    extra = Touch(day, 1.0, False, False, None, False, False)
    after = score_contact(ADA, sorted([*history, extra], key=lambda t: t.day), ADA.met, shared,
                          TODAY, MODEL)  # fmt: skip
    assert after.score >= before.score


@settings(max_examples=200, deadline=None)
@given(touches, st.integers(0, 6), st.integers(1, 900))
def test_property_silence_never_raises(history: list[Touch], shared: int, later: int) -> None:
    history = sorted(history, key=lambda t: t.day)
    now = score_contact(ADA, history, ADA.met, shared, TODAY, MODEL)
    then = score_contact(ADA, history, ADA.met, shared, TODAY + dt.timedelta(days=later), MODEL)
    assert then.score <= now.score


@settings(max_examples=150, deadline=None)
@given(touches, st.integers(0, 6), st.sampled_from([None, 1, 3, 5]))
def test_property_fast_history_matches_the_model(
    history: list[Touch], shared: int, closeness: int | None
) -> None:
    from kithbook.model.strength import history_dates, history_scores

    person = Contact(source=ADA.source, slug="ada", name="Ada", met=ADA.met, closeness=closeness)
    history = sorted(history, key=lambda t: t.day)
    dates = history_dates(TODAY, 24)
    fast = history_scores(person, history, person.met, shared, dates, MODEL)
    slow = [score_contact(person, history, person.met, shared, d, MODEL).score for d in dates]
    assert all(abs(a - b) <= 0.1 for a, b in zip(fast, slow, strict=True))


def test_an_endorsement_is_a_small_favour(write_journal: WriteJournal) -> None:
    files = dict([contact("big", met="2024-01-01"), contact("small", met="2024-01-01")])
    for slug in ("big", "small"):
        files.update(
            [entry("2026-06-01", f"got-{slug}", with_=[slug], kind="call", got="A CV review")]
        )
    files.update([entry("2026-07-01", "intro-big", with_=["big"], kind="call", gave="An intro")])
    files.update(
        [entry("2026-07-01", "endorsed-small", with_=["small"], kind="reaction",
               gave="Endorsed their skill on LinkedIn: Python")]
    )  # fmt: skip
    derived = run(write_journal(files)).derived
    big, small = derived.scores["big"].components, derived.scores["small"].components
    assert big.reciprocity > small.reciprocity  # 1 for 1 is balanced; 0.2 for 1 is not
    assert small.closeness < big.closeness
    # The ledger and "could vouch" leave small favours out: small got 1, gave nothing.
    assert (derived.gave["small"], derived.got["small"]) == (0, 1)
    assert (derived.gave["big"], derived.got["big"]) == (1, 1)
    assert derived.ledger["small"].balance == -1
