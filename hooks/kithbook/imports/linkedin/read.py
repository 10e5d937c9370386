"""Read LinkedIn's export (the zip, its folder, or one CSV): find each file, its header, its rows.

Columns are mapped by header name. The header line is found by scanning past the `Notes:`
preamble; a UTF-8 BOM and CRLF line endings are accepted; unknown columns are reported,
never fatal. Nothing is extracted to disk: zip members are read as streams.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from ...reading.records import Problem, Source
from .rows import (
    Cells,
    Connection,
    Invitation,
    Message,
    Recommendation,
    read_connection,
    read_invitation,
    read_message,
    read_recommendation,
)

T = TypeVar("T")
HEADER_SCAN = 20  # lines searched for the header (the preamble takes about three)
MAX_MEMBER = 2 * 1024**3  # bytes; a bigger member of the zip is not a LinkedIn export


@dataclass(frozen=True)
class Spec(Generic[T]):
    """One CSV of the export: its file name, the columns that mark its header, its reader."""

    kind: str
    file: str
    marks: tuple[str, ...]
    known: tuple[str, ...]
    read: Callable[[str, int, Cells], tuple[T | None, list[Problem]]]


CONNECTIONS = Spec[Connection](
    "connections",
    "Connections.csv",
    ("first name", "last name"),
    ("first name", "last name", "url", "email address", "company", "position", "connected on"),
    read_connection,
)
MESSAGES = Spec[Message](
    "messages",
    "messages.csv",
    ("from", "sender profile url", "date"),
    (
        "conversation id",
        "conversation title",
        "from",
        "sender profile url",
        "to",
        "recipient profile urls",
        "date",
        "subject",
        "content",
        "folder",
        "attachments",
        "is message draft",
    ),
    read_message,
)
INVITATIONS = Spec[Invitation](
    "invitations",
    "Invitations.csv",
    ("from", "to", "direction"),
    ("from", "to", "sent at", "message", "direction", "inviterprofileurl", "inviteeprofileurl"),
    read_invitation,
)
_RECOMMENDATION_COLUMNS = (
    "first name", "last name", "company", "job title", "text", "creation date", "status",
)  # fmt: skip
RECOMMENDATIONS_GIVEN = Spec[Recommendation](
    "recommendations_given",
    "Recommendations_Given.csv",
    ("first name", "last name", "text"),
    _RECOMMENDATION_COLUMNS,
    read_recommendation,
)
RECOMMENDATIONS_RECEIVED = Spec[Recommendation](
    "recommendations_received",
    "Recommendations_Received.csv",
    ("first name", "last name", "text"),
    _RECOMMENDATION_COLUMNS,
    read_recommendation,
)
SPECS: tuple[Spec[Any], ...] = (
    CONNECTIONS,
    MESSAGES,
    INVITATIONS,
    RECOMMENDATIONS_GIVEN,
    RECOMMENDATIONS_RECEIVED,
)


@dataclass
class Export:
    """Every usable row of an export, what was skipped (with its line), and notes."""

    files: list[str] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    recommendations_given: list[Recommendation] = field(default_factory=list)
    recommendations_received: list[Recommendation] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


class ExportError(Exception):
    """The path is not a LinkedIn export we can read; the message is for the user."""


def header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())


def read_table(stream: IO[str], name: str, spec: Spec[T], out: list[T], export: Export) -> None:
    """Rows of one CSV into `out`; skipped rows and notes into `export`."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(stream)
    columns: list[str] | None = None
    previous_end = 0
    try:
        for cells in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if columns is None:
                keys = [header_key(c) for c in cells]
                if all(mark in keys for mark in spec.marks):
                    columns = keys
                    unknown = [
                        c for c in cells if header_key(c) and header_key(c) not in spec.known
                    ]
                    if unknown:
                        listed = ", ".join(f"'{c.strip()}'" for c in unknown)
                        export.notes.append(
                            Problem(Source(name, line), f"unknown column(s) {listed}: ignored")
                        )
                elif line >= HEADER_SCAN:
                    break
                continue
            if not any(c.strip() for c in cells):
                if cells:
                    export.skipped.append(Problem(Source(name, line), "skipped: blank row"))
                continue
            row = {key: value for key, value in zip(columns, cells, strict=False) if key}
            item, problems = spec.read(name, line, row)
            if item is None:
                export.skipped.extend(problems)
            else:
                export.notes.extend(problems)
                out.append(item)
    except csv.Error as err:
        export.skipped.append(
            Problem(Source(name, reader.line_num), f"unreadable CSV ({err}): the rest is skipped")
        )
    except UnicodeDecodeError:
        message = (
            f"not UTF-8 text after line {previous_end} (re-saved by a spreadsheet?): "
            "the rest is skipped"
            if previous_end
            else "not UTF-8 text (re-saved by a spreadsheet?): file skipped"
        )
        export.skipped.append(Problem(Source(name, previous_end + 1), message))
        return
    if columns is None:
        wanted = ", ".join(m.title() for m in spec.marks)
        export.skipped.append(
            Problem(Source(name, 1), f"no header line with {wanted} found: file skipped")
        )


