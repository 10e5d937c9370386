"""Applications that moved: when each job application was sent and how its status changed.

An application is sent on its entry's date ("Applied to Helix, Staff Engineer"). Its status
changes come from git when the entry was edited in commits (`reading/application_history.py`):
each commit that changed `status:` is one move, dated by the commit ("Helix, Staff Engineer:
applied → interviewing"). What git cannot tell — an entry committed once, a journal without
git, a change not committed yet — the entry itself tells: its status was reached on
`updated` ("Helix, Staff Engineer: now interviewing"). Each change is counted once: the
entry's own word is taken only for what the commits do not already say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..reading.fields import OPEN_STATUSES
from ..reading.history import History
from ..reading.records import Application, Entry

APPLIED, STATUS = "applied", "status"  # sent; its status changed
FIRST_STATUS = "applied"  # the status an application starts with (the default)


@dataclass(frozen=True, slots=True)
class ApplicationMove:
    """One step of one application: sent (APPLIED), or a new status (STATUS)."""

    entry: Entry  # the application entry (its `application` is set)
    kind: str
    status: str  # the status reached (FIRST_STATUS when sent)
    was: str | None  # the status before; None when not known (or when sent)
    date: dt.date
    subject: str | None = None  # the commit's subject line, for a move read from git
    commit: str | None = None
    from_git: bool = False  # read from a commit (kept when a redacted build drops the commit)

    @property
    def application(self) -> Application:
        assert self.entry.application is not None
        return self.entry.application

    @property
    def closed(self) -> bool:
        return self.status not in OPEN_STATUSES

    def words(self) -> tuple[str, str, str]:
        """The sentence in three parts, (before, company, after), so a page can link the
        company: ("Applied to ", "Helix", ", Staff Engineer")."""
        app = self.application
        role = f", {app.role}" if app.role else ""
        if self.kind == APPLIED:
            return "Applied to ", app.company, role
        return "", app.company, f"{role}: {describe_status(self.was, self.status)}"

    @property
    def text(self) -> str:
        return "".join(self.words())


def describe_status(was: str | None, status: str) -> str:
    """A status change in words: "applied → interviewing", "now interviewing" (what it
    was is not known); a closed application says how it ended: "rejected (was
    interviewing)", "offer accepted", "withdrawn"."""
    if status in OPEN_STATUSES:
        return f"now {status}" if was is None else f"{was} → {status}"
    ended = "offer accepted" if status == "accepted" else status
    if was is None or (status == "accepted" and was == "offer"):
        return ended
    return f"{ended} (was {was})"


def application_moves(
    history: History, entries: Iterable[Entry], today: dt.date
) -> tuple[ApplicationMove, ...]:
    """Every application's moves, oldest first within each application.

    `today` dates a status changed in the working tree without a new `updated`.
    """
    out: list[ApplicationMove] = []
    for entry in entries:
        app = entry.application
        if app is None:
            continue
        out.append(ApplicationMove(entry, APPLIED, FIRST_STATUS, None, entry.date))
        head = history.head_applications.get(entry.path) if history.available else None
        if head is None:
            # Nothing from git: the status as the entry says, reached on `updated`.
            if app.status != FIRST_STATUS:
                out.append(ApplicationMove(entry, STATUS, app.status, None, _reached(entry)))
            continue
        for rev in history.applications.get(entry.path, ()):
            if rev.before is None:  # the first version: it says what it says, as above
                if rev.after.status != FIRST_STATUS:
                    day = rev.after.updated or entry.date
                    out.append(ApplicationMove(entry, STATUS, rev.after.status, None, day))
                continue
            was, now = rev.before.status, rev.after.status
            out.append(
                ApplicationMove(entry, STATUS, now, was, rev.date, rev.subject, rev.commit, True)
            )
        if app.status != head.status:  # changed since the last commit
            day = app.updated if app.updated and app.updated != head.updated else today
            out.append(ApplicationMove(entry, STATUS, app.status, head.status, day))
    return tuple(out)


def _reached(entry: Entry) -> dt.date:
    assert entry.application is not None
    return entry.application.updated or entry.date


def moves_between(
    moves: Iterable[ApplicationMove], start: dt.date, end: dt.date
) -> tuple[ApplicationMove, ...]:
    """The moves dated from `start` to `end` (both included), newest first; on one day a
    status change comes before the sending it followed."""
    indexed = [(i, m) for i, m in enumerate(moves) if start <= m.date <= end]
    indexed.sort(key=lambda im: (-im[1].date.toordinal(), im[1].entry.id, -im[0]))
    return tuple(m for _, m in indexed)
