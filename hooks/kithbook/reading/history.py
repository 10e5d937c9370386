"""Read the git history of contacts/ and journal/: one walk of `git log`, cached by HEAD.

What comes out is plain data: for each contact file, the commits that changed one of the
fields the site tracks (name, company, title, closeness, relationship, tags, archived) or
renamed the file, with the values before and after, parsed the way the loader parses them,
so a commit that only reformats a file produces nothing. The state of every contact file at
HEAD comes too, so the working tree can be compared with it ("not yet committed"). From
journal/, the same walk gives the status changes of job applications: only the entries
edited after they were added are read (see application_history.py).

The `git` command is run as a subprocess (see README, "Dependencies, and why"): a few
processes on a cold read (`rev-parse` for HEAD and shallowness, `log`, `ls-tree`,
`cat-file --batch`) and one when the cache matches. Nothing here raises: a journal
outside git, git not installed, a shallow clone or an unreadable repository gives a
`History` whose `note` says plainly why it is empty or partial.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .application_history import (
    JOURNAL,
    AppRevision,
    AppState,
    application_chains,
    edited_entries,
    is_entry_file,
    parse_app_state,
)
from .fields import SLUG_RE
from .load import read_regular_text
from .records import RawDoc

CONTACTS = "contacts/"
CACHE_DIR = ".kithbook/cache"
CACHE_FILE = f"{CACHE_DIR}/history.json"
CACHE_VERSION = 3  # 3: the applications' status changes
CACHE_LIMIT = 1 << 30  # bytes: a cache larger than this is walked afresh rather than read
MAX_COMMITS = 20_000  # a huge history is read from its newest commits only, and says so
TIMEOUT = 60.0  # seconds for one git command; a slower repository gives a partial history
ZERO = "0" * 40


@dataclass(frozen=True, slots=True)
class State:
    """The tracked fields of one contact file at one commit (lists compared as sets)."""

    name: str
    company: str | None = None
    title: str | None = None
    closeness: int | None = None
    relationship: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    archived: bool = False

    def as_list(self) -> list[object]:
        return [
            self.name,
            self.company,
            self.title,
            self.closeness,
            list(self.relationship),
            list(self.tags),
            self.archived,
        ]

    @classmethod
    def from_list(cls, raw: list[object]) -> State:
        name, company, title, closeness, relationship, tags, archived = raw
        return cls(
            str(name),
            company if isinstance(company, str) else None,
            title if isinstance(title, str) else None,
            closeness if isinstance(closeness, int) else None,
            tuple(str(x) for x in relationship) if isinstance(relationship, list) else (),
            tuple(str(x) for x in tags) if isinstance(tags, list) else (),
            archived is True,
        )


def state_of(
    name: str,
    company: str | None,
    title: str | None,
    closeness: int | None,
    relationship: tuple[str, ...],
    tags: tuple[str, ...],
    archived: bool,
) -> State:
    """A state with its lists in a canonical order: reordering a list is not a change."""
    return State(
        name,
        company,
        title,
        closeness,
        tuple(sorted(set(relationship))),
        tuple(sorted(set(tags))),
        archived,
    )


def parse_state(path: str, text: str) -> State | None:
    """A contact file's tracked fields, read as the loader reads them; None if unusable."""
    from .assemble import make_contact  # the parsers load only when a history is walked
    from .parse import ParseError, parse_document

    parsed = parse_document(text.replace("\r\n", "\n"))
    if isinstance(parsed, ParseError):
        return None
    doc = RawDoc("contact", path, parsed.data, parsed.lines, parsed.body, parsed.body_line)
    contact = make_contact(doc)
    if contact is None:
        return None
    return state_of(
        contact.name,
        contact.company,
        contact.title,
        contact.closeness,
        contact.relationship,
        contact.tags,
        contact.archived,
    )


