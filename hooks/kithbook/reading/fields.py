"""The journal format's fields: allowed keys, values, and parsers that return errors as values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENTRY_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-([a-z0-9]+(?:-[a-z0-9]+)*))?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CADENCE_RE = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")
MENTION_RE = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")

CONTACT_KEYS = (
    "name", "aliases", "company", "title", "location", "tags", "relationship", "met",
    "how_we_met", "birthday", "introduced_by", "closeness", "kin", "cadence", "links", "knows",
    "vouch", "archived", "snooze",
)  # fmt: skip
APPLICATION = "application"  # the entry kind that records a job application
APPLICATION_KEYS = ("company", "role", "link", "status", "referred_by", "updated")
ENTRY_KEYS = (
    "date", "title", "with", "kind", "initiated_by", "personal", "gave", "got", "evidence",
    "about", "follow_up", *APPLICATION_KEYS,
)  # fmt: skip
FOLLOW_UP_KEYS = ("due", "what", "done")
SNOOZE_KEYS = ("until", "reason")  # `snooze:` on a contact: no warnings before `until`
KNOWS_KEYS = ("slug", "name", "company", "title", "how_well")

KIND_WEIGHTS: dict[str, float] = {
    "meeting": 1.0,
    "activity": 1.0,
    "video": 0.7,
    "call": 0.6,
    "message": 0.3,
    "event": 0.3,
    "intro": 1.0,
    "reaction": 0.05,
    "note": 0.0,
}
KINDS = tuple(KIND_WEIGHTS)  # interactions (what `kith log --kind` takes)
ENTRY_KINDS = (*KINDS, APPLICATION)  # an application is a record, not an interaction
OPEN_STATUSES = ("applied", "screening", "interviewing", "offer")
CLOSED_STATUSES = ("accepted", "rejected", "withdrawn")
STATUSES = OPEN_STATUSES + CLOSED_STATUSES
# A `gave`/`got` on a reaction (a LinkedIn skill endorsement, a like) is a small favour: it
# counts this much of a favour in the score, and not in the giving ledger or as vouching.
SMALL_FAVOUR_KINDS = frozenset({"reaction"})
SMALL_FAVOUR = 0.2
RELATIONSHIPS = (
    "client", "candidate", "prospect", "mentor", "mentee", "advisor", "colleague",
    "former-colleague", "classmate", "recruiter", "supplier", "friend", "family", "other",
)  # fmt: skip
HOW_WELL = ("acquaintance", "colleague", "close")
INITIATED_BY = ("me", "them")
DAYS_PER_UNIT = {"d": 1, "w": 7, "m": 30, "y": 365}


@dataclass(frozen=True, slots=True)
class Invalid:
    """A value that does not fit its field, and why."""

    message: str


NEVER = "never"

# The dates the format accepts. A journal is about living people: the earliest `met` is a
# childhood friendship of someone born in the early 1900s, the latest follow-up a plan a
# lifetime ahead. Anything outside is a typo in the year (1026 for 2026). The bounds keep
# every span the model computes below 300 years, so dates plus any cadence stay far from
# the calendar's limits (year 1 and year 9999).
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)
MAX_CADENCE_DAYS = 100 * 365  # `cadence: 100y`; longer is `never`


def parse_date(value: object, key: str) -> dt.date | Invalid:
    """A `YYYY-MM-DD` date; anything else says what was expected."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return check_date_range(value, key)
    text = str(value).strip()
    if not DATE_RE.match(text):
        return Invalid(f"bad date '{text}' for '{key}': expected YYYY-MM-DD, like 2026-03-04")
    try:
        return check_date_range(dt.date.fromisoformat(text), key)
    except ValueError as err:
        return Invalid(f"bad date '{text}' for '{key}': {err}")


