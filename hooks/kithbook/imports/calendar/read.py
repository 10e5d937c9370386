"""Read an iCalendar file (RFC 5545) into event occurrences, recurring events expanded.

icalendar parses the file (line folding, parameters, TZID time zones); recurring-ical-events
expands RRULE/RDATE less EXDATE and applies edited occurrences (RECURRENCE-ID), and with
x-wr-timezone turns Google's UTC times into the calendar's own zone. Each occurrence keeps
the line of the VEVENT it came from, for the messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from ...reading.records import Problem, Source
from ..shared.journal import normalise_email

MAX_BYTES = 512 * 1024 * 1024


class CalendarError(Exception):
    """The file cannot be read as a calendar; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Person:
    email: str | None
    name: str | None
    partstat: str | None = None


@dataclass(frozen=True, slots=True)
class Occurrence:
    key: str  # UID, or UID|recurrence id (UTC) for an occurrence of a recurring event
    start: dt.datetime | dt.date
    summary: str
    status: str
    organizer: Person | None
    attendees: tuple[Person, ...]
    text: str  # location, description, URL and conference data: where a call link would be
    location: str
    line: int

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


@dataclass(frozen=True)
class CalendarFile:
    path: str
    owner: str | None  # Google names a primary calendar by its owner's address
    occurrences: tuple[Occurrence, ...]
    skipped: tuple[Problem, ...]


def _person(prop: Any) -> Person | None:
    if prop is None:
        return None
    params = getattr(prop, "params", {})
    name = str(params.get("CN", "")).strip().strip('"') or None
    partstat = str(params.get("PARTSTAT", "")).upper() or None
    # Apple writes `EMAIL=` as a parameter when the value is a urn:uuid.
    email = normalise_email(str(prop)) or normalise_email(str(params.get("EMAIL", "")))
    if email is None and name is not None:
        email = normalise_email(name)
    return Person(email, name, partstat)


def _people(value: Any) -> tuple[Person, ...]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return tuple(p for p in (_person(v) for v in items) if p is not None)


def _text(component: Any, *names: str) -> str:
    parts: list[str] = []
    for name in names:
        value = component.get(name)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                parts.append(str(item))
    return "\n".join(parts)


def _utc(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc)
            return value.strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _event_lines(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


def read_calendar(path: Path, display: str, until: dt.date) -> CalendarFile:
    """Every occurrence up to `until` (exclusive) of every event in the file."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CalendarError(f"{display}: larger than 512 MB; not a calendar export")
        raw = path.read_bytes()
    except OSError as err:
        raise CalendarError(f"{display}: cannot read it: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CalendarError(f"{display}: not UTF-8 text (byte {err.start})") from None
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise CalendarError(f"{display}:1: not an iCalendar file (it must start BEGIN:VCALENDAR)")
    try:
        cal = icalendar.Calendar.from_ical(text)
    except ValueError as err:
        raise CalendarError(f"{display}: not a readable iCalendar file: {err}") from None
    lines = _event_lines(text)
    events = list(cal.walk("VEVENT"))
    skipped: list[Problem] = []
    where: dict[tuple[str, str], int] = {}
    recurring: set[str] = set()
    earliest: dt.date | None = None
    for number, event in enumerate(events):
        line = lines[number] if len(lines) == len(events) else number + 1
        uid = str(event.get("UID", "")).strip()
        start = event.get("DTSTART")
        if not uid or start is None:
            missing = "UID" if not uid else "DTSTART"
            skipped.append(Problem(Source(display, line), f"skipped: an event with no {missing}"))
            continue
        rid = event.get("RECURRENCE-ID")
        if event.get("RRULE") is not None or event.get("RDATE") is not None or rid is not None:
            recurring.add(uid)
        where.setdefault((uid, _utc(rid.dt) if rid is not None else ""), line)
        day = start.dt.date() if isinstance(start.dt, dt.datetime) else start.dt
        earliest = day if earliest is None or day < earliest else earliest
    occurrences: list[Occurrence] = []
    if earliest is not None and earliest < until:
        try:
            expanded = recurring_ical_events.of(cal).between(earliest, until)
        except Exception as err:  # the library raises its own errors for broken rules
            raise CalendarError(f"{display}: cannot expand its recurring events: {err}") from None
        for event in expanded:
            uid = str(event.get("UID", "")).strip()
            if not uid or event.get("DTSTART") is None:
                continue
            start = event["DTSTART"].dt
            rid = event.get("RECURRENCE-ID")
            rid_text = _utc(rid.dt if rid is not None else start)
            key = f"{uid}|{rid_text}" if uid in recurring else uid
            line = where.get((uid, rid_text), where.get((uid, ""), 1))
            occurrences.append(
                Occurrence(
                    key=key,
                    start=start,
                    summary=" ".join(str(event.get("SUMMARY", "")).split()),
                    status=str(event.get("STATUS", "")).upper(),
                    organizer=_person(event.get("ORGANIZER")),
                    attendees=_people(event.get("ATTENDEE")),
                    text=_text(
                        event,
                        "LOCATION",
                        "DESCRIPTION",
                        "URL",
                        "CONFERENCE",
                        "X-GOOGLE-CONFERENCE",
                        "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                    ),
                    location=_text(event, "LOCATION"),
                    line=line,
                )
            )
    occurrences.sort(key=lambda o: (_utc(o.start), o.key))
    name = normalise_email(str(cal.get("X-WR-CALNAME", "")))
    return CalendarFile(display, name, tuple(occurrences), tuple(skipped))


VIDEO_RE = re.compile(
    r"(?:meet\.google\.com|(?:^|[./])zoom\.us/|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|facetime\.apple\.com|meet\.jit\.si|gotomeeting\.com|"
    r"chime\.aws|join\.skype\.com|bluejeans\.com)",
    re.IGNORECASE,
)
PHONE_RE = re.compile(r"(?:^|\s)(?:tel:)?\+?\(?\d[\d\s().-]{6,}\d(?:\s|$)|tel:", re.IGNORECASE)


def kind_of(occurrence: Occurrence) -> str:
    """video for a call link, call for a phone number where it meets, else meeting."""
    if VIDEO_RE.search(occurrence.text):
        return "video"
    if PHONE_RE.search(occurrence.location) or "tel:" in occurrence.text.lower():
        return "call"
    return "meeting"
