"""The `kith` command group: every command module's COMMANDS added to it (no module
imports its importer), and the console entry point."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from .options import State, hoist_global_options

__all__ = ["cli", "hoist_global_options", "main"]

# Each command and the modules that define it (their COMMANDS), loaded only when the command
# is used: `kith today` then imports neither the writers nor the import machinery, and
# answers sooner (benchmarks/bench_cli.py).
COMMAND_MODULES = {
    "today": ("views",),
    "stale": ("views",),
    "show": ("views",),
    "referrals": ("views",),
    "export": ("views",),
    "people": ("people",),
    "grep": ("people",),
    "snooze-tie": ("people",),
    "new": ("record",),
    "log": ("record",),
    "done": ("record",),
    "follow-up": ("followups",),
    "snooze": ("followups",),
    "apply": ("jobs",),
    "target": ("jobs",),
    "jobs": ("jobs",),
    "company": ("jobs",),
    "changes": ("changes",),
    "check": ("check",),
    "init": ("init",),
    "import": ("linkedin", "capture"),  # capture adds its subcommands to linkedin's group
}


class KithGroup(click.Group):
    """The `kith` group: every module's COMMANDS, each module loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMAND_MODULES and cmd_name not in self.commands:
            for name in COMMAND_MODULES[cmd_name]:
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


def main() -> None:
    """Console entry point."""
    try:
        cli.main(args=hoist_global_options(sys.argv[1:]), prog_name="kith", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("interrupted: nothing was half-written", err=True)
        sys.exit(130)
