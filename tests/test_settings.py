"""Settings under extra.kithbook: defaults, merging, and clear messages for bad values."""

from __future__ import annotations

import datetime as dt

import pytest

from kithbook.reading.settings import Settings, parse_settings, resolve_today


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"colour": "red"}, "mkdocs.yml: extra.kithbook.colour: unknown setting"),
        (
            {"ownr": "Me"},
            "mkdocs.yml: extra.kithbook.ownr: unknown setting (did you mean 'owner'?)",
        ),
        (
            {"history_months": 12.5},
            "mkdocs.yml: extra.kithbook.history_months: expected a whole number, got 12.5",
        ),
        (
            {"model": {"tier_sizes": [1, 2]}},
            "mkdocs.yml: extra.kithbook.model.tier_sizes: needs 5 values, one per tier, not 2; "
            "the default is kept",
        ),
        (
            {"model": {"half_life_days": 0}},
            "mkdocs.yml: extra.kithbook.model.half_life_days: must be greater than 0; "
            "the default is kept",
        ),
        (
            {"model": {"tier_sizes": "x"}},
            "mkdocs.yml: extra.kithbook.model.tier_sizes: expected a list of whole numbers, "
            "got 'x'",
        ),
        (
            {"model": {"kind_weights": {"lunch": 1}}},
            "mkdocs.yml: extra.kithbook.model.kind_weights: unknown name lunch (known: meeting, "
            "activity, video, call, message, event, intro, reaction, note); the default is kept",
        ),
        ("nope", "mkdocs.yml: extra.kithbook: must be a mapping"),
    ],
)
def test_bad_settings_are_reported_and_defaults_kept(raw: object, message: str) -> None:
    settings, problems = parse_settings(raw)
    assert problems == [message]
    assert settings.model == Settings().model


def test_partial_mappings_merge_with_defaults() -> None:
    settings, problems = parse_settings(
        {
            "referrals": {"how_well": {"close": 0.8}},
            "model": {"kind_weights": {"call": 0.9}},
            "targets": "Acme",
        }
    )
    assert problems == []
    assert settings.referrals.how_well == {"acquaintance": 0.3, "colleague": 0.6, "close": 0.8}
    assert settings.model.kind_weights["call"] == 0.9
    assert settings.model.kind_weights["meeting"] == 1.0
    assert settings.targets == ["Acme"]


def test_today_from_the_environment() -> None:
    assert resolve_today({"KITHBOOK_TODAY": "2026-11-22"}) == dt.date(2026, 11, 22)
    with pytest.raises(ValueError, match="KITHBOOK_TODAY='22/11/2026' is not a date"):
        resolve_today({"KITHBOOK_TODAY": "22/11/2026"})
