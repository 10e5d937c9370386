"""Typed rows of each LinkedIn CSV, and the rules for reading their cells (names, dates, URLs)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ...reading.records import Problem, Source
from .urls import normalise_profile_url, split_urls

EXCERPT = 280  # characters of a message kept in its entry
FIRST_DAY = dt.date(2003, 5, 5)  # LinkedIn opened; an earlier date in an export is a mistake
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$")
_TIME = re.compile(r",?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:UTC|GMT|Z)?\s*$")
_FORMATS = (
    "%d %b %Y",  # 07 Dec 2025, 1 Jan 2026 (Connections.csv)
    "%d %B %Y",
    "%d-%b-%y",  # 7-Feb-22 (older exports)
    "%d-%b-%Y",
    "%m/%d/%y",  # 9/25/26 (Invitations.csv, Recommendations)
    "%m/%d/%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%Y/%m/%d",
)


@dataclass(frozen=True, slots=True)
class Connection:
    """A row of Connections.csv: a person I am connected with."""

    line: int
    name: str
    url: str | None  # normalised profile address
    email: str | None
    company: str | None
    title: str | None
    connected: dt.date | None


@dataclass(frozen=True, slots=True)
class Message:
    """A row of messages.csv (of any generation: the older ones lack some columns)."""

    line: int
    conversation: str  # empty in exports before 2021
    title: str
    sender: str
    sender_url: str | None  # None in exports before 2021
    recipients: tuple[str, ...]  # names in TO
    recipient_urls: tuple[str, ...]  # empty in exports before mid-2024
    when: str  # as written
    day: dt.date
    excerpt: str
    outgoing: bool | None  # the 2018/2020 Direction column; None where there is none

    @property
    def moment(self) -> str:
        """`YYYY-MM-DD HH:MM:SS`: sortable, whatever shape DATE had."""
        return f"{self.day.isoformat()} {time_of_day(self.when)}"


@dataclass(frozen=True, slots=True)
class Invitation:
    """A row of Invitations.csv: who sent a connection request to whom."""

    line: int
    outgoing: bool  # I sent it
    other: str  # the other person's name
    other_url: str | None
    day: dt.date | None
    message: str = ""  # the note sent with the request


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A row of Recommendations_Given.csv or Recommendations_Received.csv."""

    line: int
    name: str
    text: str
    day: dt.date | None
    company: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Endorsement:
    """A row of Endorsement_Given_Info.csv or Endorsement_Received_Info.csv."""

    line: int
    name: str  # the endorsee (given) or endorser (received)
    url: str | None
    skill: str
    day: dt.date


Cells = Mapping[str, str]


_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])?")


def time_of_day(text: str) -> str:
    """`HH:MM:SS` of a date-time cell (`10:00:00 UTC`, `8:52 AM`), `00:00:00` if none."""
    found = _CLOCK.search(text)
    if found is None:
        return "00:00:00"
    hour = int(found.group(1)) % 24
    if found.group(4) is not None:
        hour = hour % 12 + (12 if found.group(4) in "Pp" else 0)
    return f"{hour:02d}:{found.group(2)}:{found.group(3) or '00'}"


def clean_text(value: str) -> str:
    """One line of text: control characters dropped, runs of spaces made one. HTML stays text."""
    return " ".join(_CONTROL.sub(" ", value).split())


def parse_export_date(text: str) -> dt.date | None:
    """`07 Dec 2025`, `1 Jan 2026`, `7-Feb-22`, `9/25/26, 8:52 AM`, `2025-03-04 10:00:00 UTC`."""
    text = text.strip()
    if not text:
        return None
    iso = _ISO.match(text)
    if iso is not None:
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            return None
    text = _TIME.sub("", text).strip().rstrip(",")
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _problem(file: str, line: int, message: str) -> Problem:
    return Problem(Source(file, line), message)


def too_early(day: dt.date | None) -> bool:
    """A date before LinkedIn existed (`01 Jan 1026`): a mistake, never imported."""
    return day is not None and day < FIRST_DAY


