"""The weekly job search: one row per target company or open application, with what to do now.

Each row answers, in order: where the application stands; whom I know there; the best warm
path (whom to ask, about whom, with the draft); if there is none, what to do first (the
bridge to get to know, with an outreach draft and an honest time frame); and the giving
balance with the person I would ask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..reading.records import Contact, Entry
from ..reading.settings import Settings
from .drafts import TRUST_TIME, draft_outreach, draft_referral_request, first_name
from .ledger import LedgerLine
from .paths import CHECK, FORTIFY, INTRO, REFERRAL, Company, IntroPath, company_key
from .strength import Score

REFERRED, SEARCH = "referred", "search"
STEPS = (REFERRAL, INTRO, CHECK, FORTIFY, REFERRED, SEARCH)  # most to do now first
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True, slots=True)
class JobRow:
    """One company in the job search and the one thing to do about it now."""

    company: Company
    applications: tuple[Entry, ...]  # every application there, newest first
    state: str  # the latest application's status, or "target" when I have not applied
    applied_on: dt.date | None
    age_days: int | None  # days since the latest application
    direct: tuple[str, ...]  # my contacts there, strongest first
    step: str  # one of STEPS
    ask: str | None  # the slug of whom to ask (or to get to know first)
    path: IntroPath | None  # the path the step follows, if any
    advice: str
    draft: str
    time_frame: str | None  # for a tie to build first
    balance: int | None  # gave − got with `ask` (None: nothing either way)
    balance_note: str

    @property
    def open(self) -> bool:
        return any(e.application is not None and e.application.open for e in self.applications)


def applications_by_company(entries: Iterable[Entry]) -> dict[str, tuple[Entry, ...]]:
    """Application entries by company key, newest first."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.application is not None:
            found.setdefault(company_key(entry.application.company), []).append(entry)
    return {
        key: tuple(sorted(items, key=lambda e: (e.date, e.id), reverse=True))
        for key, items in found.items()
    }


def application_companies(entries: Iterable[Entry]) -> list[tuple[str, bool]]:
    """(company, open) for every application, oldest first."""
    return [(e.application.company, e.application.open) for e in entries if e.application]


def count_words(n: int, noun: str) -> str:
    word = NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


def balance_note(name: str, line: LedgerLine | None) -> tuple[int | None, str]:
    """ "give first: you owe Dora four favours", or how the giving stands with them."""
    first = first_name(name)
    if line is None:
        return None, f"nothing given or received with {first} yet"
    if line.balance < 0:
        return line.balance, f"give first: you owe {first} {count_words(-line.balance, 'favour')}"
    if line.balance > 0:
        return line.balance, f"{first} owes you {count_words(line.balance, 'favour')}"
    return 0, f"even with {first}"


def plan_job_search(
    companies: Iterable[Company],
    entries: Iterable[Entry],
    contacts: Mapping[str, Contact],
    scores: Mapping[str, Score],
    tiers: Mapping[str, int],
    ledger: Mapping[str, LedgerLine],
    today: dt.date,
    settings: Settings,
) -> tuple[JobRow, ...]:
    """A row per target company (open applications count as targets), most to do first."""
    by_company = applications_by_company(entries)
    rows: list[JobRow] = []
    warm_max = settings.referrals.warm_max_tier
    owner = settings.owner
    for company in companies:
        applications = by_company.get(company_key(company.name), ())
        if not company.target and not applications:
            continue
        latest = applications[0] if applications else None
        application = latest.application if latest else None
        if not company.target and application is not None and not application.open:
            continue  # only closed applications and not a target: nothing to do
        step, ask, path, advice, draft, frame = SEARCH, None, None, "", "", None
        strong = [s for s in company.direct if scores[s].score > 0 and tiers[s] <= warm_max]
        warm = next((p for p in company.paths if p.warm), None)
        check = next((p for p in company.paths if p.action == CHECK), None)
        cold = next((p for p in company.paths if p.action == FORTIFY), None)
        if application is not None and application.open and application.referred_by:
            step, ask = REFERRED, application.referred_by
            referrer = contacts.get(ask)
            who = first_name(referrer.name) if referrer is not None else ask
            advice = f"referred by {who}: thank them and follow up on the application"
        elif strong:
            step, ask = REFERRAL, strong[0]
            middle = contacts[ask]
            advice = f"{first_name(middle.name)} works there: ask for a referral"
            draft = draft_referral_request(middle, company.name, owner)
        elif warm is not None or check is not None:
            path = warm or check
            assert path is not None
            step, ask, advice, draft = path.action, path.via, path.advice, path.draft
        elif company.direct:
            step, ask = FORTIFY, company.direct[0]
            middle = contacts[ask]
            first = first_name(middle.name)
            advice = (
                f"{first} works there but you barely know each other: get to know {first} "
                f"first; expect {TRUST_TIME} before asking for a referral"
            )
            draft = draft_outreach(middle, today, owner, f"works at {company.name}")
            frame = TRUST_TIME
        elif cold is not None:
            step, ask, path, advice, draft = FORTIFY, cold.via, cold, cold.advice, cold.draft
            frame = TRUST_TIME
        else:
            advice = (
                f"nobody you know is linked to {company.name} yet: add `knows:` to contacts "
                "who know people there, or look for them (events, alumni, LinkedIn)"
            )
        balance, note = None, ""
        person = contacts.get(ask) if ask is not None else None
        if person is not None:
            balance, note = balance_note(person.name, ledger.get(person.slug))
        rows.append(
            JobRow(
                company=company,
                applications=applications,
                state=application.status if application is not None else "target",
                applied_on=latest.date if latest else None,
                age_days=(today - latest.date).days if latest else None,
                direct=company.direct,
                step=step,
                ask=ask,
                path=path,
                advice=advice,
                draft=draft,
                time_frame=frame,
                balance=balance,
                balance_note=note,
            )
        )
    rows.sort(
        key=lambda r: (
            STEPS.index(r.step),
            not r.open,
            -(r.age_days or 0),
            r.company.name.lower(),
        )
    )
    return tuple(rows)
