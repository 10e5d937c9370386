"""`kith import linkedin`: contacts and entries from LinkedIn's data export, safe to re-run."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from ..imports.linkedin.apply import apply_plan
from ..imports.linkedin.plan import FieldChange, Plan, plan_import
from ..imports.linkedin.read import Export, ExportError, read_export
from ..imports.linkedin.snapshot import read_snapshot
from ..imports.linkedin.state import STATE_FILE, StateError, read_state
from ..imports.linkedin.urls import normalise_profile_url
from ..imports.shared.apply import RunMaker
from ..imports.shared.run import base_name, bounded, make_run
from ..pipeline import Timings
from ..writing.write import WriteError
from .options import State, commit_option, finish_commit, prepare_commit

TIMINGS_VARIABLE = "KITHBOOK_TIMINGS"  # set it to print how long each step took
PROGRESS_FROM = 200  # changes; fewer are done before a bar would be seen
LISTED = 12  # file names listed in the summary's lines of files ignored or unknown


@click.group("import")
def import_group() -> None:
    """Import people and interactions from other services."""


def show_value(value: str | None) -> str:
    return "(empty)" if value is None else f"'{value}'"


def describe(changes: tuple[FieldChange, ...]) -> str:
    return "; ".join(f"{c.key} {show_value(c.old)} → {show_value(c.new)}" for c in changes)


def plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def summary(plan: Plan, dry_run: bool, failed: int = 0) -> str:
    contacts, entries = len(plan.new_contacts), len(plan.new_entries)
    parts = f"{plural(contacts, 'contact')}, {plural(entries, 'entry', 'entries')}"
    if dry_run:
        return (
            f"Dry run, nothing written: {plan.created} to create ({parts}), "
            f"{len(plan.updates)} to update, {plan.unchanged} unchanged, "
            f"{len(plan.skipped)} skipped."
        )
    return (
        f"Imported from LinkedIn: {plan.created} created ({parts}), "
        f"{len(plan.updates) - failed} updated, {plan.unchanged} unchanged, "
        f"{len(plan.skipped)} skipped" + (f", {failed} failed." if failed else ".")
    )


def list_files(export: Export) -> list[str]:
    """What was read (with its format's generation), recognised and left, and not known."""
    read = ", ".join(
        f"{name} ({export.generations[name]} format)" if name in export.generations else name
        for name in export.files
    )
    lines = [f"Files read: {read}"]
    if export.ignored:
        lines.append(f"Recognised, not imported: {some(export.ignored)}")
    if export.unknown:
        lines.append(f"Unknown, not read: {some(export.unknown)}")
    return lines


def some(names: list[str], shown: int = LISTED) -> str:
    """Names, the first `shown` of them when there are many (a Complete export has hundreds)."""
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"


def list_job_changes(plan: Plan) -> list[str]:
    if not plan.job_changes:
        return []
    return ["Job changes on LinkedIn since the last import:"] + [
        f"  {change.slug}: {change.key} '{change.old}' → '{change.new}' ({change.source})"
        for change in plan.job_changes
    ]


def list_plan(plan: Plan) -> None:
    for contact in plan.new_contacts:
        click.echo(f"would create {contact.path} ({contact.source})")
    for update in plan.updates:
        click.echo(f"would update {update.path} ({update.source}): {describe(update.changes)}")
    for entry in plan.new_entries:
        click.echo(f"would create {entry.path} ({entry.source})")


def planned_paths(plan: Plan) -> list[str]:
    """Every file the import writes (relative to the journal), its state file included."""
    paths = [c.path for c in plan.new_contacts]
    paths += [u.path for u in plan.updates]
    paths += [e.path for e in plan.new_entries]
    return [*paths, STATE_FILE]


def plan_writes(plan: Plan) -> bool:
    return bool(plan.new_contacts or plan.updates or plan.new_entries)


def import_message(plan: Plan, day: str) -> str:
    """`Import LinkedIn export of 2026-11-22: 12 new, 9 moved jobs`."""
    moved = sum(1 for u in plan.updates if any(c.key == "company" for c in u.changes))
    parts = [f"{len(plan.new_contacts)} new"]
    if moved:
        parts.append(plural(moved, "moved job"))
    others = len(plan.updates) - moved
    if others:
        parts.append(f"{others} updated")
    if plan.new_entries:
        parts.append(plural(len(plan.new_entries), "entry", "entries"))
    return f"Import LinkedIn export of {day}: {', '.join(parts)}"


def last_run(
    plan: Plan, export: Export, today: dt.date, path: Path, failed: int
) -> dict[str, object]:
    """What the summary says (files, job changes, counts), for the state and the Imports page."""
    read = [
        f"{name} ({export.generations[name]} format)" if name in export.generations else name
        for name in export.files
    ]
    changes = [
        {
            "slug": c.slug,
            "key": c.key,
            "old": c.old,
            "new": c.new,
            "file": base_name(c.source.path),
            "line": c.source.line,
        }
        for c in plan.job_changes
    ]
    extra = {
        **bounded("job_changes", changes),
        **bounded("files_read", read),
        **bounded("files_ignored", export.ignored),
        **bounded("files_unknown", export.unknown),
    }
    return make_run(
        today,
        path,
        contacts=len(plan.new_contacts),
        entries=len(plan.new_entries),
        updated=len(plan.updates) - failed,
        unchanged=plan.unchanged,
        skipped=plan.skipped,
        failed=failed,
        extra=extra,
    )


def run_plan(
    root: Path,
    plan: Plan,
    previous: Mapping[str, object] | None = None,
    run: RunMaker | None = None,
) -> list[str]:
    """Apply the plan (with a progress bar on a terminal); messages for contacts not updated."""
    total = plan.created + len(plan.updates)
    stderr = sys.stderr
    if total >= PROGRESS_FROM and stderr.isatty():
        with click.progressbar(length=total, label="Importing", file=stderr) as bar:
            failed = apply_plan(root, plan, bar.update, previous, run)
    else:
        failed = apply_plan(root, plan, None, previous, run)
    for update in plan.updates:
        if not any(message.startswith(f"{update.source}:") for message in failed):
            click.echo(f"updated {update.path}: {describe(update.changes)}")
    return failed


@import_group.command("linkedin")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Write nothing; list what would be created and changed."
)
@click.option(
    "--me",
    metavar="URL",
    help="Your own profile address, when the import cannot tell whose export it is.",
)
@commit_option
@click.pass_obj
def linkedin(state: State, path: Path, dry_run: bool, me: str | None, commit: bool | None) -> None:
    """Import LinkedIn's data export: PATH is the zip, its folder, or one CSV from it.

    Connections become contacts, messages one `message` entry per person and day (one per
    group conversation and day), invitations say who reached out and what they wrote
    (how_we_met), recommendations become notes with evidence or help received, skill
    endorsements small favours. Exports from 2018 on are read. Running it again changes
    nothing you wrote.
    """
    project = state.writable_project()
    root = project.root
    today = state.today()
    owner = None
    if me is not None:
        owner = normalise_profile_url(me)
        if owner is None:
            raise click.ClickException(f"--me '{me}' is not a LinkedIn profile address")
    timings = Timings()
    try:
        export = timings.timed("read", lambda: read_export(path))
        memory = read_state(root)
    except (ExportError, StateError) as err:
        raise click.ClickException(str(err)) from None
    if export.errors:
        for problem in export.errors:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{plural(len(export.errors), 'file')} cannot be read whole: nothing imported"
        )
    journal = timings.timed("journal", lambda: read_snapshot(root))
    plan = timings.timed("plan", lambda: plan_import(export, journal, memory, today, owner))
    for problem in plan.skipped:
        click.echo(str(problem), err=True)
    for note in plan.notes:
        click.echo(f"{note.source}: note: {note.message}", err=True)
    if journal.unreadable:
        click.echo(
            f"note: {plural(len(journal.unreadable), 'contact file')} could not be read "
            "(see kith check); a person in them is not recognised",
            err=True,
        )
    failed: list[str] = []
    written = planned_paths(plan)
    ready = None
    if dry_run:
        list_plan(plan)
    else:
        ready = prepare_commit(commit, project, written) if plan_writes(plan) else None
        try:
            with timings.stage("write"):
                failed = run_plan(
                    root, plan, memory.last_run, lambda n: last_run(plan, export, today, path, n)
                )
        except WriteError as err:
            state_note = f"see {STATE_FILE}; " if (root / STATE_FILE).is_file() else ""
            raise click.ClickException(f"{err} ({state_note}re-run to finish)") from None
    for line in [*list_files(export), *list_job_changes(plan)]:
        click.echo(line)
    click.echo(summary(plan, dry_run, len(failed)))
    finish_commit(ready, project, written, import_message(plan, today.isoformat()))
    if os.environ.get(TIMINGS_VARIABLE):
        stages = ", ".join(f"{k} {v:.2f} s" for k, v in timings.stages.items())
        click.echo(f"timings: {stages}", err=True)
    if failed:
        for message in failed:
            click.echo(message, err=True)
        raise click.ClickException(f"{plural(len(failed), 'contact')} could not be updated")


COMMANDS = (import_group,)  # added to the `kith` group by cli.main
