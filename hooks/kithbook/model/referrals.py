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
from .stale import DORMANT, Status
from .strength import Score

RECOMMENDATION_WORDS = ("recommend", "reference", "refer", "vouch", "endorse")
# Relationships in which doing something together means working together: an `activity` with
# a climbing partner is a hobby, with a colleague or a client it is work they have seen.
PROFESSIONAL = frozenset(
    {"colleague", "former-colleague", "client", "supplier", "mentor", "mentee", "advisor"}
)
VOUCH_FOR_ME = "Who could vouch for me"
VOUCH_FOR_ME_INTRO = (
    "Strong ties who have seen my work first-hand: evidence about my work in an entry with "
    "them, work done together (an `activity` with a colleague, client or mentor; not a shared "
    "hobby), or a recommendation I received. The people to ask for a reference; ask those "
    "with a warning only after reconnecting."
)
VOUCH_FOR_ME_NOBODY = (
    "Nobody yet: log `evidence` about your work, or `got` when someone recommends you."
)
_FIRST_PERSON = re.compile(r"(?<!\w)(me|my|mine|myself)(?!\w)", re.IGNORECASE)


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
class VouchForMe:
    """Someone who has seen my work first-hand, why I think so, and what to mind first."""

    slug: str
    reasons: tuple[str, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferralViews:
    vouch_for: tuple[Vouch, ...]
    near_vouch: tuple[NearMiss, ...]
    send_to: dict[str, tuple[str, ...]]  # company ("" when unknown) → slugs, strongest first
    vouch_for_me: tuple[VouchForMe, ...]  # ready to ask first, then by score


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
    for_me: list[VouchForMe] = []
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
        reasons = seen_my_work(contact, entries, settings.owner)
        if reasons and tier <= rules.vouch_max_tier:
            for_me.append(VouchForMe(slug, reasons, ask_warnings(status, today, settings)))
    vouch.sort(key=lambda v: (-v.score, v.slug))
    near.sort(key=lambda n: (len(n.missing), -n.score, n.slug))
    for_me.sort(key=lambda item: (bool(item.warnings), -scores[item.slug].score, item.slug))
    send_to = {
        company: tuple(sorted(slugs, key=lambda s: (-scores[s].score, s)))
        for company, slugs in sorted(send.items(), key=lambda kv: (kv[0] == "", kv[0].lower()))
    }
    return ReferralViews(tuple(vouch), tuple(near), send_to, tuple(for_me))


def is_about_me(text: str, owner: str) -> bool:
    """Evidence about my work: it says me, my, mine or myself, or names the owner."""
    names = {owner, *owner.split()[:1]} - {"", "me"}
    return bool(_FIRST_PERSON.search(text)) or any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names
    )


def seen_my_work(contact: Contact, entries: tuple[Entry, ...], owner: str) -> tuple[str, ...]:
    """Why someone has seen my work first-hand; empty when the journal shows no such thing.

    Evidence about me in an entry with them, work done together (an `activity` with someone
    I work with, not a shared hobby), or a recommendation I got from them.
    """
    about_me = [e for e in entries if e.evidence and is_about_me(e.evidence, owner)]
    professional = bool(PROFESSIONAL & set(contact.relationship))
    together = sum(1 for e in entries if e.kind == "activity") if professional else 0
    recommended = [
        e
        for e in entries
        if e.got
        and e.kind not in SMALL_FAVOUR_KINDS
        and any(w in e.got.lower() for w in RECOMMENDATION_WORDS)
    ]
    reasons = []
    if about_me:
        reasons.append(f"saw my work first-hand ({about_me[-1].date})")
    if together:
        reasons.append(f"{together} piece{'s' if together != 1 else ''} of work done together")
    if recommended:
        reasons.append(f"recommended me ({recommended[-1].date})")
    return tuple(reasons)


def ask_warnings(status: Status, today: dt.date, settings: Settings) -> tuple[str, ...]:
    """What to mind before asking for a reference.

    The 12-month rule for vouching applies in this direction too, as a warning rather than a
    rule: what they saw of my work stays true, but a reference asked for out of a long
    silence is a cold request, and their picture of me may be out of date.
    """
    silent = months_between(status.last, today) if status.last else None
    limit = settings.referrals.vouch_max_months_silent
    if status.status == DORMANT:
        return (f"dormant (last in touch {status.last or 'never'}): reconnect before asking",)
    if silent is None:
        return ("no real interaction on record: talk first, then ask",)
    if silent >= limit:
        return (f"not in touch for {silent} months: reconnect before asking",)
    return ()
