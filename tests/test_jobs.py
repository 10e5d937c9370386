"""The job search: paths that mean what they say, applications, and what to do first."""

from __future__ import annotations

from kithbook.model.paths import CHECK, FORTIFY, INTRO, REFERRAL

from .conftest import WriteJournal, contact, entry, run
from .test_referrals import strong


def test_acquaintance_only_link_is_not_warm(write_journal: WriteJournal) -> None:
    files = strong(
        "ada", knows=[{"name": "Cleo Target", "company": "Orbital", "how_well": "acquaintance"}]
    )
    derived = run(write_journal(files), targets=["Orbital"]).derived
    (path,) = next(c for c in derived.companies if c.name == "Orbital").paths
    assert (path.via, path.warm, path.link_kind, path.action) == (
        "ada",
        False,
        "acquaintance",
        CHECK,
    )
    assert "ask whether they really know them" in path.advice
    assert "How well do you know them?" in path.draft


def test_colleague_link_through_strong_tie_is_warm(write_journal: WriteJournal) -> None:
    files = strong(
        "ada", knows=[{"name": "Cleo Target", "company": "Orbital", "how_well": "colleague"}]
    )
    (path,) = run(write_journal(files)).derived.intro_paths()
    assert (path.warm, path.action) == (True, INTRO)
    assert "Would you be comfortable introducing us?" in path.draft


def test_appearing_together_in_my_entries_makes_a_weak_link_warm(
    write_journal: WriteJournal,
) -> None:
    files = strong("ada", knows=[{"slug": "cleo", "how_well": "acquaintance"}])
    files |= dict([contact("cleo", company="Orbital", met="2025-01-01")])
    files |= dict([entry("2026-10-01", "dinner", with_=["ada", "cleo"], kind="meeting")])
    (path,) = run(write_journal(files)).derived.intro_paths()
    assert (path.via, path.target, path.link_kind, path.warm) == ("ada", "Cleo", "together", True)


def test_never_contacted_sole_bridge_gives_a_cold_path_and_is_not_clutter(
    write_journal: WriteJournal,
) -> None:
    files = dict(
        [
            contact("nico", knows=[{"name": "Ben Ortiz", "company": "Helix", "how_well": "close"}]),
            contact("bare", company="Nowhere Ltd"),
        ]
    )
    derived = run(write_journal(files), targets=["Helix"]).derived
    helix = next(c for c in derived.companies if c.name == "Helix")
    (path,) = helix.paths
    assert (path.via, path.warm, path.action, path.score) == ("nico", False, FORTIFY, 0.0)
    assert derived.clutter == ("bare",)
    assert derived.fortify[0].slug == "nico"
    assert derived.fortify[0].reason.startswith("your only way into Helix: knows Ben Ortiz there")


def test_cold_path_carries_a_fortify_action_not_an_intro_draft(
    write_journal: WriteJournal,
) -> None:
    files = dict(
        [contact("wes", met="2025-01-01", knows=[
            {"name": "Dan Target", "company": "Orbital", "how_well": "close"}])]
    )  # fmt: skip
    files.update([entry("2025-06-01", "hello", with_=["wes"], kind="message")])
    derived = run(write_journal(files), targets=["Orbital"]).derived
    (path,) = derived.intro_paths()
    assert (path.warm, path.action) == (False, FORTIFY)
    assert "introducing" not in path.draft
    assert "don't really know each other" in path.draft
    assert "get to know Wes first; expect 3–6 months" in path.advice
    (row,) = derived.job_search
    assert (row.step, row.ask, row.time_frame) == (FORTIFY, "wes", "3–6 months")


def test_middle_person_at_the_target_is_asked_for_a_referral(write_journal: WriteJournal) -> None:
    files = strong("ada", company="Orbital", knows=[{"slug": "cleo", "how_well": "colleague"}])
    files |= dict([contact("cleo", company="Orbital", title="Engineering Manager")])
    derived = run(write_journal(files), targets=["Orbital"]).derived
    (path,) = derived.intro_paths()
    assert path.action == REFERRAL
    assert "Would you be comfortable referring me" in path.draft
    (row,) = derived.job_search
    assert (row.step, row.ask) == (REFERRAL, "ada")


def test_fortify_puts_target_bridges_first_and_names_company_and_person(
    write_journal: WriteJournal,
) -> None:
    files = dict(
        [
            contact("abe", company="Else", relationship=["other"],
                    knows=["bea", "cy"]),  # shared contacts: worth more points
            contact("bea", relationship=["other"]),
            contact("cy", relationship=["other"]),
            contact("zed", relationship=["other"], knows=[
                {"name": "Ben Ortiz", "company": "Helix", "how_well": "colleague"}]),
        ]
    )  # fmt: skip
    derived = run(write_journal(files), targets=["Helix"]).derived
    assert derived.fortify[0].slug == "zed"
    assert "Helix" in derived.fortify[0].reason and "Ben Ortiz" in derived.fortify[0].reason


