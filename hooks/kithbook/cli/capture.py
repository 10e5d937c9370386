"""`kith import calendar|contacts|mail`: interactions and people from local files, safe to re-run.

The subcommands join the `kith import` group defined in cli/linkedin.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from ..imports.calendar.plan import ABOUT as CALENDAR_ABOUT
from ..imports.calendar.plan import SOURCE as CALENDAR
from ..imports.calendar.plan import UPCOMING_DAYS, plan_calendar
from ..imports.calendar.read import CalendarError, read_calendar
from ..imports.mail.plan import ABOUT as MAIL_ABOUT
from ..imports.mail.plan import SOURCE as MAIL
from ..imports.mail.plan import plan_mail
from ..imports.mail.read import Head, MailError, read_heads
from ..imports.shared.apply import apply_plan
from ..imports.shared.journal import JournalView, normalise_email, read_journal_view
from ..imports.shared.plan import FileUpdate, Plan
from ..imports.shared.run import make_run
from ..imports.shared.state import SourceState, StateError, read_state
from ..imports.vcard.plan import ABOUT as CONTACTS_ABOUT
from ..imports.vcard.plan import SOURCE as CONTACTS
from ..imports.vcard.plan import plan_contacts
from ..imports.vcard.read import VCardError, read_vcards
from ..reading.import_state import state_path
from ..writing.write import WriteError
from .linkedin import import_group
from .options import State


def plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def show(value: str | None) -> str:
    return "(empty)" if value is None else f"'{value}'"


def describe(update: FileUpdate) -> str:
    parts = [f"{c.key} {show(c.old)} → {show(c.new)}" for c in update.changes]
    if update.body is not None:
        parts.append("notes the import wrote, rewritten")
    return "; ".join(parts)


def summary(label: str, plan: Plan, dry_run: bool, failed: int = 0) -> str:
    """created/updated/unchanged/skipped, in the LinkedIn import's words."""
    created = len(plan.new_files)
    kinds = [
        plural(plan.count(kind), word, many)
        for kind, word, many in (("contact", "contact", ""), ("entry", "entry", "entries"))
        if plan.count(kind)
    ]
    parts = f" ({', '.join(kinds)})" if kinds else ""
    if dry_run:
        return (
            f"Dry run, nothing written: {created} to create{parts}, {len(plan.updates)} to "
            f"update, {plan.unchanged} unchanged, {len(plan.skipped)} skipped."
        )
    return (
        f"Imported from {label}: {created} created{parts}, {len(plan.updates) - failed} updated, "
        f"{plan.unchanged} unchanged, {len(plan.skipped)} skipped"
        + (f", {failed} failed." if failed else ".")
    )


