"""Read a vCard file (RFC 6350 vCard 4, RFC 2426 vCard 3, and Outlook's vCard 2.1) into cards.

A small strict reader rather than a library: every card and property keeps its line number
for the messages, and only the few properties the import uses are interpreted. It unfolds
continuation lines (a leading space or tab), joins vCard 2.1 quoted-printable soft line
breaks, decodes QUOTED-PRINTABLE with its CHARSET, unescapes `\\n`, `\\,`, `\\;` and `\\\\`,
and takes `TYPE=` parameters in the vCard 3 form (`TYPE=work,voice`), the vCard 2.1 form
(`;WORK;VOICE`) and quoted. Anything that is not a vCard is an error for the whole file.
"""

from __future__ import annotations

import datetime as dt
import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...reading.fields import Birthday
from ...reading.records import Problem, Source
from ..linkedin.urls import normalise_profile_url
from ..shared.journal import normalise_email

MAX_BYTES = 256 * 1024 * 1024
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)$")
_DIGITS = re.compile(r"\D")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class VCardError(Exception):
    """The file is not a vCard file; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Property:
    name: str  # upper case, group dropped
    params: dict[str, list[str]]  # upper-case names; TYPE values lower case
    value: str  # decoded, still escaped
    line: int

    @property
    def types(self) -> list[str]:
        return self.params.get("TYPE", [])


@dataclass
class Card:
    """The parts of one vCard the import uses."""

    line: int
    uid: str | None = None
    name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)  # (mobile|phone, number)
    linkedin: str | None = None
    urls: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    birthday: Birthday | None = None
    group: bool = False


@dataclass(frozen=True)
class VCardFile:
    path: str
    cards: tuple[Card, ...]
    notes: tuple[Problem, ...]


def unescape(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def split_structured(text: str, sep: str = ";") -> list[str]:
    """Components of a structured value (N, ORG), split on separators that are not escaped."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append(unescape("".join(current)))
    return parts


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _colon(line: str) -> int:
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return i
    return -1


