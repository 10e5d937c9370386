"""Relationship strength: activity with decay and the five-component score, as of any date.

Implements the default model of docs/how-scores-work.md (Granovetter 1973; Marsden &
Campbell 1984; Gilbert & Karahalios 2009; Burt 2000). Pure functions of the journal and a date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..reading.fields import SMALL_FAVOUR, SMALL_FAVOUR_KINDS
from ..reading.records import Contact, Entry
from ..reading.settings import Model

LN2 = math.log(2)
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True, slots=True)
class Touch:
    """One counted interaction with one contact (at most one per contact, day and kind)."""

    day: int  # date.toordinal()
    weight: float  # kind weight × personal boost
    personal: bool
    help: bool
    initiated_by: str | None
    gave: bool
    got: bool
    favour: float = 1.0  # how much a gave/got counts: SMALL_FAVOUR on a reaction

    @property
    def private(self) -> float:
        """How much this touch adds to the personal-or-help total of inferred closeness."""
        return 1.0 if self.personal else (self.favour if self.help else 0.0)


@dataclass(frozen=True, slots=True)
class Components:
    """Each part of the score on a 0–1 scale (the score weighs them)."""

    closeness: float
    activity: float
    reciprocity: float
    duration: float
    structure: float


@dataclass(frozen=True, slots=True)
class Score:
    """A contact's strength as of a date, with its parts and what it rests on."""

    score: float  # 0–100
    components: Components
    activity_raw: float  # A, decayed weighted interactions
    rate_per_day: float  # λ, the effective contact rate
    half_life: float  # H_c in days
    interactions: int  # counted interactions so far
    closeness_inferred: bool
    one_sided: bool
    low_confidence: bool

    def contributions(self, model: Model) -> dict[str, float]:
        """Points each component adds to the score (they sum to the score)."""
        c = self.components
        return {
            "closeness": 100 * model.weight_closeness * c.closeness,
            "activity": 100 * model.weight_activity * c.activity,
            "reciprocity": 100 * model.weight_reciprocity * c.reciprocity,
            "duration": 100 * model.weight_duration * c.duration,
            "structure": 100 * model.weight_structure * c.structure,
        }


def collect_touches(entries: Iterable[Entry], model: Model) -> tuple[Touch, ...]:
    """The counted interactions among a contact's entries, oldest first."""
    seen: set[tuple[int, str]] = set()
    touches: list[Touch] = []
    for entry in entries:
        weight = model.kind_weights.get(entry.kind, 0.0)
        if weight <= 0:
            continue
        day = entry.date.toordinal()
        if (day, entry.kind) in seen:
            continue
        seen.add((day, entry.kind))
        touches.append(
            Touch(
                day=day,
                weight=weight * (model.personal_boost if entry.personal else 1.0),
                personal=entry.personal,
                help=bool(entry.gave or entry.got),
                initiated_by=entry.initiated_by,
                gave=bool(entry.gave),
                got=bool(entry.got),
                favour=SMALL_FAVOUR if entry.kind in SMALL_FAVOUR_KINDS else 1.0,
            )
        )
    touches.sort(key=lambda t: t.day)
    return tuple(touches)


def known_since(contact: Contact, entries: Sequence[Entry]) -> dt.date | None:
    """When the tie began: `met`, or the first entry with them if earlier."""
    dates = [d for d in (contact.met, entries[0].date if entries else None) if d is not None]
    return min(dates) if dates else None


def half_life(contact: Contact, years_known: float, shared: int, model: Model) -> float:
    """H_c: kin decay slower; new ties and bridges without shared contacts decay faster."""
    h = model.half_life_days
    if contact.kin:
        h *= model.kin_half_life_factor
    if years_known < 1:
        h *= model.new_tie_half_life_factor
    if shared == 0:
        h *= model.isolated_half_life_factor
    elif shared >= 3:
        h *= model.connected_half_life_factor
    return h


def normalise_rate(rate_per_day: float) -> float:
    """A' = clamp(ln(730·λ) / ln(730/7), 0, 1): every two years → 0, weekly → 1."""
    if rate_per_day <= 0:
        return 0.0
    return min(1.0, max(0.0, math.log(730 * rate_per_day) / math.log(730 / 7)))


