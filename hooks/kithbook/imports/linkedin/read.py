"""Read LinkedIn's export (the zip, its folder, or one CSV): find each file, its header, its rows.

Columns are mapped by header name. The header line is found by scanning past the `Notes:`
preamble and must be one of a known generation's (docs/cli.md lists them); a UTF-8 BOM and
CRLF line endings are accepted; extra unknown columns are reported, never fatal. Nothing is
extracted to disk: zip members are read as streams, line by line, with a cap on every line,
so a hostile archive cannot take more memory than a real export. A file that cannot be read
whole (not UTF-8, a header of no known generation, a damaged zip, a line too long) is an
error: the import then writes nothing.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from ...reading.records import Problem, Source
from .rows import (
    Cells,
    Connection,
    Endorsement,
    Invitation,
    Message,
    Recommendation,
    read_connection,
    read_endorsement_given,
    read_endorsement_received,
    read_invitation,
    read_message,
    read_recommendation,
)

T = TypeVar("T")
HEADER_SCAN = 20  # lines searched for the header (the preamble takes about three)
MAX_LINE = 4 * 1024**2  # bytes in one line of a CSV; LinkedIn caps a message far below this
MAX_MEMBER = 2 * 1024**3  # bytes; a bigger member of the zip is not a LinkedIn export


def _columns(header: str) -> tuple[str, ...]:
    return tuple(header.lower().split(","))


@dataclass(frozen=True)
class Spec(Generic[T]):
    """One CSV of the export: its file name, the header of each generation, its reader.

    `generations` are (when, header line) pairs, documented in docs/cli.md; a header line
    must hold every column of one of them. `optional` columns may follow in any of them.
    """

    kind: str
    file: str
    generations: tuple[tuple[str, str], ...]
    read: Callable[[str, int, Cells], tuple[T | None, list[Problem]]]
    optional: tuple[str, ...] = ()

    @property
    def known(self) -> frozenset[str]:
        return frozenset(c for _, header in self.generations for c in _columns(header)) | frozenset(
            self.optional
        )

    def generation(self, keys: list[str]) -> str | None:
        """The generation whose header `keys` is (the one with most columns), or None."""
        present = set(keys)
        fits = [
            (len(_columns(header)), when)
            for when, header in self.generations
            if present.issuperset(_columns(header))
        ]
        return max(fits)[1] if fits else None


_CONNECTIONS_OLD = "First Name,Last Name,Email Address,Company,Position,Connected On"
CONNECTIONS = Spec[Connection](
    "connections",
    "Connections.csv",
    (
        ("2018–2022", _CONNECTIONS_OLD),
        ("2022+", "First Name,Last Name,URL,Email Address,Company,Position,Connected On"),
    ),
    read_connection,
)
_MESSAGES_2021 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT"
)
MESSAGES = Spec[Message](
    "messages",
    "messages.csv",
    (
        ("2018–2020", "From,To,Date,Subject,Content,Direction,Folder"),
        ("2021–mid-2024", _MESSAGES_2021 + ",FOLDER"),
        (
            "mid-2024+",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER",
        ),
    ),
    read_message,
    ("attachments", "is message draft"),
)
_INVITATIONS = "From,To,Sent At,Message,Direction"
INVITATIONS = Spec[Invitation](
    "invitations",
    "Invitations.csv",
    (
        ("2018+", _INVITATIONS),
        ("January 2024", _INVITATIONS + ",inviterProfileUrn,inviteeProfileUrn"),
        ("2024+", _INVITATIONS + ",inviterProfileUrl,inviteeProfileUrl"),
    ),
    read_invitation,
)
_RECOMMENDATIONS = (("2018+", "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"),)
RECOMMENDATIONS_GIVEN = Spec[Recommendation](
    "recommendations_given", "Recommendations_Given.csv", _RECOMMENDATIONS, read_recommendation
)
RECOMMENDATIONS_RECEIVED = Spec[Recommendation](
    "recommendations_received",
    "Recommendations_Received.csv",
    _RECOMMENDATIONS,
    read_recommendation,
)
ENDORSEMENTS_GIVEN = Spec[Endorsement](
    "endorsements_given",
    "Endorsement_Given_Info.csv",
    (
        (
            "2020+",
            "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,"
            "Endorsee Public Url,Endorsement Status",
        ),
    ),
    read_endorsement_given,
)
ENDORSEMENTS_RECEIVED = Spec[Endorsement](
    "endorsements_received",
    "Endorsement_Received_Info.csv",
    (
        (
            "2020+",
            "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
            "Endorser Public Url,Endorsement Status",
        ),
    ),
    read_endorsement_received,
)
SPECS: tuple[Spec[Any], ...] = (
    CONNECTIONS,
    MESSAGES,
    INVITATIONS,
    RECOMMENDATIONS_GIVEN,
    RECOMMENDATIONS_RECEIVED,
    ENDORSEMENTS_GIVEN,
    ENDORSEMENTS_RECEIVED,
)
# Files of the export that this import knows of and leaves alone (lower case, no `.csv`):
# the owner's own profile and activity, ads, learning, jobs, and LinkedIn's AI coaches.
IGNORED = frozenset(
    (
        "profile", "profile summary", "positions", "education", "skills", "languages",
        "certifications", "courses", "honors", "projects", "publications", "patents",
        "organizations", "volunteering", "causes you care about", "email addresses",
        "phonenumbers", "whatsapp phone numbers", "registration", "private_identity_asset",
        "rich_media", "shares", "comments", "reactions", "votes", "instantreposts", "events",
        "member_follows", "company follows", "hashtag_follows", "saved_items",
        "savedjobalerts", "saved jobs", "job applications", "job seeker preferences",
        "job applicant saved answers", "job applicant saved screening question responses",
        "online job postings", "learning", "learning_coach_messages",
        "learning_role_play_messages", "guide_messages", "coach_messages", "ad_targeting",
        "ads clicked", "ads_clicked", "lan ads engagement", "inferences_about_you", "receipts",
        "receipts_v2", "logins", "security challenges", "imported contacts",
        "importedcontacts", "contacts", "sharing_info", "services marketplaces", "providers",
        "recommendations", "test scores", "testscores", "verifications", "search queries",
        "searchqueries", "endorsement_received_info_skills",
    )
)  # fmt: skip


@dataclass
class Export:
    """Every usable row of an export, what was skipped (with its line), notes and errors.

    `files` are the files read; `ignored` the export's files this import knows and leaves
    alone; `unknown` files it does not know. `errors` make the import write nothing.
    """

    files: list[str] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    recommendations_given: list[Recommendation] = field(default_factory=list)
    recommendations_received: list[Recommendation] = field(default_factory=list)
    endorsements_given: list[Endorsement] = field(default_factory=list)
    endorsements_received: list[Endorsement] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    generations: dict[str, str] = field(default_factory=dict)  # file read → its generation


class ExportError(Exception):
    """The path is not a LinkedIn export we can read; the message is for the user."""


class _Unreadable(Exception):
    """A line of a file that stops it being read: (line, message)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())


