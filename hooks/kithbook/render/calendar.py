"""`kithbook.ics`: open follow-ups and due check-ins as all-day events with stable UIDs."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vText

from ..model.derive import Derived

HORIZON_DAYS = 90


def build_calendar(derived: Derived, owner: str) -> bytes:
    """A calendar any app can subscribe to from the local site: no mail server, no cron.

    Overdue items are placed on today, so they stay visible until done.
    """
    today = derived.today
    cal = Calendar()
    cal.add("prodid", "-//kithbook//networking journal//EN")
    cal.add("version", "2.0")
    # An extension property is written as given: a line break in the owner (a folded YAML
    # scalar ends with one) would break the file, so the name is one line of text.
    cal.add("x-wr-calname", vText(f"kithbook — {' '.join(owner.split())}"))
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for item in derived.follow_ups:
        names = [
            derived.network.contacts[s].name
            for s in item.entry.with_
            if s in derived.network.contacts
        ]
        summary = f"Follow up: {item.what}" + (f" ({', '.join(names)})" if names else "")
        cal.add_component(
            _event(
                f"follow-up-{item.entry.id}@kithbook",
                max(item.due, today),
                summary,
                f"From {item.entry.path}",
                stamp,
            )
        )
    for slug, status in sorted(derived.statuses.items()):
        if status.next_due is None or status.expected_gap is None:
            continue
        if status.status in ("archived", "never") or (status.next_due - today).days > HORIZON_DAYS:
            continue
        contact = derived.network.contacts[slug]
        last = f"last in touch {status.last}" if status.last else "no interaction yet"
        cal.add_component(
            _event(
                f"check-in-{slug}@kithbook",
                max(status.next_due, today),
                f"Check in with {contact.name}",
                f"{status.status}; {last}; every {status.expected_gap} days",
                stamp,
            )
        )
    for event in _birthdays(derived, stamp):
        cal.add_component(event)
    return bytes(cal.to_ical())


def _birthdays(derived: Derived, stamp: dt.datetime) -> list[Event]:
    """A yearly all-day event per contact with a birthday (the 29th of February: the last
    day of February, every year)."""
    events: list[Event] = []
    for slug, contact in sorted(derived.network.contacts.items()):
        birthday = contact.birthday
        if birthday is None or contact.archived:
            continue
        start = dt.date(birthday.year or 2000, birthday.month, birthday.day)
        event = _event(f"birthday-{slug}@kithbook", start, f"{contact.name}'s birthday", "", stamp)
        del event["description"]
        if birthday.month == 2 and birthday.day == 29:
            event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            event.add("rrule", {"freq": "yearly"})
        events.append(event)
    return events


def _event(uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1) if day < dt.date.max else day)
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event
