"""`kith init`: a new, empty private journal that `mkdocs build --strict` accepts at once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import click

from ..writing.scaffold import journal_files
from ..writing.write import WriteError, create_file


def git_user_name() -> str | None:
    """`git config user.name`, if git is installed and it is set."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "config", "user.name"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = done.stdout.strip()
    return name or None


def init_git(path: Path) -> str:
    """`git init` in `path`; a line saying what happened."""
    if (path / ".git").exists():
        return "Kept the existing git repository."
    git = shutil.which("git")
    if git is None:
        return "git is not installed: skipped `git init` (run it later to keep a history)."
    try:
        done = subprocess.run(
            [git, "init", "-q", str(path)], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as err:
        return f"`git init` failed ({err}): run it yourself."
    if done.returncode != 0:
        return f"`git init` failed: {done.stderr.strip() or done.returncode}; run it yourself."
    return "Started a git repository (nothing committed yet)."


def check_owner(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and (not value.strip() or any(ch < " " for ch in value)):
        raise click.BadParameter("give a name on one line, like --owner 'Ada Lovelace'")
    if value is not None and any(ch in value for ch in "<>{}`"):
        raise click.BadParameter(
            "give your name as plain text, without < > { } or ` (it becomes the site's title)"
        )
    return value.strip() if value is not None else None


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--owner",
    callback=check_owner,
    help="Your name, for drafts and the site title (default: git config user.name).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Add the missing files to a folder that is not empty (never overwrites a file).",
)
def init(path: Path, owner: str | None, force: bool) -> None:
    """Start a new, empty private journal in PATH."""
    shown = click.format_filename(path)
    if path.exists() and not path.is_dir():
        raise click.ClickException(f"{shown} is a file: give a folder for the new journal")
    if path.is_dir() and any(path.iterdir()) and not force:
        raise click.ClickException(
            f"{shown} is not empty: use --force to add the missing files "
            "(no existing file is overwritten)"
        )
    owner = owner or git_user_name() or "me"
    created: list[str] = []
    kept: list[str] = []
    try:
        for name, text in journal_files(owner).items():
            target = path / name
            if target.exists() or target.is_symlink():
                kept.append(name)
                continue
            create_file(target, text)
            created.append(name)
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Created a new journal in {shown}:")
    for name in created:
        click.echo(f"  {name}")
    for name in kept:
        click.echo(f"  {name} (exists: kept as it is)")
    click.echo(init_git(path))
    if owner == "me":
        click.echo("Owner not known: set extra.kithbook.owner in mkdocs.yml to your name.")
    click.echo(f'Next: cd {shown} && kith new "Ada Lovelace", then mkdocs serve')


COMMANDS = (init,)  # added to the `kith` group by cli.main
