"""Safe writes: atomic files, never clobbering, and front matter edited by ruamel.yaml round-trip.

Every file kithbook writes goes through here. New files are written to a hidden temporary
file in the same folder, flushed to disk, then linked into place (which fails if a file of
that name appeared meanwhile). In-place edits of the user's files replace the file
atomically, so an interrupted write leaves the old file whole, and only if the file still
holds what the edit was based on: an editor saving at the same moment is never overwritten.

Temporary files are named `.NAME.kithbook-PID-N.tmp` (TEMP_PATTERN, ignored by git): a run
that is killed leaves them behind, and the next writing command removes those whose process
is gone (`remove_leftovers`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import itertools
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ..reading.load import read_bounded
from ..reading.parse import ParseError, parse_document

WIDTH = 4096  # never fold long lines: a long vouch line stays on its line
_CLOSING = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)
_KEY = re.compile(r"^( *)(?:[^\s#\-\"'][^:#]*|\"[^\"]*\"|'[^']*')[ \t]*:[ \t]*(?:#.*)?$")
_NESTED_KEY = re.compile(r"^( *)[^\s#\-][^:#]*:(?:\s|$)")
_ITEM = re.compile(r"^( *)-(?: |$)")


class WriteError(Exception):
    """A write that was refused or failed; its message is for the user."""


@dataclass(frozen=True, slots=True)
class Indent:
    """Block indentation, as ruamel.yaml takes it (the defaults are the journal format's)."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


@dataclass(frozen=True, slots=True)
class Edited:
    """What an in-place edit did."""

    changed: bool
    reformatted: bool = False  # ruamel.yaml also changed the layout of untouched lines


def make_yaml(indent: Indent = Indent()) -> YAML:
    """A round-trip ruamel.yaml instance: comments, key order and quoting survive."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    return yaml


_RESOLVER = pyyaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def safe_scalar(value: object) -> object:
    """A value for front matter, quoted when the build's reader would misread it bare.

    ruamel.yaml writes YAML 1.2, where `yes`, `on` and `1:20` are text; the build reads
    YAML 1.1, where they are a boolean and a number. Such text is single-quoted.
    """
    if isinstance(value, str) and type(value) is str:
        tag = _RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if tag != _STR_TAG:
            return SingleQuotedScalarString(value)
    return value


def flow_list(items: Iterable[object]) -> CommentedSeq:
    """A list written on one line, `[a, b]`, as in the journal format's examples."""
    seq = CommentedSeq(safe_scalar(item) for item in items)
    seq.fa.set_flow_style()
    return seq


def to_commented(data: Mapping[str, object]) -> CommentedMap:
    """A plain mapping as ruamel.yaml round-trip data (lists of text stay on one line)."""
    out = CommentedMap()
    for key, value in data.items():
        if isinstance(value, CommentedMap | CommentedSeq):
            out[key] = value
        elif isinstance(value, Mapping):
            out[key] = to_commented(value)
        elif isinstance(value, list | tuple):
            simple = all(isinstance(v, str | int | float | bool) for v in value)
            out[key] = flow_list(value) if simple else CommentedSeq(value)
        else:
            out[key] = safe_scalar(value)
    return out


def dump_yaml(data: object, yaml: YAML | None = None) -> str:
    stream = io.StringIO()
    (yaml or make_yaml()).dump(data, stream)
    return stream.getvalue()


def render_document(data: Mapping[str, object], body: str = "", yaml: YAML | None = None) -> str:
    """A new Markdown file: `---`, the front matter, `---`, then the body.

    The text is read back with the build's own parser before it is returned. ruamel.yaml
    writes YAML 1.2 and the build reads YAML 1.1, which disagree on a few bare values (a
    flow-list item such as `:)` or `? x`); when they would, every text value is written
    double-quoted instead, and if even that does not read back, WriteError.
    """
    front = data if isinstance(data, CommentedMap) else to_commented(data)
    expected = _flat(front)
    attempts: tuple[Callable[[], Any], ...] = (  # each made only if the one before failed
        lambda: front,
        lambda: _double_quoted(front, only_needed=True),
        lambda: _double_quoted(front),
    )
    for attempt in attempts:
        text = _compose(dump_yaml(attempt(), yaml), body)
        parsed = parse_document(text)
        if not isinstance(parsed, ParseError) and _flat(parsed.data) == expected:
            return text
    raise WriteError("this front matter cannot be written so that it reads back as given")


def _compose(front: str, body: str) -> str:
    text = f"---\n{front}---\n"
    if body.strip():
        text += "\n" + body.strip("\n") + "\n"
    return text


def _double_quoted(value: Any, only_needed: bool = False, in_flow: bool = False) -> Any:
    """The same data with text values double-quoted (escapes make them unambiguous): every
    one, or with `only_needed` those that would not read back as written bare."""
    if isinstance(value, CommentedMap):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _double_quoted(item, only_needed)
        return out
    if isinstance(value, CommentedSeq):
        flow = bool(value.fa.flow_style())
        seq = CommentedSeq(_double_quoted(item, only_needed, flow) for item in value)
        if flow:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and not (only_needed and _reads_bare(value, in_flow)):
        return DoubleQuotedScalarString(value)
    return value


def _reads_bare(text: str, in_flow: bool) -> bool:
    """Whether one text value, as ruamel.yaml writes it, reads back the same for the build."""
    probe = CommentedMap(v=flow_list([text]) if in_flow else safe_scalar(text))
    parsed = parse_document(f"---\n{dump_yaml(probe)}---\n")
    if isinstance(parsed, ParseError):
        return False
    value = parsed.data.get("v")
    return (value == [text]) if in_flow else (value == text)


# --- where writes may go ------------------------------------------------------------------


class Guard:
    """Keeps writes inside one folder of the journal (resolving each parent folder once)."""

    def __init__(self, root: Path, folder: str) -> None:
        self.folder = folder
        real_root = root.resolve()
        self.base = (root / folder).resolve()
        if self.base == real_root or not self.base.is_relative_to(real_root):
            raise WriteError(f"{folder}/ leads outside the journal: not writing there")
        self._parents: dict[Path, Path] = {}

    def check(self, path: Path) -> Path:
        """`path` with its folder resolved, if it lies inside the guarded folder.

        The file itself is not looked at: new files are linked into place, which never
        follows or replaces an existing name (a symbolic link included).
        """
        if path.name in ("", ".", ".."):
            raise WriteError(f"{path} is not a file inside {self.folder}/: not writing there")
        parent = self._parents.get(path.parent)
        if parent is None:
            parent = self._parents[path.parent] = path.parent.resolve()
        if not parent.is_relative_to(self.base):
            raise WriteError(f"{path} is not inside {self.folder}/: not writing there")
        return parent / path.name


def check_inside(root: Path, folder: str, path: Path) -> Path:
    """`path` (a symbolic link resolved), if it lies inside root/folder; else WriteError."""
    guard = Guard(root, folder)
    if path.is_symlink():
        target = path.resolve()
        if target.is_relative_to(guard.base) and target.is_file():
            return target
        raise WriteError(f"{path} links outside {folder}/: not writing there")
    return guard.check(path)


# --- writing files -------------------------------------------------------------------------

_TEMP_NUMBERS = itertools.count(1)
TEMP_PATTERN = ".*.kithbook-*.tmp"  # for .gitignore
_TEMP_NAME = re.compile(r"^\..+\.kithbook-(\d+)-\d+\.tmp$")
LEFTOVER_AGE = 24 * 3600  # seconds; no write takes this long, whatever its process id says
TEMP_FOLDERS = ("contacts", "journal", ".kithbook")


def temp_name(path: Path) -> Path:
    """A new hidden temporary name beside `path`, carrying this process's id."""
    return path.with_name(f".{path.name}.kithbook-{os.getpid()}-{next(_TEMP_NUMBERS)}.tmp")


def stage_file(path: Path, text: str, sync: bool = False, folder: Path | None = None) -> Path:
    """A temporary file holding `text`, hidden beside `path` or in `folder`; the caller
    puts it in place (`folder` must be on the same file system for a hard link)."""
    data = text.encode("utf-8")
    while True:
        if folder is None:
            temp = temp_name(path)
        else:
            temp = folder / f"{path.name}.kithbook-{os.getpid()}-{next(_TEMP_NUMBERS)}.tmp"
        try:
            # 0o666 less the umask: the same mode as any file the user's editor creates.
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


SNAPSHOT_LIMIT = 256 * 1024 * 1024  # bytes; far above any journal file or import state


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file held when a command read it (None: there was no file)."""

    content: bytes | None


def take_snapshot(path: Path) -> Snapshot:
    """The file's bytes now, to compare with just before it is replaced.

    Only a regular file is read (a FIFO would block forever), and at most SNAPSHOT_LIMIT bytes.
    """
    try:
        content = read_bounded(str(path), SNAPSHOT_LIMIT)
    except FileNotFoundError:
        return Snapshot(None)
    except OSError as err:
        raise WriteError(f"cannot read {path}: {err.strerror or err}") from None
    if content is None:
        raise WriteError(f"{path} is not a regular file (a pipe, socket or device): not editing it")
    if len(content) > SNAPSHOT_LIMIT:
        raise WriteError(f"{path} is too large to edit safely: not editing it")
    return Snapshot(content)


def check_unchanged(path: Path, since: Snapshot) -> None:
    """WriteError if `path` no longer holds what it held at `since` (another program saved)."""
    try:
        now = take_snapshot(path)
    except WriteError:
        now = Snapshot(b"")  # unreadable now: not what was read
    if now.content == since.content:
        return
    what = (
        "was created"
        if since.content is None
        else "was deleted"
        if now.content is None
        else "changed"
    )
    raise WriteError(
        f"{path} {what} while kithbook was writing it (another program saved it?): "
        "not replacing it, so nothing is lost; run the command again"
    )


def atomic_write(path: Path, text: str, since: Snapshot | None = None) -> None:
    """Replace (or create) `path` whole: a temporary file, fsync, then os.replace.

    With `since`, the file is compared with that snapshot immediately before the replace
    and left alone (WriteError) if it changed: the caller's text was based on older content.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        temp = stage_file(path, text, sync=True)
        try:
            if mode is not None:
                os.chmod(temp, mode)
            if since is not None:
                check_unchanged(path, since)
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _sync_folder(path.parent)
    except OSError as err:
        raise WriteError(f"cannot write {path}: {err.strerror or err}") from None


def remove_leftovers(root: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of killed runs under the journal's folders; returns them.

    A temporary file is left over when its process is no longer running (or it is older
    than LEFTOVER_AGE, in case the process id was reused); one of a running command is kept.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    alive: dict[int, bool] = {}
    for top in TEMP_FOLDERS:
        folder = root / top
        if not folder.is_dir() or folder.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            for name in filenames:
                match = _TEMP_NAME.match(name)
                if match is None:
                    continue
                path = Path(dirpath, name)
                pid = int(match.group(1))
                if pid not in alive:
                    alive[pid] = _running(pid)
                try:
                    old = now - path.lstat().st_mtime > LEFTOVER_AGE
                    if old or not alive[pid]:
                        path.unlink()
                        removed.append(path)
                except OSError:
                    continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or unknowable: keep the file
    return True


def _link_new(temp: Path, path: Path) -> None:
    """Put `temp` in place at `path` unless `path` exists (hard link; O_EXCL where none)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: an exclusive create never clobbers either.
        with open(path, "xb") as handle:
            handle.write(temp.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())


def create_file(path: Path, text: str) -> None:
    """Write a new file; refuses (WriteError) if anything already has that name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            raise FileExistsError
        temp = stage_file(path, text, sync=True)
        try:
            _link_new(temp, path)
        finally:
            temp.unlink(missing_ok=True)
        _sync_folder(path.parent)
    except FileExistsError:
        raise WriteError(f"{path} already exists: not overwriting it") from None
    except OSError as err:
        raise WriteError(f"cannot write {path}: {err.strerror or err}") from None


class CreateBatch:
    """Many new files at once (an import): stage them all, flush the disk once, link them in.

    One `os.sync()` instead of one fsync per file keeps a 30,000-contact import fast while
    keeping the rule that a file appears under its name only once its content is on disk.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def __len__(self) -> int:
        return len(self._staged)

    def stage(self, path: Path, text: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._staged.append((stage_file(path, text), path))
        except OSError as err:
            raise WriteError(f"cannot write {path}: {err.strerror or err}") from None

    def adopt(self, staged: Iterable[tuple[Path, Path]]) -> None:
        """Temporary files staged elsewhere (by worker processes), as (temporary, final)."""
        self._staged.extend(staged)

    def commit(self) -> list[Path]:
        """Link every staged file into place; returns the paths that already existed (kept)."""
        kept: list[Path] = []
        try:
            if self._staged:
                os.sync()
            for temp, path in self._staged:
                try:
                    _link_new(temp, path)
                except FileExistsError:
                    kept.append(path)
            for folder in {path.parent for _, path in self._staged}:
                _sync_folder(folder)
        except OSError as err:
            raise WriteError(f"cannot write: {err.strerror or err}") from None
        finally:
            self.discard()
        return kept

    def discard(self) -> None:
        """Remove the temporary files (after a commit, or instead of one)."""
        for temp, _ in self._staged:
            temp.unlink(missing_ok=True)
        self._staged = []


# --- editing front matter in place ----------------------------------------------------------


def guess_indent(front: str) -> Indent:
    """The file's own block indentation, so that a round trip rewrites no untouched line."""
    mapping: int | None = None
    offset: int | None = None
    lines = [
        line for line in front.split("\n") if line.strip() and not line.lstrip().startswith("#")
    ]
    for prev, cur in itertools.pairwise(lines):
        parent = _KEY.match(prev)
        if parent is None:
            continue
        base = len(parent.group(1))
        item = _ITEM.match(cur)
        if item is not None:
            if offset is None and len(item.group(1)) >= base:
                offset = len(item.group(1)) - base
            continue
        child = _NESTED_KEY.match(cur)
        if child is not None and len(child.group(1)) > base and mapping is None:
            mapping = len(child.group(1)) - base
    mapping = mapping or 2
    offset = 2 if offset is None else offset
    return Indent(mapping=mapping, sequence=offset + 2, offset=offset)


def split_document(text: str) -> tuple[str, str] | None:
    """(front matter, the rest from the closing `---` line on) of a file's text, or None."""
    if not text.startswith("---\n"):
        return None
    closing = _CLOSING.search(text, 4)
    if closing is None:
        return None
    return text[4 : closing.start()], text[closing.start() :]


def _flat(
    value: object, prefix: str = "", out: dict[str, object] | None = None
) -> dict[str, object]:
    """Leaves by dotted path, dates as text (as the strict parser reads them)."""
    out = {} if out is None else out
    if isinstance(value, Mapping):
        if not value:
            out[prefix] = {}
        for key, item in value.items():
            _flat(item, f"{prefix}{key}.", out)
    elif isinstance(value, list):
        if not value:
            out[prefix] = []
        for index, item in enumerate(value):
            _flat(item, f"{prefix}{index}.", out)
    elif isinstance(value, dt.datetime | dt.date):
        out[prefix] = value.isoformat()
    elif isinstance(value, bool) or value is None:
        out[prefix] = value
    elif isinstance(value, int):
        out[prefix] = int(value)
    elif isinstance(value, float):
        out[prefix] = float(value)
    else:
        out[prefix] = str(value)
    return out


def _changed(before: dict[str, object], after: dict[str, object]) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k, ...) != after.get(k, ...)}


