"""Reading LinkedIn's export as it really comes: preambles, BOM, CRLF, odd rows, three inputs."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from kithbook.imports.linkedin.read import ExportError, read_export
from kithbook.imports.linkedin.rows import parse_export_date
from kithbook.imports.linkedin.urls import normalise_profile_url, split_urls

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed ..."\n'
    "\n"
)


def write(path: Path, text: str, bom: bool = False, crlf: bool = False) -> Path:
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def messages(export: object) -> list[str]:
    return [str(p) for p in getattr(export, "skipped", [])]


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize(
    "preamble", ["", PREAMBLE, PREAMBLE.replace("Notes:", '"Notes:"')], ids=["none", "notes", "q"]
)
def test_connections_in_every_shape(tmp_path: Path, bom: bool, crlf: bool, preamble: str) -> None:
    text = preamble + HEADER + '\nJane,Doe,https://www.linkedin.com/in/janedoe,,"Acme, Inc.",'
    text += 'Senior "PM",01 Mar 2022\n'
    export = read_export(write(tmp_path / "Connections.csv", text, bom, crlf))
    assert export.files == ["Connections.csv"]
    assert export.skipped == [] and export.notes == []
    (row,) = export.connections
    assert row.line == preamble.count("\n") + 2
    assert (row.name, row.url, row.company, row.title, row.connected, row.email) == (
        "Jane Doe",
        "https://www.linkedin.com/in/janedoe",
        "Acme, Inc.",
        'Senior "PM"',
        dt.date(2022, 3, 1),
        None,
    )


def test_odd_rows_are_reported_with_their_lines(tmp_path: Path) -> None:
    rows = [
        'Ann,"O""Neil, Jr.",linkedin.com/in/Ann-ONeil/?trk=abc,ann@example.com,'
        '"Q, ""Cloud""",CTO,1 Jan 2026',
        ",,,,,,",
        "",
        ",,https://www.linkedin.com/in/nobody,,Acme,,07 Dec 2025",
        "李,小龙,https://www.linkedin.com/in/li,,北京,工程师,7-Feb-22",
        "🚀,,https://www.linkedin.com/in/rocket,,,,",
        'Eve,"<script>alert(1)</script>",https://www.linkedin.com/in/eve,,'
        "<img src=x onerror=alert(1)>,,soon",
        "Bad,Url,https://example.com/in/bad,,,,",
    ]  # fmt: skip
    path = write(tmp_path / "Connections.csv", PREAMBLE + HEADER + ",Extra\n" + "\n".join(rows))
    export = read_export(path)
    assert messages(export) == [
        "Connections.csv:6: skipped: blank row",
        "Connections.csv:8: skipped: no name (First Name and Last Name are empty)",
    ]
    assert [str(n) for n in export.notes] == [
        "Connections.csv:4: unknown column(s) 'Extra': ignored",
        "Connections.csv:11: Connected On 'soon' is not a date: met left empty",
        "Connections.csv:12: URL 'https://example.com/in/bad' is not a LinkedIn profile: "
        "matched by name",
    ]
    got = [(r.line, r.name, r.url, r.company, r.title, r.connected) for r in export.connections]
    assert got == [
        (5, 'Ann O"Neil, Jr.', "https://www.linkedin.com/in/ann-oneil", 'Q, "Cloud"', "CTO",
         dt.date(2026, 1, 1)),
        (9, "李 小龙", "https://www.linkedin.com/in/li", "北京", "工程师", dt.date(2022, 2, 7)),
        (10, "🚀", "https://www.linkedin.com/in/rocket", None, None, None),
        (11, "Eve <script>alert(1)</script>", "https://www.linkedin.com/in/eve",
         "<img src=x onerror=alert(1)>", None, None),
        (12, "Bad Url", None, None, None, None),
    ]  # fmt: skip
    assert export.connections[0].email == "ann@example.com"


def test_old_header_without_url(tmp_path: Path) -> None:
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\nJane,Doe,,Acme,PM,\n"
    (row,) = read_export(write(tmp_path / "Connections.csv", text)).connections
    assert (row.name, row.url, row.company, row.connected) == ("Jane Doe", None, "Acme", None)


def test_a_file_without_its_header(tmp_path: Path) -> None:
    export = read_export(write(tmp_path / "Connections.csv", "Notes:\nnothing here\n"))
    assert [str(e) for e in export.errors] == [
        "Connections.csv:1: no header line found (expected First Name,Last Name,Email Address,"
        "Company,Position,Connected On; First Name,Last Name,URL,Email Address,Company,Position,"
        "Connected On)"
    ]
    text = "Notes:\n\nFirst Name,Last Name,Profile,Connected On\nJane,Doe,x,01 Mar 2022\n"
    export = read_export(write(tmp_path / "Connections.csv", text))
    assert next(str(e) for e in export.errors).startswith(
        "Connections.csv:3: 'First Name,Last Name,Profile,Connected On' is the header of no "
        "known generation (expected "
    )
    assert export.connections == []


