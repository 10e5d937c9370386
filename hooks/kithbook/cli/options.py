"""What every `kith` command shares: the journal and today (State), `--format`, and
`--root`/`--today` accepted after the command too. Command modules import this, never main."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from ..pipeline import Analysis, analyze
from ..reading.project import Project, find_root, is_journal, open_project
from ..reading.settings import parse_today, resolve_today
from ..writing.commit import Ready, Refused, check_commit, commit_files
from .analysis_cache import cached_analysis


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

    def writable_project(self) -> Project:
        """The journal, for a command that writes, once leftovers of killed runs are gone."""
        from ..writing.write import remove_leftovers  # YAML round-trip: only commands that write

        project = self.project()
        remove_leftovers(project.root)
        return project

    def writable_root(self) -> Path:
        """The journal's root for a command that writes, once leftovers of killed runs are gone."""
        return self.writable_project().root

    def today(self) -> dt.date:
        try:
            if self.today_option:
                return parse_today(self.today_option, f"--today {self.today_option!r}", "")
            return resolve_today()
        except ValueError as err:
            raise click.ClickException(str(err)) from None

    def analyze(self) -> tuple[Project, Analysis]:
        project = self.project()
        today = self.today()
        analysis = cached_analysis(
            project.root,
            project.settings,
            today,
            lambda: analyze(project.root, project.settings, today),
        )
        return project, analysis


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


def commit_option(fn: F) -> F:
    """`--commit/--no-commit`, passed as `commit` (None: the `git_commit` setting decides)."""
    return click.option(
        "--commit/--no-commit",
        "commit",
        default=None,
        help="Commit the files this command writes, and only those "
        "(default: the git_commit setting, off unless set).",
    )(fn)


def prepare_commit(commit: bool | None, project: Project, paths: Sequence[str]) -> Ready | None:
    """Before writing: whether to commit afterwards (a note on stderr when it cannot)."""
    if not (project.settings.git_commit if commit is None else commit):
        return None
    checked = check_commit(project.root, paths)
    if isinstance(checked, Refused):
        click.echo(f"note: not committing: {checked.reason}", err=True)
        return None
    return checked


def finish_commit(
    ready: Ready | None, project: Project, paths: Sequence[str], message: str
) -> None:
    """After writing: commit exactly `paths`, when `prepare_commit` said it may."""
    if ready is not None:
        click.echo(commit_files(project.root, ready, paths, message))


# C0 and C1 controls and DEL, which a terminal takes as commands (colours, titles, cursor
# moves, clearing the screen), and the line and paragraph separators.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str, json_text: bool = False) -> str:
    """Text from the journal (file names, values) safe to print: each control character
    shown as an escape like `\\x1b` (in JSON text `\\u001b`), never sent to the terminal."""
    if not _CONTROLS.search(text):
        return text
    if json_text:
        return _CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return _CONTROLS.sub(lambda m: _escape(m.group(0)), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
