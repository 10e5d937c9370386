"""Drafts in the owner's voice: referrals, intro requests, outreach. Only facts from the journal.

Every draft is plain text; renderers escape it. A fact absent from the journal is left out,
never guessed, and no draft contains a placeholder when the field it needs exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..reading.records import Contact


def first_name(contact_name: str) -> str:
    parts = contact_name.split()
    return parts[0] if parts else contact_name


def role(title: str | None, company: str | None) -> str:
    if title and company:
        return f"{title} at {company}"
    return title or (f"at {company}" if company else "")


def years_phrase(since: dt.date | None, today: dt.date) -> str:
    if since is None:
        return ""
    months = (today.year - since.year) * 12 + today.month - since.month
    if months >= 24:
        return f"{months // 12} years"
    if months >= 12:
        return "over a year"
    return f"{max(months, 1)} month{'s' if months > 1 else ''}"


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return (text[:1].upper() + text[1:] + ".") if text else ""


def distinct_evidence(evidence: Sequence[str]) -> list[str]:
    """Each piece of evidence once, as a sentence: the same line logged on several entries
    (or differing only in case, spacing or a final full stop) is said once, first one wins."""
    seen: set[str] = set()
    out = []
    for text in evidence:
        sentence = _sentence(" ".join(text.split()))
        key = sentence.rstrip(".").casefold()
        if sentence and key not in seen:
            seen.add(key)
            out.append(sentence)
    return out


ORDINALS = ("First", "Second", "Third")


def evidence_paragraph(evidence: Sequence[str], limit: int = 3) -> str:
    """Up to `limit` distinct pieces of evidence, worded for one, two, three or more."""
    points = distinct_evidence(evidence)
    if not points:
        return ""
    if len(points) == 1:
        return f"One thing I have seen first-hand: {points[0]}"
    shown = points[:limit]
    lead = {2: "Two things", 3: "Three things"}.get(len(points), "A few of the things")
    listed = " ".join(
        f"{ORDINALS[i]}: {p}" if i < len(ORDINALS) else p for i, p in enumerate(shown)
    )
    return f"{lead} I have seen first-hand. {listed}"


def draft_referral(
    contact: Contact, evidence: Sequence[str], since: dt.date | None, today: dt.date, owner: str
) -> str:
    """A short referral to a hiring manager, built from title, company, history and evidence."""
    first = first_name(contact.name)
    who = contact.name + (
        f", {role(contact.title, contact.company)}" if contact.company or contact.title else ""
    )
    opening = f"I'd like to recommend {who}."
    how_long = years_phrase(since, today)
    context = ""
    if how_long:
        worked = {"colleague", "former-colleague"} & set(contact.relationship)
        together = "; we have worked together" if worked else ""
        context = f"I have known {first} for {how_long}{together}."
    first_hand = evidence_paragraph(evidence)
    closing = f"I would be glad to tell you more. — {owner}"
    return " ".join(p for p in (opening, context, first_hand, closing) if p)


def draft_intro_request(
    middle: Contact, target_name: str, target_role: str, company: str, owner: str
) -> str:
    """A note to the middle person asking for an introduction."""
    about = f"{target_name} ({target_role})" if target_role else target_name
    return (
        f"Hi {first_name(middle.name)}, I'm getting to know people at {company} and saw that "
        f"you know {about}. Would you be comfortable introducing us? I can send a short blurb "
        f"you could forward. Thanks either way! — {owner}"
    )


TRUST_TIME = "3–6 months"  # how long real trust takes to build: the honest time frame


def draft_referral_request(middle: Contact, company: str, owner: str) -> str:
    """A note to someone who works at the company, asking for a referral (not an intro)."""
    return (
        f"Hi {first_name(middle.name)}, I'm interested in a role at {company}, where you work. "
        f"Would you be comfortable referring me, or telling me whom I should talk to? I can "
        f"send my CV and a short note you could forward. Thanks either way! — {owner}"
    )


def draft_check_request(
    middle: Contact, target_name: str, target_role: str, company: str, owner: str
) -> str:
    """A note to a close tie who knows the person only a little: ask first how well."""
    about = f"{target_name} ({target_role})" if target_role else target_name
    return (
        f"Hi {first_name(middle.name)}, I'm getting to know people at {company} and saw that "
        f"you've met {about}. How well do you know them? If you know them well enough, would "
        f"you be comfortable introducing us? No problem at all if not. — {owner}"
    )


def draft_outreach(contact: Contact, today: dt.date, owner: str, reason: str) -> str:
    """'We're connected but don't really know each other — that should change.'"""
    since = f" since {contact.met.year}" if contact.met and contact.met.year < today.year else ""
    now = role(contact.title, contact.company)
    seen = (
        f" I see you're {now} now — I'd love to hear what you're working on."
        if now
        else (" I'd love to hear what you're working on.")
    )
    return (
        f"Hi {first_name(contact.name)}, we've been connected{since} but don't really know "
        f"each other — that should change.{seen} Would you be up for a 20-minute call in the "
        f"next few weeks? — {owner}"
    )
