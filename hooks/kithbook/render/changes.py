"""What changed: the page (this month, then the months before), its JSON and its text."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..model.applications import ApplicationMove
from ..model.changes import NOT_COMMITTED, Change, FollowUpChange, PeriodChanges
from ..model.paths import company_key
from . import html as hx
from .context import Context
from .toc import heading

CHANGES = "changes.md"
APPLICATIONS_TITLE = "Applications that moved"


def _month_title(period: PeriodChanges, first: bool) -> str:
    name = f"{period.start:%B %Y}"
    return f"{name} (this month, to the {period.end.day}{_th(period.end.day)})" if first else name


def _th(day: int) -> str:
    if 10 < day % 100 < 14:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _anchor(period: PeriodChanges) -> str:
    return f"m-{period.start:%Y-%m}"


def render_changes(
    ctx: Context,
    months: Sequence[PeriodChanges],
    note: str,
    company_pages: Mapping[str, str] | None = None,
) -> str:
    """The What changed page: each month's changes, this month first. `company_pages`:
    company key → its page, for the companies that have one."""
    parts = ["# What changed"]
    intro = (
        "Job changes, new and archived contacts and closeness changes come from the git "
        "history of <code>contacts/</code>; applications that moved from the application "
        "entries (sent on their date; each status change from the commit that made it, or "
        "else reached on <code>updated</code>); ties gone stale or recovered from the model "
        "at the start and the end of each month; follow-ups from the journal."
    )
    parts.append(f"<p>{intro}</p>")
    if note:
        parts.append(hx.admonition("note", "History", hx.h(note)))
    if len(months) > 1:
        links = " · ".join(hx.a(f"{p.start:%B %Y}", f"#{_anchor(p)}") for p in months[1:])
        parts.append(f"<p>Earlier months: {links}</p>")
    for i, period in enumerate(months):
        parts += [heading(2, hx.h(_month_title(period, i == 0)), _anchor(period))]
        parts += _period_sections(ctx, period, company_pages or {})
    return hx.block(*parts) + "\n"


def _period_sections(
    ctx: Context, period: PeriodChanges, company_pages: Mapping[str, str]
) -> list[str]:
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
    if period.applications:
        moves = period.applications
        rows = [
            [
                str(m.date),
                _move_html(ctx, m, company_pages),
                ctx.entry_a(m.entry.id, CHANGES),
                hx.h(m.subject or ""),
            ]
            for m in moves
        ]
        out += [
            f"<h3>{APPLICATIONS_TITLE} ({len(moves)})</h3>",
            hx.table(["Date", "Application", "Entry", "Commit"], rows),
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


def _move_html(ctx: Context, move: ApplicationMove, company_pages: Mapping[str, str]) -> str:
    """The move's words, the company linked to its page when it has one."""
    before, company, after = move.words()
    uri = company_pages.get(company_key(company))
    name = hx.a(company, ctx.href(CHANGES, uri)) if uri else hx.h(company)
    lead = f"{hx.h(before)} " if before.strip() else ""  # h() trims the space before the name
    return f"{lead}{name}{hx.h(after)}"


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


def move_data(move: ApplicationMove) -> dict[str, Any]:
    app = move.application
    return {
        "entry": move.entry.path,
        "company": app.company,
        "role": app.role,
        "kind": move.kind,
        "status": move.status,
        "was": move.was,
        "open": not move.closed,
        "change": move.text,
        "date": move.date.isoformat(),
        "from_git": move.from_git,
        "subject": move.subject,
        "commit": move.commit,
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
        "applications": [move_data(m) for m in period.applications],
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
    if period.applications:
        out += ["", f"{APPLICATIONS_TITLE} ({len(period.applications)})"]
        for m in period.applications:
            subject = f"  [{m.subject}]" if m.subject else ""
            out.append(f"  {m.date}  {m.text}{subject}")
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
