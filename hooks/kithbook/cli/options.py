"""What every `kith` command shares: the journal and today (State), `--format`, and
`--root`/`--today` accepted after the command too. Command modules import this, never main."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from ..pipeline import Analysis, analyze
from ..reading.project import Project, find_root, is_journal, open_project
from ..reading.settings import parse_today, resolve_today
from ..writing.write import remove_leftovers


@dataclass
class State:
    root_option: Path | None
    today_option: str | None

    def project(self) -> Project:
        root = self.root_option or find_root(Path.cwd())
        if root is None:
            raise click.ClickException(
                "no journal here: run kith inside a journal (a folder with mkdocs.yml and "
                "contacts/), pass --root PATH, or start one with `kith init PATH`"
            )
        if not is_journal(root):  # a typo'd --root: never start a new tree there
            raise click.ClickException(
                f"{root} is not a journal (no mkdocs.yml, contacts/ or journal/ there): "
                "check --root, or start one with `kith init PATH`"
            )
        return open_project(root)

    def writable_root(self) -> Path:
        """The journal's root for a command that writes, once leftovers of killed runs are gone."""
        root = self.project().root
        remove_leftovers(root)
        return root

    def today(self) -> dt.date:
        try:
            if self.today_option:
                return parse_today(self.today_option, f"--today {self.today_option!r}", "")
            return resolve_today()
        except ValueError as err:
            raise click.ClickException(str(err)) from None

    def analyze(self) -> tuple[Project, Analysis]:
        project = self.project()
        return project, analyze(project.root, project.settings, self.today())


F = TypeVar("F", bound=Callable[..., Any])


def format_option(text_help: str) -> Callable[[F], F]:
    """`--format text|json`, passed as `fmt`; `text_help` says what each gives."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=text_help,
    )


GLOBAL_OPTIONS = ("--root", "--today")


def hoist_global_options(args: list[str]) -> list[str]:
    """Accept `kith check --root X` as well as `kith --root X check`.

    `--root` and `--today` belong to the group; people type them after the command too.
    Nothing after a `--` is moved.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg in GLOBAL_OPTIONS and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        if arg.startswith(tuple(f"{o}=" for o in GLOBAL_OPTIONS)):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest
