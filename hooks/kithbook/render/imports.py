"""The Imports page: what each `kith import` last did, and how to run it (again).

Everything read from `.kithbook/` is the user's text: it is escaped here, and in a redacted
build it arrives already redacted (render/redact.py).
"""

from __future__ import annotations

from ..reading.import_state import ImportStates, JobChange, Listed, Run, Skip, StateFile
from . import html as hx
from . import text as t
from .context import Context
from .indexes import ERRORS

IMPORTS = "imports.md"
CLI_DOC = "cli.md"

# source → (name on the page, command, what it reads, its section in docs/cli.md); each
# section's address is its name as the toc extension makes one (`#address-book`).
SOURCES = {
    "linkedin": (
        "LinkedIn",
        "kith import linkedin PATH",
        "LinkedIn's data export (the zip, its folder or one CSV): connections, messages, "
        "invitations, recommendations, endorsements",
        "kith-import-linkedin",
    ),
    "calendar": (
        "Calendar",
        "kith import calendar FILE.ics",
        "a calendar export (Google, Apple, Outlook): past meetings with contacts, and "
        "what is coming up",
        "kith-import-calendar",
    ),
    "contacts": (
        "Address book",
        "kith import contacts FILE.vcf",
        "an address book (vCard): new people, and the e-mails, phones and links they lack",
        "kith-import-contacts",
    ),
    "mail": (
        "Mail",
        "kith import mail FILE.mbox",
        "a mail archive (mbox, headers only): one entry per contact and day you wrote",
        "kith-import-mail",
    ),
}
# What a state file remembers, by source.
THINGS = {
    "linkedin": ("person", "people"),
    "calendar": ("event", "events"),
    "contacts": ("card", "cards"),
    "mail": ("entry", "entries"),
}


def render_imports(ctx: Context, imports: ImportStates) -> str:
    """imports.md: a summary table, then a section per source; how to start when none ran."""
    out = ["# Imports", ""]
    known = [imports.get(source) for source in SOURCES]
    if not any(state.found for state in known):
        return "\n".join([*out, *_start(ctx)])
    out += [
        "What each `kith import` did when it last changed something. An import that finds "
        "nothing new writes nothing, not even its date, so running one again leaves this page "
        "and `git status` as they were. Every import can be run again at any time: it never "
        f"overrides what you wrote ({_doc_link(ctx, 'the-ownership-rule', 'the ownership rule')}).",
        "",
    ]
    out += [hx.table(_HEADER, (_row(ctx, state) for state in known)), ""]
    for state in known:
        out += _section(ctx, state)
    return "\n".join(out)


# The file each read is in its section: a long name would squeeze the table's columns.
_HEADER = ["Import", "Last run", "Created", "Updated", "Unchanged", "Skipped"]


def _row(ctx: Context, state: StateFile) -> list[str]:
    title = SOURCES[state.source][0]
    name = hx.a(title, ctx.href(IMPORTS, f"{IMPORTS}#{_anchor(title)}"))
    run = state.run
    if run is None:
        when = "unreadable" if state.unreadable else "not recorded" if state.found else "never"
        return [name, when, "", "", "", ""]
    skipped = f"{run.skipped:,}" + (f", {run.failed:,} failed" if run.failed else "")
    return [
        name,
        f"{run.date}",
        f"{run.created:,}",
        f"{run.updated:,}",
        f"{run.unchanged:,}",
        skipped,
    ]


def _section(ctx: Context, state: StateFile) -> list[str]:
    title, command, reads, anchor = SOURCES[state.source]
    out = [f"## {title}", ""]
    run = state.run
    if not state.found:
        return [
            *out,
            f"Never imported. `{command}` reads {reads} ({_doc_link(ctx, anchor, 'how')}).",
            "",
        ]
    if state.unreadable:
        return [
            *out,
            hx.raw(
                f"<p><code>{hx.h(state.path)}</code> cannot be read (see "
                f"{hx.a('Errors', ctx.href(IMPORTS, ERRORS))}): fix or delete it (deleted, the "
                "next import takes what is in the journal as yours and fills only what is "
                "empty).</p>"
            ),
            "",
        ]
    if run is None:
        out += [
            hx.raw(
                "<p>Imported, with no run recorded: the state file comes from a kithbook that "
                "did not record runs yet, or its last run could not be read. The next import "
                "that changes something records its run here.</p>"
            ),
            "",
        ]
    else:
        out += [hx.raw(f"<p>{_summary(run)}</p>"), ""]
        out += _skips(run.skips, run.more_skips)
        out += _job_changes(ctx, run.job_changes, run.more_job_changes)
        out += _files(run)
    one, many = THINGS.get(state.source, ("record", "records"))
    remembered = t.plural(state.remembered, one, many)
    out += [
        hx.raw(
            f"<p>What it remembers: <code>{hx.h(state.path)}</code> ({remembered}), committed "
            "with the journal.</p>"
        ),
        "",
        f"Run it again: `{command}` (add `--dry-run` to see first what it would do; "
        f"{_doc_link(ctx, anchor, 'more')}).",
        "",
    ]
    return out