def my_addresses(configured: list[str], given: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for text in (*configured, *given):
        email = normalise_email(text)
        if email is None:
            raise click.ClickException(f"'{text}' is not an e-mail address")
        found.append(email)
    return found


def run_import(
    root: Path,
    source: str,
    label: str,
    about: str,
    dry_run: bool,
    make_plan: Callable[[JournalView, SourceState], Plan],
    today: dt.date,
    path: Path,
) -> Plan:
    """Plan, report every skip and note, then write (unless a dry run) and summarise; the
    summary is kept as the state's last run (never for a dry run)."""
    try:
        memory = read_state(root, source)
    except StateError as err:
        raise click.ClickException(str(err)) from None
    plan = make_plan(read_journal_view(root), memory)
    for problem in plan.skipped:
        click.echo(str(problem), err=True)
    for note in plan.notes:
        click.echo(f"{note.source}: note: {note.message}", err=True)
    failed: list[str] = []
    if dry_run:
        for new in plan.new_files:
            click.echo(f"would create {new.path} ({new.source})")
        for update in plan.updates:
            click.echo(f"would update {update.path} ({update.source}): {describe(update)}")
    else:
        try:
            failed = apply_plan(
                root, plan, source, about, memory.last_run, lambda n: last_run(plan, today, path, n)
            )
        except WriteError as err:
            raise click.ClickException(
                f"{err} (see {state_path(source)}; re-run to finish)"
            ) from None
        for update in plan.updates:
            if not any(m.startswith(f"{update.source}: ") for m in failed):
                click.echo(f"updated {update.path}: {describe(update)}")
    click.echo(summary(label, plan, dry_run, len(failed)))
    if failed:
        for message in failed:
            click.echo(message, err=True)
        raise click.ClickException(f"{plural(len(failed), 'file')} could not be updated")
    return plan


def last_run(plan: Plan, today: dt.date, path: Path, failed: int) -> dict[str, object]:
    """What the summary line says, for the state file and the site's Imports page."""
    return make_run(
        today,
        path,
        contacts=plan.count("contact"),
        entries=plan.count("entry"),
        updated=len(plan.updates) - failed,
        unchanged=plan.unchanged,
        skipped=plan.skipped,
        failed=failed,
    )


DRY_RUN = click.option(
    "--dry-run", is_flag=True, help="Write nothing; list what would be created and changed."
)
ME = click.option(
    "--me",
    "me",
    multiple=True,
    metavar="EMAIL",
    help="One of your own addresses (repeatable; added to the my_addresses setting).",
)


@click.command("calendar")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@DRY_RUN
@ME
@click.pass_obj
def calendar(state: State, path: Path, dry_run: bool, me: tuple[str, ...]) -> None:
    """Import a calendar export (.ics from Google, Apple or Outlook).

    Past events with contacts among the attendees or organiser become meeting, video or
    call entries (recurring events expanded; declined, cancelled and all-day events and
    events with no one but you skipped); events in the next two weeks show on This week
    as coming up. Running it again changes nothing you wrote.
    """
    project = state.writable_project()
    today = state.today()
    mine = my_addresses(project.settings.my_addresses, me)
    until = today + dt.timedelta(days=UPCOMING_DAYS)
    try:
        cal = read_calendar(path, str(path), until)
    except CalendarError as err:
        raise click.ClickException(str(err)) from None
    if cal.owner and cal.owner not in mine:
        mine.append(cal.owner)
    if not mine:
        click.echo(
            "note: your own addresses are unknown (set my_addresses in mkdocs.yml or pass "
            "--me): declined events cannot be told apart",
            err=True,
        )
    run_import(
        project.root,
        CALENDAR,
        "the calendar",
        CALENDAR_ABOUT,
        dry_run,
        lambda journal, memory: plan_calendar(cal, journal, memory, mine, today),
        today,
        path,
    )


@click.command("contacts")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@DRY_RUN
@click.pass_obj
def contacts(state: State, path: Path, dry_run: bool) -> None:
    """Import an address book (.vcf, vCard 2.1, 3 or 4 from Google, Apple, Outlook or CardDAV).

    New people become contacts; people already in the journal (matched by e-mail, LinkedIn
    address, then exact name) gain the e-mails, phones, links, company, title and birthday
    they lack. Nothing you wrote is overwritten: differences are reported as conflicts.
    """
    project = state.writable_project()
    try:
        vcf = read_vcards(path, str(path))
    except VCardError as err:
        raise click.ClickException(str(err)) from None
    run_import(
        project.root,
        CONTACTS,
        "the address book",
        CONTACTS_ABOUT,
        dry_run,
        lambda journal, memory: plan_contacts(vcf, journal, memory),
        state.today(),
        path,
    )


@click.command("mail")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@DRY_RUN
@ME
@click.option(
    "--subjects", is_flag=True, help="Keep each day's subjects in the entry (never the bodies)."
)
@click.option(
    "--max-recipients",
    type=click.IntRange(min=1),
    metavar="N",
    help="Skip messages to more than N people (default: the mail_max_recipients setting).",
)
@click.pass_obj
def mail(
    state: State,
    path: Path,
    dry_run: bool,
    me: tuple[str, ...],
    subjects: bool,
    max_recipients: int | None,
) -> None:
    """Import a mail archive (mbox from Google Takeout, Thunderbird or any mail program).

    Reads headers only: each contact gets one `message` entry per day you wrote to each
    other, counting the messages each way and saying who wrote first. Mailing lists, bulk
    and automated mail and messages to many people are skipped. Bodies are never read.
    """
    project = state.writable_project()
    today = state.today()
    mine = my_addresses(project.settings.my_addresses, me)
    if not mine:
        raise click.ClickException(
            "your own addresses are unknown: set my_addresses in mkdocs.yml (docs/settings.md) "
            "or pass --me ADDRESS, so that the import can tell what you sent"
        )
    limit = max_recipients or project.settings.mail_max_recipients
    display = str(path)
    try:
        heads = read_heads(path, display)
        first = next(heads, None)
    except MailError as err:
        raise click.ClickException(str(err)) from None

    def stream() -> Iterator[Head]:
        if first is not None:
            yield first
            yield from heads

    run_import(
        project.root,
        MAIL,
        "mail",
        MAIL_ABOUT,
        dry_run,
        lambda journal, memory: plan_mail(
            stream(), display, journal, memory, mine, today, limit, subjects
        ),
        today,
        path,
    )


for _command in (calendar, contacts, mail):
    import_group.add_command(_command)

COMMANDS = ()  # the subcommands join `kith import`, which cli/linkedin.py adds
