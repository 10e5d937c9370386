"""Exports of each supported generation (tests/fixtures/linkedin/export-*, written from the
formats in docs/cli.md): exactly the contacts, entries, skips and summary each gives, a
second run that changes nothing, and malformed files that stop the import before it writes.

The expected journals are in tests/fixtures/linkedin/expected/<export>/ (contacts/,
journal/, stdout.txt, stderr.txt); the tests below also spell out what matters in them.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli.main import cli

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
GENERATIONS = ["export-2026", "export-2024-01", "export-2022", "export-2020"]


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


def tree(root: Path, *folders: str) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for folder in folders
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def new_journal(tmp_path: Path, name: str = "journal") -> Path:
    root = tmp_path / name
    (root / "contacts").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("export", GENERATIONS)
def test_each_generation_gives_exactly_the_expected_journal(tmp_path: Path, export: str) -> None:
    root = new_journal(tmp_path)
    result = kith(root, "import", "linkedin", str(FIXTURES / export))
    assert result.exit_code == 0, result.output
    expected = FIXTURES / "expected" / export
    assert result.stdout == (expected / "stdout.txt").read_text(encoding="utf-8")
    assert result.stderr == (expected / "stderr.txt").read_text(encoding="utf-8")
    assert tree(root, "contacts", "journal") == tree(expected, "contacts", "journal")
    assert kith(root, "check").exit_code == 0
    before = tree(root, "contacts", "journal", ".kithbook")
    again = kith(root, "import", "linkedin", str(FIXTURES / export))
    assert again.exit_code == 0
    assert " 0 created (0 contacts, 0 entries), 0 updated, " in again.stdout
    assert tree(root, "contacts", "journal", ".kithbook") == before


def test_the_2026_export(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    result = kith(root, "import", "linkedin", str(FIXTURES / "export-2026"))
    assert result.stdout.splitlines() == [
        "Files read: Connections.csv (2022+ format), messages.csv (mid-2024+ format), "
        "Invitations.csv (2024+ format), Recommendations_Given.csv (2018+ format), "
        "Recommendations_Received.csv (2018+ format), Endorsement_Given_Info.csv (2020+ format), "
        "Endorsement_Received_Info.csv (2020+ format)",
        "Recognised, not imported: Ads_Clicked.csv, Profile.csv",
        "Unknown, not read: Mystery_Report.csv",
        "Imported from LinkedIn: 12 created (4 contacts, 8 entries), 0 updated, 0 unchanged, "
        "9 skipped.",
    ]
    assert result.stderr.splitlines() == [
        "Connections.csv:9: skipped: Connected On '01 Jan 1026' is before LinkedIn began (2003)",
        "Endorsement_Received_Info.csv:5: skipped: Nobody Known "
        "(https://www.linkedin.com/in/nobody-known) is not a connection or a contact",
        # A namesake of a connection, with another profile: someone else.
        "Endorsement_Received_Info.csv:6: skipped: Priya Raman "
        "(https://www.linkedin.com/in/priya-raman-other) is not a connection or a contact",
        "Invitations.csv:4: skipped: Stranger is not a connection or a contact (a pending "
        "invitation?)",
        "Recommendations_Received.csv:3: skipped: several connections are named 'Sam Lee', none "
        "at Nowhere as Nobody: cannot tell whom the recommendation is about",
        "messages.csv:4: skipped: a draft, never sent",
        "messages.csv:5: skipped: a draft, never sent (no FOLDER)",
        "messages.csv:10: skipped: in the SPAM folder",
        "messages.csv:11: skipped: in the SPAM folder",
    ]
    files = tree(root, "contacts", "journal")
    # One entry per group conversation and day, everyone I know in `with`, the title kept,
    # initiated_by from that day's first message (Priya wrote first, not me).
    assert files["journal/2026/2026-04-01-group-messages-launch-crew.md"] == (
        "---\ndate: 2026-04-01\nwith: [priya-raman, jane-doe, sam-lee]\nkind: message\n"
        "initiated_by: them\n---\n\nGroup conversation “Launch crew”. Imported from LinkedIn: "
        "3 messages (1 from me, 2 from others).\n\n> Kickoff at 10\n"
    )
    assert "journal/2026/2026-04-02-group-messages-launch-crew.md" in files
    # No entry for spam (Jane's message in SPAM makes no 2026-05-02 entry), nor for drafts.
    assert [p for p in files if "2026-05" in p or "2026-03-0" in p] == [
        "journal/2026/2026-03-04-messages-with-jane-doe.md"
    ]
    # Recommendations go to the one Sam Lee whose Company and Job Title match.
    assert "with: [sam-lee-2]" in files["journal/2024/2024-05-01-recommendation-from-sam-lee-2.md"]
    assert "with: [sam-lee]\n" in files["journal/2024/2024-03-15-recommendation-for-sam-lee.md"]
    assert "company: Orbital Maps\n" in files["contacts/sam-lee.md"]
    # Endorsements: light reactions, skills of one day together.
    assert files["journal/2024/2024-11-30-endorsed-by-jane-doe.md"].startswith(
        "---\ndate: 2024-11-30\nwith: [jane-doe]\nkind: reaction\n"
        "got: 'Endorsed my skills on LinkedIn: Product Management, Roadmapping'\n"
        "about: [product-management, roadmapping]\n---\n"
    )
    assert (
        "gave: 'Endorsed their skill on LinkedIn: Kubernetes'\n"
        in (files["journal/2025/2025-02-02-endorsed-priya-raman.md"])
    )
    # The invitation's message says how we met.
    assert (
        'how_we_met: LinkedIn invitation from me, 2022-02-20, saying "Loved your talk on '
        "roadmaps, let's connect\"\n"
    ) in files["contacts/jane-doe.md"]


def test_the_january_2024_export(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    result = kith(root, "import", "linkedin", str(FIXTURES / "export-2024-01"))
    assert result.stderr.splitlines() == [
        "Invitations.csv:3: skipped: 2 connections are named 'Ken Adams': cannot tell which one "
        "the invitation was with",
        "messages.csv:4: skipped: 2 connections are named 'Ken Adams': cannot tell whom the "
        "message was with",
        "messages.csv:7: skipped: in the SPAM folder",
    ]
    files = tree(root, "contacts", "journal")
    assert sorted(files) == [
        "contacts/jane-doe.md",
        "contacts/ken-adams-2.md",
        "contacts/ken-adams.md",
        "journal/2023/2023-12-01-messages-with-jane-doe.md",
        "journal/2023/2023-12-03-messages-with-jane-doe.md",
        "journal/2023/2023-12-04-messages-with-ken-adams.md",
        "journal/2024/2024-01-05-recommendation-from-ken-adams.md",
    ]
    # No RECIPIENT PROFILE URLS: my message goes to the conversation's other member (12-01,
    # 1 from me) or, alone in it, to the one connection named in TO (12-03, initiated by me).
    assert (
        "2 messages (1 from me, 1 from them)"
        in files["journal/2023/2023-12-01-messages-with-jane-doe.md"]
    )
    assert "initiated_by: me\n" in files["journal/2023/2023-12-03-messages-with-jane-doe.md"]
    # The URN invitation is matched by name.
    assert 'saying "Hi Jane"' in files["contacts/jane-doe.md"]
    # The recommendation's Company and Job Title pick the right Ken Adams.
    assert "company: Lumen\n" in files["contacts/ken-adams.md"]
    assert (
        "with: [ken-adams]\n" in files["journal/2024/2024-01-05-recommendation-from-ken-adams.md"]
    )


def test_the_2022_export(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    result = kith(root, "import", "linkedin", str(FIXTURES / "export-2022"))
    assert result.exit_code == 0
    # Connections without URL, messages with sender URLs only: a sender is the one person
    # of the name they sign with; my own messages go to the conversation's other member, or
    # to the one connection named in TO. The Sam Lees stay apart: nothing is given to them.
    assert sorted(tree(root, "contacts", "journal")) == [
        "contacts/jane-doe.md",
        "journal/2022/2022-05-01-messages-with-jane-doe.md",
        "journal/2022/2022-05-03-messages-with-jane-doe.md",
    ]
    assert result.stderr.splitlines()[-1] == (
        "messages.csv:4: skipped: 2 connections are named 'Sam Lee': cannot tell whom the "
        "message was with"
    )
    files = tree(root, "journal")
    assert "initiated_by: them\n" in files["journal/2022/2022-05-01-messages-with-jane-doe.md"]
    assert "initiated_by: me\n" in files["journal/2022/2022-05-03-messages-with-jane-doe.md"]


def test_the_2020_export(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    result = kith(root, "import", "linkedin", str(FIXTURES / "export-2020"))
    assert result.stdout.splitlines()[-1] == (
        "Imported from LinkedIn: 5 created (2 contacts, 3 entries), 0 updated, 0 unchanged, "
        "7 skipped."
    )
    # Two Sam Lees and no URL: neither is imported, and nothing is given to either of them.
    assert result.stderr.splitlines() == [
        "Connections.csv:6: skipped: connections on lines 6, 7 are named 'Sam Lee' and have no "
        "URL to tell them apart",
        "Connections.csv:7: skipped: connections on lines 6, 7 are named 'Sam Lee' and have no "
        "URL to tell them apart",
        "Connections.csv:9: skipped: duplicate of line 8 (same name, no URL)",
        "Invitations.csv:3: skipped: 2 connections are named 'Sam Lee': cannot tell which one "
        "the invitation was with",
        "Recommendations_Received.csv:2: skipped: 'Sam Lee' is a connection skipped above "
        "(line 7): cannot tell whom the recommendation is about",
        "messages.csv:4: skipped: 2 connections are named 'Sam Lee': cannot tell whom the "
        "message was with",
        "messages.csv:6: skipped: in the SPAM folder",
    ]
    files = tree(root, "contacts", "journal")
    assert sorted(files) == [
        "contacts/jane-doe.md",
        "contacts/priya-raman.md",
        "journal/2020/2020-03-01-messages-with-jane-doe.md",
        "journal/2020/2020-03-03-messages-with-priya-raman.md",
        "journal/2020/2020-04-02-recommendation-from-jane-doe.md",
    ]
    # Direction says who wrote: the day began with Jane; my message to Priya began hers.
    assert "initiated_by: them\n" in files["journal/2020/2020-03-01-messages-with-jane-doe.md"]
    assert "initiated_by: me\n" in files["journal/2020/2020-03-03-messages-with-priya-raman.md"]


def test_newer_exports_over_older_ones_report_job_changes(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    for export in ("export-2020", "export-2024-01"):
        assert kith(root, "import", "linkedin", str(FIXTURES / export)).exit_code == 0
    jane = root / "contacts/jane-doe.md"
    jane.write_text(jane.read_text(encoding="utf-8") + "Met her at the 2019 meetup.\n", "utf-8")
    result = kith(root, "import", "linkedin", str(FIXTURES / "export-2026"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[lines.index("Job changes on LinkedIn since the last import:") :] == [
        "Job changes on LinkedIn since the last import:",
        "  jane-doe: company 'Acme' → 'Acme, Inc.' (Connections.csv:5)",
        "  jane-doe: title 'PM' → 'Senior PM' (Connections.csv:5)",
        "Imported from LinkedIn: 10 created (2 contacts, 8 entries), 2 updated, 0 unchanged, "
        "9 skipped.",
    ]
    text = jane.read_text(encoding="utf-8")
    assert "company: Acme, Inc.\n" in text and text.endswith("Met her at the 2019 meetup.\n")
    # Nobody is duplicated across generations: one Jane, one Priya, two of each twin.
    assert sorted(p.name for p in (root / "contacts").iterdir()) == [
        "jane-doe.md", "ken-adams-2.md", "ken-adams.md", "priya-raman.md", "sam-lee-2.md",
        "sam-lee.md",
    ]  # fmt: skip


def copy_export(tmp_path: Path) -> Path:
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "export-2026", export)
    return export


def test_malformed_files_write_nothing(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    before = tree(root, ".")
    export = copy_export(tmp_path)
    latin = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    latin += "Jos\xe9,Doe,,,,,01 Mar 2022\n"
    (export / "Connections.csv").write_bytes(latin.encode("latin-1"))
    messages = export / "messages.csv"
    rows = messages.read_text(encoding="utf-8").splitlines(keepends=True)
    header = "CONVERSATION ID,FROM,SENDER URL,TO,SENT,CONTENT,FOLDER\n"
    messages.write_text(header + "".join(rows[1:]), encoding="utf-8")
    result = kith(root, "import", "linkedin", str(export))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Connections.csv:2: not UTF-8 text (re-saved by a spreadsheet?)",
        "messages.csv:1: 'CONVERSATION ID,FROM,SENDER URL,TO,SENT,CONTENT,FOLDER' is "
        "the header of no known generation (expected From,To,Date,Subject,Content,Direction,"
        "Folder; CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,"
        "CONTENT,FOLDER; CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
        "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER)",
        "Error: 2 files cannot be read whole: nothing imported",
    ]
    assert result.stdout == ""
    assert tree(root, ".") == before


def test_a_truncated_zip_writes_nothing(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    before = tree(root, ".")
    archive = tmp_path / "Basic_LinkedInDataExport_11-22-2026.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted((FIXTURES / "export-2026").iterdir()):
            z.write(path, path.name)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    result = kith(root, "import", "linkedin", str(archive))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {archive}: a damaged or truncated zip file (download it again)\n"
    )
    assert tree(root, ".") == before


def test_a_huge_cell_writes_nothing(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    export = copy_export(tmp_path)
    cell = "\n".join(["x" * 1000] * 5000)
    with (export / "Invitations.csv").open("a", encoding="utf-8") as handle:
        handle.write(f'A,B,2024-01-01,"{cell}",INCOMING,,\n')
    result = kith(root, "import", "linkedin", str(export))
    assert result.exit_code == 1
    (line, error) = result.stderr.splitlines()
    assert line.startswith("Invitations.csv:")
    assert line.endswith(": a cell longer than 4 MB (up to this line): not a LinkedIn export")
    assert error == "Error: 1 file cannot be read whole: nothing imported"
    assert not (root / ".kithbook").exists()
    assert list((root / "contacts").iterdir()) == []


def test_dates_out_of_range_are_skipped_rows(tmp_path: Path) -> None:
    root = new_journal(tmp_path)
    export = copy_export(tmp_path)
    with (export / "Connections.csv").open("a", encoding="utf-8") as handle:
        handle.write("Far,Future,https://www.linkedin.com/in/far-future,,,,31 Dec 9999\n")
        handle.write("Very,Old,https://www.linkedin.com/in/very-old,,,,01 Jan 0001\n")
    with (export / "messages.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "c1,,Jane Doe,https://www.linkedin.com/in/janedoe,Jordan Reyes,"
            "https://www.linkedin.com/in/jordan-reyes,9999-12-31 23:59:59 UTC,,Hi,INBOX,,No\n"
            "c1,,Jane Doe,https://www.linkedin.com/in/janedoe,Jordan Reyes,"
            "https://www.linkedin.com/in/jordan-reyes,1026-01-01 00:00:00 UTC,,Hi,INBOX,,No\n"
        )
    with (export / "Invitations.csv").open("a", encoding="utf-8") as handle:
        handle.write("Jane Doe,Jordan Reyes,2099-12-31,,INCOMING,,\n")
    result = kith(root, "import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    added = ("Connections.csv:10:", "Connections.csv:11:", "messages.csv:12:", "messages.csv:13:")
    skipped = [line for line in result.stderr.splitlines() if line.startswith(added)]
    assert skipped == [
        "Connections.csv:10: skipped: Connected On 9999-12-31 is after today",
        "Connections.csv:11: skipped: Connected On '01 Jan 0001' is before LinkedIn began (2003)",
        "messages.csv:12: skipped: dated 9999-12-31, after today",
        "messages.csv:13: skipped: DATE '1026-01-01 00:00:00 UTC' is before LinkedIn began (2003)",
    ]
    assert "Invitations.csv:5: skipped: dated 2099-12-31, after today" in result.stderr
    assert not (root / "contacts/far-future.md").exists()
    assert kith(root, "check").exit_code == 0
    assert kith(root, "today").exit_code == 0
