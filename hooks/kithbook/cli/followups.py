"""Follow-ups on existing entries: `kith follow-up` adds one, `kith snooze` moves one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click
from ruamel.yaml.comments import CommentedMap

from ..writing.write import WriteError, edit_front_matter
from .options import State
from .record import DATE, find_entry, follow_up_is_done, read_entry


def _write(path: Path, edit: Callable[[CommentedMap], None]) -> None:
    try:
        edit_front_matter(path, edit)
    except WriteError as err:
        raise click.ClickException(str(err)) from None


@click.command("follow-up")
@click.argument("entry")
@click.argument("due", type=DATE)
@click.argument("what")
@click.pass_obj
def follow_up(state: State, entry: str, due: dt.date, what: str) -> None:
    """Add a follow-up to ENTRY: WHAT to do by DUE (YYYY-MM-DD)."""
    what = " ".join(what.split())
    if not what:
        raise click.ClickException("say what to do: kith follow-up ENTRY DATE 'Send the paper'")
    root = state.writable_root()
    path = find_entry(root, entry)
    shown, data = read_entry(root, path)
    existing = data.get("follow_up")
    if isinstance(existing, dict) and not follow_up_is_done(existing):
        raise click.ClickException(
            f"{shown} already has an open follow-up ({existing.get('what')}, due "
            f"{existing.get('due')}): mark it done or snooze it first"
        )

    def add(front: CommentedMap) -> None:
        front["follow_up"] = CommentedMap(due=due, what=what, done=False)

    _write(path, add)
    click.echo(f"Follow-up added: {what} by {due} ({shown})")


@click.command()
@click.argument("entry")
@click.argument("until", type=DATE)
@click.pass_obj
def snooze(state: State, entry: str, until: dt.date) -> None:
    """Move the open follow-up of ENTRY to a later date, UNTIL (YYYY-MM-DD)."""
    root = state.writable_root()
    today = state.today()
    if until <= today:
        raise click.ClickException(f"snooze until a later day than today ({today}), not {until}")
    path = find_entry(root, entry)
    shown, data = read_entry(root, path)
    existing = data.get("follow_up")
    if not isinstance(existing, dict):
        raise click.ClickException(f"{shown} has no follow_up")
    if follow_up_is_done(existing):
        raise click.ClickException(f"{shown}: its follow-up is done already")
    before = existing.get("due")

    def move(front: CommentedMap) -> None:
        front["follow_up"]["due"] = until

    _write(path, move)
    click.echo(f"Snoozed: {existing.get('what')} from {before} to {until} ({shown})")


COMMANDS = (follow_up, snooze)  # added to the `kith` group by cli.main
