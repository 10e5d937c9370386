"""`kith check`: the build's validations, as `path:line: message` lines; exit 1 on any problem."""

from __future__ import annotations

import json

import click

from .options import State, format_option, printable


@click.command()
@format_option("Lines of path:line: message, or a JSON list.")
@click.pass_obj
def check(state: State, fmt: str) -> None:
    """Check every contact and entry; exit 1 if anything is wrong."""
    project, analysis = state.analyze()
    settings_problems = list(project.problems)
    problems = analysis.problems
    if fmt == "json":
        items = [
            {"path": p.source.path, "line": p.source.line, "message": p.message} for p in problems
        ] + [{"path": "mkdocs.yml", "line": 1, "message": m} for m in settings_problems]
        click.echo(printable(json.dumps(items, indent=2, ensure_ascii=False), json_text=True))
    else:
        for message in settings_problems:
            click.echo(printable(message))
        for problem in problems:
            click.echo(printable(str(problem)))
        journal = analysis.journal
        total = len(problems) + len(settings_problems)
        summary = f"{len(journal.contacts)} contacts, {len(journal.entries)} entries: " + (
            "no problems" if not total else f"{total} problem{'s' if total != 1 else ''}"
        )
        click.echo(summary, err=True)
    if problems or settings_problems:
        raise SystemExit(1)


COMMANDS = (check,)  # added to the `kith` group by cli.main
