"""Referral pages: I could vouch for, I could send a referral to, who could vouch for me;
companies with intro paths; fortify and clutter; the giving ledger."""

from __future__ import annotations

from ..model.derive import Derived
from ..model.drafts import years_phrase
from ..model.jobs import balance_note
from ..model.ledger import asked_more_than_given, balance_over_time
from ..model.paths import Company, IntroPath, company_key
from ..model.referrals import VOUCH_FOR_ME, VOUCH_FOR_ME_INTRO, VOUCH_FOR_ME_NOBODY
from . import charts
from . import explain as ex
from . import html as hx
from . import text as t
from .context import Context
from .toc import heading

REFERRALS = "referrals.md"
COMPANIES = "companies/index.md"
FORTIFY = "fortify.md"
LEDGER = "ledger.md"
NO_PATHS = "to contacts who know people here."
LIST_LIMIT = 200  # long lists (clutter in a 30,000-connection journal) stop here


def company_uri(company: Company) -> str:
    return f"companies/{company.slug}.md"


def sentence(text: str) -> str:
    """Advice as a sentence: a capital first letter."""
    return text[:1].upper() + text[1:]


def giving_note(derived: Derived, slug: str) -> str:
    """How the giving stands with someone I would ask ("give first: you owe Ada one favour")."""
    return balance_note(derived.network.contacts[slug].name, derived.ledger.get(slug))[1]


DRAFT_TITLES = {
    "referral": "Referral request",
    "intro": "Intro request",
    "check": "Ask first how well they know them",
    "fortify": "Outreach draft: build the tie first",
}


def draft_block(title: str, draft: str) -> list[str]:
    """A call-out holding an escaped, ready-to-edit draft."""
    return [hx.admonition("quote kb-draft", title, draft), ""]


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
        facts = [
            ctx.contact_a(vouch.slug, uri),
            ex.term_a(ctx, uri, "score", f"score {vouch.score:g}"),
            f"known {known}" if known else "",
            f"last in touch {vouch.last}" if vouch.last else "",
        ]
        evidence = []
        for item in vouch.evidence:
            entry = item.entry
            where = f" ({ctx.entry_a(entry.id, uri, str(entry.date))})" if entry else ""
            evidence.append(f"{hx.h(item.text)}{where}")
        out += [
            f"### {t.esc(contact.name)}",
            "",
            f"<p>{' · '.join(x for x in facts if x)}</p>",
            "",
            "<p>First-hand evidence:</p>",
            "",
            hx.ul(evidence),
            "",
        ]
        out += draft_block("Referral draft", vouch.draft)
    out += [f"### I could almost vouch for ({len(views.near_vouch)})", ""]
    if views.near_vouch:
        out += ["What is missing before I could vouch for them:", ""]
        items = (
            f"{ctx.contact_a(n.slug, uri)} — {hx.h('; '.join(n.missing))}" for n in views.near_vouch
        )
        out += [hx.ul(items), ""]
    else:
        out += ["No near misses.", ""]
    total = sum(len(s) for s in views.send_to.values())
    out += [
        f"## I could send a referral to ({total})",
        "",
        "Strong, recent, two-way ties: people who would act on my word. By company, target "
        "companies first, with the giving balance: give before you ask.",
        "",
    ]
    targets = {company_key(c.name) for c in derived.companies if c.target}
    order = sorted(views.send_to, key=lambda c: (company_key(c) not in targets, c == "", c.lower()))
    items = (
        f"<strong>{hx.h(company) if company else 'No company recorded'}</strong>"
        + (" (target)" if company_key(company) in targets and company else "")
        + ": "
        + ", ".join(
            f"{ctx.contact_a(s, uri)} ({hx.h(giving_note(derived, s))})"
            for s in views.send_to[company]
        )
        for company in order
    )
    out += [hx.ul(items) or "Nobody yet.", ""]
    out += [
        f"## {VOUCH_FOR_ME} ({len(views.vouch_for_me)})",
        "",
        VOUCH_FOR_ME_INTRO,
        "",
    ]
    items = (
        f"{ctx.contact_a(v.slug, uri)} — {hx.h('; '.join(v.reasons))}"
        + "".join(f" <strong>Warning: {hx.h(w)}.</strong>" for w in v.warnings)
        for v in views.vouch_for_me
    )
    out += [hx.ul(items) or VOUCH_FOR_ME_NOBODY, ""]
    return "\n".join(out)


