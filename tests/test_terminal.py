"""Nothing from the journal reaches the terminal as a control sequence."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kithbook.cli.main import cli
from kithbook.cli.options import printable

from .conftest import WriteJournal

ESCAPE_NAME = "journal/2026/2026-11-01-\x1b]0;pwned\x07\x1b[2J\x9b31m.md"


def test_printable_escapes_every_control_character() -> None:
    assert printable("plain ü text\ttab") == "plain ü text\ttab"
    assert printable("a\x1b[2Jb\x9bc\x7f\u2028") == "a\\x1b[2Jb\\x9bc\\x7f\\u2028"
    shown = printable("a\x9b\x7f", json_text=True)
    assert json.loads('"' + shown + '"') == "a\x9b\x7f"


def test_check_never_prints_a_terminal_escape_from_a_file_name(
    write_journal: WriteJournal,
) -> None:
    root = write_journal({ESCAPE_NAME: "---\ndate: 2026-11-01\nkind: nonsense\n---\n"})
    assert (root / ESCAPE_NAME).is_file()
    for args in ([], ["--format", "json"]):
        result = CliRunner().invoke(cli, ["--root", str(root), "check", *args])
        assert result.exit_code == 1, result.output
        assert "\\x1b]0;pwned" in result.output or "\\u001b]0;pwned" in result.output
        assert not any(ch in result.output for ch in "\x1b\x07\x9b"), repr(result.output)
    data = json.loads(
        CliRunner().invoke(cli, ["--root", str(root), "check", "--format", "json"]).output
    )
    assert Path(data[0]["path"]).name.startswith("2026-11-01-\x1b]0;pwned")
