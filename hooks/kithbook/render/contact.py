"""One page per contact: profile, strength, notes, vouch lines, who they know, timeline."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ..model.changes import NOT_COMMITTED, Change
from ..reading.records import Contact, Entry, Known
from . import html as hx
from . import text as t
from .context import Context
from .toc import heading

LINK_SCHEMES = {"email": "mailto:", "phone": "tel:", "tel": "tel:", "mobile": "tel:"}


def render_contact(
    ctx: Context, contact: Contact, extra_sections: str = "", company_page: str | None = None
) -> str:
    """The page for one contact at people/<slug>.md: a Markdown title, HTML sections; the
    company links to its page when it has one (`company_page`)."""
    uri = t.contact_uri(contact.slug)
    company = hx.a(contact.company, ctx.href(uri, company_page)) if company_page else None
    parts = [f"# {t.esc(contact.name)}", _headline(contact, company)]
    if contact.archived:
        parts.append(hx.admonition("note", "Archived", "Kept for history; never warned about."))
    elif contact.snooze is not None and contact.snooze.active(ctx.today):
        reason = (contact.snooze.reason or "").rstrip(".")
        why = f"{reason[:1].upper()}{reason[1:]}. " if reason else ""
        text = f"{why}Not warned about until then; the usual rules apply again from that day."
        parts.append(hx.admonition("note", f"Snoozed until {contact.snooze.until}", text))
    parts += [_profile(ctx, contact, uri), extra_sections]
    if contact.body.strip():
        parts += [heading(2, "Notes", "notes"), ctx.note(contact.body, uri)]
    if contact.vouch:
        vouch = hx.ul(hx.h(line) for line in contact.vouch)
        parts += [heading(2, "What I can vouch for", "vouch"), vouch]
    if contact.knows:
        parts += [heading(2, "Knows", "knows"), hx.ul(_known(ctx, k, uri) for k in contact.knows)]
    entries = ctx.network.timeline.get(contact.slug, ())
    count = t.plural(len(entries), "entry", "entries")
    parts.append(heading(2, f"Timeline ({count})", "timeline"))
    if entries:
        timeline = (_timeline_item(ctx, e, contact.slug, uri) for e in reversed(entries))
        parts.append(hx.ul(timeline, "kb-timeline"))
    else:
        parts.append("<p>No entries yet.</p>")
    backlinks = ctx.network.backlinks.get(contact.slug, ())
    if backlinks:
        items: list[str] = []
        for back in backlinks:
            if back.from_contact:
                items.append(f"{ctx.contact_a(back.from_contact, uri)}’s notes")
            elif back.from_entry:
                entry = ctx.network.entries[back.from_entry]
                items.append(f"{entry.date} · {ctx.entry_a(entry.id, uri)}")
        parts += [heading(2, "Mentioned in", "mentioned-in"), hx.ul(items)]
    parts.append(f'<p class="kb-source">Source: {ctx.source_html(contact.source)}</p>')
    return hx.block(*parts) + "\n"


def _headline(contact: Contact, company_html: str | None = None) -> str:
    company = company_html or (hx.h(contact.company) if contact.company else None)
    role = " at ".join(x for x in (hx.h(contact.title or ""), company) if x)
    line = " · ".join(p for p in (role, hx.h(contact.location or "")) if p)
    tags = " ".join(f"<code>{hx.h(tag)}</code>" for tag in contact.tags)
    if not line and not tags:
        return ""
    return f'<p class="kb-headline">{line}{"<br>" if line and tags else ""}{tags}</p>'


def _profile(ctx: Context, contact: Contact, uri: str) -> str:
    rows: list[tuple[str, str]] = []
    if contact.relationship:
        kinds = ", ".join(r.replace("-", " ") for r in contact.relationship)
        rows.append(("Relationship", hx.h(kinds)))
    if contact.met or contact.how_we_met:
        met = " — ".join(x for x in (str(contact.met or ""), hx.h(contact.how_we_met or "")) if x)
        rows.append(("Met", met))
    if contact.birthday is not None:
        rows.append(("Birthday", t.birthday(contact.birthday)))
    if contact.introduced_by:
        rows.append(("Introduced by", ctx.contact_a(contact.introduced_by, uri)))
    if contact.closeness is not None:
        rows.append(("Closeness", f"{contact.closeness} / 5"))
    if contact.kin:
        rows.append(("Family", "yes (ties decay more slowly)"))
    if contact.cadence_never:
        rows.append(("Keep in touch", "never reminded"))
    elif contact.cadence_days:
        rows.append(("Keep in touch", f"every {contact.cadence_days} days"))
    if contact.aliases:
        rows.append(("Also called", hx.h(", ".join(contact.aliases))))
    if contact.links:
        rows.append(("Links", " · ".join(_link(name, url) for name, url in contact.links)))
    return hx.ul((f"<strong>{k}:</strong> {v}" for k, v in rows), "kb-profile")


def _link(name: str, value: str) -> str:
    """A contact link, shown as a link, never loaded (no remote images, no scripts)."""
    scheme = LINK_SCHEMES.get(name.lower().rstrip("0123456789"), "")  # email2, phone2
    if scheme and not value.lower().startswith(scheme):
        href = t.safe_url(scheme + value.replace(" ", ""))
    else:
        href = t.safe_url(value)
    if href is None:
        return f"{hx.h(name)}: {hx.h(value)}"
    return hx.a(name, href)


def _known(ctx: Context, known: Known, uri: str) -> str:
    if known.slug:
        who = ctx.contact_a(known.slug, uri)
    else:
        who = hx.h(known.name or "")
        role = " at ".join(hx.h(x) for x in (known.title, known.company) if x)
        if role:
            who += f", {role}"
    return f"{who} — {known.how_well}"


def _timeline_item(ctx: Context, entry: Entry, slug: str, uri: str) -> str:
    others = [ctx.contact_a(s, uri) for s in entry.with_ if s != slug]
    line = f"<strong>{entry.date}</strong> · {entry.kind} · {ctx.entry_a(entry.id, uri)}"
    if others:
        line += " — with " + ", ".join(others)
    details = []
    if entry.gave:
        details.append(f"gave: {hx.h(entry.gave)}")
    if entry.got:
        details.append(f"got: {hx.h(entry.got)}")
    if entry.evidence:
        details.append(f"evidence: {hx.h(entry.evidence)}")
    if details:
        line += "<br>" + "; ".join(details)
    return line


NO_HISTORY = "No changes recorded in git yet."


def render_history(changes: Sequence[Change], note: str) -> str:
    """The History section: changes newest first, one line per commit, with its subject."""
    parts = [heading(2, "History", "history")]
    if not changes:
        parts.append(f'<p class="kb-history-note">{hx.h(note or NO_HISTORY)}</p>')
        return hx.block(*parts)
    items = []
    for (date, subject, _), group in itertools.groupby(
        changes, key=lambda c: (c.date, c.subject, c.commit)
    ):
        when = f"<strong>{date}</strong>" if date else f"<strong>{NOT_COMMITTED}</strong>"
        what = "; ".join(hx.h(c.text) for c in group)
        line = f"{when} · {what}"
        if subject:
            line += f' <span class="kb-commit">— “{hx.h(subject)}”</span>'
        items.append(line)
    parts.append(hx.ul(items, "kb-history"))
    if note:
        parts.append(f'<p class="kb-history-note">{hx.h(note)}</p>')
    return hx.block(*parts)
