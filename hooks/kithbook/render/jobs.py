"""The "Job search" section of This week: per target or open application, what to do now."""

from __future__ import annotations

from ..model.derive import Derived
from ..model.jobs import JobRow
from . import html as hx
from .context import Context
from .referrals import company_uri, has_page, sentence


def draft_details(title: str, draft: str) -> str:
    """A collapsed call-out holding an escaped, ready-to-edit draft."""
    return hx.raw(
        f'<details class="quote kb-draft">\n<summary>{hx.h(title)}</summary>\n'
        f"<p>{hx.h(draft)}</p>\n</details>"
    )


def state_html(row: JobRow) -> str:
    if row.state == "target":
        return "target, not applied"
    app = row.applications[0].application if row.applications else None
    role = f" — {hx.h(app.role)}" if app is not None and app.role else ""
    days = row.age_days or 0
    age = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"
    return f"<strong>{hx.h(row.state)}</strong>{role}<br>applied {row.applied_on} ({age})"


def render_job_search(ctx: Context, derived: Derived, uri: str) -> list[str]:
    """The section's Markdown (HTML fragments); nothing when there is no job search."""
    rows = derived.job_search
    if not rows:
        return []
    out = [f"## Job search ({len(rows)})", ""]
    out += [
        "Target companies and open applications, most to do now first: ask strong ties for "
        "referrals, then warm introductions; where there is no warm path, build the tie "
        "first. Give before you ask.",
        "",
    ]
    table_rows = []
    drafts = []
    for row in rows:
        company = row.company
        name = (
            hx.a(company.name, ctx.href(uri, company_uri(company)))
            if has_page(company)
            else hx.h(company.name)
        )
        known = ", ".join(ctx.contact_a(s, uri) for s in row.direct[:3])
        if len(row.direct) > 3:
            known += f" and {len(row.direct) - 3} more"
        step = f'<span class="kb-step kb-step-{row.step}">{hx.h(sentence(row.advice))}</span>'
        if row.time_frame:
            step += f"<br>Time frame: {hx.h(row.time_frame)}"
        table_rows.append(
            [
                name,
                state_html(row),
                known or "nobody directly",
                step,
                hx.h(sentence(row.balance_note)) if row.balance_note else "—",
            ]
        )
        if row.draft and row.ask:
            person = derived.network.contacts.get(row.ask)
            who = person.name if person is not None else row.ask
            drafts.append(draft_details(f"{company.name}: draft to {who}", row.draft))
    header = ["Company", "Application", "I know there", "Do now", "Giving"]
    out += [hx.table(header, table_rows), ""]
    for draft in drafts:
        out += [draft, ""]
    return out