def test_bad_application_entries_give_path_line_messages(write_journal: WriteJournal) -> None:
    root = write_journal(
        {
            "journal/2026/2026-11-01-applied-helix.md": """
                ---
                date: 2026-11-01
                kind: application
                role: Staff Engineer
                status: ghosted
                referred_by: nobody
                updated: 2026-10-01
                ---
                """,
            "journal/2026/2026-11-02-coffee.md": """
                ---
                date: 2026-11-02
                kind: note
                company: Helix
                ---
                """,
        }
    )
    problems = [str(p) for p in run(root).problems]
    assert problems == [
        "journal/2026/2026-11-01-applied-helix.md:3: an application needs 'company': "
        "where you applied",
        "journal/2026/2026-11-01-applied-helix.md:5: unknown status 'ghosted'; expected one of: "
        "applied, screening, interviewing, offer, accepted, rejected, withdrawn",
        "journal/2026/2026-11-01-applied-helix.md:7: updated 2026-10-01 is before the "
        "application's date 2026-11-01",
        "journal/2026/2026-11-02-coffee.md:4: 'company' belongs to job applications: add "
        "'kind: application'",
    ]


def application(day: str, company: str, **fields: object) -> tuple[str, str]:
    return entry(day, f"applied-{company.lower()}", kind="application", company=company, **fields)


def test_an_open_application_makes_a_target_and_a_job_search_row(
    write_journal: WriteJournal,
) -> None:
    files = strong(
        "ada", knows=[{"name": "Cleo Target", "company": "Orbital", "how_well": "close"}]
    )
    files |= dict([application("2026-11-01", "Orbital", role="Staff Engineer")])
    files |= dict([application("2026-09-01", "Gone", role="SRE", status="rejected")])
    files |= dict([entry("2026-10-10", "cv", with_=["ada"], kind="call", got="CV review")])
    files |= dict([entry("2026-10-11", "intro", with_=["ada"], kind="call", got="An intro")])
    derived = run(write_journal(files)).derived
    orbital = next(c for c in derived.companies if c.name == "Orbital")
    assert orbital.target and orbital.applied
    assert not next(c for c in derived.companies if c.name == "Gone").target
    (row,) = derived.job_search
    assert (row.state, row.age_days, row.step, row.ask) == ("applied", 21, INTRO, "ada")
    assert row.balance_note == "give first: you owe Ada two favours"


def test_status_change_closes_an_application(write_journal: WriteJournal) -> None:
    files = dict([application("2026-11-01", "Orbital", status="rejected", updated="2026-11-20")])
    derived = run(write_journal(files)).derived
    assert derived.job_search == ()
    assert not next(c for c in derived.companies if c.name == "Orbital").target


def test_the_worked_example_of_how_scores_work(write_journal: WriteJournal) -> None:
    ben = {"name": "Ben Ortiz", "company": "Helix Bio", "title": "CTO"}
    files = strong("carla", company="Elsewhere", knows=[dict(ben, how_well="acquaintance")])
    files |= dict([contact("nico", knows=[dict(ben, how_well="close")])])
    derived = run(write_journal(files), targets=["Helix Bio"]).derived
    (path,) = next(c for c in derived.companies if c.name == "Helix Bio").paths
    assert (path.via, path.warm, path.action) == ("carla", False, CHECK)
    assert derived.tiers["carla"] <= 3

    files = strong("carla", company="Elsewhere")
    files |= dict([contact("nico", knows=[dict(ben, how_well="close")])])
    derived = run(write_journal(files), targets=["Helix Bio"]).derived
    (path,) = next(c for c in derived.companies if c.name == "Helix Bio").paths
    assert (path.via, path.warm, path.action) == ("nico", False, FORTIFY)
    assert derived.fortify[0].slug == "nico"
    assert derived.fortify[0].reason == "your only way into Helix Bio: knows Ben Ortiz there"
    assert "nico" not in derived.clutter


def test_send_to_puts_targets_first_with_the_giving_balance(write_journal: WriteJournal) -> None:
    from kithbook.render.site import render_site

    files = strong("ada", company="Acme") | strong("zed", company="Zeta")
    files |= dict([entry("2026-10-10", "cv", with_=["zed"], kind="call", got="CV review")])
    analysis = run(write_journal(files), targets=["Zeta"])
    assert list(analysis.derived.referrals.send_to) == ["Acme", "Zeta"]
    page = next(p.content for p in render_site(analysis) if p.uri == "referrals.md")
    send_to = page[page.index("## I could send a referral to") :]
    assert send_to.index("<strong>Zeta</strong> (target)") < send_to.index("<strong>Acme</strong>")
    assert "Zed</a> (give first: you owe Zed one favour)" in send_to
    assert "Ada</a> (nothing given or received with Ada yet)" in send_to
