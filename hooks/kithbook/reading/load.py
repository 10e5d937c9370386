"""Load stage: read contacts/ and journal/ into raw documents, collecting problems as values."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from .. import parallel
from .parse import ParseError, parse_document
from .records import Problem, RawDoc, Source

CONTACTS = "contacts"
JOURNAL = "journal"
MAX_FILE = 1024 * 1024  # a 1 MiB note is a mistake, not a journal entry


NOT_UTF8_NAME = "the name is not UTF-8: rename it"
NOT_REGULAR = "not a regular file (a pipe, socket or device): not read"
PARALLEL_MIN = 2_000  # files to parse before a second process pays off
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
    generation: int = 0  # bumps whenever a file is read anew, appears or disappears
    listed: frozenset[str] = frozenset()  # every path the last load found, cached or not


@dataclass(frozen=True, slots=True)
class Loaded:
    """The raw documents of a journal and the problems met while reading them."""

    docs: tuple[RawDoc, ...]
    problems: tuple[Problem, ...]


def load_journal(root: Path, cache: FileCache | None = None) -> Loaded:
    """Read every contact and entry under `root`; never raises on the user's files.

    Files the cache does not hold are parsed, half of them in a second process when there
    are many (see parallel.py).
    """
    real_root = root.resolve()
    results: list[RawDoc | Problem | None] = []
    to_read: list[tuple[int, _Job]] = []
    seen: set[str] = set()
    for kind, folder in (("contact", CONTACTS), ("entry", JOURNAL)):
        for path, rel, found in _walk(root / folder, real_root, folder):
            seen.add(rel)
            if isinstance(found, str):
                results.append(Problem(Source(rel, 1), found))
                continue
            ready = _lookup(path, rel, kind, cache, found)
            if isinstance(ready, _Job):
                to_read.append((len(results), ready))
                results.append(None)
            else:
                results.append(ready)
    jobs = [job for _, job in to_read]
    read = parallel.share(_read_job, jobs, fork=len(jobs) >= PARALLEL_MIN)
    for (index, job), result in zip(to_read, read, strict=True):
        results[index] = result
        if cache is not None:
            _remember(cache, job, result)
    if cache is not None:
        for rel in set(cache.items) - seen:
            del cache.items[rel]
        # A file read too recently to be cached is in no item: the listing itself must show
        # that it went, or a rebuild would reuse the pages it had.
        if seen != cache.listed:
            cache.generation += 1
            cache.listed = frozenset(seen)
    docs = tuple(r for r in results if isinstance(r, RawDoc))
    return Loaded(docs, tuple(r for r in results if isinstance(r, Problem)))


Found = tuple[str, str, "os.stat_result | str | None"]  # path, relative path, stat or problem


def _walk(folder: Path, real_root: Path, rel: str) -> Iterator[Found]:
    """Markdown files under `folder`, sorted; symlinks leading out of the journal are refused.

    Yields (path, path relative to the journal, stat of the file or a problem). In each
    folder: problems with its subfolders, then its files, then the subfolders in turn.
    """
    if not folder.is_dir():
        return
    if not _resolves_inside(folder, real_root):
        yield str(folder), rel, "symbolic link to a folder outside the journal: not followed"
        return
    yield from _scan(str(folder), rel, real_root)


def _scan(directory: str, rel: str, real_root: Path) -> Iterator[Found]:
    try:
        with os.scandir(directory) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return  # as os.walk: an unreadable folder is skipped
    folders = []
    for entry in entries:
        if not _is_dir(entry):  # follows symbolic links, as os.walk sorts them
            continue
        if entry.is_symlink():
            yield entry.path, f"{rel}/{entry.name}", "symbolic link to a folder: not followed"
            continue
        if not _is_utf8(entry.name):
            yield (
                entry.path,
                f"{rel}/{shown_text(entry.name)}",
                NOT_UTF8_NAME + " (nothing in it is read)",
            )
            continue
        if entry.name.endswith(".md"):
            problem = "a folder named like a Markdown file: expected a file"
            yield entry.path, f"{rel}/{entry.name}", problem
        folders.append(entry)
    for entry in entries:
        if not entry.name.endswith(".md") or _is_dir(entry):
            continue
        path, here = entry.path, f"{rel}/{entry.name}"
        if not _is_utf8(entry.name):  # no page, link or message could carry the name
            yield path, f"{rel}/{shown_text(entry.name)}", NOT_UTF8_NAME
            continue
        if entry.is_symlink():
            refused = _symlink_problem(Path(path), real_root)
            if refused is not None:
                yield path, here, refused
                continue
        try:
            stat: os.stat_result | None = entry.stat()
        except OSError:
            stat = None  # vanished or unreadable: _load_file says why
        if stat is not None and not S_ISREG(stat.st_mode):
            yield path, here, NOT_REGULAR  # reading a FIFO would wait forever
            continue
        yield path, here, stat
    for entry in folders:
        yield from _scan(entry.path, f"{rel}/{entry.name}", real_root)


def _is_utf8(name: str) -> bool:
    """False for a name whose bytes are not UTF-8 (Python holds them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_text(name: str) -> str:
    """A name that is not UTF-8, with each undecodable byte shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symbolic link loop
        return False


def _symlink_problem(path: Path, real_root: Path) -> str | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a loop, or a link to nothing
        return "symbolic link to nothing readable: not followed"
    if not target.is_relative_to(real_root):
        return "symbolic link to a file outside the journal: not followed"
    if not target.is_file():
        return "symbolic link to nothing readable: not followed"
    return None


def _resolves_inside(folder: Path, real_root: Path) -> bool:
    try:
        return folder.resolve(strict=True).is_relative_to(real_root)
    except (OSError, RuntimeError):
        return False


@dataclass(frozen=True, slots=True)
class _Job:
    """A file to read and parse, with the stat it was seen with (the cache key)."""

    path: str
    rel: str
    kind: str
    size: int
    mtime_ns: int
    key: tuple[int, ...]


def _lookup(
    path: str, rel: str, kind: str, cache: FileCache | None, stat: os.stat_result | None
) -> RawDoc | Problem | _Job:
    """The cached result for a file whose stat has not changed, or the job of reading it."""
    if stat is None:
        try:
            stat = os.stat(path)
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
    return _Job(path, rel, kind, stat.st_size, stat.st_mtime_ns, key)


def _read_job(job: _Job) -> RawDoc | Problem:
    return _read(job.path, job.rel, job.kind, job.size, job.mtime_ns)


def _remember(cache: FileCache, job: _Job, result: RawDoc | Problem) -> None:
    if time.time_ns() - job.mtime_ns > RACY_NS:
        cache.items[job.rel] = (job.key, result)
    else:
        cache.items.pop(job.rel, None)


def _read(path: str, rel: str, kind: str, size: int, mtime_ns: int) -> RawDoc | Problem:
    if size > MAX_FILE:
        return _too_large(rel, size)
    try:
        raw = read_bounded(path, MAX_FILE)
    except OSError as err:
        return Problem(Source(rel), f"cannot read the file: {err.strerror}")
    if raw is None:
        return Problem(Source(rel), NOT_REGULAR)
    if len(raw) > MAX_FILE:  # it grew after it was listed
        return _too_large(rel, len(raw))
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


def read_bounded(path: str, limit: int) -> bytes | None:
    """At most `limit` + 1 bytes of a regular file; None if it is not one (a FIFO, a device).

    The file is opened without waiting (a FIFO put in place after the folder was listed
    would otherwise block until something writes to it) and checked on the open handle.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_regular_text(path: Path, limit: int) -> str:
    """A regular file's UTF-8 text, never waiting on a FIFO: OSError when it is not a regular
    file or is larger than `limit` bytes, UnicodeDecodeError when it is not UTF-8."""
    raw = read_bounded(str(path), limit)
    if raw is None:
        raise OSError(f"{path.name} is not a regular file")
    if len(raw) > limit:
        raise OSError(f"{path.name} is larger than {limit:,} bytes")
    return raw.decode("utf-8")


def _too_large(rel: str, size: int) -> Problem:
    return Problem(Source(rel), f"file is too large ({size:,} bytes; the limit is 1 MiB)")
