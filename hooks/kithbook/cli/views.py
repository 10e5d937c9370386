"""Read-only views in the terminal: `kith export` (JSON)."""

from __future__ import annotations

import click

from ..export import export_json
from .main import State, cli


@cli.command()
@click.pass_obj
def export(state: State) -> None:
    """Print the journal's derived data as JSON (the same as the site's kithbook.json)."""
    _, analysis = state.analyze()
    click.echo(export_json(analysis.derived), nl=False)
