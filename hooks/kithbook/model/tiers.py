"""Dunbar tiers: the innermost layer whose size (by rank) and contact frequency a tie meets."""

from __future__ import annotations

from collections.abc import Mapping

from ..reading.records import Contact
from ..reading.settings import Model
from .strength import Score

TIER_NAMES = {1: "inner circle", 2: "close", 3: "trusted", 4: "active", 5: "known"}
OUTER = 5


def can_rank(score: Score, contact: Contact) -> bool:
    """Whether a tie takes part in the ranking at all.

    A contact with no interaction, or with a low-confidence score (no closeness rating and
    under 3 interactions), says nothing about who is close: in a journal where most contacts
    are imported names, letting them take rank slots would push whoever has a few entries up
    into the inner layers.
    """
    return not contact.archived and score.interactions > 0 and not score.low_confidence


def rank_by_score(scores: Mapping[str, Score], contacts: Mapping[str, Contact]) -> dict[str, int]:
    """1-based rank among ties that can rank (see `can_rank`); ties broken by slug."""
    active = [s for s in scores if can_rank(scores[s], contacts[s])]
    ordered = sorted(active, key=lambda s: (-scores[s].score, s))
    return {slug: i + 1 for i, slug in enumerate(ordered)}


def _score_cutoffs(model: Model, active: int) -> list[float] | None:
    return list(model.small_journal_scores) if active < model.small_journal else None


def assign_tiers(
    scores: Mapping[str, Score], contacts: Mapping[str, Contact], model: Model
) -> dict[str, int]:
    """Tier 1–5 per contact: rank (or, in small journals, score) and frequency must both hold.

    The journal's size, for choosing between ranks and score cut-offs, counts only the ties
    that can rank. A one-sided tie with no closeness rating is at most tier 4: volume in one
    direction alone does not make someone trusted.
    """
    ranks = rank_by_score(scores, contacts)
    cutoffs = _score_cutoffs(model, len(ranks))
    tiers: dict[str, int] = {}
    for slug, score in scores.items():
        tiers[slug] = OUTER
        rank = ranks.get(slug)
        if rank is None:
            continue
        contact = contacts[slug]
        factor = model.kin_rate_factor if contact.kin else model.tier_rate_factor
        innermost = 4 if score.one_sided and contact.closeness is None else 1
        for layer in range(innermost, OUTER):
            big_enough = (
                score.score >= cutoffs[layer - 1]
                if cutoffs is not None
                else rank <= model.tier_sizes[layer - 1]
            )
            frequent = score.rate_per_day >= factor * model.tier_contacts_per_year[layer - 1] / 365
            if big_enough and frequent:
                tiers[slug] = layer
                break
    return tiers


def assign_standing(
    scores_then: Mapping[str, float], contacts: Mapping[str, Contact], model: Model
) -> dict[str, int]:
    """The layer a tie's strength earned at its last real interaction, by score cut-offs alone.

    Keep-in-touch cadences come from this. `scores_then` holds each tie's score as of its last
    real interaction (or the day it began), so in silence the standing never moves: a close tie
    that has gone quiet is warned about at its close-tie cadence instead of being excused by
    having decayed into an outer tier. Ranks are left out on purpose, in journals of every size:
    a rank moves when *other* ties change, and one person's reminder must not relax because
    somebody else got busier.
    """
    standing: dict[str, int] = {}
    for slug, score in scores_then.items():
        standing[slug] = OUTER
        if contacts[slug].archived:
            continue
        for layer in range(1, OUTER):
            if score >= model.small_journal_scores[layer - 1]:
                standing[slug] = layer
                break
    return standing