def test_multiline_cells_keep_line_numbers(tmp_path: Path) -> None:
    text = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
        "c1,,Jane,https://www.linkedin.com/in/jane,Me,https://www.linkedin.com/in/me,"
        '2025-03-04 10:00:00 UTC,,"line one\nline two, <b>bold</b>",INBOX,,No\n'
        "c1,,Me,https://www.linkedin.com/in/me,Jane,https://www.linkedin.com/in/jane,"
        "not a date,,x,INBOX,,No\n"
        "c1,,Me,https://www.linkedin.com/in/me,Jane,https://www.linkedin.com/in/jane,"
        "2025-03-05 10:00:00 UTC,,draft,INBOX,,Yes\n"
        "c1,,Me,,Jane,https://www.linkedin.com/in/jane,2025-03-05 10:00:00 UTC,,x,INBOX,,No\n"
    )
    export = read_export(write(tmp_path / "messages.csv", text, crlf=True))
    (message,) = export.messages
    assert (message.line, message.excerpt, message.day) == (
        2,
        "line one line two, <b>bold</b>",
        dt.date(2025, 3, 4),
    )
    assert messages(export) == [
        "messages.csv:4: skipped: DATE 'not a date' is not a date",
        "messages.csv:5: skipped: a draft, never sent",
        "messages.csv:6: skipped: no SENDER PROFILE URL (people are matched by it)",
    ]


def test_zip_folder_and_single_csv(tmp_path: Path) -> None:
    connections = HEADER + "\nJane,Doe,https://www.linkedin.com/in/janedoe,,Acme,PM,01 Mar 2022\n"
    invitations = 'From,To,Sent At,Message,Direction\nJane Doe,Me,"9/25/26, 8:52 AM",Hi,INCOMING\n'
    folder = tmp_path / "export" / "Basic_LinkedInDataExport"
    folder.mkdir(parents=True)
    write(folder / "Connections.csv", connections)
    write(folder / "Invitations.csv", invitations)
    write(folder / "Ads_Clicked.csv", "whatever\n")
    archive = tmp_path / "Basic_LinkedInDataExport_11-22-2026.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Connections.csv", "\ufeff" + PREAMBLE + connections)
        z.writestr("Invitations.csv", invitations)
        z.writestr("../../evil.csv", "x")
    renamed = write(tmp_path / "connections (1).csv", connections)
    for path, files in [
        (tmp_path / "export", ["Basic_LinkedInDataExport/Connections.csv",
                               "Basic_LinkedInDataExport/Invitations.csv"]),
        (archive, ["Connections.csv", "Invitations.csv"]),
        (folder / "Connections.csv", ["Connections.csv"]),
        (renamed, ["connections (1).csv"]),
    ]:  # fmt: skip
        export = read_export(path)
        assert export.files == files
        assert [c.name for c in export.connections] == ["Jane Doe"]
    (invitation,) = read_export(archive).invitations
    assert (invitation.outgoing, invitation.other, invitation.day) == (
        False,
        "Jane Doe",
        dt.date(2026, 9, 25),
    )
    assert not (tmp_path.parent / "evil.csv").exists()