def _early(file: str, line: int, column: str, raw: str) -> list[Problem]:
    shown = clean_text(raw)
    return [_problem(file, line, f"skipped: {column} '{shown}' is before LinkedIn began (2003)")]


def full_name(cells: Cells, first: str = "first name", last: str = "last name") -> str:
    return clean_text(f"{cells.get(first, '')} {cells.get(last, '')}")


def read_connection(file: str, line: int, cells: Cells) -> tuple[Connection | None, list[Problem]]:
    """A connection, or None with why it is skipped; notes on cells that were left out."""
    name = full_name(cells)
    if not name:
        return None, [_problem(file, line, "skipped: no name (First Name and Last Name are empty)")]
    notes: list[Problem] = []
    raw_url = cells.get("url", "").strip()
    url = normalise_profile_url(raw_url) if raw_url else None
    if raw_url and url is None:
        notes.append(
            _problem(
                file,
                line,
                f"URL '{clean_text(raw_url)}' is not a LinkedIn profile: matched by name",
            )
        )
    raw_date = cells.get("connected on", "").strip()
    connected = parse_export_date(raw_date)
    if too_early(connected):
        return None, _early(file, line, "Connected On", raw_date)
    if raw_date and connected is None:
        notes.append(
            _problem(
                file, line, f"Connected On '{clean_text(raw_date)}' is not a date: met left empty"
            )
        )
    email = clean_text(cells.get("email address", ""))
    return (
        Connection(
            line=line,
            name=name,
            url=url,
            email=email if "@" in email and " " not in email else None,
            company=clean_text(cells.get("company", "")) or None,
            title=clean_text(cells.get("position", "")) or None,
            connected=connected,
        ),
        notes,
    )


def read_message(file: str, line: int, cells: Cells) -> tuple[Message | None, list[Problem]]:
    if cells.get("is message draft", "").strip().lower() in ("yes", "true"):
        return None, [_problem(file, line, "skipped: a draft, never sent")]
    if "folder" in cells:
        folder = cells["folder"].strip().upper()
        if not folder:
            return None, [_problem(file, line, "skipped: a draft, never sent (no FOLDER)")]
        if folder == "SPAM":
            return None, [_problem(file, line, "skipped: in the SPAM folder")]
    raw_date = cells.get("date", "").strip()
    day = parse_export_date(raw_date)
    if day is None:
        return None, [_problem(file, line, f"skipped: DATE '{clean_text(raw_date)}' is not a date")]
    if too_early(day):
        return None, _early(file, line, "DATE", raw_date)
    outgoing: bool | None = None
    if "sender profile url" in cells:
        sender_url = normalise_profile_url(cells["sender profile url"])
        if sender_url is None:
            return None, [
                _problem(file, line, "skipped: no SENDER PROFILE URL (people are matched by it)")
            ]
    else:
        sender_url = None
        direction = cells.get("direction", "").strip().upper()
        if direction not in ("INCOMING", "OUTGOING"):
            shown = clean_text(cells.get("direction", ""))
            return None, [
                _problem(
                    file, line, f"skipped: Direction '{shown}' is neither INCOMING nor OUTGOING"
                )
            ]
        outgoing = direction == "OUTGOING"
    excerpt = clean_text(cells.get("content", "")) or clean_text(cells.get("subject", ""))
    if len(excerpt) > EXCERPT:
        excerpt = excerpt[: EXCERPT - 1].rstrip() + "…"
    recipients = tuple(n for n in (clean_text(t) for t in cells.get("to", "").split(",")) if n)
    return (
        Message(
            line=line,
            conversation=cells.get("conversation id", "").strip(),
            title=clean_text(cells.get("conversation title", "")),
            sender=clean_text(cells.get("from", "")),
            sender_url=sender_url,
            recipients=recipients,
            recipient_urls=tuple(split_urls(cells.get("recipient profile urls", ""))),
            when=raw_date,
            day=day,
            excerpt=excerpt,
            outgoing=outgoing,
        ),
        [],
    )


