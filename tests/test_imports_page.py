"""The Imports page: each real import run through the CLI, then the page built from its state.

Also: what a run records (and when it records nothing), old and hostile state files, a
redacted build, the build cache and `mkdocs serve` seeing a new import.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kithbook.adapter import hook
from kithbook.adapter.build import build_outputs
from kithbook.cli.main import cli
from kithbook.reading.import_state import LIMIT, read_import_states
from kithbook.reading.load import FileCache

from .conftest import TODAY, settings_for
from .gitrepo import git
from .import_helpers import ADA, FIXTURES, GRACE, ZOE, kith, last_run, make_journal, tree
from .projects import make_project, run_mkdocs
from .test_linkedin_import import make_export


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return make_journal(tmp_path / "j")


def page(root: Path, uri: str = "imports.md", today: dt.date = TODAY, **extra: object) -> str:
    outputs = build_outputs(root, settings_for(**extra), today, cache=None)
    return next(p.content for p in outputs.pages if p.uri == uri)


def section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def kith_on(root: Path, day: str, *args: str) -> Result:
    """`kith` as on `day`."""
    return CliRunner().invoke(cli, ["--root", str(root), "--today", day, *args])


# --- each import through the CLI, then the page ---------------------------------------------


def test_a_calendar_import_shows_its_counts_and_every_skip(journal: Path) -> None:
    assert kith(journal, "import", "calendar", str(FIXTURES / "google.ics")).exit_code == 0
    assert last_run(journal, "calendar") == {
        "date": "2026-11-22",
        "file": "google.ics",  # the base name only: the path is not the journal's business
        "created": {"contacts": 0, "entries": 6},
        "updated": 0,
        "unchanged": 0,
        "skipped": 5,
        "failed": 0,
        "skips": [
            {"file": "google.ics", "line": 97, "reason": "declined (2026-11-12)"},
            {"file": "google.ics", "line": 107, "reason": "cancelled (2026-11-13)"},
            {"file": "google.ics", "line": 117, "reason": "an all-day event"},
            {"file": "google.ics", "line": 125, "reason": "no one but me"},
            {
                "file": "google.ics",
                "line": 132,
                "reason": "no attendee is a contact (bob@unknown.example)",
            },
        ],
    }
    text = page(journal)
    assert (
        '<tr><td><a href="./#calendar">Calendar</a></td><td>2026-11-22</td>'
        "<td>6</td><td>0</td><td>0</td><td>5</td></tr>"
    ) in text
    assert section(text, "Calendar") == (
        "\n## Calendar\n\n<!-- kb -->\n"
        "<p>Last run on <strong>2026-11-22</strong>, reading <code>google.ics</code>: 6 created "
        "(6 entries), 0 updated, 0 unchanged, 5 skipped.</p>\n<!-- /kb -->\n\n"
        "**Skipped (5):**\n\n<!-- kb -->\n"
        '<ul class="kb-imports">\n'
        "<li><code>google.ics:97</code>: declined (2026-11-12)</li>\n"
        "<li><code>google.ics:107</code>: cancelled (2026-11-13)</li>\n"
        "<li><code>google.ics:117</code>: an all-day event</li>\n"
        "<li><code>google.ics:125</code>: no one but me</li>\n"
        "<li><code>google.ics:132</code>: no attendee is a contact (bob@unknown.example)</li>\n"
        "</ul>\n<!-- /kb -->\n\n"
        "<!-- kb -->\n<p>What it remembers: <code>.kithbook/calendar.json</code> (6 events), "
        "committed with the journal.</p>\n<!-- /kb -->\n\n"
        "Run it again: `kith import calendar FILE.ics` (add `--dry-run` to see first what it "
        "would do; [more](cli.md#kith-import-calendar)).\n"
    )
    for never in ("LinkedIn", "Address book", "Mail"):
        assert section(text, never).startswith(f"\n## {never}\n\nNever imported. `kith import ")
    home = page(journal, "index.md")
    assert (
        '<p class="kb-legend">Last imports: Calendar 2026-11-22 (see <a href="imports/">'
        "Imports</a>).</p>"
    ) in home


def test_contacts_and_mail_imports_show_their_counts(journal: Path) -> None:
    assert kith(journal, "import", "contacts", str(FIXTURES / "google.vcf")).exit_code == 0
    assert kith(journal, "import", "mail", str(FIXTURES / "takeout.mbox")).exit_code == 0
    text = page(journal)
    assert (
        "Address book</a></td><td>2026-11-22</td><td>2</td><td>3</td><td>0</td><td>1</td>" in text
    )
    assert "Mail</a></td><td>2026-11-22</td><td>4</td><td>0</td><td>0</td><td>9</td>" in text
    contacts = section(text, "Address book")
    assert "2 created (2 contacts), 3 updated, 0 unchanged, 1 skipped." in contacts
    assert "<li><code>google.vcf:49</code>: no name (FN and N are empty)</li>" in contacts
    mail = section(text, "Mail")
    assert "4 created (4 entries), 0 updated, 0 unchanged, 9 skipped." in mail
    assert "**Skipped (9):**" in mail
    assert "<li><code>takeout.mbox:39</code>: message 4: a mailing list (List-Id)</li>" in mail
    assert "<li><code>takeout.mbox:77</code>: message 8: from bob@unknown.example: not a " in mail
    assert "`kith import mail FILE.mbox`" in mail
    assert "(4 entries), committed with the journal." in mail


def test_linkedin_shows_its_files_and_job_changes_linked_to_the_contacts(
    journal: Path, tmp_path: Path
) -> None:
    export = make_export(tmp_path / "Basic_LinkedInDataExport_11-22-2026")
    assert kith(journal, "import", "linkedin", str(export)).exit_code == 0
    newer = make_export(tmp_path / "newer")
    connections = (newer / "Connections.csv").read_bytes().decode("utf-8")
    connections = connections.replace('"Acme, Inc.",Senior PM', "Acme Corp,Director")
    (newer / "Connections.csv").write_bytes(connections.encode("utf-8"))
    result = kith_on(journal, "2026-11-24", "import", "linkedin", str(newer))
    assert result.exit_code == 0, result.output
    text = section(page(journal), "LinkedIn")
    assert (
        "<p>Last run on <strong>2026-11-24</strong>, reading <code>newer</code>: 0 created, "
        "1 updated, 9 unchanged, 7 skipped.</p>"
    ) in text
    assert "**Job changes on LinkedIn (2):**" in text
    assert (
        '<li><a href="../people/jane-doe/">Jane Doe</a>: company ‘Acme, Inc.’ → ‘Acme Corp’ '
        "(<code>Connections.csv:5</code>)</li>"
    ) in text
    assert "title ‘Senior PM’ → ‘Director’" in text
    assert "<strong>Files read:</strong> Connections.csv (2022+ format), messages.csv" in text
    assert "<li><code>Connections.csv:8</code>: blank row</li>" in text
    assert "(5 people), committed with the journal." in text
    assert "`kith import linkedin PATH`" in text


def test_linkedin_lists_the_files_it_left(journal: Path, tmp_path: Path) -> None:
    export = make_export(tmp_path / "Complete_LinkedInDataExport_11-22-2026")
    (export / "Ad_Targeting.csv").write_text("x\n", encoding="utf-8")
    (export / "Mystery.csv").write_text("x\n", encoding="utf-8")
    assert kith(journal, "import", "linkedin", str(export)).exit_code == 0
    run = last_run(journal, "linkedin")
    assert (run["files_ignored"], run["files_unknown"]) == (["Ad_Targeting.csv"], ["Mystery.csv"])
    text = section(page(journal), "LinkedIn")
    assert "<strong>Recognised, not imported:</strong> Ad_Targeting.csv" in text
    assert "<strong>Unknown, not read:</strong> Mystery.csv" in text


# --- what is recorded, and when nothing is ----------------------------------------------------


def test_a_dry_run_records_nothing_and_the_page_says_how_to_start(journal: Path) -> None:
    before = tree(journal)
    assert (
        kith(journal, "import", "mail", str(FIXTURES / "takeout.mbox"), "--dry-run").exit_code == 0
    )
    assert tree(journal) == before
    text = page(journal)
    assert "<table>" not in text
    assert "Nothing has been imported yet." in text
    for command in (
        "kith import linkedin PATH",
        "kith import calendar FILE.ics",
        "kith import contacts FILE.vcf",
        "kith import mail FILE.mbox",
    ):
        assert f"`{command}`" in text
    home = page(journal, "index.md")
    assert 'Nothing imported yet: see <a href="imports/">Imports</a>' in home


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_re_importing_a_day_later_changes_nothing_and_keeps_the_run(journal: Path) -> None:
    git(journal, "init", "-q")
    mbox = str(FIXTURES / "takeout.mbox")
    assert kith(journal, "import", "mail", mbox).exit_code == 0
    assert kith(journal, "import", "contacts", str(FIXTURES / "google.vcf")).exit_code == 0
    git(journal, "add", "-A")
    git(journal, "commit", "-qm", "imports")
    before = tree(journal)
    for day in ("2026-11-22", "2026-11-23", "2026-11-24"):  # mail of the 25th waits
        again = kith_on(journal, day, "import", "mail", mbox)
        assert again.exit_code == 0
        assert "0 created, 0 updated, 4 unchanged" in again.output
        vcf = str(FIXTURES / "google.vcf")
        assert kith_on(journal, day, "import", "contacts", vcf).exit_code == 0
    assert git(journal, "status", "--porcelain") == ""
    assert tree(journal) == before
    assert last_run(journal, "mail")["date"] == "2026-11-22"  # the run that changed something


def test_a_run_that_changes_something_replaces_the_recorded_run(journal: Path) -> None:
    ics = str(FIXTURES / "google.ics")
    assert kith(journal, "import", "calendar", ics).exit_code == 0
    # Four days on, lunch on the 25th is past: it becomes an entry, and the run is recorded.
    assert kith_on(journal, "2026-11-26", "import", "calendar", ics).exit_code == 0
    run = last_run(journal, "calendar")
    assert (run["date"], run["created"], run["unchanged"]) == (
        "2026-11-26",
        {"contacts": 0, "entries": 1},
        6,
    )


def test_skips_are_bounded(journal: Path, tmp_path: Path) -> None:
    events = "".join(
        f"BEGIN:VEVENT\nUID:e{i}\nDTSTART;VALUE=DATE:2026110{1 + i % 9}\nSUMMARY:Day {i}\n"
        "END:VEVENT\n"
        for i in range(LIMIT + 7)
    )
    ics = tmp_path / "many.ics"
    ics.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR\n", encoding="utf-8")
    assert kith(journal, "import", "calendar", str(ics)).exit_code == 0
    run = last_run(journal, "calendar")
    assert run["skipped"] == LIMIT + 7 and isinstance(run["skips"], list)
    assert len(run["skips"]) == LIMIT
    text = section(page(journal), "Calendar")
    assert f"**Skipped ({LIMIT + 7}):**" in text
    assert "<li>and 7 more (the import prints every one when run again)</li>" in text


# --- old, broken and hostile state files ------------------------------------------------------


def test_a_state_file_without_a_run_still_loads_and_is_not_rewritten(journal: Path) -> None:
    ics = str(FIXTURES / "google.ics")
    assert kith(journal, "import", "calendar", ics).exit_code == 0
    path = journal / ".kithbook/calendar.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    del old["last_run"]  # as an earlier kithbook wrote it
    path.write_text(json.dumps(old, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    written = path.read_bytes()
    check = kith(journal, "check")
    assert check.exit_code == 0, check.output
    text = section(page(journal), "Calendar")
    assert "Imported, with no run recorded" in text
    assert "(6 events)" in text
    assert "<td>Calendar</a></td><td>not recorded</td>" in page(journal).replace(
        '<a href="./#calendar">', ""
    )
    assert kith(journal, "import", "calendar", ics).exit_code == 0
    assert path.read_bytes() == written  # nothing changed: still no run, still the same bytes


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))"


def test_hostile_state_is_escaped_and_bounded(journal: Path) -> None:
    run = {
        "date": "2026-11-20",
        "file": f"{HOSTILE}.ics",
        "created": {"contacts": 1, "entries": 2},
        "updated": 0,
        "unchanged": 0,
        "skipped": 100_000,
        "failed": 0,
        "skips": [{"file": HOSTILE, "line": i, "reason": HOSTILE + "x" * 5000} for i in range(999)],
        "job_changes": [
            {"slug": "<b>ada</b>", "key": "company", "old": HOSTILE, "new": "**bold**", "line": 3}
        ],
        "files_read": [HOSTILE] * 3,
    }
    state = {"about": "x", "version": 1, "last_run": run, "records": {}, "extra": {}}
    (journal / ".kithbook").mkdir()
    (journal / ".kithbook/linkedin.json").write_text(json.dumps(state), encoding="utf-8")
    text = page(journal)
    assert "<script>" not in text and "<img" not in text and "<b>ada" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "javascript:" not in text.replace("[x](javascript:alert(3))", "")  # shown as text
    assert text.count("<li><code>") == LIMIT
    assert f"and {100_000 - LIMIT:,} more" in text
    assert "x" * 301 not in text  # texts are cut short
    assert kith(journal, "check").exit_code == 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{\n oops", ".kithbook/mail.json:2: not valid JSON (Expecting property name enclosed "
         "in double quotes)"),
        ("[1, 2]", ".kithbook/mail.json:1: not a version 1 kithbook import state"),
        ('{\n "version": 1,\n "about": "x",\n "last_run": {"date": "2026-11-20", "file": "m", '
         '"skipped": "many"}\n}',
         ".kithbook/mail.json:4: last_run: skipped is not a count: the last run is not shown "
         "(the next import records it)"),
        ('{"version": 1, "last_run": {"date": "yesterday", "file": "m"}}',
         ".kithbook/mail.json:1: last_run: date is not YYYY-MM-DD: the last run is not shown "
         "(the next import records it)"),
        ('{"version": 1, "last_run": {"date": "2026-11-20", "file": "m", "skips": [3]}}',
         ".kithbook/mail.json:1: last_run: a skipped record is not an object: the last run is "
         "not shown (the next import records it)"),
        ("\xff", ".kithbook/mail.json:1: cannot be read (UnicodeDecodeError)"),
        ('{"version": 1, "n": ' + "9" * 5000 + "}",
         ".kithbook/mail.json:1: not valid JSON (a number too long to read)"),
    ],
)  # fmt: skip
def test_a_bad_state_file_is_a_path_line_problem_never_a_traceback(
    journal: Path, content: str, problem: str
) -> None:
    (journal / ".kithbook").mkdir()
    data = content.encode("latin-1") if content == "\xff" else content.encode("utf-8")
    (journal / ".kithbook/mail.json").write_bytes(data)
    check = kith(journal, "check")
    assert check.exit_code == 1
    assert problem in check.output
    outputs = build_outputs(journal, settings_for(), TODAY, cache=None)
    assert [str(p) for p in outputs.analysis.problems] == [problem]
    pages = {p.uri: p.content for p in outputs.pages}
    assert "<td>.kithbook/mail.json</td>" in pages["errors.md"]
    mail = section(pages["imports.md"], "Mail")
    if "last_run" in content:  # the state is read; only its run is not shown
        assert "Imported, with no run recorded" in mail
    else:
        assert (
            '<p><code>.kithbook/mail.json</code> cannot be read (see <a href="../errors/">' in mail
        )
        assert "<td>unreadable</td>" in pages["imports.md"]


def test_a_state_file_reached_through_a_symbolic_link_is_not_read(
    journal: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.json"
    outside.write_text('{"version": 1, "records": {}}', encoding="utf-8")
    (journal / ".kithbook").mkdir()
    (journal / ".kithbook/mail.json").symlink_to(outside)
    states = read_import_states(journal)
    assert [str(p) for p in states.problems] == [".kithbook/mail.json:1: a symbolic link: not read"]
    assert states.get("mail").unreadable


# --- a redacted build ------------------------------------------------------------------------


def test_a_redacted_build_leaks_no_address_and_no_event_title(journal: Path) -> None:
    assert kith(journal, "import", "mail", str(FIXTURES / "takeout.mbox")).exit_code == 0
    assert kith(journal, "import", "calendar", str(FIXTURES / "google.ics")).exit_code == 0
    plain = page(journal)
    assert "bob@unknown.example" in plain and "noreply@github.com" in plain
    hidden = page(journal, redact=True)
    assert "bob@unknown.example" not in hidden and "noreply@github.com" not in hidden
    assert "message 8: from (e-mail hidden): not a contact" in hidden
    assert "Redacted" in hidden  # the banner
    home = page(journal, "index.md", redact=True)
    assert "Lunch with Ada" not in home
    assert "(title hidden)" in home
    assert "Lunch with Ada" in page(journal, "index.md")


# --- the build cache and `mkdocs serve` ---------------------------------------------------------


def test_a_cached_rebuild_sees_a_new_import(journal: Path) -> None:
    """`mkdocs serve` reuses the last outputs while no journal file changed: a state file
    that changed is a change too."""
    for path in journal.rglob("*.md"):
        os.utime(path, (time.time() - 60, time.time() - 60))  # not "racily clean": cached
    cache = FileCache()
    settings = settings_for()
    first = build_outputs(journal, settings, TODAY, cache=cache)
    assert build_outputs(journal, settings, TODAY, cache=cache) is first
    (journal / ".kithbook").mkdir()
    state = {
        "version": 1,
        "last_run": {"date": "2026-11-21", "file": "x.ics", "skipped": 0},
        "records": {},
        "extra": {"upcoming": [{"date": "2026-11-23", "time": "09:00", "title": "Standup",
                                "with": ["ada-lovelace"]}]},
    }  # fmt: skip
    (journal / ".kithbook/calendar.json").write_text(json.dumps(state), encoding="utf-8")
    second = build_outputs(journal, settings, TODAY, cache=cache)
    assert second is not first
    pages = {p.uri: p.content for p in second.pages}
    assert "reading <code>x.ics</code>" in pages["imports.md"]
    assert "— Standup (" in pages["index.md"]
    assert build_outputs(journal, settings, TODAY, cache=cache) is second  # nothing changed


class _Server:
    def __init__(self) -> None:
        self.watched: list[tuple[str, bool]] = []

    def watch(self, path: str, recursive: bool = True) -> None:
        self.watched.append((path, recursive))


def test_serve_watches_the_state_files_not_their_subfolders(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(hook._state, "root", journal)
    server: Any = _Server()
    assert hook.on_serve(server, None, None) is server
    assert server.watched == []  # no .kithbook/ yet: the first import's files refresh the site
    (journal / ".kithbook").mkdir()
    hook.on_serve(server, None, None)
    assert server.watched == [(str(journal / ".kithbook"), False)]


def test_kith_check_sees_a_state_file_change(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KITHBOOK_CLI_CACHE", "1")
    assert kith(journal, "check").exit_code == 0
    (journal / ".kithbook").mkdir()
    (journal / ".kithbook/contacts.json").write_text("{", encoding="utf-8")
    result = kith(journal, "check")
    assert result.exit_code == 1
    assert ".kithbook/contacts.json:1: not valid JSON" in result.output


# --- a real site -------------------------------------------------------------------------------


def imported_project(where: Path) -> Path:
    """A small journal on the repository's mkdocs.yml into which every import was run through
    the CLI: LinkedIn twice (the second export reports a job change), then the calendar,
    the address book and mail. Also the browser tests' site for the Imports page."""
    contacts = {"contacts/ada-lovelace.md": ADA, "contacts/grace-hopper.md": GRACE}
    contacts["contacts/zoe-novakova.md"] = ZOE
    root = make_project(where / "journal", contacts, "my_addresses: [jordan@example.com]")
    first = make_export(where / "Basic_LinkedInDataExport_11-20-2026")
    (first / "Ad_Targeting.csv").write_text("x\n", encoding="utf-8")
    assert kith_on(root, "2026-11-20", "import", "linkedin", str(first)).exit_code == 0
    newer = make_export(where / "Basic_LinkedInDataExport_11-22-2026")
    connections = (newer / "Connections.csv").read_bytes().decode("utf-8")
    connections = connections.replace('"Acme, Inc.",Senior PM', "Acme Corp,Director")
    (newer / "Connections.csv").write_bytes(connections.encode("utf-8"))
    for args in (
        ("linkedin", str(newer)),
        ("calendar", str(FIXTURES / "google.ics")),
        ("contacts", str(FIXTURES / "google.vcf")),
        ("mail", str(FIXTURES / "takeout.mbox")),
    ):
        result = kith(root, "import", *args)
        assert result.exit_code == 0, result.output
    return root