def render_companies(ctx: Context, derived: Derived) -> str:
    uri = COMPANIES
    out = ["# Companies", ""]
    if ctx.settings.targets:
        out += ["Target companies (`extra.kithbook.targets`) come first.", ""]
    rows = []
    for company in derived.companies:
        warm = sum(1 for p in company.paths if p.warm)
        if has_page(company):
            name = hx.a(company.name, ctx.href(uri, company_uri(company)))
        else:  # one contact and no paths: the contact's page is the company's page
            only = company.direct[0]
            contact = ctx.network.contacts[only]
            name = hx.a(company.name, ctx.href(uri, ctx.contact_uri(only)))
            name += f" ({hx.h(contact.name)})"
        rows.append(
            [
                f"<strong>{name}</strong> ({'target, applied' if company.applied else 'target'})"
                if company.target
                else name,
                str(len(company.direct)),
                str(len(company.paths)),
                str(warm),
            ]
        )
    if rows:
        header = ["Company", "Direct contacts", "Intro paths", "Warm paths"]
        out += [hx.sortable(hx.table(header, rows)), ""]
        out += [ex.legend(ctx, uri, ("warm",)), ""]
    else:
        out += ["No companies yet: add `company:` to contacts.", ""]
    return "\n".join(out)


def has_page(company: Company) -> bool:
    """A page of its own for a target, a company with intro paths, or with several contacts."""
    return company.target or bool(company.paths) or len(company.direct) != 1


def render_company(ctx: Context, derived: Derived, company: Company) -> str:
    uri = company_uri(company)
    out = [f"# {t.esc(company.name)}", ""]
    if company.target:
        kind = (
            "A target company: you have an open application here."
            if company.applied
            else ("A target company.")
        )
        out += [f"<p>{kind}</p>", ""]
    row = next((r for r in derived.job_search if r.company.slug == company.slug), None)
    if row is not None:
        tip = sentence(row.advice) + (f"; {row.balance_note}" if row.balance_note else "") + "."
        out += [hx.admonition("tip", "Do now", tip), ""]
    applications = [
        e
        for e in sorted(
            derived.network.entries.values(), key=lambda e: (e.date, e.id), reverse=True
        )
        if e.application is not None
        and company_key(e.application.company) == company_key(company.name)
    ]
    if applications:
        out += [heading(2, f"Applications ({len(applications)})", "applications"), ""]
        items = []
        for entry in applications:
            app = entry.application
            assert app is not None
            role = hx.h(app.role) if app.role else "a role"
            when = ctx.entry_a(entry.id, uri, str(entry.date))
            parts = [f"{when}: {role} — <strong>{hx.h(app.status)}</strong>"]
            if app.updated:
                parts.append(f"since {app.updated}")
            if app.referred_by:
                parts.append(f"referred by {ctx.contact_a(app.referred_by, uri)}")
            items.append(", ".join(parts))
        out += [hx.ul(items), ""]
    out += [heading(2, f"Direct contacts ({len(company.direct)})", "direct-contacts"), ""]
    items = []
    for slug in company.direct:
        contact = derived.network.contacts[slug]
        role = f", {hx.h(contact.title)}" if contact.title else ""
        items.append(
            f"{ctx.contact_a(slug, uri)}{role} — "
            f"{ex.term_a(ctx, uri, 'score', f'score {derived.scores[slug].score:g}')}, "
            f"{ex.term_a(ctx, uri, 'tier', ex.tier_label(derived.tiers[slug]))}; "
            f"{hx.h(giving_note(derived, slug))}"
        )
    out += [hx.ul(items) or "<p>Nobody I know directly.</p>", ""]
    out += [heading(2, f"Intro paths ({len(company.paths)})", "intro-paths"), ""]
    if not company.paths:
        out += [f"<p>No second-degree paths: add <code>knows:</code> {NO_PATHS}</p>", ""]
    shown: set[str] = set()
    for path in company.paths:
        out += path_html(ctx, derived, path, uri, repeat=path.draft in shown)
        shown.add(path.draft)
    return hx.block(*out)  # all HTML fragments but the title


