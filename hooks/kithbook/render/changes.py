"""What changed: the page (this month, then the months before), its JSON and its text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..model.changes import NOT_COMMITTED, Change, FollowUpChange, PeriodChanges
from . import html as hx
from .context import Context
from .toc import heading

CHANGES = "changes.md"


def _month_title(period: PeriodChanges, first: bool) -> str:
    name = f"{period.start:%B %Y}"
    return f"{name} (this month, to the {period.end.day}{_th(period.end.day)})" if first else name


def _th(day: int) -> str:
    if 10 < day % 100 < 14:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _anchor(period: PeriodChanges) -> str:
    return f"m-{period.start:%Y-%m}"


def render_changes(ctx: Context, months: Sequence[PeriodChanges], note: str) -> str:
    """The What changed page: each month's changes, this month first."""
    parts = ["# What changed"]
    intro = (
        "Job changes, new and archived contacts and closeness changes come from the git "
        "history of <code>contacts/</code>; ties gone stale or recovered from the model at "
        "the start and the end of each month; follow-ups from the journal."
    )
    parts.append(f"<p>{intro}</p>")
    if note:
        parts.append(hx.admonition("note", "History", hx.h(note)))
    if len(months) > 1:
        links = " · ".join(hx.a(f"{p.start:%B %Y}", f"#{_anchor(p)}") for p in months[1:])
        parts.append(f"<p>Earlier months: {links}</p>")
    for i, period in enumerate(months):
        parts += [heading(2, hx.h(_month_title(period, i == 0)), _anchor(period))]
        parts += _period_sections(ctx, period)
    return hx.block(*parts) + "\n"


def _period_sections(ctx: Context, period: PeriodChanges) -> list[str]:
    if period.empty:
        return ["<p>Nothing changed.</p>"]
    out: list[str] = []
    who = _who(ctx)
    for title, found in (
        ("Job changes", period.jobs),
        ("New contacts", period.new),
        ("Archived", period.archived),
        ("Closeness", period.closeness),
        ("Other changes", period.other),
    ):
        if not found:
            continue
        rows = [[_when(c), who(c.slug), hx.h(c.text), hx.h(c.subject or "")] for c in found]
        out += [
            f"<h3>{title} ({len(found)})</h3>",
            hx.table(["Date", "Person", "Change", "Commit"], rows),
        ]
    for title, slugs in (
        ("Ties that went stale", period.went_stale),
        ("Ties that recovered", period.recovered),
    ):
        if slugs:
            out += [f"<h3>{title} ({len(slugs)})</h3>", hx.ul(who(s) for s in slugs)]
    for title, follow in (("Follow-ups opened", period.opened), ("Follow-ups done", period.done)):
        if follow:
            items = (_follow_up(ctx, f) for f in follow)
            out += [f"<h3>{title} ({len(follow)})</h3>", hx.ul(items)]
    return out


def _who(ctx: Context) -> Callable[[str], str]:
    def who(slug: str) -> str:
        return ctx.contact_a(slug, CHANGES)

    return who


def _when(change: Change) -> str:
    return str(change.date) if change.date else f"<em>{NOT_COMMITTED}</em>"


def _follow_up(ctx: Context, follow: FollowUpChange) -> str:
    people = ", ".join(ctx.contact_a(s, CHANGES) for s in follow.entry.with_)
    line = f"{follow.due} — {hx.h(follow.what)} ({ctx.entry_a(follow.entry.id, CHANGES)})"
    return f"{line} — {people}" if people else line


def change_data(change: Change) -> dict[str, Any]:
    return {
        "slug": change.slug,
        "kind": change.kind,
        "change": change.text,
        "date": change.date.isoformat() if change.date else None,
        "committed": change.committed,
        "subject": change.subject,
        "commit": change.commit,
    }


def period_data(period: PeriodChanges) -> dict[str, Any]:
    """A period's changes in `kithbook.json`'s shape (keys only ever added)."""

    def follow(f: FollowUpChange) -> dict[str, Any]:
        return {"entry": f.entry.path, "what": f.what, "due": f.due.isoformat()}

    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "job_changes": [change_data(c) for c in period.jobs],
        "new_contacts": [change_data(c) for c in period.new],
        "archived": [change_data(c) for c in period.archived],
        "closeness": [change_data(c) for c in period.closeness],
        "other": [change_data(c) for c in period.other],
        "went_stale": list(period.went_stale),
        "recovered": list(period.recovered),
        "follow_ups_opened": [follow(f) for f in period.opened],
        "follow_ups_done": [follow(f) for f in period.done],
    }


def changes_data(months: Sequence[PeriodChanges], note: str) -> dict[str, Any]:
    return {"history_note": note or None, "months": [period_data(p) for p in months]}


def period_lines(period: PeriodChanges, names: Mapping[str, str], note: str) -> list[str]:
    """`kith changes` as text."""

    def name(slug: str) -> str:
        return names.get(slug, slug)

    out = [f"Changes from {period.start} to {period.end}"]
    if note:
        out.append(f"({note})")
    if period.empty:
        return [*out, "", "Nothing changed."]
    for title, found in (
        ("Job changes", period.jobs),
        ("New contacts", period.new),
        ("Archived", period.archived),
        ("Closeness", period.closeness),
        ("Other changes", period.other),
    ):
        if found:
            out += ["", f"{title} ({len(found)})"]
            for c in found:
                when = str(c.date) if c.date else NOT_COMMITTED
                subject = f"  [{c.subject}]" if c.subject else ""
                out.append(f"  {when}  {name(c.slug)}: {c.text}{subject}")
    for title, slugs in (
        ("Ties that went stale", period.went_stale),
        ("Ties that recovered", period.recovered),
    ):
        if slugs:
            out += ["", f"{title} ({len(slugs)})", *(f"  {name(s)}" for s in slugs)]
    for title, follow in (("Follow-ups opened", period.opened), ("Follow-ups done", period.done)):
        if follow:
            out += ["", f"{title} ({len(follow)})"]
            out += [f"  {f.due}  {f.what} ({f.entry.path})" for f in follow]
    return out
