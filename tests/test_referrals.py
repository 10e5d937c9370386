"""Referral rules, intro paths, fortify, clutter, the giving ledger and the drafts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from kithbook.model.referrals import VouchForMe
from kithbook.render.export import export_data

from .conftest import WriteJournal, contact, entry, run


def monthly(slug: str, months: int, end: str = "2026-11-15", **fields: object) -> dict[str, str]:
    last = dt.date.fromisoformat(end)
    files = {}
    for i in range(months):
        day = last - dt.timedelta(days=30 * i)
        path, text = entry(day.isoformat(), f"work-{slug}", with_=[slug], **fields)
        files[path] = text
    return files


def strong(slug: str, company: str = "Acme", **fields: Any) -> dict[str, str]:
    """A close colleague known since 2020, in touch monthly, with both sides reaching out."""
    files = dict(
        [
            contact(
                slug, company=company, met="2020-01-01", closeness=5,
                relationship=["colleague"], title="Staff Engineer", **fields,
            )
        ]
    )  # fmt: skip
    files |= monthly(slug, 12, kind="meeting", initiated_by="them")
    files |= monthly(slug, 12, end="2026-11-01", kind="call", initiated_by="me")
    return files


def test_strong_tie_with_evidence_is_vouched_for(write_journal: WriteJournal) -> None:
    files = strong("ada", vouch=["Led the 2021 compiler rewrite"])
    files.update([entry("2026-10-10", "review", with_=["ada"], kind="activity",
                        evidence="Ran the incident review calmly")])  # fmt: skip
    views = run(write_journal(files)).derived.referrals
    (vouch,) = views.vouch_for
    assert vouch.slug == "ada"
    assert [e.text for e in vouch.evidence] == [
        "Led the 2021 compiler rewrite",
        "Ran the incident review calmly",
    ]
    assert vouch.draft == (
        "I'd like to recommend Ada, Staff Engineer at Acme. I have known Ada for 6 years; we "
        "have worked together. Two things I have seen first-hand. First: Led the 2021 compiler "
        "rewrite. Second: Ran the incident review calmly. I would be glad to tell you more. "
        "— Sam Owner"
    )


def test_strong_tie_without_evidence_is_a_near_miss(write_journal: WriteJournal) -> None:
    views = run(write_journal(strong("ada"))).derived.referrals
    assert views.vouch_for == ()
    assert [(n.slug, n.missing) for n in views.near_vouch] == [
        ("ada", ("no first-hand evidence yet",))
    ]


def test_tie_known_under_a_year_is_not_vouched_for(write_journal: WriteJournal) -> None:
    files = dict([contact("newbie", met="2026-03-01", closeness=5, vouch=["Shipped X"])])
    files |= monthly("newbie", 8, kind="meeting", initiated_by="them")
    views = run(write_journal(files)).derived.referrals
    assert views.vouch_for == ()
    (near,) = views.near_vouch
    assert "known for only 8 months" in near.missing


def test_silence_keeps_me_from_vouching(write_journal: WriteJournal) -> None:
    files = dict([contact("old", met="2015-01-01", closeness=5, vouch=["Great"])])
    files |= monthly("old", 12, end="2025-08-01", kind="meeting")
    views = run(write_journal(files)).derived.referrals
    assert all(v.slug != "old" for v in views.vouch_for)


def test_recruiter_is_never_fortify_or_clutter(write_journal: WriteJournal) -> None:
    files = dict(
        [
            contact("rita", company="Target Co", relationship=["recruiter"]),
            contact("bare", company="Nowhere Ltd"),
            contact("tara", company="Target Co", relationship=["other"]),
        ]
    )
    derived = run(write_journal(files), targets=["Target Co"]).derived
    assert [f.slug for f in derived.fortify] == ["tara"]
    assert derived.clutter == ("bare",)
    assert "works at Target Co, a target company" in derived.fortify[0].reason


def test_warm_path_through_strong_middle_outranks_weak(write_journal: WriteJournal) -> None:
    files = strong(
        "ada", knows=[{"name": "Cleo Target", "company": "Orbital", "how_well": "colleague"}]
    )
    files |= dict([contact("wes", met="2025-01-01", knows=[
        {"name": "Dan Target", "company": "Orbital", "how_well": "close"}])])  # fmt: skip
    files.update([entry("2025-06-01", "hello", with_=["wes"], kind="message")])
    derived = run(write_journal(files), targets=["Orbital"]).derived
    orbital = next(c for c in derived.companies if c.name == "Orbital")
    assert orbital.target
    first, second = orbital.paths
    assert (first.target, first.via, first.warm) == ("Cleo Target", "ada", True)
    assert (second.target, second.via, second.warm) == ("Dan Target", "wes", False)
    assert first.score > second.score
    assert "Would you be comfortable introducing us?" in first.draft


def test_person_reachable_two_ways_keeps_the_best_path(write_journal: WriteJournal) -> None:
    target = {"name": "Cleo Target", "company": "Orbital", "how_well": "acquaintance"}
    files = strong("ada", knows=[dict(target, how_well="close")])
    files |= strong("bob", knows=[target])
    paths = [p for p in run(write_journal(files)).derived.intro_paths() if p.company == "Orbital"]
    assert [(p.target, p.via, p.link) for p in paths] == [("Cleo Target", "ada", 0.9)]


def test_send_to_and_vouch_for_me(write_journal: WriteJournal) -> None:
    files = strong("ada", company="Acme")
    files.update([entry("2026-09-01", "hackathon", with_=["ada"], kind="activity",
                        got="She recommended me on LinkedIn")])  # fmt: skip
    views = run(write_journal(files)).derived.referrals
    assert views.send_to == {"Acme": ("ada",)}
    assert views.vouch_for_me == (
        VouchForMe("ada", ("1 piece of work done together", "recommended me (2026-09-01)")),
    )


def test_ledger_asks_to_give_before_asking(write_journal: WriteJournal) -> None:
    files = dict([contact("gus", met="2020-01-01")])
    files.update([entry("2026-01-01", "cv", with_=["gus"], kind="call", got="CV review")])
    files.update([entry("2026-02-01", "intro", with_=["gus"], kind="call", got="An intro")])
    files.update([entry("2026-03-01", "drinks", with_=["gus"], kind="meeting", gave="Dinner")])
    derived = run(write_journal(files)).derived
    line = derived.ledger["gus"]
    assert (len(line.gave), len(line.got), line.balance) == (1, 2, -1)


def test_drafts_invent_nothing_and_export_keys(write_journal: WriteJournal) -> None:
    files = dict([contact("zed", met="2019-01-01")])  # no title, no company
    derived = run(write_journal(files), targets=["Orbital"]).derived
    data = export_data(derived)
    for key in ("vouch_for", "near_vouch", "send_to", "vouch_for_me", "fortify", "clutter",
                "intro_paths", "contacts", "follow_ups", "today"):  # fmt: skip
        assert key in data
    assert data["clutter"] == [{"slug": "zed"}]
    json.dumps(data)


def test_draft_without_title_has_no_placeholder(write_journal: WriteJournal) -> None:
    files = dict([contact("nat", name="Nat <b>Bold</b>", met="2020-01-01", closeness=4,
                          vouch=["Fixed the build"])])  # fmt: skip
    files |= monthly("nat", 12, kind="meeting", initiated_by="them")
    derived = run(write_journal(files)).derived
    (vouch,) = derived.referrals.vouch_for
    assert vouch.draft.startswith("I'd like to recommend Nat <b>Bold</b>. I have known Nat")
    assert "None" not in vouch.draft and "{" not in vouch.draft
