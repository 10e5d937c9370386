"""Stale ties: when each tie is due, how overdue it is, and whether it is cooling or fragile."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ..reading.fields import MAX_CADENCE_DAYS
from ..reading.records import Contact
from ..reading.settings import Model
from .strength import Score, Touch

OK, COOLING, DUE, STALE, DORMANT, ARCHIVED, NEVER, SNOOZED = (
    "ok", "cooling", "due", "stale", "dormant", "archived", "never", "snoozed",
)  # fmt: skip
WARNED = (DUE, STALE, DORMANT)
# A flag that needs data says so (the same words on the site and in `kith`).
BRIDGE_UNKNOWN = (
    "no shared contacts and no `knows:` list, so whether this tie is a bridge is unknown. "
    "Add whom they know to their contact file to make the check meaningful."
)


@dataclass(frozen=True, slots=True)
class Status:
    """How a tie stands today on keeping in touch."""

    status: str
    expected_gap: int | None  # days between check-ins, all factors applied
    rhythm: int | None  # the tie's own median gap over the last 24 months
    overdue: float  # ρ, days since last contact / expected gap (0 when not applicable)
    next_due: dt.date | None
    last: dt.date | None
    cooling: bool
    fragile_bridge: bool
    stake: float  # strength × overdue: what is at stake, for ordering warnings
    # a strong tie with no shared contacts whose `knows:` is empty: it may or may not be a
    # bridge, and no flag is raised until the journal says whom they know
    bridge_unknown: bool = False


def rhythm(touches: Sequence[Touch], today: dt.date, model: Model) -> int | None:
    """Median days between interactions over the last 24 months, given enough of them."""
    start = today.toordinal() - round(model.reciprocity_months * 30.44)
    days = sorted({x.day for x in touches if start < x.day <= today.toordinal()})
    if len(days) < model.rhythm_min_gaps:
        return None
    return round(statistics.median(b - a for a, b in itertools.pairwise(days)))


def recent_rate(touches: Sequence[Touch], today: dt.date, days: int) -> float:
    """Weighted interactions per day over the last `days` days."""
    start = today.toordinal() - days
    return sum(x.weight for x in touches if start < x.day <= today.toordinal()) / days


def last_real(touches: Sequence[Touch], today: dt.date, model: Model) -> dt.date | None:
    """The last interaction that keeps a tie in touch (a like or a birthday wish does not)."""
    real = [
        x
        for x in touches
        if x.day <= today.toordinal() and x.weight >= model.keep_in_touch_min_weight
    ]
    return dt.date.fromordinal(real[-1].day) if real else None


def reference_day(
    touches: Sequence[Touch], since: dt.date | None, today: dt.date, model: Model
) -> dt.date | None:
    """The day a tie's cadence is judged from: its last real interaction, else when it began.

    Everything the expected gap depends on is taken as of this day, never as of `today`, so
    with no new interaction the gap cannot change and urgency can only grow.
    """
    return last_real(touches, today, model) or since


def tie_status(
    contact: Contact,
    score: Score,
    touches: Sequence[Touch],
    standing: int,
    since: dt.date | None,
    shared: int,
    today: dt.date,
    model: Model,
    knows_recorded: bool = True,
) -> Status:
    """Due at ρ ≥ 1, stale at ρ ≥ 2, dormant at ρ ≥ 4 or after 18 silent months; snoozed
    (never warned about, not cooling) before the day its `snooze:` ends.

    `standing` is the tie's standing at its reference day (see `reference_day`); the rhythm
    and the new-tie factor are taken as of that day too. So, with no new interaction, the
    expected gap is fixed and the overdue ratio and the status can only rise as `today`
    advances: silence never excuses itself.
    """
    past = [x for x in touches if x.day <= today.toordinal()]
    real = [x for x in past if x.weight >= model.keep_in_touch_min_weight]
    last = dt.date.fromordinal(real[-1].day) if real else None
    ref = last or since
    own_rhythm = rhythm(real, ref, model) if ref is not None and ref <= today else None
    rate60, rate365 = recent_rate(past, today, 60), recent_rate(past, today, 365)
    in_year = sum(1 for x in past if x.day > today.toordinal() - 365)
    cooling = in_year >= model.cooling_min_interactions and rate60 < model.cooling_ratio * rate365
    if contact.archived or contact.cadence_never:
        status = ARCHIVED if contact.archived else NEVER
        return Status(status, None, own_rhythm, 0.0, None, last, False, False, 0.0)

    # No shared contacts is evidence of a bridge only when we know whom they know: a tie with
    # an empty `knows:` has simply not been described yet.
    strong_alone = standing <= 3 and shared == 0
    fragile = strong_alone and knows_recorded
    if contact.cadence_days:
        gap: float | None = contact.cadence_days
    else:
        tier_gap = model.tier_cadence_days[standing - 1] or None
        gap = max(tier_gap, own_rhythm or 0) if tier_gap else None
    if gap is not None:
        if contact.kin:
            gap *= model.kin_cadence_factor
        if since is not None and ref is not None and (ref - since).days < 365:
            gap *= model.new_tie_cadence_factor
        if fragile:
            gap *= model.fragile_bridge_factor
        gap = min(max(1.0, gap), MAX_CADENCE_DAYS)  # factors never push a date off the calendar

    start = last or since
    silent = (today - start).days if start else None
    overdue = max(0, silent) / gap if gap and silent is not None else 0.0
    if (
        last is not None and silent is not None and silent >= model.dormant_days
    ) or overdue >= model.dormant_ratio:
        status = DORMANT
    elif overdue >= model.stale_ratio:
        status = STALE
    elif overdue >= model.due_ratio:
        status = DUE
    elif cooling:
        status = COOLING
    else:
        status = OK
    next_due = start + dt.timedelta(days=round(gap)) if gap and start else None
    if contact.snooze is not None and contact.snooze.active(today):
        # Set aside by the user until a date: the numbers stay true, the warnings wait, and
        # the tie comes due again no earlier than the day the snooze ends.
        status, cooling = SNOOZED, False
        next_due = max(next_due, contact.snooze.until) if next_due else None
    return Status(
        status=status,
        expected_gap=round(gap) if gap else None,
        rhythm=own_rhythm,
        overdue=round(overdue, 2),
        next_due=next_due,
        last=last,
        cooling=cooling,
        fragile_bridge=fragile,
        stake=round(score.score * overdue, 1),
        bridge_unknown=strong_alone and not knows_recorded,
    )
