"""Carry out an import plan: new files in one batch, edits through ruamel.yaml, then the state.

New files are rendered (ruamel.yaml) and written to temporary files by worker processes
when there are many, then flushed to disk once and linked into place. Nothing appears under
its final name before its content is on disk, and no file is overwritten.

The temporary files live in `.kithbook/tmp/run-<pid>/` (ignored by git through the
`.gitignore` there), so that a run that was killed leaves them where the next run finds
and removes them; worker processes die with the import that started them.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import multiprocessing
import os
import re
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ...reading.fields import CONTACT_KEYS
from ...reading.load import CONTACTS, JOURNAL
from ...writing.write import (
    CreateBatch,
    Guard,
    WriteError,
    check_inside,
    edit_front_matter,
    make_yaml,
    render_document,
    set_in_order,
    stage_file,
    to_commented,
)
from ..shared.apply import RunMaker
from ..shared.state import choose_text, write_state
from .plan import ContactUpdate, FieldChange, Plan
from .state import STATE_FILE, render_state

LINK_ORDER = ("linkedin", "email")
TEMP_FOLDER = ".kithbook/tmp"
_RUN = re.compile(r"^run-(\d+)$")
_PARENT: int | None = None  # in a worker process: the import that started it
_OLD_TEMP = re.compile(r"^\..+\.(\d+)-\d+\.tmp$")  # beside the file, before this folder
PARALLEL_FROM = 2_000  # new files; fewer are written before worker processes would start
CHUNK = 500
Advance = Callable[[int], None]
# (final path, "contact" | "entry", contact fields or entry front matter, body)
Job = tuple[str, str, tuple[tuple[str, object], ...], str]


def field_value(key: str, value: str) -> object:
    """A value as it goes into front matter (`met` is a date, not text)."""
    return dt.date.fromisoformat(value) if key == "met" else value


def contact_data(fields: Sequence[tuple[str, object]]) -> CommentedMap:
    data: dict[str, object] = {}
    links: dict[str, object] = {}
    for key, value in fields:
        if key.startswith("links."):
            links[key.removeprefix("links.")] = value
        else:
            data[key] = field_value(key, str(value))
    if links:
        data["links"] = links
    return to_commented(data)


def apply_changes(data: CommentedMap, changes: tuple[FieldChange, ...]) -> None:
    """Set each changed field, in place or at its place in the journal format's key order."""
    for change in changes:
        if change.key.startswith("links."):
            links = data.get("links")
            if links is None:
                links = CommentedMap()
                set_in_order(data, "links", links, CONTACT_KEYS)
            if isinstance(links, CommentedMap):
                set_in_order(links, change.key.removeprefix("links."), change.new, LINK_ORDER)
        else:
            set_in_order(data, change.key, field_value(change.key, change.new), CONTACT_KEYS)


def stage_jobs(jobs: Sequence[Job], folder: str | None = None) -> list[tuple[Path, Path]]:
    """Render each new file and write it to a temporary file in `folder` (else beside it).

    Runs in worker processes: module-level, plain data in and out. On failure it removes
    the temporary files it made.
    """
    if _PARENT is not None and os.getppid() != _PARENT:
        os._exit(1)  # the import that started this worker is gone
    yaml = make_yaml()
    staged: list[tuple[Path, Path]] = []
    temp_folder = Path(folder) if folder is not None else None
    try:
        for path, kind, data, body in jobs:
            front = contact_data(data) if kind == "contact" else dict(data)
            final = Path(path)
            text = render_document(front, body, yaml=yaml)
            staged.append((stage_file(final, text, folder=temp_folder), final))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return staged


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    fork_safe = "fork" in methods and threading.active_count() == 1
    return multiprocessing.get_context("fork" if fork_safe else "spawn")


def die_with_parent(parent: int) -> None:
    """A worker's first act: ask Linux to kill it when the import dies (PR_SET_PDEATHSIG),
    and exit at once if that already happened. Elsewhere a worker notices at its next chunk."""
    global _PARENT
    _PARENT = parent
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier process with this number; we are starting afresh
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's live process
    return True


