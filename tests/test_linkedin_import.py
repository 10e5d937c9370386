"""`kith import linkedin` end to end: what it writes, what it never touches, and re-runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.adapter.build import build_outputs
from kithbook.cli import linkedin as linkedin_cli
from kithbook.cli.main import cli
from kithbook.imports.linkedin import apply as apply_module
from kithbook.writing.write import WriteError, stage_file

from .conftest import TODAY, WriteJournal, settings_for
from .import_helpers import last_run, without_runs

ME = "https://www.linkedin.com/in/jordan-reyes"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed ..."\n'
    "\n"
)
CONNECTIONS = PREAMBLE + textwrap.dedent(
    '''\
    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Jane,Doe,https://www.linkedin.com/in/janedoe,,"Acme, Inc.",Senior PM,01 Mar 2022
    Zoë,Nováková,linkedin.com/in/Zoe-N/?trk=x,zoe@example.org,"Helix ""Bio""",EM,1 Jan 2026
    Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,CTO,07 Dec 2019
    ,,,,,,
    ,,https://www.linkedin.com/in/nameless,,,,
    李,小龙,https://www.linkedin.com/in/li,,北京,工程师,7-Feb-22
    Eve,<script>alert(1)</script>,https://www.linkedin.com/in/eve,,<img src=x onerror=alert(1)>,,
    Jane,Doe,https://www.linkedin.com/in/JaneDoe/,,Other,,
    '''
)
JANE = "https://www.linkedin.com/in/janedoe"
MESSAGE_ROWS = [
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER,ATTACHMENTS",
    f"c1,,Jordan Reyes,{ME},Jane Doe,{JANE},2025-03-04 10:00:00 UTC,,Sure <b>Friday</b>,INBOX,",
    f"c1,,Jane Doe,{JANE},Jordan Reyes,{ME},2025-03-04 09:00:00 UTC,,Coffee? <script>x</script>,"
    "INBOX,",
    f"c1,,Jane Doe,{JANE},Jordan Reyes,{ME},2025-03-05 09:00:00 UTC,,[[ada]] says hi,INBOX,",
    "c2,,A Recruiter,https://www.linkedin.com/in/recruiter,Jordan Reyes,"
    f"{ME},2025-03-05 09:00:00 UTC,,Job?,INBOX,",
    f"c3,,Jordan Reyes,{ME},Zoë Nováková,https://www.linkedin.com/in/zoe-n,"
    "2025-04-05 09:00:00 UTC,Hey,,INBOX,",
]
MESSAGES = "\n".join(MESSAGE_ROWS) + "\n"
INVITATIONS = textwrap.dedent(
    f"""\
    From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
    Jordan Reyes,Jane Doe,"9/25/21, 8:52 AM",Hi,OUTGOING,{ME},https://www.linkedin.com/in/janedoe
    Zoë Nováková,Jordan Reyes,2025-12-30,,INCOMING,https://www.linkedin.com/in/zoe-n,{ME}
    Someone,Jordan Reyes,2026-01-02,,INCOMING,https://www.linkedin.com/in/someone,{ME}
    """
)
GIVEN = textwrap.dedent(
    """\
    First Name,Last Name,Company,Job Title,Text,Creation Date,Status
    Jane,Doe,Acme,PM,"She ran the launch, ""flawlessly"".","03/15/24, 10:22 AM",VISIBLE
    Jane,Doe,Acme,PM,hidden one,"03/16/24, 10:22 AM",HIDDEN
    Nobody,Known,X,Y,text,2024-01-01,VISIBLE
    """
)
RECEIVED = textwrap.dedent(
    """\
    First Name,Last Name,Company,Job Title,Text,Creation Date,Status
    Zoë,Nováková,Helix,EM,"Great <script>x</script> colleague",2024-05-01,VISIBLE
    """
)
HAND_MADE_ADA = """\
---
name: Ada Lovelace   # as she signs
tags: [mentor]
closeness: 4
---
Met at PyCon. Do not lose this note.
"""
SKIPPED = [
    "Connections.csv:8: skipped: blank row",
    "Connections.csv:9: skipped: no name (First Name and Last Name are empty)",
    "Connections.csv:12: skipped: duplicate of line 5 (same profile URL)",
    "Invitations.csv:4: skipped: Someone is not a connection or a contact (a pending invitation?)",
    "Recommendations_Given.csv:3: skipped: status HIDDEN (only VISIBLE ones are imported)",
    "Recommendations_Given.csv:4: skipped: 'Nobody Known' is not a connection or a contact "
    "(matched by name)",
    "messages.csv:5: skipped: a message from A Recruiter (https://www.linkedin.com/in/recruiter): "
    "not a contact (matched by profile URL)",
]
CREATED = [
    "contacts/jane-doe.md",
    "contacts/zoe-novakova.md",
    "contacts/li-xiao-long.md",
    "contacts/eve-script-alert-1-script.md",
    "journal/2025/2025-03-04-messages-with-jane-doe.md",
    "journal/2025/2025-03-05-messages-with-jane-doe.md",
    "journal/2025/2025-04-05-messages-with-zoe-novakova.md",
    "journal/2024/2024-03-15-recommendation-for-jane-doe.md",
    "journal/2024/2024-05-01-recommendation-from-zoe-novakova.md",
]


FILES_READ = (
    "Files read: Connections.csv (2022+ format), messages.csv (mid-2024+ format), "
    "Invitations.csv (2024+ format), Recommendations_Given.csv (2018+ format), "
    "Recommendations_Received.csv (2018+ format)\n"
)


def make_export(folder: Path, crlf: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "Connections.csv": CONNECTIONS,
        "messages.csv": MESSAGES,
        "Invitations.csv": INVITATIONS,
        "Recommendations_Given.csv": GIVEN,
        "Recommendations_Received.csv": RECEIVED,
    }
    for name, text in files.items():
        if crlf:
            text = text.replace("\n", "\r\n")
        bom = b"\xef\xbb\xbf" if name == "Connections.csv" else b""
        (folder / name).write_bytes(bom + text.encode("utf-8"))
    return folder


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return make_export(tmp_path / "Basic_LinkedInDataExport_11-22-2026")


@pytest.fixture
def journal(write_journal: WriteJournal) -> Path:
    root = write_journal({"contacts/ada.md": HAND_MADE_ADA})
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    return root


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def test_first_import(journal: Path, export: Path) -> None:
    result = kith(journal, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == SKIPPED
    assert result.stdout == (
        "updated contacts/ada.md: company (empty) → 'Analytical Engines'; title (empty) → 'CTO'; "
        "met (empty) → '2019-12-07'; links.linkedin (empty) → 'https://www.linkedin.com/in/ada'\n"
        + FILES_READ
        + "Imported from LinkedIn: 9 created (4 contacts, 5 entries), 1 updated, 0 unchanged, "
        "7 skipped.\n"
    )
    files = tree(journal)
    assert sorted(files) == sorted(
        ["contacts/ada.md", ".kithbook/linkedin.json", "mkdocs.yml", *CREATED]
    )
    assert files["contacts/jane-doe.md"].decode() == textwrap.dedent(
        """\
        ---
        name: Jane Doe
        company: Acme, Inc.
        title: Senior PM
        met: 2022-03-01
        how_we_met: LinkedIn invitation from me, 2021-09-25, saying "Hi"
        links:
          linkedin: https://www.linkedin.com/in/janedoe
        ---
        """
    )
    assert files["contacts/zoe-novakova.md"].decode() == textwrap.dedent(
        """\
        ---
        name: Zoë Nováková
        company: Helix "Bio"
        title: EM
        met: 2026-01-01
        how_we_met: LinkedIn invitation from them, 2025-12-30
        links:
          linkedin: https://www.linkedin.com/in/zoe-n
          email: zoe@example.org
        ---
        """
    )
    assert files["contacts/ada.md"].decode() == textwrap.dedent(
        """\
        ---
        name: Ada Lovelace   # as she signs
        company: Analytical Engines
        title: CTO
        tags: [mentor]
        met: 2019-12-07
        closeness: 4
        links:
          linkedin: https://www.linkedin.com/in/ada
        ---
        Met at PyCon. Do not lose this note.
        """
    )
    assert files["journal/2025/2025-03-04-messages-with-jane-doe.md"].decode() == textwrap.dedent(
        """\
        ---
        date: 2025-03-04
        with: [jane-doe]
        kind: message
        initiated_by: them
        ---

        Imported from LinkedIn: 2 messages (1 from me, 1 from them).

        > Coffee? &lt;script&gt;x&lt;/script&gt;
        """
    )
    assert (
        files["journal/2025/2025-04-05-messages-with-zoe-novakova.md"]
        .decode()
        .startswith(
            "---\ndate: 2025-04-05\nwith: [zoe-novakova]\nkind: message\ninitiated_by: me\n---\n"
        )
    )
    assert files["journal/2024/2024-03-15-recommendation-for-jane-doe.md"].decode() == (
        "---\ndate: 2024-03-15\nwith: [jane-doe]\nkind: note\n"
        'evidence: She ran the launch, "flawlessly".\n---\n\n'
        "A recommendation I wrote for them on LinkedIn (imported).\n"
    )
    received = files["journal/2024/2024-05-01-recommendation-from-zoe-novakova.md"].decode()
    assert "got: A recommendation on LinkedIn\n" in received
    assert received.endswith("> Great &lt;script&gt;x&lt;/script&gt; colleague\n")
    state = json.loads(files[".kithbook/linkedin.json"])
    assert state["owner"] == ME
    assert state["people"]["https://www.linkedin.com/in/janedoe"]["fields"]["company"] == (
        "Acme, Inc."
    )
    check = kith(journal, "check")
    assert check.exit_code == 0, check.output


def test_html_stays_text_on_the_site(journal: Path, export: Path) -> None:
    assert kith(journal, "import", "linkedin", str(export)).exit_code == 0
    outputs = build_outputs(journal, settings_for(), TODAY, cache=None)
    pages = {page.uri: page.content for page in outputs.pages}
    eve = pages["people/eve-script-alert-1-script.md"]
    assert "<script>" not in eve and "<img" not in eve
    assert "&lt;script&gt;alert" in eve
    for content in pages.values():
        assert "<script>" not in content
        assert "onerror=alert" not in content or "&lt;img" in content


def test_dry_run_writes_nothing(journal: Path, export: Path) -> None:
    before = tree(journal)
    result = kith(journal, "import", "linkedin", str(export), "--dry-run")
    assert result.exit_code == 0
    assert tree(journal) == before
    assert result.stdout.splitlines() == [
        "would create contacts/jane-doe.md (Connections.csv:5)",
        "would create contacts/zoe-novakova.md (Connections.csv:6)",
        "would create contacts/li-xiao-long.md (Connections.csv:10)",
        "would create contacts/eve-script-alert-1-script.md (Connections.csv:11)",
        "would update contacts/ada.md (Connections.csv:7): company (empty) → 'Analytical "
        "Engines'; title (empty) → 'CTO'; met (empty) → '2019-12-07'; links.linkedin (empty) → "
        "'https://www.linkedin.com/in/ada'",
        "would create journal/2025/2025-03-04-messages-with-jane-doe.md (messages.csv:3)",
        "would create journal/2025/2025-03-05-messages-with-jane-doe.md (messages.csv:4)",
        "would create journal/2025/2025-04-05-messages-with-zoe-novakova.md (messages.csv:6)",
        "would create journal/2024/2024-03-15-recommendation-for-jane-doe.md "
        "(Recommendations_Given.csv:2)",
        "would create journal/2024/2024-05-01-recommendation-from-zoe-novakova.md "
        "(Recommendations_Received.csv:2)",
        FILES_READ.strip(),
        "Dry run, nothing written: 9 to create (4 contacts, 5 entries), 1 to update, "
        "0 unchanged, 7 skipped.",
    ]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_second_run_changes_nothing(journal: Path, export: Path) -> None:
    git(journal, "init", "-q")
    assert kith(journal, "import", "linkedin", str(export)).exit_code == 0
    git(journal, "add", "-A")
    git(journal, "commit", "-qm", "first import")
    before = tree(journal)
    result = kith(journal, "import", "linkedin", str(export))
    assert result.exit_code == 0
    assert result.stdout == FILES_READ + (
        "Imported from LinkedIn: 0 created (0 contacts, 0 entries), 0 updated, 10 unchanged, "
        "7 skipped.\n"
    )
    assert git(journal, "status", "--porcelain") == ""
    assert tree(journal) == before


def test_zip_folder_and_csv_give_the_same_journal(
    write_journal: WriteJournal, export: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_11-22-2026.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in export.iterdir():
            z.write(path, f"Basic_LinkedInDataExport_11-22-2026/{path.name}")
    trees = []
    for i, source in enumerate([export, archive]):
        root = write_journal({})
        shutil.move(root, tmp_path / f"j{i}")
        root = tmp_path / f"j{i}"
        assert kith(root, "import", "linkedin", str(source)).exit_code == 0
        trees.append(tree(root))
    # The same journal; only the run each recorded names what it read.
    assert without_runs(trees[0]) == without_runs(trees[1])
    assert [last_run(tmp_path / f"j{i}", "linkedin")["file"] for i in (0, 1)] == [
        export.name,
        archive.name,
    ]
    single = tmp_path / "j-single"
    (single / "contacts").mkdir(parents=True)
    result = kith(single, "import", "linkedin", str(export / "Connections.csv"))
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "5 created (5 contacts, 0 entries), 0 updated, 0 unchanged, 3 skipped.\n"
    )


def test_user_edits_survive_a_newer_export(journal: Path, export: Path, tmp_path: Path) -> None:
    assert kith(journal, "import", "linkedin", str(export)).exit_code == 0
    jane = journal / "contacts/jane-doe.md"
    text = jane.read_text(encoding="utf-8")
    text = text.replace("title: Senior PM", "title: Principal PM  # promoted, told me in person")
    text = text.replace("met: 2022-03-01\n", "")
    text = text.replace("---\nname", "---\n# my comment\nname").replace(
        "how_we_met", "tags: [pm]\ncloseness: 3\nhow_we_met"
    )
    jane.write_text(text + "She is great.\n", encoding="utf-8")
    newer = make_export(tmp_path / "newer")
    connections = (newer / "Connections.csv").read_bytes().decode("utf-8")
    connections = connections.replace('"Acme, Inc.",Senior PM', "Acme Corp,Director")
    (newer / "Connections.csv").write_bytes(connections.encode("utf-8"))
    result = kith(journal, "import", "linkedin", str(newer))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "updated contacts/jane-doe.md: company 'Acme, Inc.' → 'Acme Corp'"
    )
    assert jane.read_text(encoding="utf-8") == text.replace("Acme, Inc.", "Acme Corp") + (
        "She is great.\n"
    )
    again = kith(journal, "import", "linkedin", str(newer))
    assert "0 created (0 contacts, 0 entries), 0 updated, 10 unchanged" in again.stdout


def test_deleted_files_are_not_recreated(journal: Path, export: Path) -> None:
    assert kith(journal, "import", "linkedin", str(export)).exit_code == 0
    (journal / "contacts/li-xiao-long.md").unlink()
    (journal / "journal/2025/2025-03-05-messages-with-jane-doe.md").unlink()
    result = kith(journal, "import", "linkedin", str(export))
    assert result.exit_code == 0
    assert (
        "Connections.csv:10: skipped: contacts/li-xiao-long.md was deleted by hand: not "
        're-created (remove "https://www.linkedin.com/in/li" from .kithbook/linkedin.json to '
        "import it again)"
    ) in result.stderr.splitlines()
    assert not (journal / "contacts/li-xiao-long.md").exists()
    assert not (journal / "journal/2025/2025-03-05-messages-with-jane-doe.md").exists()
    assert "0 created" in result.stdout


def test_a_hand_logged_message_day_is_not_duplicated(journal: Path, export: Path) -> None:
    assert kith(journal, "new", "Jane Doe", "--linkedin", "linkedin.com/in/janedoe").exit_code == 0
    day = journal / "journal/2025/2025-03-04-chat.md"
    day.parent.mkdir(parents=True)
    day.write_text("---\ndate: 2025-03-04\nwith: [jane-doe]\nkind: message\n---\n", "utf-8")
    result = kith(journal, "import", "linkedin", str(export))
    assert result.exit_code == 0
    assert not (journal / "journal/2025/2025-03-04-messages-with-jane-doe.md").exists()
    assert (journal / "journal/2025/2025-03-05-messages-with-jane-doe.md").exists()


def test_the_owner_can_be_named(journal: Path, tmp_path: Path) -> None:
    folder = tmp_path / "only-messages"
    folder.mkdir()
    (folder / "messages.csv").write_text(MESSAGES, encoding="utf-8")
    assert kith(journal, "import", "linkedin", str(folder), "--me", "nonsense").output == (
        "Error: --me 'nonsense' is not a LinkedIn profile address\n"
    )
    result = kith(
        journal, "import", "linkedin", str(folder), "--me", "linkedin.com/in/Jordan-Reyes"
    )
    assert result.exit_code == 0
    assert "5 skipped" in result.stdout  # nobody in it is a contact yet


def test_errors_are_messages(journal: Path, tmp_path: Path) -> None:
    assert kith(journal, "import", "linkedin", str(tmp_path / "nope.zip")).output == (
        f"Error: {tmp_path / 'nope.zip'} does not exist\n"
    )
    (journal / ".kithbook").mkdir()
    (journal / ".kithbook/linkedin.json").write_text("{oops", encoding="utf-8")
    folder = make_export(tmp_path / "e")
    result = kith(journal, "import", "linkedin", str(folder))
    assert result.exit_code == 1
    assert result.output.startswith("Error: .kithbook/linkedin.json cannot be read (")


def test_no_progress_bar_without_a_terminal(
    journal: Path, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin_cli, "PROGRESS_FROM", 1)
    result = kith(journal, "import", "linkedin", str(export))
    assert result.exit_code == 0
    assert "Importing" not in result.output


def test_many_files_are_written_by_workers(
    write_journal: WriteJournal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apply_module, "PARALLEL_FROM", 10)
    monkeypatch.setattr(apply_module, "CHUNK", 7)
    rows = [
        f"Person,Number {i},https://www.linkedin.com/in/p{i},,Acme,PM,01 Mar 2022"
        for i in range(40)
    ]
    folder = tmp_path / "big"
    folder.mkdir()
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    (folder / "Connections.csv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    root = write_journal({})
    result = kith(root, "import", "linkedin", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "40 created (40 contacts, 0 entries), 0 updated, 0 unchanged, 0 skipped.\n"
    )
    names = sorted(p.name for p in (root / "contacts").iterdir())
    assert len(names) == 40 and not [n for n in names if n.startswith(".")]
    assert (
        (root / "contacts/person-number-7.md")
        .read_text(encoding="utf-8")
        .startswith("---\nname: Person Number 7\ncompany: Acme\n")
    )


def test_an_interrupted_import_leaves_no_half_files(
    journal: Path, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(journal)
    real = stage_file
    calls = {"n": 0}

    def flaky(path: Path, text: str, sync: bool = False, folder: Path | None = None) -> Path:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real(path, text, sync, folder)

    monkeypatch.setattr(apply_module, "stage_file", flaky)
    result = kith(journal, "import", "linkedin", str(export))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: cannot write: No space left on device (re-run to finish)"
    )
    assert tree(journal) == before
    assert not [p for p in journal.rglob(".*.tmp")]


def test_a_contact_that_cannot_be_edited_is_reported_and_retried(
    journal: Path, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(root: Path, update: object) -> None:
        raise WriteError("contacts/ada.md: the edit would not read back as written")

    monkeypatch.setattr(apply_module, "update_contact", refuse)
    result = kith(journal, "import", "linkedin", str(export))
    assert result.exit_code == 1
    assert result.stdout.endswith("0 updated, 0 unchanged, 7 skipped, 1 failed.\n")
    assert result.stderr.splitlines()[-2:] == [
        "Connections.csv:7: not updated: contacts/ada.md: the edit would not read back as written",
        "Error: 1 contact could not be updated",
    ]
    assert (journal / "contacts/ada.md").read_text(encoding="utf-8") == HAND_MADE_ADA
    state = json.loads((journal / ".kithbook/linkedin.json").read_text(encoding="utf-8"))
    assert "https://www.linkedin.com/in/ada" not in state["people"]
    monkeypatch.undo()
    again = kith(journal, "import", "linkedin", str(export))
    assert again.exit_code == 0
    assert again.stdout.startswith("updated contacts/ada.md: company (empty) → 'Analytical")


def test_old_invitations_are_matched_by_exact_name(journal: Path, tmp_path: Path) -> None:
    folder = make_export(tmp_path / "old", crlf=False)
    (folder / "messages.csv").unlink()
    (folder / "Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction\n"
        'Jordan Reyes,Jane Doe,"9/25/21, 8:52 AM",Hi,OUTGOING\n'
        "Jordan Reyes,Jane Doe,2022-01-01,Again,OUTGOING\n",
        encoding="utf-8",
    )
    result = kith(journal, "import", "linkedin", str(folder))
    assert result.exit_code == 0
    assert (
        "Invitations.csv:3: skipped: an earlier row (line 2) already says who reached out"
        in result.stderr.splitlines()
    )
    text = (journal / "contacts/jane-doe.md").read_text(encoding="utf-8")
    assert 'how_we_met: LinkedIn invitation from me, 2021-09-25, saying "Hi"\n' in text


def test_temporary_files_of_dead_runs_are_removed(journal: Path, export: Path) -> None:
    dead = 2**22 + 1  # above Linux's largest process id: no such process
    live = os.getppid()
    (journal / ".kithbook/tmp" / f"run-{dead}").mkdir(parents=True)
    (journal / ".kithbook/tmp" / f"run-{dead}/ada.md.{dead}-1.tmp").write_text("x", "utf-8")
    (journal / ".kithbook/tmp" / f"run-{live}").mkdir()
    (journal / f"contacts/.jane-doe.md.{dead}-7.tmp").write_text("x", "utf-8")
    (journal / f"contacts/.ada.md.{live}-3.tmp").write_text("x", "utf-8")
    assert kith(journal, "import", "linkedin", str(export)).exit_code == 0
    left = sorted(
        p.relative_to(journal).as_posix()
        for p in journal.rglob("*")
        if ".tmp" in p.name or "run-" in p.name
    )
    assert left == [
        f".kithbook/tmp/run-{live}",  # another import still running: left alone
        f"contacts/.ada.md.{live}-3.tmp",
    ]
    assert (journal / ".kithbook/tmp/.gitignore").is_file()


def test_long_lists_of_files_are_cut_short() -> None:
    names = [f"f{i}.csv" for i in range(15)]
    assert linkedin_cli.some(names[:12]) == ", ".join(names[:12])
    assert linkedin_cli.some(names) == ", ".join(names[:12]) + " and 3 more"