def text_lines(raw: IO[bytes]) -> Iterator[str]:
    """Lines of UTF-8 text (a leading BOM dropped), each at most MAX_LINE bytes long.

    Reading line by line with a cap keeps memory bounded whatever the file holds, and a
    bad byte is reported on its own line rather than somewhere in a buffer.
    """
    number = 0
    while True:
        data = raw.readline(MAX_LINE + 1)
        if not data:
            return
        number += 1
        if len(data) > MAX_LINE:
            raise _Unreadable(
                number, f"a line longer than {MAX_LINE // 1024**2} MB: not a LinkedIn export"
            )
        if number == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            yield data.decode("utf-8")
        except UnicodeDecodeError:
            raise _Unreadable(number, "not UTF-8 text (re-saved by a spreadsheet?)") from None


def _header_generation(
    spec: Spec[Any], keys: list[str], cells: list[str], name: str, line: int, export: Export
) -> bool:
    """Whether this line is the file's header; notes its unknown columns."""
    generation = spec.generation(keys)
    if generation is None:
        return False
    export.generations[name] = generation
    known = spec.known
    unknown = [c for c in cells if header_key(c) and header_key(c) not in known]
    if unknown:
        listed = ", ".join(f"'{c.strip()}'" for c in unknown)
        export.notes.append(Problem(Source(name, line), f"unknown column(s) {listed}: ignored"))
    return True


def read_table(raw: IO[bytes], name: str, spec: Spec[T], out: list[T], export: Export) -> None:
    """Rows of one CSV into `out`; skipped rows, notes and errors into `export`.

    Rows are kept aside until the whole file has been read: a file with an error adds no row.
    """
    csv.field_size_limit(MAX_LINE)
    reader = csv.reader(text_lines(raw))
    columns: list[str] | None = None
    near: tuple[int, str] | None = None  # a line that looks like a header of no generation
    previous_end = 0
    rows: list[T] = []
    skipped: list[Problem] = []
    notes: list[Problem] = []
    try:
        for cells in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if columns is None:
                keys = [header_key(c) for c in cells]
                if _header_generation(spec, keys, cells, name, line, export):
                    columns = keys
                elif near is None and len(set(keys) & spec.known) >= 2:
                    near = (line, ",".join(c.strip() for c in cells))
                if columns is None and line >= HEADER_SCAN:
                    break
                continue
            if not any(c.strip() for c in cells):
                if cells:
                    skipped.append(Problem(Source(name, line), "skipped: blank row"))
                continue
            row = {key: value for key, value in zip(columns, cells, strict=False) if key}
            item, problems = spec.read(name, line, row)
            if item is None:
                skipped.extend(problems)
            else:
                notes.extend(problems)
                rows.append(item)
    except _Unreadable as err:
        export.errors.append(Problem(Source(name, err.line), err.message))
        return
    except csv.Error as err:
        line = reader.line_num or 1
        message = (
            f"a cell longer than {MAX_LINE // 1024**2} MB (up to this line): not a LinkedIn export"
            if "field limit" in str(err)
            else f"unreadable CSV ({err})"
        )
        export.errors.append(Problem(Source(name, line), message))
        return
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        line = previous_end + 1
        export.errors.append(Problem(Source(name, line), f"damaged in the zip ({err})"))
        return
    if columns is None:
        generations = "; ".join(header for _, header in spec.generations)
        if near is not None:
            message = f"'{near[1]}' is the header of no known generation (expected {generations})"
            export.errors.append(Problem(Source(name, near[0]), message))
        else:
            message = f"no header line found (expected {generations})"
            export.errors.append(Problem(Source(name, 1), message))
        return
    out.extend(rows)
    export.skipped.extend(skipped)
    export.notes.extend(notes)


