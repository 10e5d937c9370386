"""What the numbers on a page mean, said where they appear.

Every figure the pages show (a tier, an overdue ratio, a cadence, a status, a path score, a
score component) carries a tooltip, and tables carry a legend line under them whose words
link to the paragraph of How scores work that defines them (when the journal has that
page: `kith init` journals have no Help pages). The CLI prints the same legend words.
"""

from __future__ import annotations

from ..model.tiers import TIER_NAMES
from ..reading.settings import Model
from . import html as hx
from . import text as t
from .context import Context

SCORES_DOC = "how-scores-work.md"

# term → (anchor in docs/how-scores-work.md, what it means in one line)
TERMS: dict[str, tuple[str, str]] = {
    "score": ("the-score", "strength score, 0–100: closeness, activity, reciprocity, duration"),
    "tier": ("tiers-dunbar-circles", "Dunbar circle 1–5 by strength: 1 is the closest"),
    "status": ("overdue-ratio-and-status", "ok, cooling, due, stale or dormant"),
    "cadence": ("the-expected-gap", "keep-in-touch gap: days expected between interactions"),
    "overdue": (
        "overdue-ratio-and-status",
        "days since the last real interaction ÷ the keep-in-touch gap (1× = due)",
    ),
    "cooling": ("cooling", "in touch less over the last 60 days than over the year"),
    "fragile bridge": ("fragile-bridges", "a strong tie with no contacts in common with you"),
    "path score": ("intro-paths", "path score, 0–1: how well both links of the path hold"),
    "components": ("the-five-components", "each part of the score, 0–1, and its points of 100"),
    "value": ("the-five-components", "the component's value from 0 (none) to 1 (full)"),
    "balance": ("giving-ledger", "entries where I gave help − entries where I got help"),
    "warm": (
        "when-a-path-is-warm",
        "both links strong: I know the go-between well, and they know the person there well",
    ),
    "points": ("the-score", "the component's value × its weight: the points add up to the score"),
}


def status_means(model: Model) -> dict[str, str]:
    """What each status means, with the thresholds the journal's settings give."""
    return {
        "ok": "in touch within the keep-in-touch gap",
        "cooling": "in touch less lately than over the year, not due yet",
        "due": f"{model.due_ratio:g}× its keep-in-touch gap or more without a real interaction",
        "stale": f"{model.stale_ratio:g}× its keep-in-touch gap or more without a real interaction",
        "dormant": f"{model.dormant_ratio:g}× its keep-in-touch gap or more, or "
        f"{model.dormant_days} days or more, without a real interaction",
        "archived": "archived: never warned about",
        "never": "cadence: never: never warned about",
    }


def doc_href(ctx: Context, uri: str, term: str) -> str | None:
    """The link to the paragraph defining `term`, or None without a How scores work page."""
    if not ctx.scores_doc:
        return None
    return ctx.href(uri, f"{ctx.scores_doc}#{TERMS[term][0]}")


def term_a(ctx: Context, uri: str, term: str, text: str | None = None) -> str:
    """The word for a term, with its meaning as a tooltip, linked to its paragraph."""
    words = hx.h(text or term)
    tip = hx.h(TERMS[term][1])
    href = doc_href(ctx, uri, term)
    if href is None:
        return f'<span class="kb-term" title="{tip}">{words}</span>'
    return f'<a class="kb-term" href="{href}" title="{tip}">{words}</a>'


def tier_label(tier: int) -> str:
    """`tier 2 (close)`: how the pages and the CLI name a tier."""
    return f"tier {tier} ({TIER_NAMES.get(tier, '')})"


def tier_cell(tier: int) -> str:
    """A table's tier: short (T2), with the tier's name as a tooltip and in the legend."""
    return f'<span title="{hx.h(tier_label(tier))}">T{tier}</span>'


def overdue_words(ratio: float) -> str:
    """The overdue ratio said in words (the same on the site and in the CLI)."""
    return f"{ratio:g}× its keep-in-touch gap without a real interaction"


def overdue_cell(ratio: float) -> str:
    return f'<span title="{hx.h(overdue_words(ratio))}">{ratio:g}×</span>'


def cadence_cell(days: int | None) -> str:
    if not days:
        return "—"
    return f'<span title="keep in touch every {days} days">every {days} d</span>'


def status_badge(status: str, model: Model | None = None) -> str:
    """A status as a coloured badge (kithbook.css), its meaning as a tooltip when `model`
    is given (the People index leaves it out: thousands of rows, and a legend says it)."""
    css = "".join(c if c.isalnum() else "-" for c in status)
    if model is None:
        return f'<span class="kb-status kb-status-{css}">{hx.h(status)}</span>'
    tip = hx.h(status_means(model).get(status, status))
    return f'<span class="kb-status kb-status-{css}" title="{tip}">{hx.h(status)}</span>'


def tier_legend_words() -> str:
    return " · ".join(f"T{n} {name}" for n, name in TIER_NAMES.items())


def legend_words(model: Model) -> dict[str, str]:
    """The legend lines, as words (the CLI prints the same under its tie tables)."""
    return {
        "tier": f"Tier: {tier_legend_words()} (1 is the closest)",
        "score": "Score: strength 0–100",
        "status": f"Status: due from {model.due_ratio:g}×, stale from {model.stale_ratio:g}×, "
        f"dormant from {model.dormant_ratio:g}× overdue",
        "cadence": "Cadence: keep in touch every N days (d)",
        "overdue": "Overdue: days since the last real interaction ÷ the cadence",
        "balance": "Balance: gave − got (below 0: give before asking again)",
        "warm": "Warm paths: intro paths whose two links are both strong",
    }


def legend(ctx: Context, uri: str, terms: tuple[str, ...]) -> str:
    """A line under a table saying what each of its figures means, each term linked."""
    words = legend_words(ctx.settings.model)
    parts = []
    for term in terms:
        label, _, rest = words[term].partition(": ")
        parts.append(f"{term_a(ctx, uri, term, label)}: {hx.h(rest)}")
    return hx.raw(f'<p class="kb-legend">{" · ".join(parts)}</p>')


def legend_text(model: Model, terms: tuple[str, ...], width: int = 100) -> list[str]:
    """The same legend as plain text lines for the CLI, breaking only between terms."""
    words = legend_words(model)
    lines: list[str] = []
    for term in terms:
        part = words[term]
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            lines.append(part)
    return [line + ";" for line in lines[:-1]] + [lines[-1] + "."] if lines else []


def more(ctx: Context, uri: str, term: str, words: str = "how it works") -> str:
    """` ([how it works](…#anchor))`: a Markdown link to the term's paragraph, or nothing."""
    if not ctx.scores_doc:
        return ""
    return f" ([{words}]({t.rel(uri, ctx.scores_doc)}#{TERMS[term][0]}))"
