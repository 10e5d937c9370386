"""What changed: each contact's history from git, and a period's changes (pure functions).

`contact_changes` turns the revisions read by `reading/history.py` into readable changes
("moved from Northwind to Orbital Maps, Staff Engineer", "closeness up from 2 to 4"), plus
what the working tree changed since the last commit ("not yet committed").
`changes_between` gathers a period's job changes, new and archived contacts, closeness
changes, applications that moved (model/applications.py), ties that went stale or
recovered (the model run at the period's two ends), and follow-ups opened and done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..reading.history import History, Revision, State, state_of
from ..reading.records import Contact, Entry
from ..reading.settings import Settings
from .applications import ApplicationMove, moves_between
from .drafts import first_name
from .network import Network
from .stale import WARNED, reference_day, tie_status
from .strength import collect_touches, known_since, score_contact
from .tiers import assign_standing

JOB, ADDED, CLOSENESS, RELATIONSHIP, TAGS, ARCHIVED, UNARCHIVED, NAME, FILE = (
    "job", "added", "closeness", "relationship", "tags", "archived", "unarchived", "name", "file",
)  # fmt: skip
JOB_NEWS_DAYS = 30  # job changes this recent are a reason to get in touch (This week)
NOT_COMMITTED = "not yet committed"  # what an uncommitted change says instead of a date


@dataclass(frozen=True, slots=True)
class Change:
    """One readable change to a contact; `date` None: in the working tree, not yet committed."""

    slug: str
    kind: str
    text: str
    date: dt.date | None
    subject: str | None = None  # the commit's subject line
    commit: str | None = None
    up: bool | None = None  # closeness: went up (True) or down (False)
    private: bool = False  # says something a redacted build leaves out (tags, closeness)

    @property
    def committed(self) -> bool:
        return self.date is not None


def contact_state(contact: Contact) -> State:
    return state_of(
        contact.name,
        contact.company,
        contact.title,
        contact.closeness,
        contact.relationship,
        contact.tags,
        contact.archived,
    )


def describe(before: State | None, after: State | None) -> list[tuple[str, str, bool | None]]:
    """(kind, text, up) for every tracked field that differs between two states."""
    if after is None:
        return []
    if before is None:
        role = _role(after.title, after.company)
        return [(ADDED, f"added to the journal{f' ({role})' if role else ''}", None)]
    out: list[tuple[str, str, bool | None]] = []
    if before.name != after.name:
        out.append((NAME, f"name changed from {before.name} to {after.name}", None))
    job = describe_job(before.company, before.title, after.company, after.title)
    if job:
        out.append((JOB, job, None))
    if before.closeness != after.closeness:
        out.append(_closeness(before.closeness, after.closeness))
    for kind, label, old, new in (
        (RELATIONSHIP, "relationship", before.relationship, after.relationship),
        (TAGS, "tags", before.tags, after.tags),
    ):
        if old != new:
            words = (
                [f"added {', '.join(x for x in new if x not in old)}"]
                if set(new) - set(old)
                else []
            )
            if set(old) - set(new):
                words.append(f"removed {', '.join(x for x in old if x not in new)}")
            out.append((kind, f"{label}: {'; '.join(words)}", None))
    if before.archived != after.archived:
        out.append(
            (ARCHIVED, "archived", None) if after.archived else (UNARCHIVED, "unarchived", None)
        )
    return out


def _role(title: str | None, company: str | None) -> str:
    return " at ".join(x for x in (title, company) if x)


def describe_job(
    old_company: str | None, old_title: str | None, company: str | None, title: str | None
) -> str:
    """A job change in words, or "" when company and title are the same."""
    if old_company == company and old_title == title:
        return ""
    tail = f", {title}" if title else ""
    if old_company and company and old_company != company:
        return f"moved from {old_company} to {company}{tail}"
    if company and not old_company:
        return f"joined {company}{tail}"
    if old_company and not company:
        return f"left {old_company}{tail and f' (now {title})'}"
    if title and old_title:
        at = f" at {company}" if company else ""
        return f"new title{at}: {title} (was {old_title})"
    if title:
        return f"title set to {title}{f' at {company}' if company else ''}"
    return f"title {old_title} removed"


def _closeness(old: int | None, new: int | None) -> tuple[str, str, bool | None]:
    if old is None:
        return CLOSENESS, f"closeness set to {new}", None
    if new is None:
        return CLOSENESS, f"closeness {old} removed", None
    up = new > old
    return CLOSENESS, f"closeness {'up' if up else 'down'} from {old} to {new}", up


def _changes_of(slug: str, revision: Revision) -> list[Change]:
    out = []
    if revision.old_path is not None:
        out.append(
            Change(
                slug,
                FILE,
                f"file renamed from {revision.old_path}",
                revision.date,
                revision.subject,
                revision.commit,
            )
        )
    for kind, text, up in describe(revision.before, revision.after):
        private = kind in (CLOSENESS, TAGS)
        out.append(
            Change(slug, kind, text, revision.date, revision.subject, revision.commit, up, private)
        )
    return out


def contact_changes(history: History, contacts: Iterable[Contact]) -> dict[str, tuple[Change, ...]]:
    """Each contact's changes, newest first, the uncommitted ones on top."""
    out: dict[str, tuple[Change, ...]] = {}
    for contact in contacts:
        path = contact.source.path
        found: list[Change] = []
        for revision in reversed(history.files.get(path, ())):
            found += _changes_of(contact.slug, revision)
        if history.available:
            now = contact_state(contact)
            before = history.head_states.get(path)
            pending = [
                Change(contact.slug, kind, text, None, None, None, up, kind in (CLOSENESS, TAGS))
                for kind, text, up in describe(before, now)
            ]
            found[:0] = pending
        out[contact.slug] = tuple(found)
    return out


