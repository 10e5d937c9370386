"""The home page: this week's actions, then the network's health."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import one_sided
from ..model.changes import JOB_NEWS_DAYS, NOT_COMMITTED, Change, draft_job_note, recent_jobs
from ..model.derive import Derived
from ..model.stale import BRIDGE_UNKNOWN, COOLING
from ..model.tiers import TIER_NAMES
from ..reading.import_state import ImportStates, Upcoming
from . import charts
from . import explain as ex
from . import html as hx
from . import text as t
from .context import Context
from .imports import IMPORTS, SOURCES
from .jobs import render_job_search

HOME = "index.md"


def render_dashboard(
    ctx: Context,
    derived: Derived,
    changes: Mapping[str, tuple[Change, ...]] | None = None,
    imports: ImportStates | None = None,
) -> str:
    imports = imports or ImportStates()
    out = [f"# This week — {ctx.today:%A} {t.long_date(ctx.today)}", ""]
    if ctx.problems:
        out += [
            f'!!! warning "{t.plural(len(ctx.problems), "problem")} in the journal"',
            f"    See [Errors]({t.rel(HOME, 'errors.md')}): what is shown leaves those files out.",
            "",
        ]
    if not derived.network.contacts:
        out += [
            "Your journal is empty. Add a person in `contacts/` and an interaction in "
            f"`journal/` (see [Journal format]({t.rel(HOME, 'journal-format.md')})), "
            'or run `kith new "Ada Lovelace"`, or bring in LinkedIn, a calendar, an address '
            f"book or mail (see [Imports]({t.rel(HOME, IMPORTS)})).",
            "",
        ]
    out += _follow_ups(ctx, derived)
    out += render_job_search(ctx, derived, HOME)
    out += job_news(ctx, changes or {})
    out += coming_up(ctx, imports.upcoming)
    out += birthdays_ahead(ctx)
    out += _warnings(ctx, derived)
    out += _cooling_and_bridges(ctx, derived)
    out += _health(ctx, derived)
    out += last_imports(ctx, imports)
    return "\n".join(out)


def _who(ctx: Context, slugs: tuple[str, ...]) -> str:
    known = [ctx.contact_a(s, HOME) for s in slugs if s in ctx.network.contacts]
    return ", ".join(known) if known else "—"


def _follow_ups(ctx: Context, derived: Derived) -> list[str]:
    overdue = [f for f in derived.follow_ups if f.overdue]
    soon = [f for f in derived.follow_ups if not f.overdue and (f.due - ctx.today).days <= 14]
    out = [f"## Follow-ups overdue ({len(overdue)})", ""]
    if overdue:
        rows = [
            [str(f.due), hx.h(f.what), _who(ctx, f.entry.with_), ctx.entry_a(f.entry.id, HOME)]
            for f in overdue
        ]
        out += [hx.table(["Due", "What", "With", "From"], rows), ""]
    else:
        out += ["Nothing overdue.", ""]
    if soon:
        out += ["**Due in the next two weeks:**", ""]
        items = (f"{f.due} — {hx.h(f.what)} ({_who(ctx, f.entry.with_)})" for f in soon)
        out += [hx.ul(items), ""]
    return out


def job_news(ctx: Context, changes: Mapping[str, tuple[Change, ...]]) -> list[str]:
    """Job changes of the last 30 days (from the git history): a reason to get in touch,
    each with a short draft. Nothing when there are none."""
    found = [c for c in recent_jobs(changes, ctx.today) if c.slug in ctx.network.contacts]
    if not found:
        return []
    out = [f"## New jobs ({len(found)})", ""]
    out += [f"Changed jobs in the last {JOB_NEWS_DAYS} days: a good reason to get in touch.", ""]
    items = []
    for change in found:
        contact = ctx.network.contacts[change.slug]
        when = str(change.date) if change.date else NOT_COMMITTED
        draft = hx.h(draft_job_note(contact, change))
        items.append(
            f"{ctx.contact_a(change.slug, HOME)} — {hx.h(change.text)} ({when})"
            f'<br><span class="kb-draft">Draft: “{draft}”</span>'
        )
    return [*out, hx.ul(items, "kb-job-news"), ""]


def coming_up(ctx: Context, upcoming: tuple[Upcoming, ...], days: int = 7) -> list[str]:
    """Meetings with contacts in the next seven days, from the last `kith import calendar`
    (in a redacted build their titles come hidden: render/redact.py)."""
    events = [e for e in upcoming if 0 <= (e.date - ctx.today).days < days]
    if not events:
        return []
    items = (
        f"{e.date:%a} {e.date} {hx.h(e.time)} — {hx.h(e.title)} ({_who(ctx, e.with_)})"
        for e in events
    )
    return [f"## Coming up ({len(events)})", "", hx.ul(items), ""]


def last_imports(ctx: Context, imports: ImportStates) -> list[str]:
    """One closing line: when each import last changed something, linked to the Imports page."""
    link = hx.a("Imports", ctx.href(HOME, IMPORTS))
    states = [imports.get(source) for source in SOURCES]
    runs = [f"{SOURCES[s.source][0]} {s.run.date}" for s in states if s.run is not None]
    if runs:
        text = f"Last imports: {', '.join(runs)} (see {link})."
    elif any(s.found for s in states):
        text = f"What each import last did: see {link}."
    else:
        text = (
            f"Nothing imported yet: see {link} to bring in LinkedIn, a calendar, contacts or mail."
        )
    return [hx.raw(f'<p class="kb-legend">{text}</p>'), ""]


def birthdays_ahead(ctx: Context, days: int = 7) -> list[str]:
    """Contacts whose birthday falls in the coming week (today included)."""
    found = []
    for slug, contact in ctx.network.contacts.items():
        if contact.birthday is None or contact.archived:
            continue
        when = contact.birthday.next_on_or_after(ctx.today)
        if (when - ctx.today).days < days:
            year = contact.birthday.year
            age = f", {when.year - year}" if year else ""
            found.append((when, contact.name, slug, age))
    if not found:
        return []
    items = (
        f"{when:%a} {when.day} {when:%B} — {ctx.contact_a(slug, HOME)}{age}"
        + (" (today)" if when == ctx.today else "")
        for when, _, slug, age in sorted(found)
    )
    return [f"## Birthdays this week ({len(found)})", "", hx.ul(items), ""]


def _warnings(ctx: Context, derived: Derived) -> list[str]:
    warned = derived.warnings()
    out = [f"## Ties to tend ({len(warned)})", ""]
    if not warned:
        return [*out, "Every tie is within its keep-in-touch cadence.", ""]
    out += [
        "Due, stale or dormant — ordered by what is at stake (strength × how overdue)"
        + ex.more(ctx, HOME, "overdue")
        + ".",
        "",
    ]
    rows = []
    for slug in warned:
        status, score = derived.statuses[slug], derived.scores[slug]
        rows.append(
            [
                ctx.contact_a(slug, HOME),
                ex.tier_cell(derived.tiers[slug]),
                f"{score.score:g}",
                ex.status_badge(status.status, ctx.settings.model),
                str(status.last) if status.last else "never",
                ex.cadence_cell(status.expected_gap),
                ex.overdue_cell(status.overdue),
            ]
        )
    header = ["Person", "Tier", "Score", "Status", "Last interaction", "Cadence", "Overdue"]
    out += [hx.sortable(hx.table(header, rows)), ""]
    out += [ex.legend(ctx, HOME, ("tier", "score", "status", "cadence", "overdue")), ""]
    return out


def _cooling_and_bridges(ctx: Context, derived: Derived) -> list[str]:
    cooling = [s for s, st in derived.statuses.items() if st.status == COOLING]
    cooling.sort(key=lambda s: -derived.scores[s].score)
    bridges = [
        s
        for s, st in derived.statuses.items()
        if st.fragile_bridge and st.status not in ("archived", "never", "snoozed")
    ]
    bridges.sort(key=lambda s: -derived.scores[s].score)
    out = [f"## Cooling ({len(cooling)})", ""]
    if cooling:
        out += [
            "In touch less over the last 60 days than over the year — not due yet"
            + ex.more(ctx, HOME, "cooling")
            + ".",
            "",
        ]
        items = (f"{ctx.contact_a(s, HOME)} — last {derived.statuses[s].last}" for s in cooling)
        out += [hx.ul(items), ""]
    else:
        out += ["No tie is cooling.", ""]
    out += [f"## Fragile bridges ({len(bridges)})", ""]
    if bridges:
        out += [
            "Strong ties whose `knows:` list names none of your contacts, and with no other "
            "shared contacts: such bridges decay fastest, so they are nudged earlier"
            + ex.more(ctx, HOME, "fragile bridge")
            + ".",
            "",
        ]
        items = (
            f"{ctx.contact_a(s, HOME)} — last {derived.statuses[s].last or 'never'}, "
            f"next due {derived.statuses[s].next_due or '—'}"
            for s in bridges
        )
        out += [hx.ul(items), ""]
    else:
        out += ["No fragile bridges.", ""]
    unknown = [
        s
        for s, st in derived.statuses.items()
        if st.bridge_unknown and st.status not in ("archived", "never", "snoozed")
    ]
    if unknown:
        unknown.sort(key=lambda s: (-derived.scores[s].score, s))
        names = ", ".join(ctx.contact_a(s, HOME) for s in unknown)
        out += [f"**Bridge unknown ({len(unknown)}):** {names}: {BRIDGE_UNKNOWN}", ""]
    return out


def _health(ctx: Context, derived: Derived) -> list[str]:
    model = ctx.settings.model
    active = [s for s, c in derived.network.contacts.items() if not c.archived]
    counts = [sum(1 for s in active if derived.tiers[s] == tier) for tier in range(1, 6)]
    strong = counts[0] + counts[1] + counts[2]
    out = ["## Network health", ""]
    out += [
        charts.tier_circles(counts, model.tier_sizes, [TIER_NAMES[i] for i in range(1, 6)]),
        "",
    ]
    share = f"{100 * strong / len(active):.0f}%" if active else "0%"
    out += [
        "### A network or a database?",
        "",
        f"**{strong}** strong tie{'' if strong == 1 else 's'} (tiers 1–3) out of "
        f"**{len(active)}** contacts ({share}).",
        "",
    ]
    out += [f"### {one_sided.SECTION} ({len(derived.one_sided)})", ""]
    if derived.one_sided:
        out += [one_sided.INTRO, ""]
        items = (
            f"{ctx.contact_a(o.slug, HOME)} — {hx.h(o.says)}. <strong>{hx.h(o.action)}</strong>"
            for o in derived.one_sided
        )
        out += [hx.ul(items), ""]
    else:
        out += ["None.", ""]
    months = ctx.settings.history_months
    out += [f"### Network strength, last {months} months", ""]
    out += [
        charts.line_chart(derived.history_dates, derived.total_history(), "Total network strength"),
        "",
    ]
    return out
