"""The CLI's last analysis kept on disk, reused only while nothing it came from has changed.

Every `kith` view reads and derives the whole journal; at thousands of contacts that is
most of a second. The analysis is saved under the user's cache folder (never inside the
journal, so a cloned repository cannot bring one) with a fingerprint of everything it was
made from: every file and folder under contacts/ and journal/ (inode, size, modification
and change times), mkdocs.yml, the imports' state files in .kithbook/, the git commit it
stands on (HEAD, its branch), the settings, `today`, and kithbook's own source files.
Any difference, and the journal is analysed afresh. A file changed within the last two
seconds may share its timestamp with an earlier version, so no cache is saved then.
KITHBOOK_CLI_CACHE=0 turns it off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..pipeline import Analysis
from ..reading.import_state import SOURCES, state_path
from ..reading.load import CONTACTS, JOURNAL, RACY_NS
from ..reading.settings import Settings

VERSION = b"kithbook-cli-cache-1"
PACKAGE = Path(__file__).resolve().parent.parent


def enabled() -> bool:
    return os.environ.get("KITHBOOK_CLI_CACHE", "1") != "0"


def cache_file(root: Path) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return Path(base) / "kithbook" / f"{name[:32]}.pickle"


DIR_FD = os.stat in os.supports_dir_fd  # a name looked up in an open folder: a faster stat
Stat = tuple[str, int, int, int, int, int]  # path, mode, inode, size, mtime_ns, ctime_ns


def _stats(folder: str, rel: str, out: list[Stat]) -> list[Stat]:
    """Every file and folder under `folder`, in name order, appended to `out`."""
    try:
        names = sorted(os.listdir(folder))
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if DIR_FD else None
    except OSError:
        return out
    try:
        for name in names:
            path = f"{rel}/{name}"
            try:  # through symbolic links: a target's change counts
                st = os.stat(name, dir_fd=fd) if fd is not None else os.stat(f"{folder}/{name}")
            except OSError:
                out.append((path, -1, -1, -1, -1, -1))
                continue
            out.append((path, st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
            if stat.S_ISDIR(st.st_mode) and not os.path.islink(f"{folder}/{name}"):
                _stats(f"{folder}/{name}", path, out)
    finally:
        if fd is not None:
            os.close(fd)
    return out


def _git_files(root: Path) -> list[tuple[str, Path]]:
    """The files of the journal's git repository that move when a commit is made: HEAD,
    the branch it names and packed-refs (the contacts' History comes from the commits)."""
    for folder in (root.resolve(), *root.resolve().parents):
        dot_git = folder / ".git"
        if dot_git.is_file():  # a worktree or submodule: `gitdir: <path>`
            try:
                text = dot_git.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return []
            dot_git = (folder / text.partition("gitdir:")[2].strip()).resolve()
        if not dot_git.is_dir():
            continue
        files = [
            ("git:HEAD", dot_git / "HEAD"),
            ("git:packed-refs", dot_git / "packed-refs"),
            ("git:shallow", dot_git / "shallow"),  # `git fetch --unshallow` adds history
        ]
        try:
            head = (dot_git / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return files
        if head.startswith("ref: "):
            ref = head[5:].strip()
            files.append((f"git:{ref}", dot_git / ref))
            common = dot_git / "commondir"
            if common.is_file():  # a worktree's branches live in the main repository
                try:
                    base = (dot_git / common.read_text(encoding="utf-8").strip()).resolve()
                except OSError:
                    return files
                files += [
                    ("git:common:" + ref, base / ref),
                    ("git:common:packed", base / "packed-refs"),
                ]
        return files
    return []


def fingerprint(root: Path, settings: Settings, today: dt.date) -> tuple[str, int]:
    """(a digest of everything the analysis depends on, the newest change time in it)."""
    digest = hashlib.sha256(VERSION)
    digest.update(f"{sys.version}|{root.resolve()}|{settings!r}|{today}".encode("utf-8", "replace"))
    code = [s for s in _stats(str(PACKAGE), "kithbook", []) if s[0].endswith(".py")]  # no .pyc
    items = _stats(str(root / JOURNAL), JOURNAL, _stats(str(root / CONTACTS), CONTACTS, []))
    states = [(state_path(s), root / state_path(s)) for s in SOURCES]  # read by the load stage
    for name, path in (
        [(n, root / n) for n in ("mkdocs.yml", "mkdocs.yaml")] + states + _git_files(root)
    ):
        try:
            st = os.stat(path)
        except OSError:
            continue
        items.append((name, st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    digest.update(repr(items).encode("utf-8", "surrogateescape"))
    digest.update(repr(code).encode("utf-8", "surrogateescape"))  # kithbook's own code
    newest = max((max(item[4], item[5]) for item in items), default=0)
    return digest.hexdigest(), newest


# Frozen dataclasses with __slots__ (every record) unpickle through dataclasses' own
# __setstate__, which looks up the fields anew for each object: most of the load time of a
# big journal. The cache pickles them as (class, values) and sets the slots directly.
_SETTERS: dict[type, tuple[Callable[[object, object], None], ...]] = {}


def _setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    found = _SETTERS.get(cls)
    if found is None:
        found = _SETTERS[cls] = tuple(
            getattr(cls, field.name).__set__ for field in dataclasses.fields(cls)
        )
    return found


def _rebuild(cls: type, values: tuple[object, ...]) -> object:
    """A record from the values of its fields, in order (see _Pickler)."""
    obj: object = object.__new__(cls)
    for set_slot, value in zip(_setters(cls), values, strict=True):
        set_slot(obj, value)
    return obj


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if dataclasses.is_dataclass(cls) and "__slots__" in cls.__dict__:
            values = tuple(getattr(obj, field.name) for field in dataclasses.fields(cls))
            return _rebuild, (cls, values)
        return NotImplemented


def _load(path: Path, key: str) -> Analysis | None:
    try:
        with open(path, "rb") as file:
            st = os.fstat(file.fileno())
            if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None  # only a cache this user alone could have written
            stored_key = file.read(64).decode("ascii", "replace")
            if stored_key != key:
                return None
            gc.disable()  # a big graph of small objects loads far faster without the collector
            try:
                analysis = pickle.load(file)
                # ...and the views run faster if the collector never walks it again: the
                # analysis lives as long as the command, so it is moved out of its sight.
                gc.freeze()
            finally:
                gc.enable()
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return analysis if isinstance(analysis, Analysis) else None


def _save(path: Path, key: str, analysis: Analysis) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(key.encode("ascii"))
                _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(analysis)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError, TypeError):
        return  # a cache that cannot be written is only slower


def cached_analysis(
    root: Path, settings: Settings, today: dt.date, compute: Callable[[], Analysis]
) -> Analysis:
    """`compute()`, or the analysis saved when nothing it depends on was different."""
    if not enabled():
        return compute()
    key, newest = fingerprint(root, settings, today)
    path = cache_file(root)
    cached = _load(path, key)
    if cached is not None:
        return cached
    analysis = compute()
    if time.time_ns() - newest > RACY_NS:
        _save(path, key, analysis)
    return analysis