def _target(spec: Spec[T], export: Export) -> list[T]:
    target: list[T] = getattr(export, spec.kind)
    return target


def _spec_for_name(name: str) -> Spec[Any] | None:
    base = name.rsplit("/", 1)[-1].lower()
    for spec in SPECS:
        if base == spec.file.lower():
            return spec
    return None


def _sniff(path: Path) -> Spec[Any] | None:
    """The spec whose header marks appear in the first lines of a CSV with an unusual name."""
    try:
        with path.open(encoding="utf-8-sig", newline="", errors="replace") as handle:
            head = [
                header_key(c) for line in csv.reader(io.StringIO(handle.read(16384))) for c in line
            ]
    except (OSError, csv.Error):
        return None
    for spec in sorted(SPECS, key=lambda s: -len(s.marks)):
        if all(mark in head for mark in spec.marks):
            return spec
    return None


def _sources(path: Path, stack: ExitStack) -> Iterator[tuple[str, Spec[Any], IO[str]]]:
    """(display name, spec, text stream) for each known CSV at `path`."""
    if path.is_dir():
        found: dict[str, Path] = {}
        for candidate in sorted(path.rglob("*.csv"), key=lambda p: (len(p.parts), str(p))):
            spec = _spec_for_name(candidate.name)
            if spec is not None and spec.kind not in found:
                found[spec.kind] = candidate
        for spec in SPECS:
            if spec.kind in found:
                file = found[spec.kind]
                stream = stack.enter_context(file.open(encoding="utf-8-sig", newline=""))
                yield file.relative_to(path).as_posix(), spec, stream
        return
    if zipfile.is_zipfile(path):
        archive = stack.enter_context(zipfile.ZipFile(path))
        members: dict[str, zipfile.ZipInfo] = {}
        for info in sorted(archive.infolist(), key=lambda i: (i.filename.count("/"), i.filename)):
            spec = _spec_for_name(info.filename)
            if spec is not None and not info.is_dir() and spec.kind not in members:
                members[spec.kind] = info
        for spec in SPECS:
            info_ = members.get(spec.kind)
            if info_ is None:
                continue
            if info_.file_size > MAX_MEMBER:
                raise ExportError(f"{info_.filename} in the zip is too large to be an export")
            raw = stack.enter_context(archive.open(info_))
            stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            yield info_.filename, spec, stream
        return
    spec = _spec_for_name(path.name) or _sniff(path)
    if spec is None:
        raise ExportError(
            f"{path.name} is not a LinkedIn export file this import reads "
            "(Connections.csv, messages.csv, Invitations.csv, Recommendations_*.csv)"
        )
    yield path.name, spec, stack.enter_context(path.open(encoding="utf-8-sig", newline=""))


def read_export(path: Path) -> Export:
    """Every known CSV at `path` (zip, folder or file); raises ExportError if there is none."""
    if not path.exists():
        raise ExportError(f"{path} does not exist")
    export = Export()
    try:
        with ExitStack() as stack:
            for name, spec, stream in _sources(path, stack):
                export.files.append(name)
                read_table(stream, name, spec, _target(spec, export), export)
    except zipfile.BadZipFile as err:
        raise ExportError(f"{path}: a damaged zip file ({err})") from None
    except OSError as err:
        raise ExportError(f"cannot read {path}: {err.strerror or err}") from None
    if not export.files:
        raise ExportError(
            f"{path}: no LinkedIn export files found (Connections.csv, messages.csv, "
            "Invitations.csv, Recommendations_Given.csv, Recommendations_Received.csv)"
        )
    return export