def test_unusable_inputs(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        read_export(tmp_path / "nope.zip")
    with pytest.raises(ExportError, match="no LinkedIn export files found"):
        read_export(tmp_path)
    other = write(tmp_path / "notes.csv", "a,b\n1,2\n")
    with pytest.raises(ExportError, match=r"notes\.csv is not a LinkedIn export file"):
        read_export(other)
    latin = tmp_path / "Connections.csv"
    latin.write_bytes((HEADER + "\nJos\xe9,Doe,,,,,\n").encode("latin-1"))
    export = read_export(latin)
    assert [str(e) for e in export.errors] == [
        "Connections.csv:2: not UTF-8 text (re-saved by a spreadsheet?)"
    ]
    assert export.connections == []
    truncated = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(truncated, "w") as z:
        z.writestr("Connections.csv", HEADER + "\n" + "Jane,Doe,,,,,01 Mar 2022\n" * 500)
    truncated.write_bytes(truncated.read_bytes()[:3000])
    with pytest.raises(ExportError, match="a damaged or truncated zip file"):
        read_export(truncated)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("07 Dec 2025", dt.date(2025, 12, 7)),
        ("1 Jan 2026", dt.date(2026, 1, 1)),
        ("7-Feb-22", dt.date(2022, 2, 7)),
        ("9/25/26, 8:52 AM", dt.date(2026, 9, 25)),
        ("2025-03-04 10:00:00 UTC", dt.date(2025, 3, 4)),
        ("2025-03-04T10:00:00Z", dt.date(2025, 3, 4)),
        ("Mar 4, 2025", dt.date(2025, 3, 4)),
        ("", None),
        ("yesterday", None),
        ("2025-02-30", None),
    ],
)
def test_dates(text: str, day: dt.date | None) -> None:
    assert parse_export_date(text) == day


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("https://www.linkedin.com/in/janedoe", "https://www.linkedin.com/in/janedoe"),
        ("linkedin.com/in/JaneDoe/", "https://www.linkedin.com/in/janedoe"),
        ("http://uk.linkedin.com/in/jane-doe-12345/en?trk=x#top", "https://www.linkedin.com/in/jane-doe-12345"),
        ("www.linkedin.com/in/%C3%A9lodie", "https://www.linkedin.com/in/%C3%A9lodie"),
        ("https://www.linkedin.com/pub/jane-doe/1/2/3", "https://www.linkedin.com/pub/jane-doe/1/2/3"),
        ("https://evil.example/in/janedoe", None),
        ("javascript:alert(1)", None),
        ("https://www.linkedin.com/company/acme", None),
        ("", None),
    ],
)  # fmt: skip
def test_profile_urls(raw: str, url: str | None) -> None:
    assert normalise_profile_url(raw) == url


def test_recipient_lists() -> None:
    assert split_urls("https://www.linkedin.com/in/a,https://www.linkedin.com/in/B/ x") == [
        "https://www.linkedin.com/in/a",
        "https://www.linkedin.com/in/b",
    ]


def test_a_huge_line_is_refused_with_little_memory(tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Connections.csv", HEADER + "\nJane," + "a" * 60_000_000 + "\n")
    assert archive.stat().st_size < 200_000
    tracemalloc.start()
    try:
        export = read_export(archive)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(e) for e in export.errors] == [
        "Connections.csv:2: a line longer than 4 MB: not a LinkedIn export"
    ]
    assert export.connections == []
    assert peak < 30_000_000


def test_a_huge_cell_over_many_lines_is_refused(tmp_path: Path) -> None:
    cell = "\n".join(["x" * 1000] * 5000)
    text = HEADER + f'\nJane,Doe,,,"{cell}",,01 Mar 2022\nAda,Lovelace,,,,,\n'
    export = read_export(write(tmp_path / "Connections.csv", text))
    (error,) = export.errors
    assert str(error).startswith("Connections.csv:")
    assert str(error).endswith(": a cell longer than 4 MB (up to this line): not a LinkedIn export")
    assert export.connections == []


def test_dates_before_linkedin_are_skipped_rows(tmp_path: Path) -> None:
    text = HEADER + "\nJane,Doe,,,Acme,PM,01 Jan 1026\nAda,Lovelace,,,,,01 Jan 2003\n"
    text += "Old,Timer,,,,,07 May 2003\n"
    export = read_export(write(tmp_path / "Connections.csv", text))
    assert messages(export) == [
        "Connections.csv:2: skipped: Connected On '01 Jan 1026' is before LinkedIn began (2003)",
        "Connections.csv:3: skipped: Connected On '01 Jan 2003' is before LinkedIn began (2003)",
    ]
    assert [c.name for c in export.connections] == ["Old Timer"]


def test_files_are_listed_as_read_ignored_or_unknown(tmp_path: Path) -> None:
    archive = tmp_path / "Complete_LinkedInDataExport_11-22-2026.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Connections.csv", HEADER + "\nJane,Doe,,,,,01 Mar 2022\n")
        z.writestr("__MACOSX/._Connections.csv", "\x00\x05binary")
        z.writestr("Profile.csv", "First Name\n")
        z.writestr("Jobs/Job Applications.csv", "x\n")
        z.writestr("learning_coach_messages.csv", "x\n")
        z.writestr("Mystery.csv", "x\n")
        z.writestr("notes.txt", "x\n")
    export = read_export(archive)
    assert export.files == ["Connections.csv"]
    assert export.generations == {"Connections.csv": "2022+"}
    assert export.ignored == [
        "Jobs/Job Applications.csv",
        "Profile.csv",
        "learning_coach_messages.csv",
    ]
    assert export.unknown == ["Mystery.csv", "notes.txt"]
    assert [c.name for c in export.connections] == ["Jane Doe"]