def read_invitation(file: str, line: int, cells: Cells) -> tuple[Invitation | None, list[Problem]]:
    direction = cells.get("direction", "").strip().upper()
    if direction not in ("INCOMING", "OUTGOING"):
        shown = clean_text(cells.get("direction", ""))
        return None, [
            _problem(file, line, f"skipped: Direction '{shown}' is neither INCOMING nor OUTGOING")
        ]
    outgoing = direction == "OUTGOING"
    other = clean_text(cells.get("to" if outgoing else "from", ""))
    raw_url = cells.get("inviteeprofileurl" if outgoing else "inviterprofileurl", "")
    url = normalise_profile_url(raw_url)
    if not other and url is None:
        return None, [
            _problem(file, line, "skipped: no name and no profile URL for the other person")
        ]
    raw_date = cells.get("sent at", "").strip()
    day = parse_export_date(raw_date)
    if too_early(day):
        return None, _early(file, line, "Sent At", raw_date)
    message = clean_text(cells.get("message", ""))
    return Invitation(line, outgoing, other, url, day, message), []


def read_recommendation(
    file: str, line: int, cells: Cells
) -> tuple[Recommendation | None, list[Problem]]:
    status = cells.get("status", "").strip().upper()
    if status and status != "VISIBLE":
        return None, [
            _problem(file, line, f"skipped: status {status} (only VISIBLE ones are imported)")
        ]
    name = full_name(cells)
    if not name:
        return None, [_problem(file, line, "skipped: no name (First Name and Last Name are empty)")]
    text = " ".join(cells.get("text", "").split())
    if not text:
        return None, [_problem(file, line, "skipped: no Text")]
    raw_date = cells.get("creation date", "").strip()
    day = parse_export_date(raw_date)
    if day is None:
        shown = f"'{clean_text(raw_date)}' is not a date" if raw_date else "is empty"
        return None, [_problem(file, line, f"skipped: Creation Date {shown}")]
    if too_early(day):
        return None, _early(file, line, "Creation Date", raw_date)
    company = clean_text(cells.get("company", ""))
    title = clean_text(cells.get("job title", ""))
    return Recommendation(line, name, clean_text(text), day, company, title), []


def read_endorsement(
    file: str, line: int, cells: Cells, role: str
) -> tuple[Endorsement | None, list[Problem]]:
    """A row of either endorsement file; `role` is `endorsee` (given) or `endorser` (received)."""
    status = cells.get("endorsement status", "").strip().upper()
    if status not in ("", "ACCEPTED", "PENDING"):
        return None, [
            _problem(file, line, f"skipped: status {status} (only ACCEPTED or PENDING ones)")
        ]
    name = full_name(cells, f"{role} first name", f"{role} last name")
    raw_url = cells.get(f"{role} public url", "").strip()
    url = normalise_profile_url(raw_url) if raw_url else None
    if not name and url is None:
        return None, [_problem(file, line, f"skipped: no {role} name and no profile URL")]
    skill = clean_text(cells.get("skill name", ""))
    if not skill:
        return None, [_problem(file, line, "skipped: no Skill Name")]
    raw_date = cells.get("endorsement date", "").strip()
    day = parse_export_date(raw_date)
    if day is None:
        shown = f"'{clean_text(raw_date)}' is not a date" if raw_date else "is empty"
        return None, [_problem(file, line, f"skipped: Endorsement Date {shown}")]
    if too_early(day):
        return None, _early(file, line, "Endorsement Date", raw_date)
    return Endorsement(line, name, url, skill, day), []


def read_endorsement_given(
    file: str, line: int, cells: Cells
) -> tuple[Endorsement | None, list[Problem]]:
    return read_endorsement(file, line, cells, "endorsee")


def read_endorsement_received(
    file: str, line: int, cells: Cells
) -> tuple[Endorsement | None, list[Problem]]:
    return read_endorsement(file, line, cells, "endorser")
