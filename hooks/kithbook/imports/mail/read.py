"""Stream an mbox file's message headers, never its bodies, with the line each message starts on.

The file is read line by line: a line starting `From ` after a blank line (or at the very
start) begins a message; its header block, up to the first empty line, is parsed with the
stdlib's `email` header parser; the body is skipped without being kept. Memory stays
that of one header block, whatever the archive's size. mboxrd and mboxo (`>From ` quoting,
as Thunderbird and Google Takeout write) read the same.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import email.utils
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from email.header import decode_header, make_header
from pathlib import Path

from ..shared.journal import normalise_email

MAX_HEADER_BYTES = 256 * 1024  # a header block longer than this is cut (spam, not mail)


class MailError(Exception):
    """The file is not an mbox archive; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Address:
    email: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class Head:
    """What the import reads of one message."""

    number: int  # 1-based, in file order
    line: int
    sender: Address | None
    recipients: tuple[Address, ...]  # To and Cc
    when: dt.datetime | None
    message_id: str | None
    subject: str
    list_id: bool
    precedence: str
    auto_submitted: str


_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)


def _decode(text: str) -> str:
    try:
        return " ".join(str(make_header(decode_header(text))).split())
    except (ValueError, LookupError, UnicodeDecodeError):
        return " ".join(text.split())


def _addresses(values: list[str]) -> tuple[Address, ...]:
    return _parse_addresses(tuple(values))


@functools.lru_cache(maxsize=4096)  # the owner's and frequent correspondents' lines recur
def _parse_addresses(values: tuple[str, ...]) -> tuple[Address, ...]:
    out: list[Address] = []
    for name, addr in email.utils.getaddresses([_decode(v) for v in values]):
        found = normalise_email(addr) if addr else None
        clean = " ".join(name.split()) or None
        if found or clean:
            out.append(Address(found, clean))
    return tuple(out)


def _head(raw: bytes, number: int, line: int) -> Head:
    message = _PARSER.parsebytes(raw)
    senders = _addresses([str(v) for v in message.get_all("From", [])])
    recipients = _addresses(
        [str(v) for v in (*message.get_all("To", []), *message.get_all("Cc", []))]
    )
    when: dt.datetime | None = None
    date = message.get("Date")
    if date is not None:
        try:
            when = email.utils.parsedate_to_datetime(str(date))
        except (TypeError, ValueError, IndexError):
            when = None
    return Head(
        number=number,
        line=line,
        sender=senders[0] if senders else None,
        recipients=recipients,
        when=when,
        message_id=str(message.get("Message-ID", "")).strip() or None,
        subject=_decode(str(message.get("Subject", ""))),
        list_id=message.get("List-Id") is not None,
        precedence=str(message.get("Precedence", "")).strip().lower(),
        auto_submitted=str(message.get("Auto-Submitted", "")).strip().lower(),
    )


def read_heads(path: Path, display: str) -> Iterator[Head]:
    """Each message's head, in file order; MailError when the file is no mbox."""
    try:
        handle = path.open("rb")
    except OSError as err:
        raise MailError(f"{display}: cannot read it: {err.strerror or err}") from None
    with handle:
        first = handle.readline()
        if not first:
            return  # an empty archive: no messages
        if not first.startswith(b"From "):
            raise MailError(
                f"{display}:1: not an mbox file (a message must start with a 'From ' line)"
            )
        number, start = 1, 1
        header: list[bytes] = []
        size = 0
        in_header = True
        previous_blank = False
        line_no = 1
        for line in handle:
            line_no += 1
            if line.startswith(b"From ") and previous_blank:
                yield _head(b"".join(header), number, start)
                number, start = number + 1, line_no
                header, size, in_header = [], 0, True
                previous_blank = False
                continue
            blank = line in (b"\n", b"\r\n")
            if in_header:
                if blank:
                    in_header = False
                elif size < MAX_HEADER_BYTES:
                    header.append(line)
                    size += len(line)
            previous_blank = blank
        yield _head(b"".join(header), number, start)
