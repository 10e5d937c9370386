"""Judgements a user can trust (issue 16): urgency never falls in silence, tiers in sparse
journals, one-sided ties with direction, who could vouch for me, flags that need data,
drafts that never repeat themselves, and `knows:` outsiders resolved to contacts."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kithbook.model.derive import derive
from kithbook.model.stale import ARCHIVED, COOLING, DORMANT, DUE, NEVER, OK, STALE
from kithbook.reading.records import Contact, Entry, Journal, Source
from kithbook.reading.settings import Model, Settings

from .conftest import TODAY, WriteJournal, contact, entry, run

# --- 1. urgency never falls in silence -------------------------------------------------------

SEVERITY = {OK: 0, COOLING: 0, DUE: 1, STALE: 2, DORMANT: 3, ARCHIVED: -1, NEVER: -1}
KINDS = ["meeting", "activity", "video", "call", "message", "event", "reaction", "note"]
EPOCH = dt.date(2022, 1, 1)
SPAN = (TODAY - EPOCH).days + 400

days = st.integers(0, SPAN).map(lambda n: EPOCH + dt.timedelta(days=n))
people = st.builds(
    lambda closeness, kin, met, cadence, archived: (closeness, kin, met, cadence, archived),
    st.sampled_from([None, 1, 2, 3, 4, 5]),
    st.booleans(),
    st.one_of(st.none(), days),
    st.sampled_from([None, None, None, 14, 60, -1]),  # -1: cadence never
    st.sampled_from([False, False, False, False, True]),
)
happenings = st.tuples(
    st.integers(0, 11),  # whose
    days,
    st.sampled_from(KINDS),
    st.booleans(),  # personal
    st.sampled_from([None, "me", "them"]),
    st.integers(0, 11),  # someone else there too (when different)
)


def _journal(persons: list[tuple[object, ...]], events: list[tuple[object, ...]]) -> Journal:
    contacts = []
    for i, (closeness, kin, met, cadence, archived) in enumerate(persons):
        contacts.append(
            Contact(
                source=Source(f"contacts/p{i}.md"),
                slug=f"p{i}",
                name=f"Person {i}",
                closeness=closeness,  # type: ignore[arg-type]
                kin=bool(kin),
                met=met,  # type: ignore[arg-type]
                cadence_days=cadence if isinstance(cadence, int) and cadence > 0 else None,
                cadence_never=cadence == -1,
                archived=bool(archived),
            )
        )
    entries = []
    for n, (who, day, kind, personal, initiated, other) in enumerate(events):
        assert isinstance(who, int) and isinstance(other, int) and isinstance(day, dt.date)
        with_ = tuple(dict.fromkeys(f"p{k % len(persons)}" for k in (who, other)))
        entries.append(
            Entry(
                source=Source(f"journal/{day.year}/{day}-e{n}.md"),
                id=f"{day}-e{n}",
                date=day,
                kind=str(kind),
                with_=with_ if n % 3 == 0 else with_[:1],
                personal=bool(personal),
                initiated_by=initiated,  # type: ignore[arg-type]
            )
        )
    return Journal(tuple(contacts), tuple(sorted(entries, key=lambda e: e.date)))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(people, min_size=1, max_size=12),
    st.lists(happenings, max_size=60),
    days,
    st.integers(1, 700),
    st.sampled_from([1, 3, 6, 50]),  # the journal size at which ranks replace score cut-offs
)
def test_property_urgency_never_falls_in_silence(
    persons: list[tuple[object, ...]],
    events: list[tuple[object, ...]],
    first: dt.date,
    later: int,
    small_journal: int,
) -> None:
    """With no new real interaction, status severity and the overdue ratio never decrease.

    Other people's ties may change in between (their entries are kept), which moves ranks and
    journal-wide cut-offs; light touches (a like) with the person are kept too.
    """
    journal = _journal(persons, events)
    second = first + dt.timedelta(days=later)
    config = Settings(model=Model(small_journal=small_journal))
    before = derive(journal, config, first)
    after = derive(journal, config, second)
    weights = config.model.kind_weights
    for slug in before.statuses:
        real_between = any(
            first < e.date <= second
            and slug in e.with_
            and weights.get(e.kind, 0) * (1.5 if e.personal else 1)
            >= config.model.keep_in_touch_min_weight
            for e in journal.entries
        )
        if real_between:
            continue
        a, b = before.statuses[slug], after.statuses[slug]
        assert SEVERITY[b.status] >= SEVERITY[a.status], (slug, a, b)
        assert b.overdue >= a.overdue, (slug, a, b)
        if a.next_due is not None and b.next_due is not None:
            assert b.next_due <= a.next_due, (slug, a, b)


def test_decayed_close_friend_gets_more_urgent_not_less(write_journal: WriteJournal) -> None:
    """The issue's case: a close friend last seen 2026-11-12, in a journal of two people.

    Her score decays below the tier-2 cut-off (65) by June; before, her standing dropped with
    it, the cadence jumped from 30 to 90 days and she went from dormant back to stale.
    """
    outsider = {"name": "Zed Out", "company": "Far"}
    files = dict([contact("bea", met="2019-03-01", closeness=4, knows=[outsider]), contact("cal")])
    day = dt.date(2026, 6, 3)
    while day <= dt.date(2026, 11, 12):
        who = "me" if day.day % 2 else "them"
        files.update([entry(day.isoformat(), "climb", with_=["bea"], kind="meeting",
                            initiated_by=who)])  # fmt: skip
        day += dt.timedelta(days=20)
    files.update([entry("2026-11-12", "dinner", with_=["bea"], kind="meeting", personal=True)])
    root = write_journal(files)
    seen = []
    for today in ("2026-12-20", "2027-01-15", "2027-03-01", "2027-06-01"):
        derived = run(root, today=dt.date.fromisoformat(today)).derived
        status = derived.statuses["bea"]
        seen.append((status.status, status.overdue, status.next_due, derived.standing["bea"]))
        assert derived.statuses["bea"].fragile_bridge  # she knows people, none of them mine
    assert (
        derived.scores["bea"].score
        < 65
        <= run(root, today=dt.date(2026, 11, 12)).derived.scores["bea"].score
    )
    assert [s[3] for s in seen] == [2, 2, 2, 2]  # fixed at the last interaction
    assert [s[0] for s in seen] == [STALE, STALE, DORMANT, DORMANT]
    assert seen[0][1] == 2.11
    assert [s[1] for s in seen] == sorted(s[1] for s in seen)
    assert {s[2] for s in seen} == {dt.date(2026, 11, 30)}  # never moves later in silence
