"""The strength section of a contact page and the People table's strength columns."""

from __future__ import annotations

from ..model.derive import Derived
from ..model.stale import BRIDGE_UNKNOWN
from ..reading.settings import Model
from . import charts
from . import explain as ex
from . import html as hx
from .context import Context
from .indexes import Column
from .toc import heading

EXPLAIN = {
    "closeness": "how well I really know them",
    "activity": "how often we are in touch lately (decayed)",
    "reciprocity": "both sides reaching out and helping, last 24 months",
    "duration": "how long I have known them",
    "structure": "contacts we share",
}


def render_strength(ctx: Context, derived: Derived, slug: str) -> str:
    score = derived.scores[slug]
    status = derived.statuses[slug]
    tier = derived.tiers[slug]
    model: Model = ctx.settings.model
    uri = ctx.contact_uri(slug)
    badges = [
        f"<strong>{ex.term_a(ctx, uri, 'score', f'{score.score:g} / 100')}</strong>",
        ex.term_a(ctx, uri, "tier", ex.tier_label(tier)),
        ex.status_badge(status.status, model),
    ]
    if score.low_confidence:
        badges.append("<em>low confidence: no closeness rating and under 3 interactions</em>")
    out = [heading(2, "Strength", "strength"), f'<p class="kb-badges">{" · ".join(badges)}</p>']
    facts = [f"last in touch {status.last}" if status.last else "never in touch"]
    latest = ctx.network.last_interaction.get(slug)
    if latest and status.last and latest > status.last:
        facts.append(f"a light touch (like, wish) on {latest}")
    if status.next_due and status.next_due < ctx.today:
        facts.append(f"due since {status.next_due} ({ex.overdue_words(status.overdue)})")
    elif status.next_due:
        facts.append(f"next due {status.next_due}")
    if status.expected_gap:
        facts.append(
            ex.term_a(ctx, uri, "cadence", f"keep in touch every {status.expected_gap} days")
        )
    if status.rhythm:
        facts.append(f"usual rhythm every {status.rhythm} days")
    lopsided = next((o for o in derived.one_sided if o.slug == slug), None)
    if status.fragile_bridge:
        facts.append(ex.term_a(ctx, uri, "fragile bridge", "fragile bridge (no shared contacts)"))
    elif status.bridge_unknown:
        facts.append("bridge unknown: " + BRIDGE_UNKNOWN.replace("`knows:`", "<code>knows:</code>"))
    facts.append(f"gave {derived.gave[slug]}, got {derived.got[slug]}")
    line = " · ".join(facts)
    out.append(f'<p class="kb-facts">{line[:1].upper() + line[1:]}</p>')
    if lopsided is not None:  # the same words as `kith show`
        out.append(
            f'<p class="kb-one-sided"><strong>One-sided:</strong> {hx.h(lopsided.says)}. '
            f"{hx.h(lopsided.action)}</p>"
        )
    values = score.components
    rows = []
    for name, points in score.contributions(model).items():
        value = getattr(values, name)
        note = EXPLAIN[name]
        if name == "closeness" and score.closeness_inferred:
            note += " (inferred from personal and help entries)"
        rows.append([name.capitalize(), f"{value:.2f}", f"{points:.1f}", note])
    header = [
        ex.term_a(ctx, uri, "components", "Component"),
        ex.term_a(ctx, uri, "value", "Value (0–1)"),
        ex.term_a(ctx, uri, "points", "Points (of 100)"),
        "Means",
    ]
    out.append(hx.table(header, rows))
    out.append(
        charts.line_chart(
            derived.history_dates,
            derived.history[slug],
            f"Strength, last {ctx.settings.history_months} months",
            top=100,
            height=120,
        )
    )
    return hx.block(*out)


def people_columns(derived: Derived) -> list[Column]:
    return [
        ("Tier", lambda s: ex.tier_cell(derived.tiers[s])),
        ("Score", lambda s: f"{derived.scores[s].score:g}"),
        ("Status", lambda s: ex.status_badge(derived.statuses[s].status)),
    ]