def parse_property(line: str, number: int, display: str) -> Property:
    colon = _colon(line)
    if colon <= 0:
        raise VCardError(f"{display}:{number}: not a vCard line (NAME:value): {line[:60]!r}")
    head, value = line[:colon], line[colon + 1 :]
    name, *raw_params = _split_unquoted(head, ";")
    match = _NAME.match(name.strip())
    if match is None:
        raise VCardError(f"{display}:{number}: not a vCard property name: {name[:60]!r}")
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, eq, val = raw.partition("=")
        if not eq:  # vCard 2.1: ;WORK;VOICE and ;QUOTED-PRINTABLE
            key, val = (
                ("ENCODING", key)
                if key.upper() in ("QUOTED-PRINTABLE", "BASE64")
                else (
                    "TYPE",
                    key,
                )
            )
        values = [v.strip().strip('"') for v in _split_unquoted(val, ",")]
        key = key.strip().upper()
        if key == "TYPE":
            values = [v.lower() for v in values]
        params.setdefault(key, []).extend(v for v in values if v)
    encoding = [e.upper() for e in params.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encoding:
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        raw_bytes = quopri.decodestring(value.encode("latin-1", "replace"))
        try:
            value = raw_bytes.decode(charset)
        except (LookupError, UnicodeDecodeError):
            value = raw_bytes.decode("utf-8", "replace")
    return Property(match.group(1).upper(), params, value, number)


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines with the number of the line each starts on."""
    raw = _LINE_BREAK.split(text)
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(raw):
        number, line = i + 1, raw[i]
        i += 1
        qp = "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()
        while i < len(raw):
            if qp and line.endswith("="):  # a quoted-printable soft line break
                line = line[:-1] + raw[i].lstrip(" \t")
            elif raw[i][:1] in (" ", "\t"):  # folding: the leading blank is dropped
                line += raw[i][1:]
            else:
                break
            i += 1
        if line.strip():
            out.append((number, line))
    return out


def parse_birthday_value(text: str, params: dict[str, list[str]]) -> Birthday | None:
    """BDAY as Google (1990-03-04, --03-04), Apple (1604-03-04 when the year is left out),
    Outlook (19900304) and vCard 4 (--0304) write it."""
    value = text.strip()
    if "T" in value:
        value = value.split("T", 1)[0]
    omit = params.get("X-APPLE-OMIT-YEAR", [])
    for pattern in (r"(\d{4})-?(\d{2})-?(\d{2})", r"--(\d{2})-?(\d{2})"):
        match = re.fullmatch(pattern, value)
        if match is None:
            continue
        groups = match.groups()
        year = int(groups[0]) if len(groups) == 3 else None
        month, day = (int(g) for g in groups[-2:])
        if year is not None and (str(year) in omit or year == 1604):
            year = None
        try:
            dt.date(year or 2000, month, day)
        except ValueError:
            return None
        return Birthday(month, day, year)
    return None


def _card(props: list[Property], line: int, notes: list[Problem], display: str) -> Card:
    card = Card(line)
    structured_name = ""
    for prop in props:
        value = prop.value
        if prop.name == "FN":
            card.name = " ".join(unescape(value).split())
        elif prop.name == "N":
            parts = [*split_structured(value), "", "", "", "", ""][:5]
            family, given, additional, prefix, suffix = (p.strip() for p in parts)
            structured_name = " ".join(x for x in (given, additional, family) if x)
            del prefix, suffix
        elif prop.name == "UID":
            card.uid = value.strip() or None
        elif prop.name == "EMAIL":
            email = normalise_email(unescape(value))
            if email and email not in card.emails:
                card.emails.append(email)
            elif email is None and value.strip():
                notes.append(
                    Problem(
                        Source(display, prop.line), f"'{value.strip()}' is not an e-mail address"
                    )
                )
        elif prop.name == "TEL":
            number = unescape(value).strip().removeprefix("tel:")
            if number and _DIGITS.sub("", number):
                kind = "mobile" if "cell" in prop.types or "mobile" in prop.types else "phone"
                if all(_DIGITS.sub("", n) != _DIGITS.sub("", number) for _, n in card.phones):
                    card.phones.append((kind, number))
        elif prop.name in ("URL", "X-SOCIALPROFILE"):
            url = unescape(value).strip()
            profile = normalise_profile_url(url)
            if profile is not None:
                card.linkedin = card.linkedin or profile
            elif url.lower().startswith(("http://", "https://")) and url not in card.urls:
                card.urls.append(url)
        elif prop.name == "ORG":
            company = split_structured(value)[0].strip()
            card.company = card.company or company or None
        elif prop.name == "TITLE":
            card.title = card.title or unescape(value).strip() or None
        elif prop.name == "BDAY":
            birthday = parse_birthday_value(value, prop.params)
            if birthday is None:
                notes.append(
                    Problem(Source(display, prop.line), f"BDAY '{value.strip()}' is not a date")
                )
            card.birthday = card.birthday or birthday
        elif prop.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND") and value.strip().lower() == "group":
            card.group = True
    if not card.name:
        card.name = structured_name
    return card


def read_vcards(path: Path, display: str) -> VCardFile:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise VCardError(f"{display}: larger than 256 MB; not an address book export")
        raw = path.read_bytes()
    except OSError as err:
        raise VCardError(f"{display}: cannot read it: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")  # Outlook's vCard 2.1 in the Windows code page
    lines = logical_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCARD":
        raise VCardError(f"{display}:1: not a vCard file (it must start BEGIN:VCARD)")
    cards: list[Card] = []
    notes: list[Problem] = []
    current: list[Property] | None = None
    start = 0
    for number, line in lines:
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if current is not None:
                raise VCardError(f"{display}:{number}: BEGIN:VCARD inside the card of line {start}")
            current, start = [], number
        elif upper == "END:VCARD":
            if current is None:
                raise VCardError(f"{display}:{number}: END:VCARD without BEGIN:VCARD")
            cards.append(_card(current, start, notes, display))
            current = None
        elif current is None:
            raise VCardError(f"{display}:{number}: text outside BEGIN:VCARD … END:VCARD")
        else:
            current.append(parse_property(line, number, display))
    if current is not None:
        raise VCardError(f"{display}:{start}: the card is not closed (no END:VCARD)")
    return VCardFile(display, tuple(cards), tuple(notes))
