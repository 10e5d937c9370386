"""Every `kith` command has --help and a section in docs/cli.md; the installed `kith` runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kithbook.cli.main import cli

from .conftest import REPO


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    ctx = click.Context(group)
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from command_paths(command, (*prefix, name))


COMMANDS = list(command_paths(cli))


def test_the_commands_are_all_there() -> None:
    assert COMMANDS == [
        ("apply",), ("changes",), ("check",), ("company",), ("done",), ("export",),
        ("follow-up",), ("grep",), ("import",), ("import", "calendar"), ("import", "contacts"),
        ("import", "linkedin"), ("import", "mail"), ("init",), ("jobs",), ("log",), ("new",),
        ("people",), ("referrals",), ("show",), ("snooze",), ("snooze-tie",), ("stale",),
        ("target",),
        ("target", "add"), ("target", "list"), ("target", "remove"), ("today",),
    ]  # fmt: skip


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: cli {' '.join(path)} ") or result.output.startswith(
        f"Usage: kith {' '.join(path)} "
    )
    summary = result.output.split("\n\n", 2)[1].strip()
    assert summary and not summary.startswith("Options")


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_documented(path: tuple[str, ...]) -> None:
    docs = (REPO / "docs/cli.md").read_text(encoding="utf-8")
    assert f"## `kith {' '.join(path)}" in docs
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    for param in command.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert param.opts[-1] in docs, f"{param.opts[-1]} of kith {' '.join(path)}"


@pytest.mark.e2e
def test_the_installed_kith_runs(tmp_path: Path) -> None:
    kith = shutil.which("kith")
    command = [kith] if kith else [sys.executable, "-c", "from kithbook.cli import main; main()"]
    env = {**os.environ, "KITHBOOK_TODAY": "2026-11-22"}
    env.pop("KITHBOOK_ROOT", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    created = run("init", "kb", "--owner", "Ada")
    assert created.returncode == 0, created.stderr
    root = str(tmp_path / "kb")
    assert run("--root", root, "new", "Grace Hopper").stdout == "Created contacts/grace-hopper.md\n"
    logged = run("--root", root, "log", "grace", "--kind", "call", "-m", "Hello")
    assert logged.stdout == "Created journal/2026/2026-11-22-call-with-grace-hopper.md\n"
    unknown = run("--root", root, "log", "gracie-h", "--kind", "call")
    assert (unknown.returncode, unknown.stderr) == (
        1,
        "Error: no contact matches 'gracie-h' (did you mean 'grace-hopper'?)\nnothing written\n",
    )
    assert "Traceback" not in unknown.stderr
    check = run("--root", root, "check")
    assert (check.returncode, check.stderr) == (0, "1 contacts, 1 entries: no problems\n")


def test_root_and_today_may_follow_the_command() -> None:
    from kithbook.cli.options import hoist_global_options

    assert hoist_global_options(["check", "--root", "j", "--today=2026-11-22"]) == [
        "--root", "j", "--today=2026-11-22", "check",
    ]  # fmt: skip
    assert hoist_global_options(["log", "ada", "-m", "x", "--", "--root"]) == [
        "log", "ada", "-m", "x", "--", "--root",
    ]  # fmt: skip
