"""Referrals: whom I could vouch for, who would act on my word, and who could vouch for me."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..reading.fields import SMALL_FAVOUR_KINDS
from ..reading.records import Contact, Entry
from ..reading.settings import Settings
from .drafts import draft_referral
from .stale import Status
from .strength import Score

RECOMMENDATION_WORDS = ("recommend", "reference", "referral", "referred", "vouch", "endorse")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One first-hand statement: a `vouch` line, or an entry's `evidence` (with its entry)."""

    text: str
    entry: Entry | None = None


@dataclass(frozen=True, slots=True)
class Vouch:
    slug: str
    score: float
    evidence: tuple[Evidence, ...]
    known_since: dt.date | None
    last: dt.date | None
    draft: str


@dataclass(frozen=True, slots=True)
class NearMiss:
    slug: str
    score: float
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReferralViews:
    vouch_for: tuple[Vouch, ...]
    near_vouch: tuple[NearMiss, ...]
    send_to: dict[str, tuple[str, ...]]  # company ("" when unknown) → slugs, strongest first
    vouch_for_me: tuple[tuple[str, tuple[str, ...]], ...]  # (slug, reasons)


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (
        (later.year - earlier.year) * 12
        + later.month
        - earlier.month
        - (1 if later.day < earlier.day else 0)
    )


def names_of(contact: Contact) -> tuple[str, ...]:
    """The words that name a contact in free text: full name, first name, aliases."""
    parts = contact.name.split()
    return tuple({contact.name, *(parts[:1]), *contact.aliases})


def is_about(text: str, contact: Contact) -> bool:
    return (
        any(
            re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
            for name in names_of(contact)
            if name
        )
        or f"[[{contact.slug}" in text
    )


def collect_evidence(
    contact: Contact, entries: tuple[Entry, ...], contacts: Mapping[str, Contact]
) -> tuple[Evidence, ...]:
    """`vouch` lines first, then entries' evidence about them, newest first.

    When an entry with several people names some of them in its evidence, the evidence is
    about those people only; when it names nobody, it is about everyone in the entry.
    """
    found = [Evidence(line) for line in contact.vouch]
    for entry in reversed(entries):
        if not entry.evidence:
            continue
        others = [contacts[s] for s in entry.with_ if s in contacts and s != contact.slug]
        named_others = any(is_about(entry.evidence, other) for other in others)
        if named_others and not is_about(entry.evidence, contact):
            continue
        found.append(Evidence(entry.evidence, entry))
    return tuple(found)


def missing_for_vouch(
    contact: Contact,
    score: Score,
    tier: int,
    status: Status,
    since: dt.date | None,
    evidence: tuple[Evidence, ...],
    today: dt.date,
    settings: Settings,
) -> list[str]:
    """What keeps me from vouching for someone; an empty list means I can."""
    rules = settings.referrals
    missing = []
    if tier > rules.vouch_max_tier:
        missing.append(f"not a strong tie right now (tier {tier})")
    close_enough = (
        contact.closeness >= rules.vouch_min_closeness
        if contact.closeness is not None
        else score.components.closeness >= rules.vouch_min_inferred_closeness
    )
    if not close_enough:
        missing.append(
            f"not close enough (closeness {contact.closeness})"
            if contact.closeness is not None
            else "not known well enough yet (no closeness rating, few personal entries)"
        )
    known = months_between(since, today) if since else 0
    if known < rules.vouch_min_months_known:
        missing.append(f"known for only {known} month{'s' if known != 1 else ''}")
    if not evidence:
        missing.append("no first-hand evidence yet")
    if status.last is None:
        missing.append("never in touch")
    else:
        silent = months_between(status.last, today)
        if silent >= rules.vouch_max_months_silent:
            missing.append(f"not in touch for {silent} months")
    return missing


def rank_referrals(
    contacts: Mapping[str, Contact],
    timeline: Mapping[str, tuple[Entry, ...]],
    scores: Mapping[str, Score],
    tiers: Mapping[str, int],
    statuses: Mapping[str, Status],
    since: Mapping[str, dt.date | None],
    today: dt.date,
    settings: Settings,
) -> ReferralViews:
    rules = settings.referrals
    vouch: list[Vouch] = []
    near: list[NearMiss] = []
    send: dict[str, list[str]] = defaultdict(list)
    for_me: list[tuple[str, tuple[str, ...]]] = []
    for slug, contact in contacts.items():
        if contact.archived:
            continue
        score, tier, status = scores[slug], tiers[slug], statuses[slug]
        entries = timeline.get(slug, ())
        evidence = collect_evidence(contact, entries, contacts)
        missing = missing_for_vouch(
            contact, score, tier, status, since[slug], evidence, today, settings
        )
        if not missing:
            texts = [e.text for e in evidence]
            draft = draft_referral(contact, texts, since[slug], today, settings.owner)
            vouch.append(Vouch(slug, score.score, evidence, since[slug], status.last, draft))
        elif len(missing) <= 2 and (
            tier <= rules.vouch_max_tier
            or evidence
            or (contact.closeness or 0) >= rules.vouch_min_closeness
        ):
            near.append(NearMiss(slug, score.score, tuple(missing)))
        recent = status.last is not None and months_between(status.last, today) < (
            rules.send_max_months_silent
        )
        if (
            score.score >= rules.send_min_score
            and recent
            and score.components.reciprocity >= rules.send_min_reciprocity
            and not score.one_sided
        ):
            send[contact.company or ""].append(slug)
        reasons = _seen_my_work(entries)
        if reasons and tier <= rules.vouch_max_tier:
            for_me.append((slug, reasons))
    vouch.sort(key=lambda v: (-v.score, v.slug))
    near.sort(key=lambda n: (len(n.missing), -n.score, n.slug))
    for_me.sort(key=lambda item: (-scores[item[0]].score, item[0]))
    send_to = {
        company: tuple(sorted(slugs, key=lambda s: (-scores[s].score, s)))
        for company, slugs in sorted(send.items(), key=lambda kv: (kv[0] == "", kv[0].lower()))
    }
    return ReferralViews(tuple(vouch), tuple(near), send_to, tuple(for_me))


def _seen_my_work(entries: tuple[Entry, ...]) -> tuple[str, ...]:
    """Why someone has seen my work first-hand: things we did together, recommendations."""
    together = sum(1 for e in entries if e.kind == "activity")
    recommended = [
        e
        for e in entries
        if e.got
        and e.kind not in SMALL_FAVOUR_KINDS
        and any(w in e.got.lower() for w in RECOMMENDATION_WORDS)
    ]
    reasons = []
    if together:
        reasons.append(f"{together} thing{'s' if together != 1 else ''} done together")
    if recommended:
        reasons.append(f"recommended me ({recommended[-1].date})")
    return tuple(reasons)
