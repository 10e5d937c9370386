"""Judgements a user can trust (issue 16): urgency never falls in silence, tiers in sparse
journals, one-sided ties with direction, who could vouch for me, flags that need data,
drafts that never repeat themselves, and `knows:` outsiders resolved to contacts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kithbook.cli.main import cli
from kithbook.model import one_sided
from kithbook.model.derive import derive
from kithbook.model.stale import (
    ARCHIVED,
    BRIDGE_UNKNOWN,
    COOLING,
    DORMANT,
    DUE,
    NEVER,
    OK,
    SNOOZED,
    STALE,
)
from kithbook.reading.records import Contact, Entry, Journal, Known, Snooze, Source
from kithbook.reading.settings import Model, Settings
from kithbook.render.site import render_site

from .conftest import REPO, TODAY, WriteJournal, contact, entry, run

# --- 1. urgency never falls in silence -------------------------------------------------------

# A snooze is the user's own "not before this day": the tie is silent until then and wakes up
# to whatever silence has earned, so severity still never falls.
SEVERITY = {
    OK: 0, COOLING: 0, DUE: 1, STALE: 2, DORMANT: 3, ARCHIVED: -1, NEVER: -1, SNOOZED: -1,
}  # fmt: skip
KINDS = ["meeting", "activity", "video", "call", "message", "event", "reaction", "note"]
EPOCH = dt.date(2022, 1, 1)
SPAN = (TODAY - EPOCH).days + 400

days = st.integers(0, SPAN).map(lambda n: EPOCH + dt.timedelta(days=n))
people = st.builds(
    lambda closeness, kin, met, cadence, archived, knows, snooze: (
        closeness,
        kin,
        met,
        cadence,
        archived,
        knows,
        snooze,
    ),
    st.sampled_from([None, 1, 2, 3, 4, 5]),
    st.booleans(),
    st.one_of(st.none(), days),
    st.sampled_from([None, None, None, 14, 60, -1]),  # -1: cadence never
    st.sampled_from([False, False, False, False, True]),
    st.sampled_from([None, None, "outsider", 0, 1, 2]),  # whom they know: nobody, or p<n>
    st.one_of(st.none(), st.none(), st.none(), days),  # snoozed until this day
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
    for i, (closeness, kin, met, cadence, archived, knows, snooze) in enumerate(persons):
        known: tuple[Known, ...] = ()
        if knows == "outsider":
            known = (Known(Source(f"contacts/p{i}.md"), "close", name="Zed Out", company="Far"),)
        elif isinstance(knows, int):
            known = (Known(Source(f"contacts/p{i}.md"), "close", slug=f"p{knows}"),)
        until = snooze if isinstance(snooze, dt.date) else None
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
                knows=known,
                snooze=Snooze(Source(f"contacts/p{i}.md"), until) if until else None,
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


# --- 3. one-sided ties say which side, with the right action -----------------------------------


def _monthly(slug: str, initiated_by: str, months: int, **fields: object) -> dict[str, str]:
    files: dict[str, str] = {}
    for m in range(months):
        day = dt.date(2026, 1 + m, 5).isoformat()
        files.update([entry(day, f"note-{slug}", with_=[slug], kind="message",
                            initiated_by=initiated_by, **fields)])  # fmt: skip
    return files


def _one_sided_journal(write_journal: WriteJournal) -> Path:
    files = dict([contact("diego", met="2020-01-01"), contact("connor", met="2020-01-01")])
    files |= _monthly("diego", "them", 8)  # writes every month, never a reply
    files |= _monthly("connor", "me", 4)  # I keep writing, nothing back
    return write_journal(files)


def test_one_sided_says_who_reaches_out_and_what_to_do(write_journal: WriteJournal) -> None:
    derived = run(_one_sided_journal(write_journal)).derived
    found = {o.slug: o for o in derived.one_sided}
    assert (found["diego"].who, found["diego"].how) == ("them", "reaching")
    assert found["diego"].says == "They do the reaching out: 8 of 8 started by them"
    assert found["diego"].action.startswith("Reply")
    assert found["connor"].says == "I do the reaching out: 4 of 4 started by me"
    assert found["connor"].action.startswith("Stop chasing: give something instead")
    # someone waiting for a reply is not offered a "we don't know each other" outreach
    assert "diego" not in {f.slug for f in derived.fortify}


def test_one_sided_giving_only(write_journal: WriteJournal) -> None:
    files = dict([contact("gus", met="2020-01-01")])
    files.update([entry("2026-03-01", "cv", with_=["gus"], kind="call", gave="CV review")])
    files.update([entry("2026-05-01", "intro", with_=["gus"], kind="call", gave="An intro")])
    (item,) = run(write_journal(files)).derived.one_sided
    assert (item.who, item.how, item.says) == (
        "me",
        "giving",
        "I give, nothing comes back: gave 2, got 0",
    )


def test_site_and_cli_use_the_same_words_for_one_sided(write_journal: WriteJournal) -> None:
    root = _one_sided_journal(write_journal)
    analysis = run(root)
    pages = {page.uri: page.content for page in render_site(analysis)}
    home = pages["index.md"]
    result = CliRunner().invoke(cli, ["--root", str(root), "--today", str(TODAY), "today"])
    assert result.exit_code == 0, result.output
    for item in analysis.derived.one_sided:
        assert f"{item.says}. <strong>{item.action}</strong>" in home
        assert f"— {item.says}. {item.action}" in result.output
    assert one_sided.INTRO in home and one_sided.INTRO in result.output
    assert "usually me" not in home
    data = json.loads(
        CliRunner()
        .invoke(cli, ["--root", str(root), "--today", str(TODAY), "today", "--format", "json"])
        .output
    )
    assert {o["slug"]: o["who"] for o in data["one_sided"]} == {"diego": "them", "connor": "me"}


# --- 5. flags that need data say so ------------------------------------------------------------


def test_no_fragile_bridge_without_knows_data(write_journal: WriteJournal) -> None:
    files = dict([contact("una", met="2015-01-01", closeness=5)])
    outsider = {"name": "Zed Out", "company": "Far"}
    files.update([contact("val", met="2015-01-01", closeness=5, knows=[outsider])])
    for slug in ("una", "val"):
        for m in range(1, 11):
            files.update([entry(f"2026-{m:02d}-10", f"walk-{slug}", with_=[slug], kind="meeting",
                                initiated_by="me" if m % 2 else "them")])  # fmt: skip
    root = write_journal(files)
    analysis = run(root)
    una, val = analysis.derived.statuses["una"], analysis.derived.statuses["val"]
    assert analysis.derived.standing["una"] <= 3
    assert (una.fragile_bridge, una.bridge_unknown) == (False, True)
    assert (val.fragile_bridge, val.bridge_unknown) == (True, False)
    assert "fragile_bridge" not in analysis.derived.flags("una")
    assert una.expected_gap is not None and val.expected_gap is not None
    assert val.expected_gap < una.expected_gap  # only the known bridge is nudged earlier
    home = {p.uri: p.content for p in render_site(analysis)}["index.md"]
    assert "## Fragile bridges (1)" in home
    assert "**Bridge unknown (1):**" in home and BRIDGE_UNKNOWN in home
    shown = CliRunner().invoke(cli, ["--root", str(root), "--today", str(TODAY), "show", "una"])
    assert f"Bridge unknown: {BRIDGE_UNKNOWN}" in shown.output


# --- 4. who could vouch for me needs evidence about my work ------------------------------------


def _close(slug: str, relationship: str) -> dict[str, str]:
    """A close tie in monthly touch through 2026, both sides reaching out."""
    files = dict([contact(slug, met="2019-01-01", closeness=5, relationship=[relationship])])
    for m in range(1, 12):
        files.update([entry(f"2026-{m:02d}-03", f"call-{slug}", with_=[slug], kind="call",
                            initiated_by="me" if m % 2 else "them")])  # fmt: skip
    return files


def test_hobbies_alone_do_not_make_a_reference(write_journal: WriteJournal) -> None:
    files = _close("climber", "friend") | _close("coder", "colleague") | _close("pal", "friend")
    files |= _close("fan", "friend")
    for day in ("2026-06-10", "2026-07-10"):
        files.update([entry(day, "bouldering", with_=["climber"], kind="activity")])
        files.update([entry(day, "pairing", with_=["coder"], kind="activity")])
    files.update([entry("2026-08-01", "design-review", with_=["pal"], kind="meeting",
                        evidence="Pal took apart my design doc and made it better")])  # fmt: skip
    files.update([entry("2026-09-01", "kind-words", with_=["fan"], kind="message",
                        got="Fan will refer me for the role")])  # fmt: skip
    views = run(write_journal(files), owner="Sam Owner").derived.referrals
    found = {v.slug: v.reasons for v in views.vouch_for_me}
    assert "climber" not in found  # two climbing sessions are not my work
    assert found["coder"] == ("2 pieces of work done together",)
    assert found["pal"] == ("saw my work first-hand (2026-08-01)",)
    assert found["fan"] == ("recommended me (2026-09-01)",)


def test_dormant_and_long_silent_candidates_carry_a_warning(write_journal: WriteJournal) -> None:
    files = _close("now", "colleague")
    files.update([entry("2026-10-01", "ship-it", with_=["now"], kind="activity")])
    # a colleague of years who went quiet: seen my work, but 14 months silent
    files.update([contact("was", met="2015-01-01", closeness=5, relationship=["colleague"],
                          cadence="2y")])  # fmt: skip
    day = dt.date(2024, 1, 10)
    while day < dt.date(2025, 9, 1):
        files.update([entry(day.isoformat(), "ship", with_=["was"], kind="activity",
                            personal=True)])  # fmt: skip
        day += dt.timedelta(days=7)
    root = write_journal(files)
    analysis = run(root)
    derived = analysis.derived
    assert derived.tiers["was"] <= 3 and derived.statuses["was"].status != DORMANT
    by_slug = {v.slug: v for v in derived.referrals.vouch_for_me}
    assert by_slug["now"].warnings == ()
    assert by_slug["was"].warnings == ("not in touch for 14 months: reconnect before asking",)
    assert [v.slug for v in derived.referrals.vouch_for_me] == ["now", "was"]  # ready first
    # the site and `kith referrals` say it in the same words
    warning = "Warning: not in touch for 14 months: reconnect before asking."
    page = {p.uri: p.content for p in render_site(analysis)}["referrals.md"]
    assert "1 piece of work done together" in page
    assert f"<strong>{warning}</strong>" in page
    shown = CliRunner().invoke(cli, ["--root", str(root), "--today", str(TODAY), "referrals"])
    assert "- Was (was) — " in shown.output and f"    {warning}" in shown.output


def test_dormant_candidate_warning_wording() -> None:
    from kithbook.model.referrals import ask_warnings
    from kithbook.model.stale import Status

    dormant = Status(DORMANT, 14, None, 5.0, None, dt.date(2026, 8, 1), False, False, 0.0)
    assert ask_warnings(dormant, TODAY, Settings()) == (
        "dormant (last in touch 2026-08-01): reconnect before asking",
    )


# --- 6. drafts never repeat an evidence line and read naturally --------------------------------


def test_referral_draft_says_repeated_evidence_once(write_journal: WriteJournal) -> None:
    files = _close("ada", "colleague")
    line = "Ada shipped the billing migration without a minute of downtime"
    for day in ("2026-02-10", "2026-04-10", "2026-06-10"):
        files.update([entry(day, "migration", with_=["ada"], kind="activity", evidence=line)])
    (vouch,) = run(write_journal(files)).derived.referrals.vouch_for
    assert vouch.draft.count("billing migration") == 1
    assert f"One thing I have seen first-hand: {line}." in vouch.draft


def test_evidence_reads_naturally_for_one_two_and_many() -> None:
    from kithbook.model.drafts import evidence_paragraph

    assert evidence_paragraph([]) == ""
    assert evidence_paragraph(["led the review.", "Led the review", " led  the review "]) == (
        "One thing I have seen first-hand: Led the review."
    )
    assert evidence_paragraph(["Led the review", "Fixed the build"]) == (
        "Two things I have seen first-hand. First: Led the review. Second: Fixed the build."
    )
    three = evidence_paragraph(["A", "B", "C"])
    assert three == "Three things I have seen first-hand. First: A. Second: B. Third: C."
    many = evidence_paragraph(["A", "B", "A.", "C", "D"])
    assert many == "A few of the things I have seen first-hand. First: A. Second: B. Third: C."


# --- 2. tiers that mean something in sparse journals --------------------------------------------


def _sparse_journal(write_journal: WriteJournal) -> Path:
    """58 contacts, 41 of them imported names with no interaction; Hal writes to me monthly."""
    files = dict(contact(f"name-{i:02d}", met="2024-01-01") for i in range(41))
    outsider = {"name": "Tess Target", "company": "Orbital", "how_well": "close"}
    files.update([contact("hal", met="2024-06-01", knows=[outsider])])
    files |= _monthly("hal", "them", 10)
    for i in range(16):
        files.update([contact(f"met-{i:02d}", met="2025-01-01")])
        files.update([entry("2025-05-01", f"meetup-{i:02d}", with_=[f"met-{i:02d}"],
                            kind="event")])  # fmt: skip
    return write_journal(files)


def test_contacts_without_interactions_take_no_rank_slots(write_journal: WriteJournal) -> None:
    derived = run(_sparse_journal(write_journal), targets=["Orbital"]).derived
    assert len(derived.network.contacts) == 58
    assert derived.scores["hal"].one_sided and derived.scores["hal"].score < 45
    assert derived.tiers["hal"] >= 4  # not "trusted" on a score under the tier-3 cut-off
    assert all(derived.tiers[f"name-{i:02d}"] == 5 for i in range(41))
    (path,) = [p for p in derived.intro_paths() if p.via == "hal"]
    assert not path.warm


def test_one_way_volume_alone_is_not_trusted(write_journal: WriteJournal) -> None:
    files: dict[str, str] = {}
    for slug, closeness in (("fan", None), ("sib", 5), ("mid", None)):
        fields = {"met": "2019-01-01"} | ({"closeness": closeness} if closeness else {})
        files.update([contact(slug, **fields)])  # type: ignore[arg-type]
    for week in range(40):
        day = (dt.date(2026, 1, 4) + dt.timedelta(weeks=week)).isoformat()
        for slug in ("fan", "sib"):
            files.update([entry(day, f"call-{slug}", with_=[slug], kind="call",
                                initiated_by="them", personal=True)])  # fmt: skip
        files.update([entry(day, "call-mid", with_=["mid"], kind="call",
                            initiated_by="me" if week % 2 else "them")])  # fmt: skip
    derived = run(write_journal(files), model={"small_journal": 2}).derived  # ranks decide
    assert derived.scores["fan"].one_sided and derived.scores["sib"].one_sided
    assert derived.tiers["fan"] == 4  # capped: all one-way, no closeness rating
    assert derived.tiers["sib"] <= 2  # a rating says how close, whoever does the calling
    assert derived.tiers["mid"] <= 3


# --- 7. knows: outsiders that match a contact ----------------------------------------------------


def _moved_journal(write_journal: WriteJournal, twins: bool = False) -> Path:
    ana = {"name": "Ana Lima", "company": "OldCo", "how_well": "close"}
    files = dict([contact("bo", met="2019-01-01", closeness=5, knows=[ana])])
    files.update([contact("ana-lima", name="Ána Lima", company="NewCo", met="2026-01-01")])
    if twins:
        files.update([contact("ana-lima-2", name="Ana Lima", company="ThirdCo")])
    for m in range(1, 11):
        files.update([entry(f"2026-{m:02d}-02", "lunch-bo", with_=["bo"], kind="meeting",
                            initiated_by="me" if m % 2 else "them")])  # fmt: skip
    return write_journal(files)


def test_outsider_who_became_a_contact_is_resolved(write_journal: WriteJournal) -> None:
    root = _moved_journal(write_journal)
    analysis = run(root)
    (known,) = analysis.journal.by_slug()["bo"].knows
    assert (known.slug, known.matched) == ("ana-lima", True)
    companies = {p.company: p for p in analysis.derived.intro_paths() if p.via == "bo"}
    assert set(companies) == {"NewCo"}  # the path follows her current company
    assert companies["NewCo"].target_slug == "ana-lima"
    assert analysis.derived.network.shared["bo"] == frozenset({"ana-lima"})
    message = (
        "contacts/bo.md:5: knows 'Ana Lima' at OldCo, who is your contact 'ana-lima' "
        "(now at NewCo): write 'slug: ana-lima' instead of name and company"
    )
    assert [str(p) for p in analysis.problems] == [message]
    result = CliRunner().invoke(cli, ["--root", str(root), "--today", str(TODAY), "check"])
    assert result.exit_code == 1
    assert message in result.output


def test_an_ambiguous_name_stays_an_outsider(write_journal: WriteJournal) -> None:
    analysis = run(_moved_journal(write_journal, twins=True))
    (known,) = analysis.journal.by_slug()["bo"].knows
    assert (known.slug, known.matched, known.company) == (None, False, "OldCo")
    assert analysis.problems == ()


def test_contact_page_and_kith_show_give_the_one_sided_action(write_journal: WriteJournal) -> None:
    root = _one_sided_journal(write_journal)
    analysis = run(root)
    page = {p.uri: p.content for p in render_site(analysis)}["people/diego.md"]
    words = (
        "They do the reaching out: 8 of 8 started by them. Reply, and reach out first next time."
    )
    assert f"<strong>One-sided:</strong> {words}" in page
    shown = CliRunner().invoke(cli, ["--root", str(root), "--today", str(TODAY), "show", "diego"])
    assert f"One-sided: {words}" in shown.output


def test_the_example_journal_shows_the_documented_judgements() -> None:
    """The worked examples of How scores work, on the repository's own journal."""
    derived = run(REPO).derived
    fatima = derived.statuses["fatima-benali"]
    assert (derived.standing["fatima-benali"], fatima.expected_gap) == (3, 90)
    assert (fatima.status, fatima.overdue, fatima.next_due) == (
        DORMANT, 4.01, dt.date(2026, 2, 24),
    )  # fmt: skip
    for_me = {v.slug: v for v in derived.referrals.vouch_for_me}
    assert "tiago-almeida" not in for_me  # bouldering is not my work
    assert for_me["priya-raman"].reasons[0] == "saw my work first-hand (2023-03-21)"
    diego = next(o for o in derived.one_sided if o.slug == "diego-reyes")
    assert (diego.who, diego.says) == ("them", "They do the reaching out: 5 of 5 started by them")
