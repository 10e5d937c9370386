"""A second core for the pipeline: run a pure function in a forked child meanwhile.

A full build parses thousands of files and renders thousands of pages; half of that work
can run in a child process while this one does the other half. `start(fn)` forks a child
that computes `fn()` and sends back the pickled result; `result()` collects it. Nothing
else crosses over, so `fn` must be pure (the pipeline's functions are).

It forks only where that is safe and can help: on Linux, in a process with a single thread
(`mkdocs build`, `kith`; not `mkdocs serve`, whose server threads a fork would not carry)
and with more than one core for it. Anywhere else, or with KITHBOOK_WORKERS=1, `fn` runs
in this process, as it also does if the child fails for any reason: the result is the same
either way, only the time differs.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


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
        if fork and can_fork():
            self._fork()
        if not self._pid:
            self._value = fn()

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
            return self._value
        pid, self._pid = self._pid, 0
        with os.fdopen(self._read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and payload:
            try:
                self._value = pickle.loads(payload)
                return self._value
            except Exception:
                pass
        self._value = self._fn()
        return self._value


def start(fn: Callable[[], T], fork: bool = True) -> Pending[T]:
    """Compute `fn()` in a forked child if asked and possible, else right away."""
    return Pending(fn, fork)
