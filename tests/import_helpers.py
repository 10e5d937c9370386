"""Shared by the calendar, contacts and mail import tests: a small journal, the CLI, the tree."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from kithbook.cli.main import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"

ADA = """\
---
name: Ada Lovelace
company: Analytical Engines
links:
  email: ada@example.com
  work: mailto:ada@engines.example
---
Met at the Difference Engine demo.
"""
GRACE = "---\nname: Grace Hopper\n---\n"
ZOE = "---\nname: Zoë Nováková\nlinks:\n  email: zoe@example.org\n---\n"
MKDOCS = "site_name: test\nextra:\n  kithbook:\n    my_addresses: [jordan@example.com]\n"


def make_journal(root: Path) -> Path:
    for rel, text in {
        "contacts/ada-lovelace.md": ADA,
        "contacts/grace-hopper.md": GRACE,
        "contacts/zoe-novakova.md": ZOE,
        "mkdocs.yml": MKDOCS,
    }.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "journal").mkdir(exist_ok=True)
    return root


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def without_runs(files: dict[str, bytes]) -> dict[str, bytes]:
    """The tree with each state file's `last_run` left out. A re-run that finishes an
    interrupted import leaves what an uninterrupted one leaves, except the run it records:
    its own counts (files already in place count as unchanged)."""
    out = dict(files)
    for name, data in files.items():
        if name.startswith(".kithbook/") and name.endswith(".json"):
            state = json.loads(data)
            state.pop("last_run", None)
            out[name] = json.dumps(state, indent=1, ensure_ascii=False).encode("utf-8")
    return out


def last_run(root: Path, source: str) -> dict[str, object]:
    state = json.loads((root / ".kithbook" / f"{source}.json").read_text(encoding="utf-8"))
    run = state["last_run"]
    assert isinstance(run, dict)
    return run
