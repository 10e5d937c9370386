"""The journal: one page per month with an anchor per entry, and an index by year and month."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from ..reading.records import Entry
from . import html as hx
from . import text as t
from .context import Context
from .toc import heading

JOURNAL_INDEX = "journal/index.md"


def group_by_month(entries: Iterable[Entry]) -> dict[dt.date, list[Entry]]:
    """Entries grouped under the first day of their month, oldest month first."""
    months: dict[dt.date, list[Entry]] = defaultdict(list)
    for entry in entries:
        months[entry.date.replace(day=1)].append(entry)
    return dict(sorted(months.items()))


def render_month(
    ctx: Context, month: dt.date, entries: list[Entry], prev: dt.date | None, next_: dt.date | None
) -> str:
    """journal/YYYY-MM.md: every entry of a month, newest first, each under its own anchor."""
    uri = t.month_uri(month)
    nav = [
        t.link(f"‹ {month_name(prev)}", t.rel(uri, t.month_uri(prev))) if prev else "",
        t.link("All months", t.rel(uri, JOURNAL_INDEX)),
        t.link(f"{month_name(next_)} ›", t.rel(uri, t.month_uri(next_))) if next_ else "",
    ]
    out = [f"# {month_name(month)}", "", " · ".join(x for x in nav if x), ""]
    for entry in sorted(entries, key=lambda e: (e.date, e.id), reverse=True):
        out += [render_entry(ctx, entry, uri), ""]
    return "\n".join(out)


def render_entry(ctx: Context, entry: Entry, uri: str) -> str:
    """One entry, all HTML but a note that needs Markdown: heading, facts, the note, source."""
    day = f"{entry.date:%a} {entry.date.day} {entry.date:%b}"
    facts = [f"<strong>{hx.h(entry.kind)}</strong>"]
    if entry.with_:
        facts.append("with " + ", ".join(ctx.contact_a(s, uri) for s in entry.with_))
    if entry.initiated_by:
        facts.append("I reached out" if entry.initiated_by == "me" else "they reached out")
    if entry.personal:
        facts.append("personal")
    details = []
    for label, value in (("Gave", entry.gave), ("Got", entry.got), ("Evidence", entry.evidence)):
        if value:
            details.append(f"<strong>{label}:</strong> {hx.h(value)}")
    if entry.about:
        details.append(
            "<strong>About:</strong> " + ", ".join(_topic_a(ctx, a, uri) for a in entry.about)
        )
    if entry.follow_up:
        details.append(f"<strong>Follow-up:</strong> {_follow_up(ctx, entry)}")
    body = ctx.note(entry.body, uri, heading_shift=2) if entry.body.strip() else ""
    return hx.block(
        heading(2, f"{day} · {hx.h(entry.title)}", entry.id),
        f'<p class="kb-facts">{" · ".join(facts)}</p>',
        hx.ul(details, "kb-details"),
        body,
        f'<p class="kb-source"><small>{ctx.source_html(entry.source)}</small></p>',
    )


def _follow_up(ctx: Context, entry: Entry) -> str:
    fu = entry.follow_up
    assert fu is not None
    if fu.done:
        state = "done"
    elif fu.due < ctx.today:
        state = f"<strong>overdue</strong> since {fu.due}"
    else:
        state = f"due {fu.due}"
    return f"{hx.h(fu.what)} ({state})"


def _topic_a(ctx: Context, topic: str, uri: str) -> str:
    return hx.a(topic, ctx.href(uri, f"tags.md#{tag_anchor(topic)}"))


def tag_anchor(tag: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in tag.lower()).strip("-")
    return "tag-" + ("-".join(part for part in slug.split("-") if part) or "x")


def month_name(month: dt.date | None) -> str:
    return f"{month:%B %Y}" if month else ""


def render_journal_index(ctx: Context, months: dict[dt.date, list[Entry]]) -> str:
    """journal/index.md: every month by year, with counts and who appeared."""
    out = ["# Journal", ""]
    total = sum(len(v) for v in months.values())
    if not months:
        out += ["No entries yet. Add a file like `journal/2026/2026-11-20-coffee-with-ada.md`.", ""]
        return "\n".join(out)
    out += [f"{t.plural(total, 'entry', 'entries')} over {t.plural(len(months), 'month')}.", ""]
    years: dict[int, list[dt.date]] = defaultdict(list)
    for month in months:
        years[month.year].append(month)
    for year in sorted(years, reverse=True):
        count = sum(len(months[m]) for m in years[year])
        out += [f"## {year}", "", f"{t.plural(count, 'entry', 'entries')}", ""]
        for month in sorted(years[year], reverse=True):
            items = months[month]
            people = {s for e in items for s in e.with_ if s in ctx.network.contacts}
            line = t.link(f"{month:%B}", t.rel(JOURNAL_INDEX, t.month_uri(month)))
            out.append(
                f"- {line} — {t.plural(len(items), 'entry', 'entries')}, "
                f"{t.plural(len(people), 'person', 'people')}"
            )
        out.append("")
    return "\n".join(out)
