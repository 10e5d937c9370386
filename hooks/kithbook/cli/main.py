"""The `kith` command group: every command module's COMMANDS added to it (no module
imports its importer), and the console entry point."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from . import changes, check, followups, init, jobs, people, record, views
from .options import State, hoist_global_options

__all__ = ["cli", "hoist_global_options", "main"]

# Command names whose modules load only when the command is used: the imports pull in
# calendar, vCard, mail and CSV machinery the everyday views never need.
LAZY = {"import": ("linkedin", "capture")}


class KithGroup(click.Group):
    """The `kith` group: every module's COMMANDS, the heavy ones loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY and cmd_name not in self.commands:
            for name in LAZY[cmd_name]:
                module = importlib.import_module(f"{__package__}.{name}")
                for command in module.COMMANDS:
                    self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=KithGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KITHBOOK_ROOT",
    help="The journal folder (default: the nearest folder up with mkdocs.yml).",
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Pretend today is this date (or set KITHBOOK_TODAY)."
)
@click.version_option(package_name="kithbook")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, today: str | None) -> None:
    """kithbook: a private, plain-text networking journal."""
    ctx.obj = State(root, today)


for _module in (check, init, record, followups, views, people, jobs, changes):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console entry point."""
    try:
        cli.main(args=hoist_global_options(sys.argv[1:]), prog_name="kith", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted: nothing was half-written", err=True)
        sys.exit(130)
