"""Referral pages: I could vouch for, I could send a referral to, who could vouch for me;
companies with intro paths; fortify and clutter; the giving ledger."""

from __future__ import annotations

from ..derive import Derived
from ..drafts import years_phrase
from ..ledger import asked_more_than_given, balance_over_time
from ..paths import Company
from . import charts
from . import text as t
from .context import Context

REFERRALS = "referrals.md"
COMPANIES = "companies/index.md"
FORTIFY = "fortify.md"
LEDGER = "ledger.md"
LIST_LIMIT = 200  # long lists (clutter in a 30,000-connection journal) stop here


def company_uri(company: Company) -> str:
    return f"companies/{company.slug}.md"


def draft_block(title: str, draft: str) -> list[str]:
    """A collapsible admonition holding an escaped, ready-to-edit draft."""
    return [f'!!! quote "{title}"', f"    {t.esc(draft)}", ""]


def render_referrals(ctx: Context, derived: Derived) -> str:
    uri = REFERRALS
    views = derived.referrals
    out = ["# Referrals", ""]
    out += [
        f"## I could vouch for ({len(views.vouch_for)})",
        "",
        "Strong ties (tiers 1–3) I know well, have known for a year or more, have seen work "
        "first-hand, and have been in touch with this year. Strongest first.",
        "",
    ]
    if not views.vouch_for:
        out += ["Nobody yet: record `evidence` on entries and `vouch` lines on contacts.", ""]
    for vouch in views.vouch_for:
        contact = derived.network.contacts[vouch.slug]
        known = years_phrase(vouch.known_since, ctx.today)
        out += [
            f"### {t.esc(contact.name)}",
            "",
            " · ".join(
                x
                for x in (
                    ctx.contact_link(vouch.slug, uri),
                    f"score {vouch.score:g}",
                    f"known {known}" if known else "",
                    f"last in touch {vouch.last}" if vouch.last else "",
                )
                if x
            ),
            "",
            "First-hand evidence:",
            "",
        ]
        for item in vouch.evidence:
            where = (
                f" ({ctx.entry_link(item.entry.id, uri, str(item.entry.date))})"
                if item.entry
                else ""
            )
            out.append(f"- {t.esc(item.text)}{where}")
        out.append("")
        out += draft_block("Referral draft", vouch.draft)
    out += [f"### Almost ({len(views.near_vouch)})", ""]
    if views.near_vouch:
        out += ["What is missing before I could vouch for them:", ""]
        out += [
            f"- {ctx.contact_link(n.slug, uri)} — {t.esc('; '.join(n.missing))}"
            for n in views.near_vouch
        ] + [""]
    else:
        out += ["No near misses.", ""]
    total = sum(len(s) for s in views.send_to.values())
    out += [
        f"## I could send a referral to ({total})",
        "",
        "Strong, recent, two-way ties: people who would act on my word. By company.",
        "",
    ]
    for company, slugs in views.send_to.items():
        out.append(
            f"- **{t.esc(company) if company else 'No company recorded'}:** "
            + ", ".join(ctx.contact_link(s, uri) for s in slugs)
        )
    out += ["" if views.send_to else "Nobody yet.", ""]
    out += [
        f"## Who could vouch for me ({len(views.vouch_for_me)})",
        "",
        "Strong ties who have seen my work: things we did together, recommendations I received. "
        "The people to ask when job hunting.",
        "",
    ]
    out += [
        f"- {ctx.contact_link(slug, uri)} — {t.esc('; '.join(reasons))}"
        for slug, reasons in views.vouch_for_me
    ] or ["Nobody yet: log `activity` entries for work done together."]
    out.append("")
    return "\n".join(out)


def render_companies(ctx: Context, derived: Derived) -> str:
    uri = COMPANIES
    out = ["# Companies", ""]
    if ctx.settings.targets:
        out += [
            "Target companies (`extra.kithbook.targets`) come first.",
            "",
        ]
    rows = []
    for company in derived.companies:
        warm = sum(1 for p in company.paths if p.warm)
        name = t.link(company.name, t.rel(uri, company_uri(company)))
        rows.append(
            [
                f"**{name}** (target)" if company.target else name,
                str(len(company.direct)),
                str(len(company.paths)),
                str(warm),
            ]
        )
    if rows:
        header = ["Company", "Direct contacts", "Intro paths", "Warm paths"]
        out += ['<div class="kb-sortable" markdown>', "", t.table(header, rows), "", "</div>", ""]
    else:
        out += ["No companies yet: add `company:` to contacts.", ""]
    return "\n".join(out)