@dataclass(frozen=True, slots=True)
class Revision:
    """One commit that changed a contact file in a way worth showing."""

    commit: str
    date: dt.date  # the author date
    subject: str
    path: str  # the file's path after the commit (relative to the journal)
    old_path: str | None  # its path before, when the commit renamed it
    before: State | None  # None: the file was added (or unreadable before)
    after: State | None  # None: the file was deleted (or is unreadable now)


@dataclass(frozen=True)
class History:
    """The contacts' history as git knows it, and why it may be empty or partial."""

    available: bool = False  # git and a repository with at least one commit
    head: str | None = None
    note: str = ""  # why the history is empty or partial ("" when it is complete)
    # Path at HEAD → its revisions, oldest first, renames followed back to the first path.
    files: dict[str, tuple[Revision, ...]] = field(default_factory=dict)
    head_states: dict[str, State] = field(default_factory=dict)  # path at HEAD → state
    shallow: bool = False
    # Application entries edited after they were added: path at HEAD → the commits that
    # changed the status (the first version as an application first), and the state at HEAD.
    # An entry not here was committed once, or never: its status is what the entry says.
    applications: dict[str, tuple[AppRevision, ...]] = field(default_factory=dict)
    head_applications: dict[str, AppState] = field(default_factory=dict)

    def revisions(self) -> list[Revision]:
        """Every revision, oldest first."""
        out = [r for revs in self.files.values() for r in revs]
        out.sort(key=lambda r: (r.date, r.path))
        return out


def unavailable(note: str) -> History:
    return History(False, None, note)


# In-memory cache per process (a `mkdocs serve` keeps it between rebuilds): root → history.
_MEMORY: dict[str, History] = {}


def read_history(root: Path, use_cache: bool = True) -> History:
    """The contacts' history of the journal at `root`, from the cache when HEAD is unchanged."""
    git = shutil.which("git")
    if git is None:
        return unavailable("git is not installed, so the history of changes cannot be read.")
    root = root.resolve()
    head = _run(git, root, ["rev-parse", "--verify", "-q", "HEAD"])
    if isinstance(head, _Failed):
        inside = _run(git, root, ["rev-parse", "--is-inside-work-tree"])
        if isinstance(inside, _Failed):
            if "not a git repository" in inside.message:
                return unavailable(
                    "This journal is not in a git repository, so there is no history of changes."
                )
            # git's own words: a repository owned by another user, a damaged .git…
            return unavailable(f"The git history could not be read: {inside.message}")
        return unavailable("The git repository has no commits yet.")
    head_sha = head.strip()
    key = root.as_posix()
    if use_cache:
        known = _MEMORY.get(key)
        if known is not None and known.head == head_sha:
            return known
        cached = _read_cache(root, head_sha)
        if cached is not None:
            _MEMORY[key] = cached
            return cached
    history = _walk(git, root, head_sha)
    if history.available and use_cache:
        _MEMORY[key] = history
        _write_cache(root, history)
    return history


