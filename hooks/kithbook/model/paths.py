"""Companies and second-degree intro paths: me → B (strength) → C (how well B knows C)."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from slugify import slugify

from ..reading.records import Contact
from ..reading.settings import Settings
from .drafts import draft_intro_request, role
from .strength import Score


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
    draft: str


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    slug: str
    target: bool
    direct: tuple[str, ...]  # my contacts there, strongest first
    paths: tuple[IntroPath, ...]  # best path per person there, best first


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
) -> list[Company]:
    """Every company in the journal, target companies first, each with direct ties and paths.

    One pass over every `knows` item and co-presence pair: linear in the journal's edges.
    """
    rules = settings.referrals
    targets = {company_key(t): t for t in settings.targets}
    names: dict[str, str] = {}
    direct: dict[str, list[str]] = defaultdict(list)
    for slug, contact in contacts.items():
        if contact.company and not contact.archived:
            key = company_key(contact.company)
            names.setdefault(key, contact.company)
            direct[key].append(slug)
    best: dict[tuple[str, str], IntroPath] = {}

    def offer(
        via: Contact,
        key: str,
        company: str,
        target: str,
        target_slug: str | None,
        title: str | None,
        link: float,
    ) -> None:
        if target_slug == via.slug:
            return
        if target_slug is not None and scores[target_slug].score >= scores[via.slug].score * link:
            return  # my own tie to them is already better than any introduction
        score = round(scores[via.slug].score / 100 * link, 3)
        ident = (key, target_slug or target.casefold())
        current = best.get(ident)
        if current is not None and (-current.score, current.via) <= (-score, via.slug):
            return  # keep the better path (ties: the first middle person by slug)
        draft = draft_intro_request(via, target, role(title, None), company, settings.owner)
        best[ident] = IntroPath(
            company=company, target=target, target_slug=target_slug, target_title=title,
            via=via.slug, link=link, score=score, warm=tiers[via.slug] <= rules.warm_max_tier,
            draft=draft,
        )  # fmt: skip

    for slug, contact in contacts.items():
        if contact.archived or scores[slug].score <= 0:
            continue
        for known in contact.knows:
            link = rules.how_well.get(known.how_well, 0.0)
            if known.slug is not None:
                other = contacts.get(known.slug)
                if other is None or not other.company or other.archived:
                    continue
                key = company_key(other.company)
                offer(contact, key, names[key], other.name, other.slug, other.title, link)
            elif known.name and known.company:
                key = company_key(known.company)
                names.setdefault(key, known.company)
                offer(contact, key, names[key], known.name, None, known.title, link)
        for other_slug in shared_by_presence.get(slug, ()):
            other = contacts.get(other_slug)
            if other is None or not other.company or other.archived:
                continue
            key = company_key(other.company)
            offer(contact, key, names[key], other.name, other.slug, other.title,
                  rules.co_presence)  # fmt: skip

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
            paths=tuple(sorted(paths_by.get(key, ()), key=lambda p: (-p.score, p.target))),
        )
        for key in names
    ]
    companies.sort(key=lambda c: (not c.target, c.name.lower()))
    return _unique_slugs(companies)


def _unique_slugs(companies: list[Company]) -> list[Company]:
    seen: dict[str, int] = {}
    out = []
    for company in companies:
        n = seen.get(company.slug, 0)
        seen[company.slug] = n + 1
        if n:
            company = Company(company.name, f"{company.slug}-{n + 1}", company.target,
                              company.direct, company.paths)  # fmt: skip
        out.append(company)
    return out