def render_company(ctx: Context, derived: Derived, company: Company) -> str:
    uri = company_uri(company)
    out = [f"# {t.esc(company.name)}", ""]
    if company.target:
        out += ["A target company.", ""]
    out += [f"## Direct contacts ({len(company.direct)})", ""]
    for slug in company.direct:
        contact = derived.network.contacts[slug]
        role = f", {t.esc(contact.title)}" if contact.title else ""
        out.append(
            f"- {ctx.contact_link(slug, uri)}{role} — score {derived.scores[slug].score:g}, "
            f"tier {derived.tiers[slug]}"
        )
    out += ["" if company.direct else "Nobody I know directly.", ""]
    out += [f"## Intro paths ({len(company.paths)})", ""]
    if not company.paths:
        out += ["No second-degree paths: add `knows:` to contacts who know people here.", ""]
    for path in company.paths:
        target = ctx.contact_link(path.target_slug, uri) if path.target_slug else t.esc(path.target)
        role = f" ({t.esc(path.target_title)})" if path.target_title else ""
        warmth = "**warm**" if path.warm else "cold"
        out += [
            f"- {target}{role} via {ctx.contact_link(path.via, uri)} — path score "
            f"{path.score:.2f}, {warmth}",
            "",
        ]
        out += ["    " + line if line else "" for line in draft_block("Intro request", path.draft)]
    return "\n".join(out)


def render_fortify(ctx: Context, derived: Derived) -> str:
    uri = FORTIFY
    out = ["# Fortify", ""]
    out += [
        "Connections I do not really know yet, ranked by what they could open: target "
        "companies, shared contacts, and moderately weak ties (the kind that helped most with "
        "job moves in LinkedIn's 2022 experiment). Recruiters and archived contacts are left out.",
        "",
    ]
    shown = derived.fortify[:LIST_LIMIT]
    for item in shown:
        contact = derived.network.contacts[item.slug]
        role = " at ".join(t.esc(x) for x in (contact.title, contact.company) if x)
        out += [
            f"### {t.esc(contact.name)}",
            "",
            f"{ctx.contact_link(item.slug, uri)}{' — ' + role if role else ''}",
            "",
            f"Why: {t.esc(item.reason)}.",
            "",
        ]
        out += draft_block("Outreach draft", item.draft)
    if not derived.fortify:
        out += ["Nobody to fortify right now.", ""]
    elif len(derived.fortify) > LIST_LIMIT:
        out += [f"…and {len(derived.fortify) - LIST_LIMIT:,} more (`kith export` lists all).", ""]
    out += [f"## Clutter ({len(derived.clutter):,})", ""]
    out += [
        "No relationship, no interaction and no notes: archive (`archived: true`) or delete. "
        "Recruiters are never listed here.",
        "",
    ]
    clutter = derived.clutter[:LIST_LIMIT]
    out += [f"- {ctx.contact_link(s, uri)}" for s in clutter] or ["Nothing to prune."]
    if len(derived.clutter) > LIST_LIMIT:
        out.append(f"- …and {len(derived.clutter) - LIST_LIMIT:,} more (`kith export` lists all)")
    out.append("")
    return "\n".join(out)


def render_ledger(ctx: Context, derived: Derived) -> str:
    uri = LEDGER
    ledger = derived.ledger
    owing = asked_more_than_given(ledger)
    out = ["# Giving ledger", "", "Give before asking. What I gave and received, per person.", ""]
    out += [f"## Give before asking again ({len(owing)})", ""]
    if owing:
        out += ["People I have received more from than I have given to.", ""]
        out += [
            f"- {ctx.contact_link(s, uri)} — gave {len(ledger[s].gave)}, got {len(ledger[s].got)}"
            for s in owing
        ] + [""]
    else:
        out += ["Nobody: I have given at least as much as I received from everyone.", ""]
    entries = derived.network.entries.values()
    dates = list(derived.history_dates)
    out += [
        "## Balance over time",
        "",
        charts.line_chart(
            dates,
            [float(v) for v in balance_over_time(entries, dates)],
            "Cumulative help given minus help received",
            top=None,
        ),
        "",
    ]
    out += ["## Per person", ""]
    rows = []
    for slug in sorted(ledger, key=lambda s: (ledger[s].balance, s)):
        line = ledger[slug]
        rows.append(
            [
                ctx.contact_link(slug, uri),
                str(len(line.gave)),
                str(len(line.got)),
                f"{line.balance:+d}",
            ]
        )
    if rows:
        header = ["Person", "Gave", "Got", "Balance"]
        out += ['<div class="kb-sortable" markdown>', "", t.table(header, rows), "", "</div>", ""]
    else:
        out += ["Nothing logged yet: add `gave:` and `got:` to entries.", ""]
    return "\n".join(out)


def render_contact_ledger(ctx: Context, derived: Derived, slug: str) -> str:
    """The contact page's giving section: what was given and received, linked to entries."""
    line = derived.ledger.get(slug)
    if line is None:
        return ""
    uri = t.contact_uri(slug)
    out = [f"## Giving ledger (gave {len(line.gave)}, got {len(line.got)})", ""]
    if line.balance < 0:
        out += [
            '!!! tip "Give before asking again"',
            "    I have received more from them than I have given.",
            "",
        ]
    for label, items, attr in (("Gave", line.gave, "gave"), ("Got", line.got, "got")):
        for entry in reversed(items):
            text = getattr(entry, attr)
            out.append(
                f"- **{label}** {entry.date}: {t.esc(text)} ({ctx.entry_link(entry.id, uri)})"
            )
    out.append("")
    return "\n".join(out)