@dataclass(frozen=True)
class _Failed:
    code: int
    message: str


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(LC_ALL="C", GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def _run_bytes(
    git: str, root: Path, args: list[str], stdin: bytes | None = None
) -> bytes | _Failed:
    try:
        done = subprocess.run(
            [git, "-c", "core.quotepath=off", *args],
            cwd=root,
            input=stdin,
            capture_output=True,
            env=_env(),
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _Failed(-2, f"git took longer than {TIMEOUT:g} s")
    except OSError as err:
        return _Failed(-1, err.strerror or str(err))
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        said = [x for x in lines if x.startswith(("fatal: ", "error: "))] or lines[-1:]
        message = said[0].split(": ", 1)[-1] if said else "git failed"
        return _Failed(done.returncode, message)
    return done.stdout


def _run(git: str, root: Path, args: list[str]) -> str | _Failed:
    out = _run_bytes(git, root, args)
    return out if isinstance(out, _Failed) else out.decode("utf-8", "replace")


@dataclass(slots=True)
class FileChange:
    """One file changed by one commit, as `git log --raw` says (paths relative to the journal)."""

    commit: str
    date: dt.date
    subject: str
    status: str  # A M D R…
    old_blob: str
    new_blob: str
    old_path: str
    new_path: str


def _walk(git: str, root: Path, head: str) -> History:
    from .parse import ParseError, split_front_matter  # see parse_state

    notes: list[str] = []
    shallow_out = _run(git, root, ["rev-parse", "--is-shallow-repository"])
    shallow = not isinstance(shallow_out, _Failed) and shallow_out.strip() == "true"
    boundary: set[str] = set()
    if shallow:
        path = _run(git, root, ["rev-parse", "--git-path", "shallow"])
        if not isinstance(path, _Failed):
            with contextlib.suppress(OSError):
                boundary = set((root / path.strip()).read_text().split())
    log = _run_bytes(
        git,
        root,
        [
            "log",
            f"--max-count={MAX_COMMITS}",
            "--reverse",
            "-z",
            "--format=%x1e%H %as %s",
            "--raw",
            "--no-abbrev",
            "-M",
            "--relative",
            "HEAD",
            "--",
            CONTACTS,
            JOURNAL,
        ],
    )
    if isinstance(log, _Failed):
        return History(False, head, f"The git history could not be read: {log.message}.")
    changes, entry_changes, commits = _parse_log(log)
    if commits >= MAX_COMMITS:
        notes.append(
            f"The history is long: only the latest {MAX_COMMITS:,} commits that touched "
            "contacts/ or journal/ were read."
        )
    if shallow:
        notes.append(
            "This is a shallow clone: changes made before its oldest commit are not known "
            "(run `git fetch --unshallow` for the full history)."
        )
    tree = _run_bytes(git, root, ["ls-tree", "-r", "-z", "HEAD", "--", CONTACTS, JOURNAL])
    head_blobs: dict[str, str] = {}
    head_entries: dict[str, str] = {}
    if not isinstance(tree, _Failed):
        for item in tree.split(b"\0"):
            if not item:
                continue
            meta, _, file = item.partition(b"\t")
            parts = meta.split()
            if len(parts) == 3 and parts[1] == b"blob":
                name = file.decode("utf-8", "replace")
                if _is_contact(name):
                    head_blobs[name] = parts[2].decode()
                elif is_entry_file(name):
                    head_entries[name] = parts[2].decode()
    edited = edited_entries(entry_changes, head_entries)
    wanted = {c.old_blob for c in changes} | {c.new_blob for c in changes}
    wanted |= {c.old_blob for c in edited} | {c.new_blob for c in edited}
    wanted |= set(head_blobs.values())
    edited_at_head = {
        c.new_path: head_entries[c.new_path] for c in edited if c.new_path in head_entries
    }
    wanted |= set(edited_at_head.values())
    wanted.discard(ZERO)
    texts = _read_blobs(git, root, wanted)
    if texts is None:
        return History(False, head, "The git objects could not be read.", shallow=shallow)
    states: dict[tuple[str, bool], State | None] = {}
    # A state depends only on the front matter and on whether the file name is a slug:
    # a commit that edits only the notes costs no parsing.
    by_front: dict[tuple[str, bool], State | None] = {}

    def state(blob: str, path: str) -> State | None:
        if blob == ZERO:
            return None
        slug = bool(SLUG_RE.match(path.rsplit("/", 1)[-1].removesuffix(".md")))
        key = (blob, slug)
        if key not in states:
            text = texts.get(blob)
            if text is None:
                states[key] = None
            else:
                text = text.replace("\r\n", "\n")
                split = split_front_matter(text)
                front = (split[0] if not isinstance(split, ParseError) else text, slug)
                if front not in by_front:
                    by_front[front] = parse_state(path, text)
                states[key] = by_front[front]
        return states[key]

    chains: dict[str, list[Revision]] = {}
    last_good: dict[str, State] = {}  # path → its last readable state (a broken version
    # in between is skipped: fixing it is no change)
    for c in changes:
        kind = c.status[:1]
        if kind == "D":
            chains.pop(c.old_path, None)
            last_good.pop(c.old_path, None)
            continue
        chain = chains.pop(c.old_path, []) if kind == "R" else None
        good = last_good.pop(c.old_path, None) if kind == "R" else last_good.get(c.new_path)
        if chain is None:
            chain = chains.get(c.new_path, [])
        chains[c.new_path] = chain
        after = state(c.new_blob, c.new_path)
        if after is not None:
            last_good[c.new_path] = after
        elif good is not None:
            last_good[c.new_path] = good
        if kind == "A" and c.commit in boundary:
            continue  # a shallow clone's first commit: not an addition
        before = (state(c.old_blob, c.old_path) or good) if kind != "A" else None
        renamed = kind == "R" and c.old_path != c.new_path
        if after is None and not renamed:
            continue  # unreadable at this commit: nothing to say until it is readable again
        if renamed or before != after or kind == "A":
            old = c.old_path if renamed else None
            chain.append(Revision(c.commit, c.date, c.subject, c.new_path, old, before, after))
    files = {path: tuple(chains.get(path, ())) for path in head_blobs}
    head_states = {}
    for path, blob in head_blobs.items():
        s = state(blob, path)
        if s is not None:
            head_states[path] = s
    app_states: dict[tuple[str, str], AppState | None] = {}

    def app_state(blob: str, path: str) -> AppState | None:
        if blob == ZERO:
            return None
        key = (blob, path.rsplit("/", 1)[-1])  # the file name is the entry's date
        if key not in app_states:
            text = texts.get(blob)
            app_states[key] = None if text is None else parse_app_state(path, text)
        return app_states[key]

    app_chains = application_chains(edited, app_state)
    head_apps = {}
    for path, blob in edited_at_head.items():
        found = app_state(blob, path)
        if found is not None:
            head_apps[path] = found
    applications = {p: tuple(app_chains.get(p, ())) for p in head_apps}
    note = " ".join(notes)
    return History(True, head, note, files, head_states, shallow, applications, head_apps)


def _is_contact(path: str) -> bool:
    """A contact file as the loader sees one: any `.md` under contacts/, however deep, but
    nothing under a name that starts with a dot."""
    if not (path.startswith(CONTACTS) and path.endswith(".md")):
        return False
    return not any(part.startswith(".") for part in path[len(CONTACTS) :].split("/"))


def _parse_log(log: bytes) -> tuple[list[FileChange], list[FileChange], int]:
    """The file changes of `git log -z --raw` output, oldest first: those of contact files,
    those of journal entry files, and the number of commits read."""
    contacts: list[FileChange] = []
    entries: list[FileChange] = []
    records = log.split(b"\x1e")
    commits = 0
    for record in records:
        if not record:
            continue
        header, _, raw = record.partition(b"\0")
        commits += 1
        sha, _, rest = header.decode("utf-8", "replace").partition(" ")
        day, _, subject = rest.partition(" ")
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            continue
        tokens = raw.split(b"\0")
        i = 0
        while i < len(tokens):
            meta = tokens[i].strip()
            i += 1
            if not meta.startswith(b":"):
                continue
            fields = meta[1:].decode().split()
            if len(fields) < 5:
                continue
            status = fields[4]
            old_path = tokens[i].decode("utf-8", "replace") if i < len(tokens) else ""
            i += 1
            new_path = old_path
            if status[:1] in "RC":
                new_path = tokens[i].decode("utf-8", "replace") if i < len(tokens) else ""
                i += 1
            for inside, found, folder in AREAS:
                if not (old_path.startswith(folder) or new_path.startswith(folder)):
                    continue  # the cheap test first: most lines are journal entries
                change = _change_in(inside, sha, date, subject, status, fields, old_path, new_path)
                if change is not None:
                    (contacts if found else entries).append(change)
    return contacts, entries, commits


# (what belongs there, whether it is contacts/, the folder)
AREAS: tuple[tuple[Callable[[str], bool], bool, str], ...] = (
    (_is_contact, True, CONTACTS),
    (is_entry_file, False, JOURNAL),
)


def _change_in(
    inside: Callable[[str], bool],
    sha: str,
    date: dt.date,
    subject: str,
    status: str,
    fields: list[str],
    old_path: str,
    new_path: str,
) -> FileChange | None:
    """A change as seen from one folder (`inside` says what belongs there): a file moved in
    from elsewhere, or copied, is added there; a file moved out is gone."""
    if not (inside(new_path) or inside(old_path)):
        return None
    old_blob = fields[2]
    if status[:1] == "C" or not inside(old_path):
        status, old_path, old_blob = "A", new_path, ZERO
    elif not inside(new_path):
        status = "D"
    return FileChange(sha, date, subject, status, old_blob, fields[3], old_path, new_path)


def _read_blobs(git: str, root: Path, blobs: set[str]) -> dict[str, str] | None:
    """The text of every blob, from one `git cat-file --batch`."""
    if not blobs:
        return {}
    order = sorted(blobs)
    out = _run_bytes(git, root, ["cat-file", "--batch"], ("\n".join(order) + "\n").encode())
    if isinstance(out, _Failed):
        return None
    texts: dict[str, str] = {}
    pos = 0
    for sha in order:
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "missing": a shallow clone or a damaged repository
        size = int(header[2])
        texts[sha] = out[pos : pos + size].decode("utf-8", "replace")
        pos += size + 1
    return texts


def _read_cache(root: Path, head: str) -> History | None:
    try:
        raw = json.loads(read_regular_text(root / CACHE_FILE, CACHE_LIMIT))
        if raw.get("version") != CACHE_VERSION or raw.get("head") != head:
            return None
        files: dict[str, tuple[Revision, ...]] = {}
        for path, revs in raw["files"].items():
            files[path] = tuple(
                Revision(
                    sha,
                    dt.date.fromisoformat(day),
                    subject,
                    new_path,
                    old_path,
                    State.from_list(before) if before is not None else None,
                    State.from_list(after) if after is not None else None,
                )
                for sha, day, subject, new_path, old_path, before, after in revs
            )
        head_states = {p: State.from_list(s) for p, s in raw["head_states"].items()}
        applications = {
            path: tuple(AppRevision.from_list(r) for r in revs)
            for path, revs in raw["applications"].items()
        }
        head_apps = {p: AppState.from_list(s) for p, s in raw["head_applications"].items()}
        shallow = raw["shallow"] is True
        return History(
            True, head, raw["note"], files, head_states, shallow, applications, head_apps
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _write_cache(root: Path, history: History) -> None:
    """Keep the history for the next process; a cache that cannot be written is no error."""
    raw = {
        "version": CACHE_VERSION,
        "head": history.head,
        "note": history.note,
        "shallow": history.shallow,
        "files": {
            path: [
                [
                    r.commit,
                    r.date.isoformat(),
                    r.subject,
                    r.path,
                    r.old_path,
                    r.before.as_list() if r.before else None,
                    r.after.as_list() if r.after else None,
                ]
                for r in revs
            ]
            for path, revs in history.files.items()
        },
        "head_states": {p: s.as_list() for p, s in history.head_states.items()},
        "applications": {
            path: [r.as_list() for r in revs] for path, revs in history.applications.items()
        },
        "head_applications": {p: s.as_list() for p, s in history.head_applications.items()},
    }
    folder = root / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# kithbook's caches: rebuilt when missing, never committed\n*\n")
        tmp = folder / f"history.json.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(raw, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, root / CACHE_FILE)
    except OSError:
        pass
