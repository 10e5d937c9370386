"""Load stage: read contacts/ and journal/ into raw documents, collecting problems as values."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .parse import ParseError, parse_document
from .records import Problem, RawDoc, Source

CONTACTS = "contacts"
JOURNAL = "journal"
MAX_FILE = 1024 * 1024  # a 1 MiB note is a mistake, not a journal entry


RACY_NS = 2_000_000_000  # files changed this recently are re-read: mtime may be too coarse


@dataclass
class FileCache:
    """Parsed files reused across rebuilds (for `mkdocs serve`) while their stat is unchanged.

    The key is (mtime, size, inode, ctime). Like git's "racily clean" rule, a file modified
    within two seconds of being read is not cached, so a second edit in the same clock tick
    can never be hidden behind an unchanged timestamp.
    """

    items: dict[str, tuple[tuple[int, ...], RawDoc | Problem]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    generation: int = 0  # bumps whenever a file is read anew or disappears


@dataclass(frozen=True, slots=True)
class Loaded:
    """The raw documents of a journal and the problems met while reading them."""

    docs: tuple[RawDoc, ...]
    problems: tuple[Problem, ...]


def load_journal(root: Path, cache: FileCache | None = None) -> Loaded:
    """Read every contact and entry under `root`; never raises on the user's files."""
    docs: list[RawDoc] = []
    problems: list[Problem] = []
    real_root = root.resolve()
    seen: set[str] = set()
    for kind, folder in (("contact", CONTACTS), ("entry", JOURNAL)):
        for path, problem in _walk(root / folder, real_root):
            rel = path.relative_to(root).as_posix()
            if problem is not None:
                problems.append(Problem(Source(rel, 1), problem))
                continue
            seen.add(rel)
            result = _load_file(path, rel, kind, cache)
            if isinstance(result, Problem):
                problems.append(result)
            else:
                docs.append(result)
    if cache is not None:
        gone = set(cache.items) - seen
        for rel in gone:
            del cache.items[rel]
        if gone:
            cache.generation += 1
    return Loaded(tuple(docs), tuple(problems))


def _walk(folder: Path, real_root: Path) -> Iterator[tuple[Path, str | None]]:
    """Markdown files under `folder`, sorted; symlinks leading out of the journal are refused."""
    if not folder.is_dir():
        return
    if not _resolves_inside(folder, real_root):
        yield folder, "symbolic link to a folder outside the journal: not followed"
        return
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            if (here / name).is_symlink():
                yield here / name, "symbolic link to a folder: not followed"
            elif name.endswith(".md"):
                yield here / name, "a folder named like a Markdown file: expected a file"
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink()
        )
        for name in sorted(filenames):
            if not name.endswith(".md") or name.startswith("."):
                continue
            path = here / name
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):  # a loop, or a link to nothing
                    yield path, "symbolic link to nothing readable: not followed"
                    continue
                if not target.is_relative_to(real_root):
                    yield path, "symbolic link to a file outside the journal: not followed"
                    continue
                if not target.is_file():
                    yield path, "symbolic link to nothing readable: not followed"
                    continue
            yield path, None


def _resolves_inside(folder: Path, real_root: Path) -> bool:
    try:
        return folder.resolve(strict=True).is_relative_to(real_root)
    except (OSError, RuntimeError):
        return False


def _load_file(path: Path, rel: str, kind: str, cache: FileCache | None) -> RawDoc | Problem:
    try:
        stat = path.stat()
    except OSError as err:
        return Problem(Source(rel), f"cannot read the file: {err.strerror}")
    key = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns, hash(kind))
    if cache is not None:
        hit = cache.items.get(rel)
        if hit is not None and hit[0] == key:
            cache.hits += 1
            return hit[1]
        cache.misses += 1
        cache.generation += 1
    result = _read(path, rel, kind, stat.st_size, stat.st_mtime_ns)
    if cache is not None:
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            cache.items[rel] = (key, result)
        else:
            cache.items.pop(rel, None)
    return result


def _read(path: Path, rel: str, kind: str, size: int, mtime_ns: int) -> RawDoc | Problem:
    if size > MAX_FILE:
        return Problem(Source(rel), f"file is too large ({size:,} bytes; the limit is 1 MiB)")
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Problem(Source(rel), f"cannot read the file: {err.strerror}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return Problem(Source(rel, line), "not UTF-8 text: save the file as UTF-8")
    if "\x00" in text:
        return Problem(
            Source(rel, text.count("\n", 0, text.index("\x00")) + 1),
            "binary data (a NUL byte) in a text file",
        )
    text = text.replace("\r\n", "\n")
    parsed = parse_document(text)
    if isinstance(parsed, ParseError):
        return Problem(Source(rel, parsed.line), parsed.message)
    return RawDoc(kind, rel, parsed.data, parsed.lines, parsed.body, parsed.body_line, mtime_ns)
