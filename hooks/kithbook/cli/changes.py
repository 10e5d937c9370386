"""`kith changes`: what changed since a date (this month by default), from git and the model."""

from __future__ import annotations

import datetime as dt

import click

from ..model.changes import changes_between
from ..render.changes import period_data, period_lines
from .options import State, format_option
from .record import DATE
from .views import clean, echo_json, print_lines


@click.command()
@click.option(
    "--since",
    type=DATE,
    default=None,
    help="The first day of the period (default: the first of this month).",
)
@format_option("Lines for people, or JSON for scripts (the shape of kithbook.json's months).")
@click.pass_obj
def changes(state: State, since: dt.date | None, fmt: str) -> None:
    """Job changes, contacts, closeness, applications, stale ties and follow-ups since a date."""
    _, analysis = state.analyze()
    today = analysis.today
    start = since or today.replace(day=1)
    if start > today:
        raise click.ClickException(f"--since {start} is after today ({today})")
    derived = analysis.derived
    period = changes_between(
        analysis.changes,
        derived.network,
        analysis.settings,
        start,
        today,
        today,
        set(derived.warnings()),
        moves=analysis.moves,
    )
    note = analysis.history.note
    if fmt == "json":
        echo_json({"history_note": note or None, **period_data(period)})
        return
    names = {slug: clean(c.name) for slug, c in derived.network.contacts.items()}
    lines = period_lines(period, names, note)
    print_lines([" " * (len(line) - len(line.lstrip(" "))) + clean(line) for line in lines])


COMMANDS = (changes,)  # added to the `kith` group by cli.main
