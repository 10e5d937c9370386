"""Companies and second-degree intro paths: me → B (strength) → C (how well B knows C).

A path is warm only when both links are strong: B is a strong tie of mine (tier 1–3) and
B knows C at least as a colleague, or the two appear together in my own entries. Every
path says what to do with it (`action`): ask B for a referral (B works there), ask for an
introduction (warm), ask whether B really knows C (an acquaintance link), or get to know
B first (a cold path: a fortify action, never an intro request).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from slugify import slugify

from ..reading.records import Contact
from ..reading.settings import Settings
from .drafts import (
    TRUST_TIME,
    draft_check_request,
    draft_intro_request,
    draft_outreach,
    draft_referral_request,
    first_name,
    role,
)
from .strength import Score

TOGETHER = "together"  # B and C appear in the same entry of mine
STRONG_LINKS = frozenset({"colleague", "close", TOGETHER})
REFERRAL, INTRO, CHECK, FORTIFY = "referral", "intro", "check", "fortify"
ACTIONS = (REFERRAL, INTRO, CHECK, FORTIFY)  # best first


@dataclass(frozen=True, slots=True)
class IntroPath:
    """The best way I know to reach one person at a company through someone I know."""

    company: str
    target: str  # a display name
    target_slug: str | None  # when the target is in my journal
    target_title: str | None
    via: str  # the middle person's slug
    link: float  # how well the middle person knows the target (0–1)
    score: float  # S(via)/100 × link, 0–1
    warm: bool
    draft: str  # to the middle person; an outreach draft when the path is cold
    link_kind: str = "colleague"  # how B knows C: acquaintance | colleague | close | together
    action: str = INTRO  # referral | intro | check | fortify
    advice: str = ""  # what to do, in a sentence


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    slug: str
    target: bool
    direct: tuple[str, ...]  # my contacts there, strongest first
    paths: tuple[IntroPath, ...]  # best path per person there, warm first, then best score
    applied: bool = False  # I have an open application there


def path_order(path: IntroPath) -> tuple[bool, int, float, str]:
    return (not path.warm, ACTIONS.index(path.action), -path.score, path.target)


@functools.lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """Companies match case- and punctuation-insensitively ("Acme, Inc." ~ "acme inc")."""
    return slugify(name) or name.strip().lower()


def map_companies(
    contacts: Mapping[str, Contact],
    shared_by_presence: Mapping[str, frozenset[str]],
    scores: Mapping[str, Score],
    tiers: Mapping[str, int],
    settings: Settings,
    today: dt.date,
    applications: Iterable[tuple[str, bool]] = (),
) -> list[Company]:
    """Every company in the journal, target companies first, each with direct ties and paths.

    `applications`: (company, open) for each application; a company with an open one
    counts as a target.
    One pass over every `knows` item and co-presence pair: linear in the journal's edges.
    """
    rules = settings.referrals
    targets = {company_key(t): t for t in settings.targets}
    names: dict[str, str] = {}
    applied = list(applications)
    applied_keys: set[str] = set()
    for name, is_open in applied:
        key = company_key(name)
        if is_open:
            applied_keys.add(key)
            targets.setdefault(key, name)
    direct: dict[str, list[str]] = defaultdict(list)
    for slug, contact in contacts.items():
        if contact.company and not contact.archived:
            key = company_key(contact.company)
            names.setdefault(key, contact.company)
            direct[key].append(slug)
    for name, _ in applied:
        names.setdefault(company_key(name), name)
    best: dict[tuple[str, str], IntroPath] = {}

    def offer(
        via: Contact,
        key: str,
        company: str,
        target: str,
        target_slug: str | None,
        title: str | None,
        link: float,
        link_kind: str,
    ) -> None:
        if target_slug == via.slug:
            return
        mine = scores[via.slug].score
        own = scores[target_slug].score if target_slug is not None else 0.0
        if own > 0 and own >= mine * link:
            return  # my own tie to them is already better than any introduction
        score = round(mine / 100 * link, 3)
        strong_via = mine > 0 and tiers[via.slug] <= rules.warm_max_tier
        warm = strong_via and link_kind in STRONG_LINKS
        ident = (key, target_slug or target.casefold())
        current = best.get(ident)
        if current is not None and (not current.warm, -current.score, current.via) <= (
            not warm,
            -score,
            via.slug,
        ):
            return  # keep the better path: warm first, then score (ties: first slug)
        best[ident] = IntroPath(
            company=company, target=target, target_slug=target_slug, target_title=title,
            via=via.slug, link=link, score=score, warm=warm, draft="", link_kind=link_kind,
        )  # fmt: skip

    for slug, contact in contacts.items():
        if contact.archived:
            continue  # a bridge I never talked to still gives a (cold) path
        for known in contact.knows:
            link = rules.how_well.get(known.how_well, 0.0)
            if known.slug is not None:
                other = contacts.get(known.slug)
                if other is None or not other.company or other.archived:
                    continue
                key = company_key(other.company)
                offer(contact, key, names[key], other.name, other.slug, other.title, link,
                      known.how_well)  # fmt: skip
            elif known.name and known.company:
                key = company_key(known.company)
                names.setdefault(key, known.company)
                offer(contact, key, names[key], known.name, None, known.title, link,
                      known.how_well)  # fmt: skip
        for other_slug in shared_by_presence.get(slug, ()):
            other = contacts.get(other_slug)
            if other is None or not other.company or other.archived:
                continue
            key = company_key(other.company)
            offer(contact, key, names[key], other.name, other.slug, other.title,
                  rules.co_presence, TOGETHER)  # fmt: skip
    for ident, path in best.items():
        best[ident] = advise(path, contacts[path.via], scores, tiers, settings, today)

    paths_by: dict[str, list[IntroPath]] = defaultdict(list)
    for (key, _), path in best.items():
        paths_by[key].append(path)
    for key in targets:
        names.setdefault(key, targets[key])
    companies = [
        Company(
            name=names[key],
            slug=slugify(names[key]) or "company",
            target=key in targets,
            direct=tuple(sorted(direct.get(key, ()), key=lambda s: (-scores[s].score, s))),
            paths=tuple(sorted(paths_by.get(key, ()), key=path_order)),
            applied=key in applied_keys,
        )
        for key in names
    ]
    companies.sort(key=lambda c: (not c.target, c.name.lower()))
    return _unique_slugs(companies)


def advise(
    path: IntroPath,
    via: Contact,
    scores: Mapping[str, Score],
    tiers: Mapping[str, int],
    settings: Settings,
    today: dt.date,
) -> IntroPath:
    """The path's action, advice and draft: what the situation asks of me, in my voice."""
    owner = settings.owner
    first = first_name(via.name)
    about = path.target + (f" ({path.target_title})" if path.target_title else "")
    strong_via = scores[via.slug].score > 0 and tiers[via.slug] <= settings.referrals.warm_max_tier
    works_there = via.company is not None and company_key(via.company) == company_key(path.company)
    if strong_via and works_there:
        action, draft = REFERRAL, draft_referral_request(via, path.company, owner)
        advice = f"{first} works at {path.company}: ask for a referral"
    elif path.warm:
        action = INTRO
        draft = draft_intro_request(
            via, path.target, role(path.target_title, None), path.company, owner
        )
        advice = f"ask {first} to introduce you to {about}"
    elif strong_via:
        action = CHECK
        draft = draft_check_request(
            via, path.target, role(path.target_title, None), path.company, owner
        )
        advice = (
            f"{first} knows {path.target} only as an acquaintance: ask whether they really "
            "know them"
        )
    else:
        action = FORTIFY
        reason = f"knows {path.target} at {path.company}"
        draft = draft_outreach(via, today, owner, reason)
        never = "" if scores[via.slug].score > 0 else " (you have never been in touch)"
        ask = "for a referral" if works_there else "for an introduction"
        advice = (
            f"a cold path: get to know {first} first{never}; expect {TRUST_TIME} of real "
            f"contact before asking {ask}"
        )
    return IntroPath(
        company=path.company, target=path.target, target_slug=path.target_slug,
        target_title=path.target_title, via=path.via, link=path.link, score=path.score,
        warm=path.warm, draft=draft, link_kind=path.link_kind, action=action, advice=advice,
    )  # fmt: skip


def _unique_slugs(companies: list[Company]) -> list[Company]:
    seen: dict[str, int] = {}
    out = []
    for company in companies:
        n = seen.get(company.slug, 0)
        seen[company.slug] = n + 1
        if n:
            company = Company(company.name, f"{company.slug}-{n + 1}", company.target,
                              company.direct, company.paths, company.applied)  # fmt: skip
        out.append(company)
    return out
