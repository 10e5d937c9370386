"""The job search in the terminal: `kith apply`, `kith target`, `kith jobs`, `kith company`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click
from ruamel.yaml.comments import CommentedMap

from ..model.derive import Derived
from ..model.jobs import JobRow
from ..model.paths import Company, IntroPath, company_key
from ..reading import fields as f
from ..reading.load import JOURNAL
from ..reading.records import Entry
from ..render.explain import tier_label
from ..render.export import company_data, job_row_data
from ..writing.config import edit_targets
from ..writing.match import NoMatch, match_person, people_of
from ..writing.slugs import SlugPool, entry_stem, slugify_text, taken_stems
from ..writing.write import (
    WriteError,
    check_inside,
    create_file,
    edit_front_matter,
    render_document,
    set_in_order,
)
from .options import State, format_option
from .record import DATE, _one_line, check_not_future, read_journal, relative
from .views import clean, echo_json, name_of, print_lines

FORMAT = format_option("Text for people, or JSON for scripts.")


# --- kith apply ------------------------------------------------------------------------------


def applications_at(entries: tuple[Entry, ...], company: str, role: str | None) -> list[Entry]:
    key = company_key(company)
    found = [
        e
        for e in entries
        if e.application is not None
        and company_key(e.application.company) == key
        and (role is None or (e.application.role or "").casefold() == role.casefold())
    ]
    return sorted(found, key=lambda e: (e.date, e.id), reverse=True)


@click.command()
@click.argument("company", callback=_one_line)
@click.option(
    "--role", callback=_one_line, help="The role applied for (records a new application)."
)
@click.option(
    "--status",
    type=click.Choice(f.STATUSES),
    help="The application's status; with no new --role, updates the latest application there.",
)
@click.option("--link", callback=_one_line, help="The job posting's address.")
@click.option("--referred-by", callback=_one_line, help="Who referred you (a contact).")
@click.option("--date", "day", type=DATE, help="When you applied, or when the status changed.")
@click.option("-m", "--message", help="Notes (Markdown) for a new application.")
@click.pass_obj
def apply(
    state: State,
    company: str,
    role: str | None,
    status: str | None,
    link: str | None,
    referred_by: str | None,
    day: dt.date | None,
    message: str | None,
) -> None:
    """Record an application at COMPANY (--role), or change its status (--status)."""
    company = " ".join(company.split())
    if not company:
        raise click.ClickException("the company is empty: give the company's name")
    if role is None and status is None:
        raise click.ClickException(
            "give --role ROLE to record an application, or --status STATUS to update one"
        )
    root = state.writable_root()
    today = state.today()
    day = day or today
    check_not_future(day, "--date", today)
    journal = read_journal(root)
    existing = applications_at(journal.entries, company, role)
    if status is not None and (role is None or existing):
        if not existing:
            raise click.ClickException(
                f'no application at {company}: record one with kith apply "{company}" --role ROLE'
            )
        open_ones = [e for e in existing if e.application and e.application.open]
        chosen = (open_ones or existing)[0]
        if role is None and len(open_ones) > 1:
            listed = ", ".join(
                f"{e.application.role or '?'} ({e.id})" for e in open_ones if e.application
            )
            raise click.ClickException(
                f"{len(open_ones)} open applications at {company}: {listed}; pick one with --role"
            )
        update_status(root, chosen, status, day)
        return
    if existing:
        raise click.ClickException(
            f"already recorded: {existing[0].path}; change its status with --status"
        )
    if referred_by is not None:
        found = match_person(referred_by, people_of(journal.contacts))
        if isinstance(found, NoMatch):
            raise click.ClickException(found.message + "\nnothing written")
        referred_by = found
    data: dict[str, object] = {"date": day, "kind": f.APPLICATION, "company": company}
    optional: list[tuple[str, object]] = [
        ("role", role and role.strip()),
        ("link", link and link.strip()),
        ("status", status or "applied"),
        ("referred_by", referred_by),
    ]
    data.update((k, v) for k, v in optional if v)
    folder = root / JOURNAL
    words = f"application-{slugify_text(company, 40) or 'company'}"
    stem = entry_stem(day, words, SlugPool(taken_stems(folder)))
    path = folder / str(day.year) / f"{stem}.md"
    try:
        check_inside(root, JOURNAL, path)
        create_file(path, render_document(data, message or ""))
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Created {relative(root, path)}")


def update_status(root: Path, entry: Entry, status: str, day: dt.date) -> None:
    app = entry.application
    assert app is not None
    if app.status == status:
        click.echo(f"Already {status}: {entry.path}")
        return
    if day < entry.date:
        raise click.ClickException(f"--date {day} is before the application's date {entry.date}")

    def change(data: CommentedMap) -> None:
        set_in_order(data, "status", status, f.ENTRY_KEYS)
        set_in_order(data, "updated", day, f.ENTRY_KEYS)

    try:
        path = check_inside(root, JOURNAL, root / entry.path)
        edited = edit_front_matter(path, change)
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Updated {entry.path}: status {app.status} → {status}")
    if edited.reformatted:
        click.echo("note: ruamel.yaml also re-indented other lines of the front matter", err=True)


# --- kith target -----------------------------------------------------------------------------


@click.group()
def target() -> None:
    """Target companies (extra.kithbook.targets in mkdocs.yml): add, remove, list."""


@target.command("add")
@click.argument("company", callback=_one_line)
@click.pass_obj
def target_add(state: State, company: str) -> None:
    """Add COMPANY to the targets (mkdocs.yml keeps its comments and layout)."""
    company = " ".join(company.split())
    if not company:
        raise click.ClickException("the company is empty: give the company's name")
    root = state.writable_root()
    key = company_key(company)

    def add(names: list[str]) -> list[str]:
        return names if any(company_key(n) == key for n in names) else [*names, company]

    before, after = _edit(root, add)
    if before == after:
        click.echo(f"Already a target: {company}")
    else:
        click.echo(f"Added {company} to the targets in mkdocs.yml")


@target.command("remove")
@click.argument("company", callback=_one_line)
@click.pass_obj
def target_remove(state: State, company: str) -> None:
    """Remove COMPANY from the targets."""
    root = state.writable_root()
    key = company_key(company)
    before, after = _edit(root, lambda names: [n for n in names if company_key(n) != key])
    if before == after:
        raise click.ClickException(f"{company} is not a target; nothing changed")
    removed = ", ".join(n for n in before if n not in after)
    click.echo(f"Removed {removed} from the targets in mkdocs.yml")


@target.command("list")
@FORMAT
@click.pass_obj
def target_list(state: State, fmt: str) -> None:
    """The target companies, and companies that count as targets for an open application."""
    _, analysis = state.analyze()
    named = {company_key(t) for t in analysis.settings.targets}
    companies = [c for c in analysis.derived.companies if c.target]
    if fmt == "json":
        echo_json(
            [
                {"company": c.name, "listed": company_key(c.name) in named, "applied": c.applied}
                for c in companies
            ]
        )
        return
    if not companies:
        click.echo("No target companies: add one with kith target add COMPANY.")
        return
    for c in companies:
        why = [] if company_key(c.name) in named else ["counts for an open application"]
        if c.applied and company_key(c.name) in named:
            why.append("open application")
        click.echo(clean(c.name) + (f" ({', '.join(why)})" if why else ""))


def _edit(root: Path, change: Callable[[list[str]], list[str]]) -> tuple[list[str], list[str]]:
    try:
        return edit_targets(root, change)
    except WriteError as err:
        raise click.ClickException(str(err)) from None


# --- kith jobs -------------------------------------------------------------------------------


def age_phrase(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "today"
    return f"{days} day{'s' if days != 1 else ''} ago"


def state_phrase(row: JobRow) -> str:
    if row.state == "target":
        return "target, not applied"
    roles = ", ".join(
        clean(e.application.role)
        for e in row.applications[:1]
        if e.application and e.application.role
    )
    what = f" ({roles})" if roles else ""
    return f"{row.state}{what}, applied {row.applied_on} ({age_phrase(row.age_days)})"


def who_there(derived: Derived, slugs: tuple[str, ...]) -> str:
    named = (f"{name_of(derived, s)} ({tier_label(derived.tiers[s])})" for s in slugs[:4])
    more = f" and {len(slugs) - 4} more" if len(slugs) > 4 else ""
    return ", ".join(named) + more


def job_lines(derived: Derived, rows: tuple[JobRow, ...]) -> list[str]:
    applied = sum(1 for r in rows if r.open)
    lines = [
        f"Job search: {len(rows)} compan{'y' if len(rows) == 1 else 'ies'}, "
        f"{applied} open application{'' if applied == 1 else 's'}",
        "",
    ]
    for n, row in enumerate(rows, 1):
        lines.append(f"{n}. {clean(row.company.name)} — {state_phrase(row)}")
        lines.append(f"   Know there: {who_there(derived, row.direct) or 'nobody directly'}")
        lines.append(f"   Do now: {clean(row.advice)}")
        if row.time_frame:
            lines.append(f"   Time frame: {row.time_frame} of real contact first")
        if row.balance_note:
            lines.append(f"   Giving: {clean(row.balance_note)}")
        if row.draft:
            lines.append(f"   Draft: {clean(row.draft)}")
        lines.append("")
    return lines


@click.command()
@FORMAT
@click.pass_obj
def jobs(state: State, fmt: str) -> None:
    """The job search: per target or open application, what to do now and whom to ask."""
    _, analysis = state.analyze()
    derived = analysis.derived
    rows = derived.job_search
    if fmt == "json":
        echo_json([job_row_data(derived, r) for r in rows])
        return
    if not rows:
        click.echo(
            "No job search yet: add a target with kith target add COMPANY, or record an "
            "application with kith apply COMPANY --role ROLE."
        )
        return
    print_lines(job_lines(derived, rows))


# --- kith company ----------------------------------------------------------------------------


def find_company(companies: tuple[Company, ...], query: str) -> Company:
    key = company_key(query)
    exact = [c for c in companies if company_key(c.name) == key]
    if exact:
        return exact[0]
    near = [c for c in companies if key and company_key(c.name).startswith(key)]
    if len(near) == 1:
        return near[0]
    if near:
        listed = ", ".join(clean(c.name) for c in near[:8])
        raise click.ClickException(f"ambiguous: '{query}' matches {listed}")
    hint = f.did_you_mean(key, [company_key(c.name) for c in companies])
    raise click.ClickException(f"no company matches '{query}'{hint}")


def path_line(derived: Derived, path: IntroPath) -> list[str]:
    title = f" ({clean(path.target_title)})" if path.target_title else ""
    how = "met together" if path.link_kind == "together" else f"knows them: {path.link_kind}"
    warmth = "warm" if path.warm else "cold" if path.action == "fortify" else "not warm"
    return [
        f"- {clean(path.target)}{title} via {name_of(derived, path.via)} "
        f"({tier_label(derived.tiers[path.via])}, {how}) — {warmth}, "
        f"path score {path.score:.2f} of 1",
        f"    do: {clean(path.advice)}",
    ]


def company_lines(derived: Derived, company: Company) -> list[str]:
    data = company_data(derived, company)
    marks = [
        m for m, on in (("target", company.target), ("open application", company.applied)) if on
    ]
    lines = [clean(company.name) + (f" ({', '.join(marks)})" if marks else ""), ""]
    lines.append(f"Applications ({len(data['applications'])}):")
    for app in data["applications"]:
        role = clean(app["role"]) if app["role"] else "(no role)"
        lines.append(f"- {app['date']}  {role}  {app['status']}  ({app['entry']})")
    if not data["applications"]:
        lines.append("None.")
    lines += ["", f"Who I know there ({len(company.direct)}):"]
    for item in data["direct"]:
        title = f", {clean(item['title'])}" if item["title"] else ""
        lines.append(
            f"- {clean(item['name'])}{title} — score {item['score']:g}, tier {item['tier']}"
        )
    if not company.direct:
        lines.append("Nobody directly.")
    lines += ["", f"Who knows someone there ({len(company.paths)}):"]
    for path in company.paths:
        lines += path_line(derived, path)
    if not company.paths:
        lines.append("Nobody I know is linked to anyone there: add knows: to contacts.")
    row = next((r for r in derived.job_search if r.company.name == company.name), None)
    if row is not None:
        lines += ["", f"Do now: {clean(row.advice)}"]
        if row.balance_note:
            lines.append(f"Giving: {clean(row.balance_note)}")
        if row.draft:
            lines.append(f"Draft: {clean(row.draft)}")
    return lines


@click.command()
@click.argument("name")
@FORMAT
@click.pass_obj
def company(state: State, name: str, fmt: str) -> None:
    """One company: who I know there, who knows someone there, applications, and the paths."""
    _, analysis = state.analyze()
    derived = analysis.derived
    found = find_company(derived.companies, name)
    if fmt == "json":
        echo_json(company_data(derived, found))
    else:
        print_lines(company_lines(derived, found))


COMMANDS = (apply, target, jobs, company)  # added to the `kith` group by cli.main