@dataclass(frozen=True, slots=True)
class FollowUpChange:
    entry: Entry
    what: str
    due: dt.date


@dataclass(frozen=True)
class PeriodChanges:
    """What changed between `start` and `end` (both included)."""

    start: dt.date
    end: dt.date
    jobs: tuple[Change, ...] = ()
    new: tuple[Change, ...] = ()
    archived: tuple[Change, ...] = ()
    closeness: tuple[Change, ...] = ()
    other: tuple[Change, ...] = ()  # names, relationships, tags, unarchived, renamed files
    applications: tuple[ApplicationMove, ...] = ()  # sent, or their status changed
    went_stale: tuple[str, ...] = ()
    recovered: tuple[str, ...] = ()
    opened: tuple[FollowUpChange, ...] = ()
    done: tuple[FollowUpChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.jobs,
                self.new,
                self.archived,
                self.closeness,
                self.other,
                self.applications,
                self.went_stale,
                self.recovered,
                self.opened,
                self.done,
            )
        )


def warned_at(network: Network, settings: Settings, day: dt.date) -> set[str]:
    """The ties due, stale or dormant as of `day`, from the entries up to that day.

    The model without the views only the site's other pages need (referrals, charts).
    """
    model = settings.model
    scores = {}
    scores_then: dict[str, float] = {}  # at each tie's reference day, as derive takes it
    touches_by = {}
    since: dict[str, dt.date | None] = {}
    for slug, contact in network.contacts.items():
        entries = [e for e in network.timeline.get(slug, ()) if e.date <= day]
        touches = collect_touches(entries, model)
        touches_by[slug] = touches
        since[slug] = known_since(contact, entries)
        shared = len(network.shared.get(slug, ()))
        scores[slug] = score_contact(contact, touches, since[slug], shared, day, model)
        ref = reference_day(touches, since[slug], day, model)
        then = scores[slug]
        if touches and ref is not None and ref < day:
            then = score_contact(contact, touches, since[slug], shared, ref, model)
        scores_then[slug] = then.score
    standing = assign_standing(scores_then, network.contacts, model)
    warned = set()
    for slug, contact in network.contacts.items():
        status = tie_status(
            contact,
            scores[slug],
            touches_by[slug],
            standing[slug],
            since[slug],
            len(network.shared.get(slug, ())),
            day,
            model,
            knows_recorded=bool(contact.knows),
        )
        if status.status in WARNED and status.expected_gap is not None:
            warned.add(slug)
    return warned