def ratio_balance(a: float, b: float) -> float | None:
    """1 − |a − b| / (a + b): 1 when balanced, 0 when all on one side; None with no data."""
    return None if a + b == 0 else 1 - abs(a - b) / (a + b)


def score_contact(
    contact: Contact,
    touches: Sequence[Touch],
    since: dt.date | None,
    shared: int,
    on: dt.date,
    model: Model,
) -> Score:
    """The score of one tie as of `on`, counting only what had happened by then.

    Two properties hold by construction (and are tested): one more plain interaction never
    lowers a score, and with no contact a score never rises as time passes. So duration is
    the span from the start of the tie to its latest interaction (it does not grow during a
    silence), the contact rate is normalised by the base half-life, and reciprocity weighs
    interactions by a fixed decay, which makes the balance independent of the date.
    """
    t = on.toordinal()
    past = [x for x in touches if x.day <= t]
    start = since.toordinal() if since and since <= on else None
    years = (past[-1].day - start) / DAYS_PER_YEAR if past and start is not None else 0.0
    years = max(0.0, years)
    h = half_life(contact, years, shared, model)

    activity = 0.0
    private = 0.0  # decayed count of personal or help entries
    me = them = gave = got = 0.0  # reciprocity, decayed at a fixed rate
    for touch in past:
        decay = 2.0 ** (-(t - touch.day) / h)
        activity += touch.weight * decay
        private += decay * touch.private
        weight = 2.0 ** (-(t - touch.day) / model.reciprocity_half_life_days)
        me += weight if touch.initiated_by == "me" else 0.0
        them += weight if touch.initiated_by == "them" else 0.0
        gave += weight * touch.favour if touch.gave else 0.0
        got += weight * touch.favour if touch.got else 0.0
    rate = activity * LN2 / model.half_life_days
    a_norm = normalise_rate(rate)

    if contact.closeness is not None:
        closeness, inferred = (contact.closeness - 1) / 4, False
    else:
        cap = 0.6 if any(x.personal for x in past) else 0.5
        closeness, inferred = min(cap, 1 - math.exp(-private / 3)), True

    parts = [r for r in (ratio_balance(me, them), ratio_balance(gave, got)) if r is not None]
    reciprocity = sum(parts) / len(parts) if parts else (0.5 if past else 0.0)

    duration = min(1.0, math.log1p(years) / math.log(6))
    structure = min(1.0, shared / 5)
    components = Components(closeness, a_norm, reciprocity, duration, structure)
    total = 100 * (
        model.weight_closeness * closeness
        + model.weight_activity * a_norm
        + model.weight_reciprocity * reciprocity
        + model.weight_duration * duration
        + model.weight_structure * structure
    )
    low_confidence = contact.closeness is None and len(past) < model.low_confidence_interactions
    return Score(
        score=round(max(0.0, min(100.0, total)), 1),
        components=components,
        activity_raw=activity,
        rate_per_day=rate,
        half_life=h,
        interactions=len(past),
        closeness_inferred=inferred,
        one_sided=is_one_sided(past, t, model),
        low_confidence=low_confidence,
    )


@dataclass(frozen=True, slots=True)
class Balance:
    """Who reached out and who helped, counted (not decayed) over the last 24 months."""

    me: int
    them: int
    gave: float  # a small favour (a `reaction` with gave/got) counts 0.2
    got: float


def count_balance(past: Sequence[Touch], t: int, model: Model) -> Balance:
    window = t - round(model.reciprocity_months * 30.44)
    recent = [x for x in past if window < x.day <= t]
    return Balance(
        me=sum(1 for x in recent if x.initiated_by == "me"),
        them=sum(1 for x in recent if x.initiated_by == "them"),
        gave=round(sum(x.favour for x in recent if x.gave), 1),  # small favours count 0.2
        got=round(sum(x.favour for x in recent if x.got), 1),
    )