def _target(spec: Spec[T], export: Export) -> list[T]:
    target: list[T] = getattr(export, spec.kind)
    return target


def _base(name: str) -> str:
    return name.rsplit("/", 1)[-1].lower()


def _spec_for_name(name: str) -> Spec[Any] | None:
    base = _base(name)
    for spec in SPECS:
        if base == spec.file.lower():
            return spec
    return None


def _is_ignored(name: str) -> bool:
    """A file of the export this import knows and leaves alone (also its folders' files)."""
    parts = name.lower().split("/")
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]
    folders = {"articles", "jobs", "verifications", "learning", "messages_attachments"}
    return stem in IGNORED or bool(folders & set(parts[:-1]))


def _sniff(path: Path) -> Spec[Any] | None:
    """The spec whose header appears in the first lines of a CSV with an unusual name."""
    try:
        with path.open("rb") as handle:
            text = handle.read(16384).decode("utf-8-sig", errors="replace")
        lines = list(csv.reader(io.StringIO(text)))[:HEADER_SCAN]
    except (OSError, csv.Error):
        return None
    for cells in lines:
        keys = [header_key(c) for c in cells]
        for spec in SPECS:
            if spec.generation(keys) is not None:
                return spec
    return None


def _classify(names: list[str], export: Export) -> dict[str, str]:
    """The file to read for each kind; the rest listed as ignored or unknown."""
    chosen: dict[str, str] = {}
    names = [
        n for n in names if not n.startswith("__MACOSX/") and not _base(n).startswith(("._", "."))
    ]
    for name in sorted(names, key=lambda n: (n.count("/"), n)):
        spec = _spec_for_name(name)
        if spec is not None and spec.kind not in chosen:
            chosen[spec.kind] = name
        elif spec is not None or _is_ignored(name):
            export.ignored.append(name)
        else:
            export.unknown.append(name)
    export.ignored.sort()
    export.unknown.sort()
    return chosen


def _sources(
    path: Path, stack: ExitStack, export: Export
) -> Iterator[tuple[str, Spec[Any], IO[bytes]]]:
    """(display name, spec, byte stream) for each known CSV at `path`."""
    if path.is_dir():
        files = {
            p.relative_to(path).as_posix(): p
            for p in path.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        }
        chosen = _classify(list(files), export)
        for spec in SPECS:
            if spec.kind in chosen:
                name = chosen[spec.kind]
                yield name, spec, stack.enter_context(files[name].open("rb"))
        return
    if zipfile.is_zipfile(path):
        archive = stack.enter_context(zipfile.ZipFile(path))
        infos = {i.filename: i for i in archive.infolist() if not i.is_dir()}
        chosen = _classify(list(infos), export)
        for spec in SPECS:
            if spec.kind not in chosen:
                continue
            info = infos[chosen[spec.kind]]
            if info.file_size > MAX_MEMBER:
                raise ExportError(f"{info.filename} in the zip is too large to be an export")
            # ZipExtFile never returns more than the member's recorded size.
            yield info.filename, spec, stack.enter_context(archive.open(info))
        return
    if path.suffix.lower() == ".zip":
        raise ExportError(f"{path}: a damaged or truncated zip file (download it again)")
    single = _spec_for_name(path.name) or _sniff(path)
    if single is None:
        raise ExportError(
            f"{path.name} is not a LinkedIn export file this import reads "
            "(Connections.csv, messages.csv, Invitations.csv, Recommendations_*.csv, "
            "Endorsement_*_Info.csv)"
        )
    yield path.name, single, stack.enter_context(path.open("rb"))


def read_export(path: Path) -> Export:
    """Every known CSV at `path` (zip, folder or file); raises ExportError if there is none."""
    if not path.exists():
        raise ExportError(f"{path} does not exist")
    export = Export()
    try:
        with ExitStack() as stack:
            for name, spec, stream in _sources(path, stack, export):
                export.files.append(name)
                read_table(stream, name, spec, _target(spec, export), export)
    except (zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise ExportError(f"{path}: a damaged zip file ({err})") from None
    except OSError as err:
        raise ExportError(f"cannot read {path}: {err.strerror or err}") from None
    if not export.files:
        raise ExportError(
            f"{path}: no LinkedIn export files found (Connections.csv, messages.csv, "
            "Invitations.csv, Recommendations_Given.csv, Recommendations_Received.csv, "
            "Endorsement_Given_Info.csv, Endorsement_Received_Info.csv)"
        )
    return export