def changes_between(
    changes: Mapping[str, tuple[Change, ...]],
    network: Network,
    settings: Settings,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    warned_end: set[str] | None = None,
    warned: dict[dt.date, set[str]] | None = None,
    moves: Sequence[ApplicationMove] = (),
) -> PeriodChanges:
    """A period's changes; uncommitted ones count as today's. `warned_end`: the warned ties
    at `end` when the caller knows them already (the derive stage's, for today); `warned`:
    the warned ties by day, filled in as they are worked out (shared between periods);
    `moves`: every application's moves (`application_moves`)."""
    warned = {} if warned is None else warned
    if warned_end is not None:
        warned[end] = warned_end

    def warned_on(day: dt.date) -> set[str]:
        if day not in warned:
            warned[day] = warned_at(network, settings, day)
        return warned[day]

    picked: dict[str, list[Change]] = {}
    for slug_changes in changes.values():
        for change in slug_changes:
            day = change.date or today
            if start <= day <= end:
                picked.setdefault(change.kind, []).append(change)

    def ordered(*kinds: str) -> tuple[Change, ...]:
        found = [c for k in kinds for c in picked.get(k, ())]
        return tuple(sorted(found, key=lambda c: (-(c.date or today).toordinal(), c.slug)))

    before = warned_on(start - dt.timedelta(days=1))
    after = warned_on(end)
    active = {s for s, c in network.contacts.items() if not c.archived}
    opened, done = [], []
    for entry in network.entries.values():
        follow = entry.follow_up
        if follow is None:
            continue
        if start <= entry.date <= end:
            opened.append(FollowUpChange(entry, follow.what, follow.due))
        if follow.done and start <= follow.due <= end:
            done.append(FollowUpChange(entry, follow.what, follow.due))
    opened.sort(key=lambda f: (f.entry.date, f.entry.id))
    done.sort(key=lambda f: (f.due, f.entry.id))
    return PeriodChanges(
        start,
        end,
        jobs=ordered(JOB),
        new=ordered(ADDED),
        archived=ordered(ARCHIVED),
        closeness=ordered(CLOSENESS),
        other=ordered(NAME, RELATIONSHIP, TAGS, UNARCHIVED, FILE),
        applications=moves_between(moves, start, end),
        went_stale=tuple(sorted((after - before) & active)),
        recovered=tuple(sorted((before - after) & active)),
        opened=tuple(opened),
        done=tuple(done),
    )


def month_starts(today: dt.date, months: int) -> list[dt.date]:
    """The first day of this month and of the `months - 1` months before, newest first."""
    out = []
    year, month = today.year, today.month
    for _ in range(months):
        out.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def month_end(start: dt.date) -> dt.date:
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def recent_jobs(
    changes: Mapping[str, tuple[Change, ...]], today: dt.date, days: int = JOB_NEWS_DAYS
) -> list[Change]:
    """Job changes in the last `days` days (uncommitted ones included), newest first."""
    start = today - dt.timedelta(days=days)
    found = [
        c for cs in changes.values() for c in cs if c.kind == JOB and start <= (c.date or today)
    ]
    found.sort(key=lambda c: (-(c.date or today).toordinal(), c.slug))
    return found


CHANGES_MONTHS = 6  # the What changed page: this month and the five before


def recent_months(
    changes: Mapping[str, tuple[Change, ...]],
    network: Network,
    settings: Settings,
    today: dt.date,
    warned_today: set[str],
    months: int = CHANGES_MONTHS,
    moves: Sequence[ApplicationMove] = (),
) -> tuple[PeriodChanges, ...]:
    """This month up to today, then each of the months before it, newest first."""
    warned: dict[dt.date, set[str]] = {}
    out = []
    for start in month_starts(today, months):
        end = min(month_end(start), today)
        known = warned_today if end == today else None
        out.append(
            changes_between(changes, network, settings, start, end, today, known, warned, moves)
        )
    return tuple(out)


def draft_job_note(contact: Contact, change: Change | None = None) -> str:
    """A short note for someone who changed jobs: congratulations and a reason to talk.

    A new company is a move; a new title at the same company is a new role.
    """
    first = first_name(contact.name)
    moved = change is None or change.text.startswith(("moved from", "joined"))
    if not moved and contact.title:
        return (
            f"Hi {first}, congratulations on the new role as {contact.title}! How is it going "
            "so far? Would love to hear about it over a coffee or a call."
        )
    if contact.company:
        opener = f"Hi {first}, congratulations on the move to {contact.company}!"
    else:
        opener = f"Hi {first}, congratulations on the new role!"
    if contact.title:
        ask = f"How are the first weeks as {contact.title}?"
    else:
        ask = "How are the first weeks going?"
    return f"{opener} {ask} Would love to hear about it over a coffee or a call."