def _reads_back(
    old_text: str, new_text: str, before: dict[str, object], after: dict[str, object]
) -> bool:
    """The build's parser sees exactly the intended change and nothing else.

    Compared as changes, not as whole values: ruamel.yaml reads YAML 1.2 and the build
    YAML 1.1, so an untouched `yes` means different things to each, yet must stay as it is.
    """
    old, new = parse_document(old_text), parse_document(new_text)
    if isinstance(old, ParseError) or isinstance(new, ParseError) or old.body != new.body:
        return False
    intended = _changed(before, after)
    old_flat, new_flat = _flat(old.data), _flat(new.data)
    seen = _changed(old_flat, new_flat)
    return seen == intended and all(new_flat.get(k, ...) == after.get(k, ...) for k in seen)


def edit_front_matter(path: Path, edit: Callable[[CommentedMap], None]) -> Edited:
    """Change a file's front matter in place through ruamel.yaml; the body is kept byte for byte.

    The result is parsed again with the strict parser before it replaces the file; if it
    does not read back as exactly the edited data and the same body, nothing is written.
    """
    snapshot = take_snapshot(path)
    if snapshot.content is None:
        raise WriteError(f"cannot read {path}: it does not exist")
    raw = snapshot.content
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteError(f"{path}: not UTF-8 text; not editing it") from None
    bom = text.startswith("\ufeff")
    crlf = "\r\n" in text
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    parts = split_document(text)
    if parts is None:
        raise WriteError(f"{path}: no front matter between '---' lines; not editing it")
    front, rest = parts
    yaml = make_yaml(guess_indent(front))
    try:
        data = yaml.load(front)
    except YAMLError as err:
        raise WriteError(f"{path}: unreadable YAML ({err}); fix it first (kith check)") from None
    if not isinstance(data, CommentedMap):
        raise WriteError(f"{path}: the front matter is not a mapping; not editing it")
    old_dump = dump_yaml(data, yaml)
    before = _flat(data)
    edit(data)
    new_dump = dump_yaml(data, yaml)
    if new_dump == old_dump:
        return Edited(False)
    after = _flat(data)
    spliced = splice_lines(front, old_dump, new_dump)
    reformatted = False
    if spliced is None or not _reads_back(text, "---\n" + spliced + rest, before, after):
        spliced, reformatted = new_dump, old_dump != front  # ruamel.yaml's layout throughout
    new_text = "---\n" + spliced + rest
    if not _reads_back(text, new_text, before, after):
        raise WriteError(f"{path}: the edit would not read back as written; the file is unchanged")
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    if bom:
        new_text = "\ufeff" + new_text
    atomic_write(path, new_text, since=snapshot)
    return Edited(True, reformatted)


