"""A second core for the pipeline: pure work in a forked child meanwhile.

A full build parses thousands of files and renders thousands of pages; half of that work
can run in a child process while this one does the other half. Two ways:

- `start(fn)` forks a child that computes `fn()` and sends back the pickled result;
  `result()` collects it.
- `share(fn, items)` maps `fn` over `items` in this process and a forked child at once.
  The items are cut into small chunks that each process claims from a pipe as it becomes
  free, so neither waits long for the other however busy the machine is.

Nothing but results crosses over, so the functions must be pure (the pipeline's are).

It forks only where that is safe and can help: on Linux, in a process with a single thread
(`mkdocs build`, `kith`; not `mkdocs serve`, whose server threads a fork would not carry)
and with more than one core for it. Anywhere else, or with KITHBOOK_WORKERS=1, `fn` runs
in this process, as it also does if the child fails for any reason: the result is the same
either way, only the time differs.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
X = TypeVar("X")

CHUNKS = 400  # `share` cuts its items into at most this many chunks
_INDEX = 4  # bytes per chunk number in the pipe; a read this small from a pipe is atomic
PIPE_SIZE = 1 << 20  # bytes: the results pipe of `share` holds this much unread


def can_fork() -> bool:
    if os.environ.get("KITHBOOK_WORKERS", "") == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1:
        return False
    return len(os.sched_getaffinity(0)) > 1


class Pending(Generic[T]):
    """A value being computed by a child process (or already computed here)."""

    def __init__(self, fn: Callable[[], T], fork: bool = True) -> None:
        self._fn = fn
        self._pid = 0
        self._read = -1
        self._done = False
        if fork and can_fork():
            self._fork()
        if not self._pid:
            self._keep(fn())

    def _keep(self, value: T) -> T:
        self._value, self._done = value, True
        return value

    def _fork(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, and leave without running any cleanup
            status = 1
            try:
                os.close(read)
                payload = pickle.dumps(self._fn(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        if not self._pid:
            return self._value if self._done else self._keep(self._fn())
        pid, self._pid = self._pid, 0
        with os.fdopen(self._read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and payload:
            try:
                return self._keep(pickle.loads(payload))
            except Exception:
                pass
        return self._keep(self._fn())

    def cancel(self) -> None:
        """Stop the child, if any: its result is not needed (`result()` would compute it here)."""
        if self._pid:
            pid, self._pid = self._pid, 0
            os.close(self._read)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def start(fn: Callable[[], T], fork: bool = True) -> Pending[T]:
    """Compute `fn()` in a forked child if asked and possible, else right away."""
    return Pending(fn, fork)


def share(fn: Callable[[X], T], items: Sequence[X], fork: bool = True) -> list[T]:
    """`[fn(item) for item in items]`, with a forked child taking chunks of the work.

    Both processes claim chunk numbers from one pipe, filled before the fork. The child
    sends each chunk's results as soon as they are computed, and this process takes them
    in between its own chunks, so neither the child's pickling nor this process's
    unpickling is left for the end. If the child fails, this process computes the chunks
    it did not get back.
    """
    count = min(len(items), CHUNKS)
    if not (fork and count > 1 and can_fork()):
        return [fn(item) for item in items]
    bounds = [len(items) * i // count for i in range(count + 1)]

    def run(chunk: int) -> list[T]:
        return [fn(item) for item in items[bounds[chunk] : bounds[chunk + 1]]]

    claims, fill = os.pipe()
    os.write(fill, b"".join(i.to_bytes(_INDEX, "little") for i in range(count)))
    os.close(fill)  # every claim is in the pipe: an empty read means the work is all taken

    def claim() -> int | None:
        got = os.read(claims, _INDEX)
        return int.from_bytes(got, "little") if got else None

    done: dict[int, list[T]] = {}
    try:
        child = _Child.fork()
        if child is None:  # could not fork: all of it here
            while (chunk := claim()) is not None:
                done[chunk] = run(chunk)
        elif child.pid == 0:  # the child: compute chunks and send each one at once
            child.serve(claim, run)
        else:
            while (chunk := claim()) is not None:
                done[chunk] = run(chunk)
                child.receive(done, wait=False)
            child.receive(done, wait=True)
    finally:
        os.close(claims)
    out: list[T] = []
    for chunk in range(count):
        part = done.get(chunk)
        out += part if part is not None else run(chunk)  # chunks a failed child had claimed
    return out


class _Child:
    """The child process of `share`, and the pipe of its results: (chunk, length, pickle)."""

    HEAD = 8

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe
        self.buffer = bytearray()

    @classmethod
    def fork(cls) -> _Child | None:
        import fcntl  # Linux only, as is forking here

        read, write = os.pipe()
        with contextlib.suppress(OSError):  # a bigger pipe: the child rarely waits for a read
            fcntl.fcntl(write, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_SIZE)
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:
            os.close(read)
            return cls(0, write)
        os.close(write)
        os.set_blocking(read, False)
        return cls(pid, read)

    def serve(self, claim: Callable[[], int | None], run: Callable[[int], object]) -> None:
        """In the child: send each claimed chunk's results, then leave without cleanup."""
        status = 1
        try:
            with os.fdopen(self.pipe, "wb") as out:
                while (chunk := claim()) is not None:
                    payload = pickle.dumps(run(chunk), protocol=pickle.HIGHEST_PROTOCOL)
                    out.write(chunk.to_bytes(4, "little") + len(payload).to_bytes(4, "little"))
                    out.write(payload)
                    out.flush()
            status = 0
        finally:
            os._exit(status)

    def receive(self, done: dict[int, Any], wait: bool) -> None:
        """Take the chunks the child has sent; with `wait`, all of them until it ends."""
        if wait:
            os.set_blocking(self.pipe, True)
        while True:
            try:
                got = os.read(self.pipe, PIPE_SIZE)
            except BlockingIOError:
                break
            if not got:  # the child has ended
                break
            self.buffer += got
            self._unpack(done)
        if wait:
            os.close(self.pipe)
            os.waitpid(self.pid, 0)  # a failed child's missing chunks are computed by share

    def _unpack(self, done: dict[int, Any]) -> None:
        buffer, at = self.buffer, 0
        while len(buffer) - at >= self.HEAD:
            chunk = int.from_bytes(buffer[at : at + 4], "little")
            size = int.from_bytes(buffer[at + 4 : at + 8], "little")
            end = at + self.HEAD + size
            if len(buffer) < end:
                break
            with contextlib.suppress(Exception):  # unreadable: computed again by share
                done[chunk] = pickle.loads(buffer[at + self.HEAD : end])
            at = end
        del buffer[:at]
