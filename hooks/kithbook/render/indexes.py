"""Index pages: People, Tags and Errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from ..reading.records import Problem
from . import html as hx
from . import text as t
from .context import Context
from .journal import tag_anchor

PEOPLE_INDEX = "people/index.md"
TAGS = "tags.md"
ERRORS = "errors.md"

Column = tuple[str, Callable[[str], str]]


def render_people(
    ctx: Context,
    extra_columns: Sequence[Column] = (),
    last_in_touch: Callable[[str], object] | None = None,
    legend: str = "",
) -> str:
    """people/index.md: one row per contact; later views add columns (tier, score, status)."""
    uri = PEOPLE_INDEX
    if last_in_touch is None:
        last_in_touch = ctx.network.last_interaction.get
    contacts = sorted(ctx.network.contacts.values(), key=lambda c: (c.name.lower(), c.slug))
    active = [c for c in contacts if not c.archived]
    archived = len(contacts) - len(active)
    out = ["# People", ""]
    summary = t.plural(len(active), "person", "people")
    if archived:
        summary += f" (and {archived:,} archived)"
    out += [summary + ".", ""]
    if ctx.directory:
        directory = hx.a("directory", ctx.href(uri, "people/directory/index.md"))
        out += [
            f"<p>{len(ctx.directory):,} of them have nothing but imported fields; they are "
            f"listed in the {directory}, not here.</p>",
            "",
        ]
        contacts = [c for c in contacts if c.slug not in ctx.directory]
    if not contacts:
        out += ["No contacts yet. Add a file like `contacts/ada-lovelace.md`.", ""]
        return "\n".join(out)
    header = ["Name", "Company", "Relationship", *[c[0] for c in extra_columns], "Last interaction"]
    rows = []
    for contact in contacts:
        last = last_in_touch(contact.slug)
        name = ctx.contact_a(contact.slug, uri)
        if contact.archived:
            name += " <em>(archived)</em>"
        rows.append(
            [
                name,
                hx.h(contact.company or ""),
                hx.h(", ".join(contact.relationship)),
                *[column(contact.slug) for _, column in extra_columns],
                str(last) if last else "—",
            ]
        )
    out += [hx.sortable(hx.table(header, rows)), ""]
    if legend:
        out += [legend, ""]
    return "\n".join(out)


TAG_ENTRIES_SHOWN = 8  # the latest entries under a tag; the rest by month


def render_tags(ctx: Context) -> str:
    """tags.md: each tag a collapsed block (counts in its summary) with the contacts tagged,
    the latest entries about it, and the months where the others are."""
    uri = TAGS
    out = ["# Tags", ""]
    if not ctx.network.tags:
        out += ["No tags yet: add `tags:` to a contact or `about:` to an entry.", ""]
        return "\n".join(out)
    cloud = " · ".join(
        hx.a(f"{tag} ({len(cs) + len(es)})", f"#{tag_anchor(tag)}")
        for tag, (cs, es) in ctx.network.tags.items()
    )
    out += [f'<p class="kb-tags">{cloud}</p>', ""]
    out += ["Open a tag to see who is tagged and the entries about it.", ""]
    blocks = [_tag_block(ctx, uri, tag, cs, es) for tag, (cs, es) in ctx.network.tags.items()]
    out += [hx.raw("\n".join(blocks)), ""]
    return "\n".join(out)


def _tag_block(
    ctx: Context, uri: str, tag: str, contact_slugs: Sequence[str], entry_ids: Sequence[str]
) -> str:
    counts = []
    if contact_slugs:
        counts.append(t.plural(len(contact_slugs), "person", "people"))
    if entry_ids:
        counts.append(t.plural(len(entry_ids), "entry", "entries"))
    parts = [
        f'<details class="kb-tag" id="{tag_anchor(tag)}">',
        f"<summary><strong>{hx.h(tag)}</strong> — {', '.join(counts)}</summary>",
    ]
    if contact_slugs:
        people = ", ".join(ctx.contact_a(s, uri) for s in contact_slugs)
        parts.append(f"<p>People: {people}</p>")
    entries = ctx.network.entries
    latest = list(reversed(entry_ids))
    shown, rest = latest[:TAG_ENTRIES_SHOWN], latest[TAG_ENTRIES_SHOWN:]
    if shown:
        items = (f"{entries[e].date} · {ctx.entry_a(e, uri)}" for e in shown)
        parts.append(hx.unwrap(hx.ul(items)))
    if rest:
        months: dict[dt.date, int] = {}
        for e in rest:
            month = entries[e].date.replace(day=1)
            months[month] = months.get(month, 0) + 1
        links = ", ".join(
            hx.a(f"{month:%b %Y} ({n})", ctx.href(uri, t.month_uri(month)))
            for month, n in months.items()
        )
        parts.append(f"<p>…and {len(rest):,} more, in {links}</p>")
    parts.append("</details>")
    return "\n".join(parts)


def render_errors(ctx: Context, problems: Sequence[Problem], pages: dict[str, str]) -> str:
    """errors.md: File | Line | Problem, each linked to its page and to the source in an editor.

    `pages` maps a source path to the generated page that shows it, when there is one.
    """
    uri = ERRORS
    out = ["# Errors", ""]
    if not problems:
        out += ["No problems: every file in `contacts/` and `journal/` is valid.", ""]
        return "\n".join(out)
    out += [
        f"{t.plural(len(problems), 'problem')} in "
        f"{t.plural(len({p.source.path for p in problems}), 'file')}. "
        "Everything else was built; `mkdocs build --strict` fails until these are fixed.",
        "",
    ]
    rows = []
    for problem in sorted(problems):
        path = problem.source.path
        page = pages.get(path)
        file_cell = hx.a(path, ctx.href(uri, page)) if page else hx.h(path)
        href = t.editor_href(ctx.settings.editor_url, ctx.root, path, problem.source.line)
        line = str(problem.source.line)
        line_cell = hx.a(line, href) if href else line
        rows.append([file_cell, line_cell, hx.h(problem.message)])
    out += [hx.table(["File", "Line", "Problem"], rows), ""]
    return "\n".join(out)