def _summary(run: Run) -> str:
    kinds = [
        t.plural(n, one, many)
        for n, one, many in (
            (run.contacts, "contact", "contacts"),
            (run.entries, "entry", "entries"),
        )
        if n
    ]
    parts = f" ({', '.join(kinds)})" if kinds else ""
    failed = f", {run.failed:,} failed" if run.failed else ""
    return (
        f"Last run on <strong>{run.date}</strong>, reading <code>{hx.h(run.file)}</code>: "
        f"{run.created:,} created{parts}, {run.updated:,} updated, {run.unchanged:,} unchanged, "
        f"{run.skipped:,} skipped{failed}."
    )


def _skips(skips: tuple[Skip, ...], more: int) -> list[str]:
    if not skips and not more:
        return []
    items = [f"<code>{hx.h(_where(s.file, s.line))}</code>: {hx.h(s.reason)}" for s in skips]
    if more:
        items.append(f"and {more:,} more (the import prints every one when run again)")
    return [f"**Skipped ({len(skips) + more:,}):**", "", hx.ul(items, "kb-imports"), ""]


def _where(file: str, line: int) -> str:
    return f"{file}:{line}" if line else file


def _job_changes(ctx: Context, changes: tuple[JobChange, ...], more: int) -> list[str]:
    if not changes and not more:
        return []
    items = [
        f"{ctx.contact_a(c.slug, IMPORTS)}: {hx.h(c.key)} ‘{hx.h(c.old)}’ → ‘{hx.h(c.new)}’"
        + (f" (<code>{hx.h(_where(c.file, c.line))}</code>)" if c.file else "")
        for c in changes
    ]
    if more:
        items.append(f"and {more:,} more")
    return [
        f"**Job changes on LinkedIn ({len(changes) + more:,}):**",
        "",
        hx.ul(items, "kb-imports"),
        "",
    ]


def _files(run: Run) -> list[str]:
    lines = []
    for label, listed in (
        ("Files read", run.files_read),
        ("Recognised, not imported", run.files_ignored),
        ("Unknown, not read", run.files_unknown),
    ):
        if listed.names or listed.more:
            lines.append(f"<strong>{label}:</strong> {_names(listed)}")
    if not lines:
        return []
    return [hx.raw('<p class="kb-imports">' + "<br>\n".join(lines) + "</p>"), ""]


def _names(listed: Listed) -> str:
    shown = ", ".join(hx.h(name) for name in listed.names)
    return shown + (f" and {listed.more:,} more" if listed.more else "")


def _start(ctx: Context) -> list[str]:
    """The page of a journal nothing was imported into: how to start."""
    out = [
        "Nothing has been imported yet. Each import reads a file you downloaded from a "
        "service, on your machine, and adds to the journal what it finds: new contacts, and "
        "an entry for each interaction with them. Start with one of these (`--dry-run` shows "
        "first what it would do, writing nothing):",
        "",
    ]
    for title, command, reads, anchor in SOURCES.values():
        out.append(f"- **{title}**: `{command}` reads {reads} ({_doc_link(ctx, anchor, 'how')}).")
    out += [
        "",
        "Run an import again whenever you have a newer file: it adds what is new and never "
        "overrides what you wrote. After each run this page shows what it did.",
        "",
    ]
    return out


def _anchor(title: str) -> str:
    return title.lower().replace(" ", "-")


def _doc_link(ctx: Context, anchor: str, text: str) -> str:
    return f"[{text}]({t.rel(IMPORTS, CLI_DOC)}#{anchor})"
