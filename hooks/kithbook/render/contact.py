"""One page per contact: profile, strength, notes, vouch lines, who they know, timeline."""

from __future__ import annotations

from ..records import Contact, Entry, Known
from . import text as t
from .context import Context

LINK_SCHEMES = {"email": "mailto:", "phone": "tel:", "tel": "tel:", "mobile": "tel:"}


def render_contact(ctx: Context, contact: Contact, extra_sections: str = "") -> str:
    """The Markdown page for one contact at people/<slug>.md."""
    uri = t.contact_uri(contact.slug)
    out = [f"# {t.esc(contact.name)}", ""]
    headline = _headline(contact)
    if headline:
        out += [headline, ""]
    if contact.archived:
        out += ['!!! note "Archived"', "    Kept for history; never warned about.", ""]
    out += [_profile(ctx, contact, uri), ""]
    if extra_sections:
        out += [extra_sections, ""]
    if contact.body.strip():
        out += ["## Notes", "", t.render_body(contact.body, ctx.resolver(uri)), ""]
    if contact.vouch:
        out += ["## What I can vouch for", ""]
        out += [f"- {t.esc(line)}" for line in contact.vouch] + [""]
    if contact.knows:
        out += ["## Knows", ""] + [_known(ctx, k, uri) for k in contact.knows] + [""]
    entries = ctx.network.timeline.get(contact.slug, ())
    out += [f"## Timeline ({t.plural(len(entries), 'entry', 'entries')})", ""]
    if entries:
        out += [_timeline_item(ctx, e, contact.slug, uri) for e in reversed(entries)]
    else:
        out.append("No entries yet.")
    out.append("")
    backlinks = ctx.network.backlinks.get(contact.slug, ())
    if backlinks:
        out += ["## Mentioned in", ""]
        for back in backlinks:
            if back.from_contact:
                out.append(f"- {ctx.contact_link(back.from_contact, uri)}'s notes")
            elif back.from_entry:
                entry = ctx.network.entries[back.from_entry]
                out.append(f"- {entry.date} · {ctx.entry_link(entry.id, uri)}")
        out.append("")
    out += [f"Source: {ctx.source_line(contact.source)}", ""]
    return "\n".join(out)


def _headline(contact: Contact) -> str:
    role = " at ".join(t.esc(x) for x in (contact.title, contact.company) if x)
    parts = [p for p in (role, t.esc(contact.location) if contact.location else "") if p]
    tags = " ".join(f"`{tag}`" if "`" not in tag else t.esc(tag) for tag in contact.tags)
    line = " · ".join(parts)
    return f"{line}  \n{tags}" if line and tags else line or tags


def _profile(ctx: Context, contact: Contact, uri: str) -> str:
    rows: list[tuple[str, str]] = []
    if contact.relationship:
        rows.append(
            ("Relationship", t.esc(", ".join(r.replace("-", " ") for r in contact.relationship)))
        )
    if contact.met or contact.how_we_met:
        met = " — ".join(x for x in (str(contact.met or ""), t.esc(contact.how_we_met or "")) if x)
        rows.append(("Met", met))
    if contact.introduced_by:
        rows.append(("Introduced by", ctx.contact_link(contact.introduced_by, uri)))
    if contact.closeness is not None:
        rows.append(("Closeness", f"{contact.closeness} / 5"))
    if contact.kin:
        rows.append(("Family", "yes (ties decay more slowly)"))
    if contact.cadence_never:
        rows.append(("Keep in touch", "never reminded"))
    elif contact.cadence_days:
        rows.append(("Keep in touch", f"every {contact.cadence_days} days"))
    if contact.aliases:
        rows.append(("Also called", t.esc(", ".join(contact.aliases))))
    if contact.links:
        rows.append(("Links", " · ".join(_link(name, url) for name, url in contact.links)))
    return "\n".join(f"- **{k}:** {v}" for k, v in rows)


def _link(name: str, value: str) -> str:
    """A contact link, shown as a link, never loaded (no remote images, no scripts)."""
    scheme = LINK_SCHEMES.get(name.lower(), "")
    if scheme and not value.lower().startswith(scheme):
        href = t.safe_url(scheme + value.replace(" ", ""))
    else:
        href = t.safe_url(value)
    if href is None:
        return f"{t.esc(name)}: {t.esc(value)}"
    return f"[{t.esc(name)}]({href})"


def _known(ctx: Context, known: Known, uri: str) -> str:
    if known.slug:
        who = ctx.contact_link(known.slug, uri)
    else:
        who = t.esc(known.name or "")
        role = " at ".join(t.esc(x) for x in (known.title, known.company) if x)
        if role:
            who += f", {role}"
    return f"- {who} — {known.how_well}"


def _timeline_item(ctx: Context, entry: Entry, slug: str, uri: str) -> str:
    others = [ctx.contact_link(s, uri) for s in entry.with_ if s != slug]
    parts = [f"**{entry.date}**", entry.kind, ctx.entry_link(entry.id, uri)]
    line = " · ".join(parts)
    if others:
        line += " — with " + ", ".join(others)
    details = []
    if entry.gave:
        details.append(f"gave: {t.esc(entry.gave)}")
    if entry.got:
        details.append(f"got: {t.esc(entry.got)}")
    if entry.evidence:
        details.append(f"evidence: {t.esc(entry.evidence)}")
    if details:
        line += "  \n    " + "; ".join(details)
    return f"- {line}"
