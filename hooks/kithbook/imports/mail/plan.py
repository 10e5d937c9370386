"""Plan a mail import: one `message` entry per contact and day, from message heads only.

Pure: the heads stream through once; only counts per contact and day are kept (and the
subjects, when asked for), so memory does not grow with the archive.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...reading.records import Problem, Source
from ...render.text import esc
from ..shared.journal import Ambiguous, JournalView, PeopleIndex
from ..shared.plan import EntryPlanner, Plan
from ..shared.state import SourceState
from .read import Address, Head

SOURCE = "mail"
ABOUT = (
    "What `kith import mail` last wrote (see docs/cli.md): the entry made for each contact "
    "and day of mail, with what it wrote."
)
MAX_SUBJECTS = 10  # per contact and day
AUTOMATED = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon|postmaster|bounces?|"
    r"notifications?|notify|automated|auto[-_.]?confirm)(?:[-+_.].*)?$",
    re.IGNORECASE,
)
BULK = ("bulk", "list", "junk")


@dataclass
class _Day:
    """One contact's mail on one day."""

    first: tuple[dt.datetime, int, bool]  # (when, line, from me) of the first message
    line: int
    mine: int = 0
    theirs: int = 0
    subjects: list[str] = field(default_factory=list)


def _who(address: Address) -> str:
    return address.email or address.name or "?"


class _Planner:
    def __init__(
        self,
        path: str,
        journal: JournalView,
        mine: frozenset[str],
        today: dt.date,
        max_recipients: int,
        subjects: bool,
    ) -> None:
        self.path = path
        self.index = PeopleIndex(journal.contacts)
        self.mine = mine
        self.today = today
        self.max_recipients = max_recipients
        self.subjects = subjects
        self.skipped: list[Problem] = []
        self.notes: list[Problem] = []
        self.days: dict[tuple[str, dt.date], _Day] = {}
        self.seen_ids: dict[str, int] = {}
        self.cache: dict[tuple[str | None, str | None], str | Ambiguous | None] = {}

    def skip(self, head: Head, message: str) -> None:
        where = Source(self.path, head.line)
        self.skipped.append(Problem(where, f"skipped: message {head.number}: {message}"))

    def match(self, address: Address) -> str | Ambiguous | None:
        key = (address.email, address.name)
        if key not in self.cache:
            self.cache[key] = self.index.match(address.email, address.name)
        return self.cache[key]

    def why_skip(self, head: Head) -> str | None:
        if head.sender is None:
            return "no From"
        if head.when is None:
            return "no readable Date"
        if head.when.date() > self.today:
            return f"dated {head.when.date()}, after today"
        if head.list_id:
            return "a mailing list (List-Id)"
        if head.precedence in BULK:
            return f"bulk mail (Precedence: {head.precedence})"
        if head.auto_submitted and head.auto_submitted != "no":
            return f"automated (Auto-Submitted: {head.auto_submitted})"
        local = (head.sender.email or "").split("@")[0]
        if AUTOMATED.match(local):
            return f"an automated sender ({head.sender.email})"
        if len(head.recipients) > self.max_recipients:
            return (
                f"{len(head.recipients)} recipients (more than mail_max_recipients, "
                f"{self.max_recipients})"
            )
        if head.message_id is not None and head.message_id in self.seen_ids:
            return f"the same Message-ID as message {self.seen_ids[head.message_id]}"
        return None

    def add(self, head: Head) -> None:
        why = self.why_skip(head)
        if why is not None:
            self.skip(head, why)
            return
        assert head.sender is not None and head.when is not None
        if head.message_id is not None:
            self.seen_ids[head.message_id] = head.number
        from_me = head.sender.email in self.mine
        others = (
            [r for r in head.recipients if r.email not in self.mine] if from_me else [head.sender]
        )
        if not others:
            self.skip(head, "from me to no one else")
            return
        slugs: list[str] = []
        for other in others:
            found = self.match(other)
            if isinstance(found, Ambiguous):
                self.notes.append(
                    Problem(
                        Source(self.path, head.line),
                        f"message {head.number}: {found.message}: {_who(other)} left out",
                    )
                )
            elif found is not None and found not in slugs:
                slugs.append(found)
        if not slugs:
            listed = ", ".join(_who(o) for o in others[:3]) + (", …" if len(others) > 3 else "")
            self.skip(head, f"{'to' if from_me else 'from'} {listed}: not a contact")
            return
        day = head.when.date()
        stamp = (head.when.astimezone(dt.timezone.utc), head.line, from_me)
        for slug in slugs:
            entry = self.days.get((slug, day))
            if entry is None:
                entry = self.days[(slug, day)] = _Day(stamp, head.line)
            elif stamp < entry.first:
                entry.first = stamp
            if from_me:
                entry.mine += 1
            else:
                entry.theirs += 1
            subject = head.subject.strip()
            if (
                self.subjects
                and subject
                and subject not in entry.subjects
                and len(entry.subjects) < MAX_SUBJECTS
            ):
                entry.subjects.append(subject)


def body_of(day: _Day) -> str:
    total = day.mine + day.theirs
    count = f"{total} message{'s' if total != 1 else ''}"
    text = f"Imported from mail: {count} ({day.mine} from me, {day.theirs} from them)."
    if day.subjects:
        text += "\n\n" + "\n".join(f"- {esc(s)}" for s in day.subjects)
    return text


def plan_mail(
    heads: Iterable[Head],
    path: str,
    journal: JournalView,
    state: SourceState,
    mine: Iterable[str],
    today: dt.date,
    max_recipients: int,
    subjects: bool = False,
) -> Plan:
    """What importing the archive would create, update and skip (pure but for the stream)."""
    planner = _Planner(
        path, journal, frozenset(m.lower() for m in mine), today, max_recipients, subjects
    )
    for head in heads:
        planner.add(head)
    entries = EntryPlanner(journal, state, ("message",))
    for (slug, day), got in sorted(planner.days.items(), key=lambda item: (item[0][1], item[0][0])):
        entries.add(
            f"{slug}|{day.isoformat()}",
            day,
            f"mail-with-{slug}",
            [
                ("with", [slug]),
                ("kind", "message"),
                ("initiated_by", "me" if got.first[2] else "them"),
            ],
            body_of(got),
            Source(path, got.first[1]),
        )
    entries.finish()
    return Plan(
        new_files=tuple(entries.new_files),
        updates=tuple(entries.updates),
        unchanged=entries.unchanged,
        skipped=tuple(planner.skipped),
        notes=tuple([*planner.notes, *entries.notes]),
        state=SourceState(entries.records, state.extra),
    )