def one_sided_side(balance: Balance) -> tuple[str, str] | None:
    """(who, how) for a one-sided tie — who is "me" or "them", how is "reaching" or "giving".

    Reaching out decides first: at least 3 started by one side and none by the other, or at
    least 4 that say who started and 85% or more by one side. Failing that, help that only
    goes from me (given at least twice, nothing received).
    """
    me, them = balance.me, balance.them
    if me >= 3 and them == 0:
        return ("me", "reaching")
    if them >= 3 and me == 0:
        return ("them", "reaching")
    if me + them >= 4 and max(me, them) / (me + them) >= 0.85:
        return ("me" if me > them else "them", "reaching")
    if balance.gave >= 2 and balance.got == 0:
        return ("me", "giving")
    return None


def is_one_sided(past: Sequence[Touch], t: int, model: Model) -> bool:
    """Over the last 24 months: almost always one side reaching out, or giving with nothing back."""
    return one_sided_side(count_balance(past, t, model)) is not None


def history_scores(
    contact: Contact,
    touches: Sequence[Touch],
    since: dt.date | None,
    shared: int,
    dates: Sequence[dt.date],
    model: Model,
) -> list[float]:
    """`score_contact(...).score` at each date, in O(touches + dates) instead of their product.

    One sweep through time keeps every decayed sum as of the current date: moving on by Δ
    days multiplies it by 2^(-Δ/H), and a touch adds its weight. Every factor is at most 1,
    so no span of years and no half-life can overflow (a sum only underflows towards 0, as
    the decay itself does). The half-life depends only on whether the tie is younger than
    a year (the new-tie factor), so the sweep keeps the sums for both half-lives.
    """
    start = since.toordinal() if since else None
    hr = model.reciprocity_half_life_days
    halves = (half_life(contact, 0.0, shared, model), half_life(contact, 1.0, shared, model))
    activity = [0.0, 0.0]  # per half-life in `halves`
    private = [0.0, 0.0]
    recip = [0.0, 0.0, 0.0, 0.0]  # me, them, gave, got
    personal = False
    now: int | None = None  # the day the sums stand at
    k = 0  # touches counted so far

    def move_to(day: int) -> None:
        nonlocal now
        if now is not None and day > now:
            for i, h in enumerate(halves):
                shrink = 2.0 ** (-(day - now) / h)
                activity[i] *= shrink
                private[i] *= shrink
            shrink = 2.0 ** (-(day - now) / hr)
            recip[:] = [x * shrink for x in recip]
        now = day

    out: list[float] = [0.0] * len(dates)
    for index in sorted(range(len(dates)), key=lambda i: dates[i]):
        t = dates[index].toordinal()
        while k < len(touches) and touches[k].day <= t:
            x = touches[k]
            move_to(x.day)
            for i in range(len(halves)):
                activity[i] += x.weight
                private[i] += x.private
            recip[0] += 1.0 if x.initiated_by == "me" else 0.0
            recip[1] += 1.0 if x.initiated_by == "them" else 0.0
            recip[2] += x.favour if x.gave else 0.0
            recip[3] += x.favour if x.got else 0.0
            personal = personal or x.personal
            k += 1
        move_to(t)
        years = 0.0
        if k and start is not None and start <= t:
            years = max(0.0, (touches[k - 1].day - start) / DAYS_PER_YEAR)
        which = 0 if years < 1 else 1
        a_norm = normalise_rate(activity[which] * LN2 / model.half_life_days)
        if contact.closeness is not None:
            closeness = (contact.closeness - 1) / 4
        else:
            closeness = min(0.6 if personal else 0.5, 1 - math.exp(-private[which] / 3))
        me, them, gave, got = recip
        parts = [r for r in (ratio_balance(me, them), ratio_balance(gave, got)) if r is not None]
        reciprocity = sum(parts) / len(parts) if parts else (0.5 if k else 0.0)
        duration = min(1.0, math.log1p(years) / math.log(6))
        total = 100 * (
            model.weight_closeness * closeness
            + model.weight_activity * a_norm
            + model.weight_reciprocity * reciprocity
            + model.weight_duration * duration
            + model.weight_structure * min(1.0, shared / 5)
        )
        out[index] = round(max(0.0, min(100.0, total)), 1)
    return out


def history_dates(today: dt.date, months: int) -> list[dt.date]:
    """The last day of each of the past `months` months, then today: the chart's x axis."""
    dates = []
    for back in range(months, 0, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        first_next = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
        dates.append(first_next - dt.timedelta(days=1))
    dates.append(today)
    return dates