def start_temp_folder(root: Path) -> Path:
    """This run's folder for temporary files, after removing what killed runs left behind.

    Earlier versions staged hidden `.NAME.PID-N.tmp` files beside their final names; those of
    processes that are gone are removed too.
    """
    base = check_inside(root, TEMP_FOLDER.split("/")[0], root / TEMP_FOLDER)
    if (root / TEMP_FOLDER).is_symlink():
        raise WriteError(f"{TEMP_FOLDER} is a symbolic link: not writing there")
    base.mkdir(parents=True, exist_ok=True)
    ignore = base / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# kith import's temporary files: never commit them\n*\n", "utf-8")
    for entry in base.iterdir():
        found = _RUN.match(entry.name)
        if found is not None and not _alive(int(found.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
    for folder in (root / CONTACTS, *sorted((root / JOURNAL).glob("*"))):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for item in os.scandir(folder):
            old = _OLD_TEMP.match(item.name)
            if old is not None and item.is_file() and not _alive(int(old.group(1))):
                Path(item.path).unlink(missing_ok=True)
    run = base / f"run-{os.getpid()}"
    run.mkdir(exist_ok=True)
    return run


def end_temp_folder(run: Path) -> None:
    """Remove this run's folder, and `.kithbook/tmp/` itself when nothing else is in it."""
    shutil.rmtree(run, ignore_errors=True)
    base = run.parent
    try:
        if {p.name for p in base.iterdir()} <= {".gitignore"}:
            (base / ".gitignore").unlink(missing_ok=True)
            base.rmdir()
    except OSError:
        pass


def stage_all(
    jobs: list[Job], batch: CreateBatch, advance: Advance | None, folder: Path | None = None
) -> None:
    """Stage every job into `batch`: in worker processes when there are many."""
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    workers = min(os.cpu_count() or 1, 4)
    where = str(folder) if folder is not None else None
    if len(jobs) < PARALLEL_FROM or workers < 2:
        for chunk in chunks:
            batch.adopt(stage_jobs(chunk, where))
            if advance is not None:
                advance(len(chunk))
        return
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        futures: dict[Future[list[tuple[Path, Path]]], int] = {
            pool.submit(stage_jobs, chunk, where): len(chunk) for chunk in chunks
        }
        pending = set(futures)
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in done:
                    batch.adopt(future.result())
                    if advance is not None:
                        advance(futures[future])
        except BaseException:
            for future in pending:
                future.cancel()
            for future in pending:
                if not future.cancelled() and future.exception() is None:
                    batch.adopt(future.result())
            raise


def make_jobs(root: Path, plan: Plan) -> list[Job]:
    """Every new file of the plan, its path checked to stay inside contacts/ or journal/."""
    contacts, journal = Guard(root, CONTACTS), Guard(root, JOURNAL)
    jobs: list[Job] = []
    for contact in plan.new_contacts:
        path = contacts.check(root / contact.path)
        jobs.append((str(path), "contact", contact.fields, ""))
    for entry in plan.new_entries:
        path = journal.check(root / entry.path)
        jobs.append((str(path), "entry", entry.data, entry.body))
    for folder in {Path(job[0]).parent for job in jobs}:
        folder.mkdir(parents=True, exist_ok=True)
    return jobs


def update_contact(root: Path, update: ContactUpdate) -> None:
    path = check_inside(root, CONTACTS, root / update.path)
    edit_front_matter(path, lambda data: apply_changes(data, update.changes))


def apply_plan(
    root: Path,
    plan: Plan,
    advance: Advance | None = None,
    previous: Mapping[str, object] | None = None,
    last_run: RunMaker | None = None,
) -> list[str]:
    """Write what the plan says: creates never overwrite, edits are atomic, the state comes last.

    Returns a message per contact that could not be edited (the rest goes on; the state
    keeps what it knew of that person, so the next run tries again). `last_run(failed)` is
    the state's last run when the state changes otherwise; else it keeps `previous` and is
    not written (imports/shared/state.py `choose_text`).
    """
    batch = CreateBatch()
    try:
        run = start_temp_folder(root)
    except OSError as err:
        raise WriteError(f"cannot write in {TEMP_FOLDER}: {err.strerror or err}") from None
    try:
        try:
            stage_all(make_jobs(root, plan), batch, advance, run)
        except OSError as err:
            batch.discard()
            raise WriteError(f"cannot write: {err.strerror or err}") from None
        except BaseException:
            batch.discard()
            raise
        kept = batch.commit()
    finally:
        end_temp_folder(run)
    if kept:
        raise WriteError(f"{kept[0]} appeared while importing: kept it, not overwritten")
    failed: list[str] = []
    people = dict(plan.state.people)
    for update in plan.updates:
        try:
            update_contact(root, update)
        except WriteError as err:
            failed.append(f"{update.source}: not updated: {err}")
            if update.previous is None:
                people.pop(update.key, None)
            else:
                people[update.key] = update.previous
        if advance is not None:
            advance(1)
    state = replace(plan.state, people=people)

    def render(last_run: Mapping[str, object] | None) -> str:
        return render_state(replace(state, last_run=last_run))

    made = last_run(len(failed)) if last_run is not None else None
    write_state(root, STATE_FILE, *choose_text(render, previous, made))
    return failed
