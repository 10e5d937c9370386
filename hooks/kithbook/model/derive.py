"""Derive stage: every view the site and the CLI show, as pure functions of (journal, today)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from ..reading.records import Entry, Journal
from ..reading.settings import Settings
from .fortify import Fortify, find_clutter, rank_fortify
from .jobs import JobRow, application_companies, plan_job_search
from .ledger import LedgerLine, build_ledger, is_favour
from .network import Network, build_network
from .one_sided import OneSided, describe_one_sided
from .paths import Company, IntroPath, map_companies
from .referrals import ReferralViews, rank_referrals
from .stale import WARNED, Status, reference_day, tie_status
from .strength import (
    Score,
    Touch,
    collect_touches,
    history_dates,
    history_scores,
    known_since,
    score_contact,
)
from .tiers import assign_standing, assign_tiers


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    entry: Entry
    due: dt.date
    what: str
    overdue: bool


@dataclass(frozen=True)
class Derived:
    """Everything computed from a journal as of `today`."""

    today: dt.date
    network: Network
    scores: dict[str, Score]
    tiers: dict[str, int]
    standing: dict[str, int]
    statuses: dict[str, Status]
    since: dict[str, dt.date | None]
    gave: dict[str, int]
    got: dict[str, int]
    follow_ups: tuple[FollowUpItem, ...]  # open ones, soonest first
    history_dates: tuple[dt.date, ...]
    history: dict[str, tuple[float, ...]]  # score at each history date
    referrals: ReferralViews
    companies: tuple[Company, ...]
    fortify: tuple[Fortify, ...]
    clutter: tuple[str, ...]
    ledger: dict[str, LedgerLine]
    one_sided: tuple[OneSided, ...] = ()  # active one-sided ties, strongest first
    settings: Settings = field(default_factory=Settings)

    @functools.cached_property
    def job_search(self) -> tuple[JobRow, ...]:
        """The job search rows, computed on first use (from redacted data when redacted)."""
        return plan_job_search(
            self.companies,
            self.network.entries.values(),
            self.network.contacts,
            self.scores,
            self.tiers,
            self.ledger,
            self.today,
            self.settings,
        )

    def intro_paths(self) -> list[IntroPath]:
        return [path for company in self.companies for path in company.paths]

    def warnings(self) -> list[str]:
        """Slugs of ties due, stale or dormant, most at stake first."""
        warned = [
            s
            for s, st in self.statuses.items()
            if st.status in WARNED and st.expected_gap is not None
        ]
        return sorted(warned, key=lambda s: (-self.statuses[s].stake, s))

    def flags(self, slug: str) -> list[str]:
        score, status = self.scores[slug], self.statuses[slug]
        flags = []
        if score.one_sided:
            flags.append("one_sided")
        if status.fragile_bridge:
            flags.append("fragile_bridge")
        if score.low_confidence:
            flags.append("low_confidence")
        if status.cooling:
            flags.append("cooling")
        if self.network.contacts[slug].kin:
            flags.append("kin")
        return flags

    def total_history(self) -> list[float]:
        """Network strength (the sum of scores) at each history date."""
        columns = zip(*self.history.values(), strict=True) if self.history else []
        totals = [round(sum(col), 1) for col in columns]
        return totals or [0.0] * len(self.history_dates)


def derive(
    journal: Journal, settings: Settings, today: dt.date, network: Network | None = None
) -> Derived:
    """Score, tier and check every tie as of `today`, plus its history for the charts.

    `network`: this journal's network, when the caller has built it already.
    """
    model = settings.model
    if network is None or network.journal is not journal:
        network = build_network(journal)
    dates = history_dates(today, settings.history_months)
    scores: dict[str, Score] = {}
    scores_then: dict[str, float] = {}  # as of each tie's reference day, for its standing
    touches_by: dict[str, tuple[Touch, ...]] = {}
    since: dict[str, dt.date | None] = {}
    history: dict[str, tuple[float, ...]] = {}
    gave: dict[str, int] = {}
    got: dict[str, int] = {}
    for slug, contact in network.contacts.items():
        entries = [e for e in network.timeline.get(slug, ()) if e.date <= today]
        touches = collect_touches(entries, model)
        touches_by[slug] = touches
        since[slug] = known_since(contact, entries)
        shared = len(network.shared.get(slug, ()))
        scores[slug] = score_contact(contact, touches, since[slug], shared, today, model)
        ref = reference_day(touches, since[slug], today, model)
        known = since[slug]
        then = scores[slug].score
        if touches:
            # the score on the reference day rides along with the chart's dates (one lookup)
            extra = [ref] if ref is not None and ref < today else []
            past = history_scores(contact, touches, known, shared, [*dates[:-1], *extra], model)
            if extra:
                then = past.pop()
        else:  # no interaction ever: nothing decays or grows, the score is the same all along
            past = [scores[slug].score] * (len(dates) - 1)
        scores_then[slug] = then
        past = [
            s if known is not None and known <= d else 0.0
            for s, d in zip(past, dates[:-1], strict=True)
        ]
        history[slug] = (*past, scores[slug].score)
        gave[slug] = sum(1 for e in entries if e.gave and is_favour(e))
        got[slug] = sum(1 for e in entries if e.got and is_favour(e))
    tiers = assign_tiers(scores, network.contacts, model)
    standing = assign_standing(scores_then, network.contacts, model)
    statuses = {
        slug: tie_status(
            contact,
            scores[slug],
            touches_by[slug],
            standing[slug],
            since[slug],
            len(network.shared.get(slug, ())),
            today,
            model,
            knows_recorded=bool(contact.knows),
        )
        for slug, contact in network.contacts.items()
    }
    follow_ups = tuple(
        sorted(
            (
                FollowUpItem(e, e.follow_up.due, e.follow_up.what, e.follow_up.due < today)
                for e in network.entries.values()
                if e.follow_up is not None and not e.follow_up.done
            ),
            key=lambda f: (f.due, f.entry.id),
        )
    )
    referrals = rank_referrals(
        network.contacts, network.timeline, scores, tiers, statuses, since, today, settings
    )
    applied = application_companies(network.entries.values())
    companies = map_companies(
        network.contacts, network.co_present, scores, tiers, settings, today, applied
    )
    one_sided = sorted(
        (
            found
            for slug, contact in network.contacts.items()
            if not contact.archived
            and scores[slug].one_sided
            and (found := describe_one_sided(slug, touches_by[slug], today, model)) is not None
        ),
        key=lambda o: (-scores[o.slug].score, o.slug),
    )
    # Someone who keeps writing to me needs a reply, not a "we don't really know each other"
    # outreach: they are listed under one-sided ties with that action instead of on Fortify.
    unanswered = {o.slug for o in one_sided if o.who == "them"}
    fortify = rank_fortify(
        network.contacts,
        network.timeline,
        network.shared,
        scores,
        tiers,
        companies,
        today,
        settings,
    )
    fortify = tuple(f for f in fortify if f.slug not in unanswered)
    return Derived(
        today=today,
        network=network,
        scores=scores,
        tiers=tiers,
        standing=standing,
        statuses=statuses,
        since=since,
        gave=gave,
        got=got,
        follow_ups=follow_ups,
        history_dates=tuple(dates),
        history=history,
        referrals=referrals,
        companies=tuple(companies),
        fortify=fortify,
        clutter=find_clutter(network.contacts, network.timeline, fortify, companies),
        ledger=build_ledger(network.timeline),
        settings=settings,
        one_sided=tuple(one_sided),
    )
