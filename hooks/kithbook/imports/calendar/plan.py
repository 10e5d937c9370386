"""Plan a calendar import: pure decisions from the occurrences, the journal and the state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ...reading.records import Problem, Source
from ...render.text import esc
from ..shared.journal import Ambiguous, JournalView, PeopleIndex
from ..shared.plan import EntryPlanner, Plan
from ..shared.state import SourceState
from .read import CalendarFile, Occurrence, Person, kind_of

SOURCE = "calendar"
ABOUT = (
    "What `kith import calendar` last wrote (see docs/cli.md): the entry made for each event "
    "(UID, and recurrence id for a repeating one), and the events coming up."
)
UPCOMING_DAYS = 14  # future events kept for This week's "coming up"
MEETING_KINDS = ("meeting", "video", "call")


def _who(person: Person) -> str:
    return person.email or person.name or "?"


def _time(start: dt.datetime | dt.date) -> str:
    return f"{start:%H:%M}" if isinstance(start, dt.datetime) else ""


class _Planner:
    def __init__(
        self,
        cal: CalendarFile,
        journal: JournalView,
        state: SourceState,
        mine: frozenset[str],
        today: dt.date,
    ) -> None:
        self.cal = cal
        self.index = PeopleIndex(journal.contacts)
        self.entries = EntryPlanner(journal, state, MEETING_KINDS)
        self.mine = mine
        self.today = today
        self.skipped: list[Problem] = list(cal.skipped)
        self.said: set[tuple[int, str]] = set()
        self.upcoming: list[dict[str, object]] = []

    def skip(self, occurrence: Occurrence, message: str) -> None:
        """One message per event and reason: a weekly all-day event is one line, not fifty."""
        if (occurrence.line, message) in self.said:
            return
        self.said.add((occurrence.line, message))
        self.skipped.append(Problem(Source(self.cal.path, occurrence.line), f"skipped: {message}"))

    def is_me(self, person: Person | None) -> bool:
        return person is not None and person.email is not None and person.email in self.mine

    def match(self, people: Iterable[Person], occurrence: Occurrence) -> list[str]:
        slugs: list[str] = []
        for person in people:
            found = self.index.match(person.email, person.name)
            if isinstance(found, Ambiguous):
                note = f"{found.message}: {_who(person)} left out"
                self.entries.notes.append(Problem(Source(self.cal.path, occurrence.line), note))
            elif found is not None and found not in slugs:
                slugs.append(found)
        return slugs

    def plan(self, occurrence: Occurrence) -> None:
        if occurrence.all_day:
            self.skip(occurrence, "an all-day event")
            return
        if occurrence.status == "CANCELLED":
            self.skip(occurrence, f"cancelled ({occurrence.start:%Y-%m-%d})")
            return
        people = [*occurrence.attendees]
        if occurrence.organizer is not None:
            people.insert(0, occurrence.organizer)
        if any(self.is_me(p) and p.partstat == "DECLINED" for p in occurrence.attendees):
            self.skip(occurrence, f"declined ({occurrence.start:%Y-%m-%d})")
            return
        others: dict[str, Person] = {}
        for person in people:
            if not self.is_me(person):
                others.setdefault(_who(person).casefold(), person)
        if not others:
            self.skip(occurrence, "no one but me")
            return
        slugs = self.match(others.values(), occurrence)
        if not slugs:
            listed = ", ".join(_who(p) for p in others.values())
            self.skip(occurrence, f"no attendee is a contact ({listed})")
            return
        start = occurrence.start
        day = start.date() if isinstance(start, dt.datetime) else start
        title = occurrence.summary or "Meeting"
        if day >= self.today:
            if (day - self.today).days < UPCOMING_DAYS:
                self.upcoming.append(
                    {"date": day.isoformat(), "time": _time(start), "title": title, "with": slugs}
                )
            return
        data: list[tuple[str, object]] = [("with", slugs), ("kind", kind_of(occurrence))]
        organizer = occurrence.organizer
        if organizer is not None and others:
            if self.is_me(organizer):
                data.append(("initiated_by", "me"))
            elif self.index.match(organizer.email, organizer.name) in slugs:
                data.append(("initiated_by", "them"))
        body = f"Imported from the calendar: {esc(title)} ({_time(start)})."
        self.entries.add(
            occurrence.key,
            day,
            occurrence.summary or f"meeting with {slugs[0]}",
            data,
            body,
            Source(self.cal.path, occurrence.line),
        )


def plan_calendar(
    cal: CalendarFile,
    journal: JournalView,
    state: SourceState,
    mine: Iterable[str],
    today: dt.date,
) -> Plan:
    """What importing `cal` would create, update and skip (pure)."""
    planner = _Planner(cal, journal, state, frozenset(m.lower() for m in mine), today)
    for occurrence in cal.occurrences:
        planner.plan(occurrence)
    entries = planner.entries
    entries.finish()
    upcoming = sorted(planner.upcoming, key=lambda u: (str(u["date"]), str(u["time"])))
    extra = {**state.extra, "upcoming": upcoming}
    return Plan(
        new_files=tuple(entries.new_files),
        updates=tuple(entries.updates),
        unchanged=entries.unchanged,
        skipped=tuple(sorted(planner.skipped)),
        notes=tuple(sorted(entries.notes)),
        state=SourceState(entries.records, extra),
    )