@pytest.mark.e2e
def test_a_strict_build_of_a_journal_with_every_import(tmp_path: Path) -> None:
    root = imported_project(tmp_path)
    site = tmp_path / "site"
    done = run_mkdocs(root, "--strict", "--site-dir", str(site))
    assert done.returncode == 0, done.stderr
    imports = (site / "imports/index.html").read_text(encoding="utf-8")
    assert (
        '<a href="../people/jane-doe/">Jane Doe</a>: company ‘Acme, Inc.’ → ‘Acme Corp’' in imports
    )
    assert '<a href="../cli/#kith-import-calendar">more</a>' in imports
    assert 'href="./#address-book"' in imports and 'id="address-book"' in imports
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Last imports: LinkedIn 2026-11-22, Calendar 2026-11-22, Address book 2026-11-22" in home
    assert 'href="imports/"' in home  # the navigation and the closing line


def test_a_state_file_is_read_again_only_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big LinkedIn state is megabytes of JSON: `mkdocs serve` rereads it only when the
    file changed (and always while it is fresh enough that its times may hide a change)."""
    from kithbook.reading import import_state

    (tmp_path / ".kithbook").mkdir()
    state = tmp_path / ".kithbook" / "mail.json"
    state.write_text(json.dumps({"version": 1, "records": {"a": {}}}), encoding="utf-8")
    reads: list[str] = []
    real = import_state._read_one

    def counted(root: Path, source: str) -> Any:
        reads.append(source)
        return real(root, source)

    monkeypatch.setattr(import_state, "_read_one", counted)
    monkeypatch.setattr(import_state, "RACY_NS", -(10**18))  # as if written long ago
    assert read_import_states(tmp_path).get("mail").remembered == 1
    assert read_import_states(tmp_path).get("mail").remembered == 1
    assert reads.count("mail") == 1
    state.write_text(json.dumps({"version": 1, "records": {"a": {}, "b": {}}}), encoding="utf-8")
    assert read_import_states(tmp_path).get("mail").remembered == 2
    assert reads.count("mail") == 2
    monkeypatch.setattr(import_state, "RACY_NS", 10**18)  # everything is fresh: never kept
    state.write_text(json.dumps({"version": 1, "records": {}}), encoding="utf-8")
    assert read_import_states(tmp_path).get("mail").remembered == 0
    assert read_import_states(tmp_path).get("mail").remembered == 0
    assert reads.count("mail") == 4


def test_large_counts_read_with_thousands_separators() -> None:
    from kithbook.reading.import_state import Run
    from kithbook.render.imports import _summary

    run = Run(dt.date(2026, 11, 22), "export.zip", 30000, 13609, 0, 0, 2512, 0)
    assert "43,609 created (30,000 contacts, 13,609 entries), 0 updated, 0 unchanged, " in (
        _summary(run)
    )
    assert _summary(run).endswith("2,512 skipped.")


def test_a_file_name_that_is_not_utf8_is_recorded_readably(journal: Path) -> None:
    """A name whose bytes are not UTF-8 (an old archive's) cannot stop the state being
    written: the run records it with U+FFFD for the bytes it cannot show."""
    ics = journal.parent / os.fsdecode(b"agenda-caf\xe9.ics")
    shutil.copy(FIXTURES / "google.ics", ics)
    result = kith(journal, "import", "calendar", str(ics))
    assert result.exit_code == 0, result.output
    run = last_run(journal, "calendar")
    assert run["file"] == "agenda-caf\ufffd.ics"
    skips = run["skips"]
    assert isinstance(skips, list)
    assert {skip["file"] for skip in skips} == {"agenda-caf\ufffd.ics"}
    assert kith(journal, "import", "calendar", str(ics)).exit_code == 0  # and again: no change


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_for_a_state_or_cache_file_never_hangs(tmp_path: Path) -> None:
    """A FIFO where an import's state or the history cache should be: an error (or no
    cache), at once, where reading it would wait forever for a writer."""
    import threading

    from kithbook.imports.linkedin.state import StateError as LinkedInStateError
    from kithbook.imports.linkedin.state import read_state as read_linkedin
    from kithbook.imports.shared.state import StateError, read_state
    from kithbook.reading import history

    (tmp_path / ".kithbook" / "cache").mkdir(parents=True)
    for name in ("mail.json", "linkedin.json", "cache/history.json"):
        os.mkfifo(tmp_path / ".kithbook" / name)
    said: list[str] = []

    def read_all() -> None:
        for read in (lambda: read_state(tmp_path, "mail"), lambda: read_linkedin(tmp_path)):
            try:
                read()
            except (StateError, LinkedInStateError) as err:
                said.append(str(err))
        said.append(repr(history._read_cache(tmp_path, "0" * 40)))

    worker = threading.Thread(target=read_all, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "a read waited on a FIFO"
    assert said[0].startswith(".kithbook/mail.json cannot be read (mail.json is not a regular")
    assert said[1].startswith(".kithbook/linkedin.json cannot be read (linkedin.json is not a")
    assert said[2] == "None"


def test_a_lone_surrogate_in_a_state_file_is_shown_as_a_replacement_character(
    tmp_path: Path,
) -> None:
    """JSON can spell a lone surrogate (`\\ud800`), which no page can hold: U+FFFD instead."""
    (tmp_path / ".kithbook").mkdir()
    upcoming = [{"date": "2026-11-24", "time": "10:00", "title": "x\ud800y", "with": ["ada"]}]
    state = {
        "version": 1,
        "records": {},
        "extra": {"upcoming": upcoming},
        "last_run": {"date": "2026-11-20", "file": "a\ud800.ics"},
    }
    (tmp_path / ".kithbook" / "calendar.json").write_text(json.dumps(state), encoding="utf-8")
    read = read_import_states(tmp_path)
    run = read.get("calendar").run
    assert run is not None and run.file == "a\ufffd.ics"
    assert [u.title for u in read.upcoming] == ["x\ufffdy"]