def path_html(
    ctx: Context, derived: Derived, path: IntroPath, uri: str, repeat: bool = False
) -> list[str]:
    """One intro path: who, through whom, how well each link holds, and what to do
    (its draft, unless the same draft was shown just above: `repeat`)."""
    target = ctx.contact_a(path.target_slug, uri) if path.target_slug else hx.h(path.target)
    role = f" ({hx.h(path.target_title)})" if path.target_title else ""
    link = "met together" if path.link_kind == "together" else f"knows them: {path.link_kind}"
    warmth = (
        "<strong>warm</strong>"
        if path.warm
        else "cold"
        if path.action == "fortify"
        else ("not warm: an acquaintance link")
    )
    return [
        f'<p class="kb-path">{target}{role} via {ctx.contact_a(path.via, uri)} '
        f"({ex.term_a(ctx, uri, 'tier', ex.tier_label(derived.tiers[path.via]))}, {link}) — "
        f"{ex.term_a(ctx, uri, 'path score', f'path score {path.score:.2f} of 1')}, {warmth}<br>"
        f"{hx.h(sentence(path.advice))}; {hx.h(giving_note(derived, path.via))}.</p>",
        "",
        *([] if repeat else draft_block(DRAFT_TITLES[path.action], path.draft)),
    ]


def render_fortify(ctx: Context, derived: Derived) -> str:
    uri = FORTIFY
    out = ["# Fortify", ""]
    out += [
        "Connections I do not really know yet, ranked by what they could open. People who "
        "work at, or are a way into, a target company or an open application come first; then "
        "shared contacts, and moderately weak ties (the kind that helped most with job moves "
        "in LinkedIn's 2022 experiment). Recruiters and archived contacts are left out.",
        "",
    ]
    for item in derived.fortify[:LIST_LIMIT]:
        contact = derived.network.contacts[item.slug]
        role = " at ".join(hx.h(x) for x in (contact.title, contact.company) if x)
        out += [
            f"### {t.esc(contact.name)}",
            "",
            f"<p>{ctx.contact_a(item.slug, uri)}{' — ' + role if role else ''}<br>"
            f"Why: {hx.h(item.reason)}.</p>",
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
    items = [ctx.contact_a(s, uri) for s in derived.clutter[:LIST_LIMIT]]
    if len(derived.clutter) > LIST_LIMIT:
        items.append(f"…and {len(derived.clutter) - LIST_LIMIT:,} more (kith export lists all)")
    out += [hx.ul(items) or "Nothing to prune.", ""]
    return "\n".join(out)


def render_ledger(ctx: Context, derived: Derived) -> str:
    uri = LEDGER
    ledger = derived.ledger
    owing = asked_more_than_given(ledger)
    out = ["# Giving ledger", "", "Give before asking. What I gave and received, per person.", ""]
    out += [f"## Give before asking again ({len(owing)})", ""]
    if owing:
        out += ["People I have received more from than I have given to.", ""]
        items = (
            f"{ctx.contact_a(s, uri)} — gave {len(ledger[s].gave)}, got {len(ledger[s].got)}"
            for s in owing
        )
        out += [hx.ul(items), ""]
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
    rows = [
        [
            ctx.contact_a(slug, uri),
            str(len(ledger[slug].gave)),
            str(len(ledger[slug].got)),
            f"{ledger[slug].balance:+d}",
        ]
        for slug in sorted(ledger, key=lambda s: (ledger[s].balance, s))
    ]
    if rows:
        out += [hx.sortable(hx.table(["Person", "Gave", "Got", "Balance"], rows)), ""]
        out += [ex.legend(ctx, uri, ("balance",)), ""]
    else:
        out += ["Nothing logged yet: add `gave:` and `got:` to entries.", ""]
    return "\n".join(out)


def render_contact_ledger(ctx: Context, derived: Derived, slug: str) -> str:
    """The contact page's giving section: what was given and received, linked to entries."""
    line = derived.ledger.get(slug)
    if line is None:
        return ""
    uri = t.contact_uri(slug)
    title = f"Giving ledger (gave {len(line.gave)}, got {len(line.got)})"
    out = [heading(2, title, "giving-ledger"), ""]
    if line.balance < 0:
        tip = "I have received more from them than I have given."
        out += [hx.admonition("tip", "Give before asking again", tip), ""]
    items = [
        f"<strong>{label}</strong> {entry.date}: {hx.h(getattr(entry, attr))} "
        f"({ctx.entry_a(entry.id, uri)})"
        for label, entries, attr in (("Gave", line.gave, "gave"), ("Got", line.got, "got"))
        for entry in reversed(entries)
    ]
    out += [hx.ul(items), ""]
    return "\n".join(out)