BIRTHDAY_RE = re.compile(r"^(?:(\d{4})|-)-(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class Birthday:
    """A birthday: month and day, and the year when known."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else self.text

    @property
    def text(self) -> str:
        """Without the year: `--MM-DD`."""
        return f"--{self.month:02d}-{self.day:02d}"

    def next_on_or_after(self, today: dt.date) -> dt.date:
        """The next birthday from `today` on (29 February falls on the 28th in other years)."""
        for year in (today.year, today.year + 1):
            day = self.day
            if self.month == 2 and day == 29 and not _leap(year):
                day = 28
            when = dt.date(year, self.month, day)
            if when >= today:
                return when
        raise AssertionError("unreachable: a birthday comes round every year")


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse_birthday(value: object) -> Birthday | Invalid:
    """`--MM-DD` (no year) or `YYYY-MM-DD`."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Birthday(value.month, value.day, value.year)
    text = str(value).strip()
    match = BIRTHDAY_RE.match(text)
    hint = "expected --MM-DD (no year) or YYYY-MM-DD, like --03-04 or 1990-03-04"
    if match is None:
        return Invalid(f"bad birthday '{text}': {hint}")
    year = int(match.group(1)) if match.group(1) else None
    month, day = int(match.group(2)), int(match.group(3))
    try:
        dt.date(year or 2000, month, day)  # 2000 was a leap year: --02-29 is a date
    except ValueError as err:
        return Invalid(f"bad birthday '{text}': {err}")
    return Birthday(month, day, year)


def check_date_range(day: dt.date, key: str) -> dt.date | Invalid:
    """The date itself if the format accepts it (FIRST_DATE to LAST_DATE), else why not."""
    if FIRST_DATE <= day <= LAST_DATE:
        return day
    return Invalid(
        f"date {day.isoformat()} for '{key}' is outside the dates a journal accepts "
        f"({FIRST_DATE} to {LAST_DATE}): a typo in the year?"
    )


def parse_cadence(value: object) -> int | str | Invalid:
    """Days between check-ins (`10d`, `6w`, `3m`, `1y`), or `never`."""
    text = str(value).strip().lower()
    if text == NEVER:
        return NEVER
    match = CADENCE_RE.match(text)
    if match is None or not match.group(1).strip("0"):
        return Invalid(
            f"cadence '{value}' is not a duration: use a number and d, w, m or y "
            "(10d, 6w, 3m, 1y), or never"
        )
    digits = match.group(1).lstrip("0")  # int() refuses thousands of digits: count them first
    days = int(digits) * DAYS_PER_UNIT[match.group(2)] if len(digits) <= 8 else None
    if days is None or days > MAX_CADENCE_DAYS:
        return Invalid(f"cadence '{value}' is longer than 100 years: use never")
    return days


def as_text(value: object, key: str) -> str | Invalid:
    """Text; numbers are accepted as text, but `yes`/`no`/`true` need quotes to mean words."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or value is None:
        return Invalid(f"'{key}' must be text, not {_yaml_word(value)}; put it in quotes")
    if isinstance(value, int | float | dt.date):
        return str(value)
    return Invalid(f"'{key}' must be text, not {_describe(value)}")


def as_text_list(value: object, key: str) -> tuple[str, ...] | Invalid:
    """A list of text; a single text is taken as a list of one."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = as_text(item, key)
        if isinstance(text, Invalid):
            return Invalid(f"'{key}' must be a list of text")
        if text:
            out.append(text)
    return tuple(out)


def as_bool(value: object, key: str) -> bool | Invalid:
    if isinstance(value, bool):
        return value
    return Invalid(f"'{key}' must be true or false, not '{value}'")


def as_closeness(value: object) -> int | Invalid:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return Invalid(f"closeness must be a whole number from 1 to 5, not '{value}'")
    return value


def as_choice(value: object, key: str, choices: tuple[str, ...]) -> str | Invalid:
    text = str(value).strip().lower() if isinstance(value, str) else None
    if text in choices:
        return choices[choices.index(text)]  # the constant: one string object journal-wide
    hint = did_you_mean(str(value), choices)
    return Invalid(f"unknown {key} '{value}'{hint}; expected one of: {', '.join(choices)}")


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """`; did you mean 'x'?` when a close match exists, else an empty string."""
    import difflib

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _yaml_word(value: object) -> str:
    return "empty" if value is None else f"the YAML boolean {str(value).lower()}"


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
