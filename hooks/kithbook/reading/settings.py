"""Settings from `extra.kithbook` in mkdocs.yml, each with a documented default, and `today`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field

from .fields import FIRST_DATE, KIND_WEIGHTS, LAST_DATE, Invalid, check_date_range, did_you_mean

TODAY_VARIABLE = "KITHBOOK_TODAY"
REDACT_VARIABLE = "KITHBOOK_REDACT"


@dataclass(frozen=True)
class Model:
    """Parameters of the relationship-strength model (see docs/how-scores-work.md)."""

    half_life_days: float = 180.0
    kin_half_life_factor: float = 2.0
    new_tie_half_life_factor: float = 0.7
    isolated_half_life_factor: float = 0.6
    connected_half_life_factor: float = 1.2
    personal_boost: float = 1.5
    kind_weights: dict[str, float] = field(default_factory=lambda: dict(KIND_WEIGHTS))
    weight_closeness: float = 0.40
    weight_activity: float = 0.30
    weight_reciprocity: float = 0.15
    weight_duration: float = 0.10
    weight_structure: float = 0.05
    reciprocity_months: int = 24  # the window for the one-sided flag and the rhythm
    reciprocity_half_life_days: float = 365.0
    tier_sizes: list[int] = field(default_factory=lambda: [5, 15, 50, 150, 500])
    tier_contacts_per_year: list[float] = field(default_factory=lambda: [52, 12, 2, 1, 0])
    tier_rate_factor: float = 0.5
    kin_rate_factor: float = 0.25
    small_journal: int = 50
    small_journal_scores: list[float] = field(default_factory=lambda: [80, 65, 45, 25])
    tier_cadence_days: list[int] = field(default_factory=lambda: [14, 30, 90, 365, 0])
    rhythm_min_gaps: int = 4
    kin_cadence_factor: float = 2.0
    new_tie_cadence_factor: float = 0.7
    due_ratio: float = 1.0
    stale_ratio: float = 2.0
    dormant_ratio: float = 4.0
    dormant_days: int = 548
    cooling_ratio: float = 0.5
    cooling_min_interactions: int = 6  # a quarterly tie is never "cooling"
    fragile_bridge_factor: float = 0.6
    low_confidence_interactions: int = 3
    keep_in_touch_min_weight: float = 0.3  # a like or a birthday wish does not reset the clock


@dataclass(frozen=True)
class Referrals:
    """Rules for the referral, fortify and intro-path views."""

    vouch_max_tier: int = 3
    vouch_min_closeness: int = 3
    vouch_min_inferred_closeness: float = 0.5
    vouch_min_months_known: int = 12
    vouch_max_months_silent: int = 12
    send_min_score: float = 45.0
    send_max_months_silent: int = 6
    send_min_reciprocity: float = 0.4
    fortify_max_score: float = 30.0
    how_well: dict[str, float] = field(
        default_factory=lambda: {"acquaintance": 0.3, "colleague": 0.6, "close": 0.9}
    )
    co_presence: float = 0.3
    warm_max_tier: int = 3


@dataclass(frozen=True)
class Settings:
    """Everything under `extra.kithbook`; none of it is required."""

    owner: str = "me"
    targets: list[str] = field(default_factory=list)
    editor_url: str = "vscode://file/{abs_path}:{line}"
    allow_publish: bool = False
    redact: bool = False
    history_months: int = 24
    git_history: bool = True  # read the contacts' history from git (History, What changed)
    git_commit: bool = False  # `kith` commands that write commit what they wrote
    # Your own e-mail addresses, for the calendar and mail imports (docs/cli.md).
    my_addresses: list[str] = field(default_factory=list)
    mail_max_recipients: int = 10  # a message to more people is a broadcast: not imported
    model: Model = field(default_factory=Model)
    referrals: Referrals = field(default_factory=Referrals)


def parse_settings(
    raw: object, where: str = "mkdocs.yml: extra.kithbook"
) -> tuple[Settings, list[str]]:
    """Settings from a mapping, with one message per unknown or ill-typed key (defaults kept)."""
    problems: list[str] = []
    settings = _parse(Settings, raw if raw is not None else {}, where, problems)
    assert isinstance(settings, Settings)
    return settings, problems


def _parse(cls: type, raw: object, where: str, problems: list[str]) -> object:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: must be a mapping")
        return cls()
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    values: dict[str, object] = {}
    for key, value in raw.items():
        if key not in names:
            problems.append(f"{where}.{key}: unknown setting{did_you_mean(str(key), names)}")
            continue
        hint = hints[key]
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            values[key] = _parse(hint, value, f"{where}.{key}", problems)
            continue
        checked = _coerce(hint, value)
        if checked is None:
            problems.append(f"{where}.{key}: expected {_describe(hint)}, got {value!r}")
        else:
            values[key] = checked
    defaults = cls()
    for key, value in list(values.items()):
        problem = _check_value(key, value, getattr(defaults, key))
        if problem:
            problems.append(f"{where}.{key}: {problem}; the default is kept")
            del values[key]
        elif isinstance(value, dict) and isinstance(getattr(defaults, key), dict):
            values[key] = {**getattr(defaults, key), **value}  # a partial mapping adds to it
    return cls(**values)


POSITIVE = ("small_journal", "history_months", "mail_max_recipients")
# Upper bounds that keep every date the model computes inside the calendar and every sum
# finite: spans of days and months at most a century, any other number at most a million.
MAX_DAYS = 36_500
MAX_MONTHS = 1_200
MAX_NUMBER = 1_000_000


# Schemes an `editor_url` may use: the web, and the editors that register a link scheme.
# Anything else (`javascript:`, `data:`, …) would be a live link on every page's source line.
EDITOR_SCHEMES = frozenset(
    {
        "http", "https", "vscode", "vscode-insiders", "vscodium", "cursor", "windsurf",
        "idea", "pycharm", "webstorm", "phpstorm", "goland", "rubymine", "clion", "rider",
        "jetbrains", "subl", "txmt", "mvim", "atom", "zed", "nova", "bbedit", "x-bbedit",
        "emacs", "org-protocol", "kate", "gedit", "nvim", "editor",
    }
)  # fmt: skip


def editor_scheme(template: str) -> str | None:
    """The scheme of an `editor_url` template, lower case (None when it has none)."""
    head, colon, _ = template.strip().partition(":")
    return head.lower() if colon and head.replace("-", "").replace("+", "").isalnum() else None


def check_editor_url(value: str) -> str | None:
    """Why an `editor_url` may not be used, or None: an editor's or the web's scheme only."""
    if not value:
        return None  # no editor links
    if any(ch.isspace() or ord(ch) < 0x20 or ch in "<>\"'" for ch in value.strip()):
        return f"{value!r} has spaces, control characters or quotes: give a plain address"
    scheme = editor_scheme(value)
    if scheme not in EDITOR_SCHEMES:
        return (
            f"{value!r} is not an editor link: use an http(s) address or an editor's scheme "
            f"({', '.join(sorted(EDITOR_SCHEMES - {'http', 'https'})[:6])}, …)"
        )
    return None


def _check_value(key: str, value: object, default: object) -> str | None:
    """Ranges the model needs: lists as long as their default, positive sizes, known keys."""
    if key == "editor_url" and isinstance(value, str):
        return check_editor_url(value)
    if (
        isinstance(default, list)
        and default
        and isinstance(value, list)
        and len(value) != len(default)
    ):
        return f"needs {len(default)} values, one per tier, not {len(value)}"
    if isinstance(default, dict) and isinstance(value, dict):
        unknown = sorted(set(value) - set(default))
        if unknown:
            return f"unknown name{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} " + (
                f"(known: {', '.join(default)})"
            )
    numbers = [
        n for n in (value if isinstance(value, list) else [value])
        if isinstance(n, int | float) and not isinstance(n, bool)
    ]  # fmt: skip
    if any(not math.isfinite(n) for n in numbers):
        return "must be a finite number"
    positive = key.endswith(("_days", "_factor", "_sizes")) or key in POSITIVE
    if positive and key != "tier_cadence_days" and any(n <= 0 for n in numbers):
        return "must be greater than 0"
    if any(n < 0 for n in numbers):
        return "must not be negative"
    unit, limit = (
        ("days (100 years)", MAX_DAYS)
        if key.endswith("_days")
        else ("months (100 years)", MAX_MONTHS)
        if key.endswith("_months")
        else ("", MAX_NUMBER)
    )
    if any(n > limit for n in numbers):
        return f"must be at most {limit:,}{' ' + unit if unit else ''}"
    return None


def _coerce(hint: object, value: object) -> object | None:
    origin = typing.get_origin(hint)
    if hint is bool:
        return value if isinstance(value, bool) else None
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        whole = isinstance(value, float) and value.is_integer()
        return int(typing.cast(float, value)) if ok or whole else None
    if hint is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(typing.cast(float, value)) if ok else None
    if hint is str:
        return value if isinstance(value, str) else None
    if origin is list:
        (item,) = typing.get_args(hint)
        items = value if isinstance(value, list) else [value] if item is str else None
        if items is None:
            return None
        out = [_coerce(item, v) for v in items]
        return None if any(v is None for v in out) else out
    if origin is dict:
        _, item = typing.get_args(hint)
        if not isinstance(value, Mapping):
            return None
        out_map = {str(k): _coerce(item, v) for k, v in value.items()}
        return None if any(v is None for v in out_map.values()) else out_map
    if isinstance(hint, types.UnionType):
        return None
    return None


def _describe(hint: object) -> str:
    if hint is int:
        return "a whole number"
    if hint is float:
        return "a number"
    if hint is bool:
        return "true or false"
    if hint is str:
        return "text"
    origin = typing.get_origin(hint)
    if origin is list:
        return f"a list of {_describe(typing.get_args(hint)[0]).removeprefix('a ')}s"
    if origin is dict:
        return f"a mapping to {_describe(typing.get_args(hint)[1]).removeprefix('a ')}s"
    return str(hint)


def resolve_today(environ: Mapping[str, str] | None = None) -> dt.date:
    """`KITHBOOK_TODAY=YYYY-MM-DD` pins today (tests, screenshots); otherwise the real date.

    Raises ValueError with a readable message when the variable is not a date.
    """
    env = os.environ if environ is None else environ
    value = env.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    return parse_today(value, f"{TODAY_VARIABLE}={value!r}")


def parse_today(value: str, label: str, example: str = ", like 2026-11-22") -> dt.date:
    """A pinned today inside the range the format accepts, else a ValueError naming `label`."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{label} is not a date: use YYYY-MM-DD{example}") from None
    if isinstance(check_date_range(day, "today"), Invalid):
        raise ValueError(
            f"{label} is outside the dates a journal accepts ({FIRST_DATE} to {LAST_DATE})"
        )
    return day


def redact_requested(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(REDACT_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}
