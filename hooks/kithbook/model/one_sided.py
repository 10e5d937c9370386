"""One-sided ties, with direction: who is doing the reaching out, and what to do about it.

The words are made here once, so the site and `kith` say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..reading.settings import Model
from .strength import Balance, Touch, count_balance, one_sided_side

SECTION = "One-sided ties"
INTRO = (
    "Ties where, over the last 24 months, one side does almost all the reaching out, or help "
    "goes only one way. Each says which side, and what to do."
)
# The action for each (who, how): reply when they keep writing; stop chasing when I do.
ACTIONS = {
    ("them", "reaching"): "Reply, and reach out first next time.",
    ("me", "reaching"): (
        "Stop chasing: give something instead (an intro, a useful link) and let them come back."
    ),
    ("me", "giving"): "Don't keep score, but don't chase either: ask for something small.",
}


@dataclass(frozen=True, slots=True)
class OneSided:
    slug: str
    who: str  # "me" | "them": the side doing the reaching out (or the giving)
    how: str  # "reaching" | "giving"
    balance: Balance
    says: str  # which side, with the counts
    action: str


def describe_one_sided(
    slug: str, touches: Sequence[Touch], today: dt.date, model: Model
) -> OneSided | None:
    """The one-sided judgement for one tie, or None when it goes both ways."""
    t = today.toordinal()
    balance = count_balance([x for x in touches if x.day <= t], t, model)
    side = one_sided_side(balance)
    if side is None:
        return None
    who, how = side
    started = balance.me + balance.them
    if how == "giving":
        says = f"I give, nothing comes back: gave {balance.gave:g}, got {balance.got:g}"
    elif who == "me":
        says = f"I do the reaching out: {balance.me} of {started} started by me"
    else:
        says = f"They do the reaching out: {balance.them} of {started} started by them"
    return OneSided(slug, who, how, balance, says, ACTIONS[side])