def splice_lines(original: str, old_dump: str, new_dump: str) -> str | None:
    """The user's front matter with only the lines an edit changed replaced.

    ruamel.yaml writes the whole front matter again, re-spacing lines nobody touched
    (`[ a,   b ]`, the spaces before a comment, a block scalar's indent). Its output before
    and after the edit differ only where the edit is; those lines are taken from the new
    output, every other line from the user's text, byte for byte. This needs ruamel's
    output to line up with the user's text line for line (the same lines but for their
    spacing); when it does not, None, and the caller writes ruamel's layout.
    """
    lines, before, after = (t.splitlines(keepends=True) for t in (original, old_dump, new_dump))
    if len(lines) != len(before):
        return None
    if any("".join(a.split()) != "".join(b.split()) for a, b in zip(lines, before, strict=True)):
        return None
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.extend(lines[i1:i2] if tag == "equal" else after[j1:j2])
    return "".join(out)


def _comment_below(node: object) -> CommentToken | None:
    """The comment lines after a block list or mapping (ruamel keeps them on its last item),
    which would go with the value if it were replaced; None if there are none."""
    while isinstance(node, CommentedSeq | CommentedMap) and len(node):
        last = len(node) - 1 if isinstance(node, CommentedSeq) else list(node)[-1]
        child = node[last]
        if isinstance(child, CommentedSeq | CommentedMap) and len(child):
            node = child
            continue
        slots = node.ca.items.get(last)
        token = (slots[0] if isinstance(node, CommentedSeq) else slots[2]) if slots else None
        if token is None or not token.value.partition("\n")[2].strip():
            return None  # no comment, or only one at the end of the item's own line
        text = token.value[token.value.index("\n") :]
        return CommentToken(text, token.start_mark, None)
    return None


def set_in_order(data: CommentedMap, key: str, value: object, order: Iterable[str]) -> None:
    """Set `key`, in place if present, else after the keys that come before it in `order`."""
    value = safe_scalar(value)
    if key in data:
        below = _comment_below(data[key])
        data[key] = value
        if below is not None:  # lines of comments under the old list or mapping stay
            slots = data.ca.items.setdefault(key, [None, None, None, None])
            slots[2] = below
        return
    order = list(order)
    before = set(order[: order.index(key)]) if key in order else set(order)
    position = 0
    for index, existing in enumerate(data):
        if existing in before:
            position = index + 1
    data.insert(position, key, value)
