"""Fortify (weak ties worth knowing better) and clutter (contacts with nothing behind them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..reading.records import Contact, Entry
from ..reading.settings import Settings
from .drafts import draft_outreach
from .paths import Company, company_key
from .strength import Score


@dataclass(frozen=True, slots=True)
class Fortify:
    slug: str
    value: float  # what they could open; the ranking key
    reason: str
    draft: str


def rank_fortify(
    contacts: Mapping[str, Contact],
    timeline: Mapping[str, tuple[Entry, ...]],
    shared: Mapping[str, frozenset[str]],
    scores: Mapping[str, Score],
    tiers: Mapping[str, int],
    companies: list[Company],
    today: dt.date,
    settings: Settings,
) -> tuple[Fortify, ...]:
    """Connections I do not really know, ranked by what they could open.

    Low strength, no closeness rating, not recruiters, not archived. Worth: working at a
    target company, contacts we share, knowing people at target companies, and being a
    moderately weak tie (tier 4–5 with shared contacts — the ties that helped most with job
    mobility in the LinkedIn experiment).
    """
    targets = {company_key(t) for t in settings.targets}
    reaches_target = {path.via for company in companies if company.target for path in company.paths}
    found: list[Fortify] = []
    for slug, contact in contacts.items():
        score = scores[slug]
        if (
            contact.archived
            or contact.is_recruiter
            or contact.closeness is not None
            or contact.cadence_never
            or "family" in contact.relationship
            or score.score >= settings.referrals.fortify_max_score
        ):
            continue
        value = 0.0
        reasons = []
        if contact.company and company_key(contact.company) in targets:
            value += 3
            reasons.append(f"works at {contact.company}, a target company")
        if slug in reaches_target:
            value += 2
            reasons.append("knows people at a target company")
        common = [s for s in sorted(shared.get(slug, ())) if s in contacts]
        if common:
            value += min(3, len(common))
            names = ", ".join(contacts[s].name for s in common[:3])
            more = f" and {len(common) - 3} more" if len(common) > 3 else ""
            reasons.append(
                f"{len(common)} shared contact{'s' if len(common) != 1 else ''} ({names}{more})"
            )
            if tiers[slug] >= 4:
                value += 1
                reasons.append("a moderately weak tie: the kind that helps most with job moves")
        if timeline.get(slug):
            value += 0.5
            if not reasons:
                reasons.append("we have been in touch, but only a little")
        if value <= 0 and not contact.relationship and not contact.body.strip():
            continue  # nothing behind this contact: clutter, not a tie to fortify
        if not reasons:
            reasons.append("a connection I barely know; nothing shared yet")
        reason = "; ".join(reasons)
        found.append(
            Fortify(slug, value, reason, draft_outreach(contact, today, settings.owner, reason))
        )
    found.sort(key=lambda f: (-f.value, -scores[f.slug].score, f.slug))
    return tuple(found)


def find_clutter(
    contacts: Mapping[str, Contact],
    timeline: Mapping[str, tuple[Entry, ...]],
    fortify: tuple[Fortify, ...],
) -> tuple[str, ...]:
    """No relationship, no interaction, no notes — to archive or delete. Recruiters excluded."""
    worth = {f.slug for f in fortify}
    return tuple(
        slug
        for slug, contact in contacts.items()
        if not contact.archived
        and not contact.is_recruiter
        and not contact.relationship
        and not timeline.get(slug)
        and not contact.body.strip()
        and not contact.vouch
        and contact.closeness is None
        and slug not in worth
    )
