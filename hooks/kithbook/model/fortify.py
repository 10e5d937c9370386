"""Fortify (weak ties worth knowing better) and clutter (contacts with nothing behind them)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
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
    opens_target: bool = False  # works at, or is a bridge into, a target company


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
    targets = {company_key(c.name) for c in companies if c.target}
    applied = {company_key(c.name) for c in companies if c.applied}
    reaches = bridges_into_targets(companies)
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
        opens_target = False
        if contact.company and company_key(contact.company) in targets:
            value += 3
            opens_target = True
            reasons.append(
                f"works at {contact.company}, where you have an open application"
                if company_key(contact.company) in applied
                else f"works at {contact.company}, a target company"
            )
        for company, target, sole in reaches.get(slug, ())[:2]:
            value += 2 if not opens_target else 0
            opens_target = True
            why = "your only way into" if sole else "a way into"
            applied_note = " (open application)" if company.applied else ""
            reasons.append(f"{why} {company.name}{applied_note}: knows {target} there")
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
            Fortify(
                slug,
                value,
                reason,
                draft_outreach(contact, today, settings.owner, reason),
                opens_target,
            )
        )
    found.sort(key=lambda f: (not f.opens_target, -f.value, -scores[f.slug].score, f.slug))
    return tuple(found)


def bridges_into_targets(
    companies: Iterable[Company],
) -> dict[str, list[tuple[Company, str, bool]]]:
    """Middle people on paths into target companies: slug → (company, target, only way in).

    Open applications first, then by company name. "Only way in": nobody I know directly
    there and every path into the company goes through this one person.
    """
    out: dict[str, list[tuple[Company, str, bool]]] = defaultdict(list)
    chosen = sorted((c for c in companies if c.target), key=lambda c: (not c.applied, c.name))
    for company in chosen:
        vias = {p.via for p in company.paths}
        sole = len(vias) == 1 and not company.direct
        seen: set[str] = set()
        for path in company.paths:
            if path.via not in seen:
                seen.add(path.via)
                out[path.via].append((company, path.target, sole))
    return out


def find_clutter(
    contacts: Mapping[str, Contact],
    timeline: Mapping[str, tuple[Entry, ...]],
    fortify: tuple[Fortify, ...],
    companies: Iterable[Company] = (),
) -> tuple[str, ...]:
    """No relationship, no interaction, no notes — to archive or delete. Recruiters excluded,
    and so is anyone on a path into a target company (however little I know them)."""
    worth = {f.slug for f in fortify} | set(bridges_into_targets(companies))
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
