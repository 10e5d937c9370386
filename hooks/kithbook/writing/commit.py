"""Commit what a `kith` command wrote, and nothing else (the `git_commit` setting).

Two steps around the write: `check_commit` before it (is this a repository, has the user
staged changes of their own, were the files about to be written already changed?), then
`commit_files` after it, which stages exactly the files written and commits only them
(`git commit --only -- PATHS`). Both return values, never raise: a commit that cannot be
made leaves the written files as they are and says why. Nothing is ever pushed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 60.0


@dataclass(frozen=True)
class Refused:
    """Why nothing will be committed."""

    reason: str


@dataclass(frozen=True)
class Ready:
    git: str


def _git(
    git: str, root: Path, *args: str, paths: Sequence[str] | None = None
) -> subprocess.CompletedProcess[bytes] | None:
    """Run git; `paths` go on stdin, NUL-separated (an import writes thousands of files)."""
    env = dict(os.environ)
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    try:
        return subprocess.run(
            [git, *args],
            cwd=root,
            env=env,
            input=None if paths is None else "".join(f"{p}\0" for p in paths).encode(),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def _said(done: subprocess.CompletedProcess[bytes] | None) -> str:
    if done is None:
        return "git could not be run"
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"git exited with {done.returncode}"


def check_commit(root: Path, paths: Sequence[str]) -> Ready | Refused:
    """Before writing: whether the files about to be written can be committed afterwards.

    `paths` are relative to `root`. Refused when git is missing, the journal is not in a
    repository, the user has staged changes, or one of the files has uncommitted changes
    of the user's (committing it would commit those too).
    """
    git = shutil.which("git")
    if git is None:
        return Refused("git is not installed")
    inside = _git(git, root, "rev-parse", "--is-inside-work-tree")
    if inside is None or inside.returncode != 0:
        return Refused("the journal is not in a git repository")
    staged = _git(git, root, "diff", "--cached", "--quiet")
    if staged is None or staged.returncode not in (0, 1):
        return Refused(_said(staged))
    if staged.returncode == 1:
        return Refused("you have staged changes of your own: commit or unstage them first")
    if paths:
        prefix = _git(git, root, "rev-parse", "--show-prefix")
        folders = sorted({p.split("/", 1)[0] for p in paths})
        status = _git(
            git, root, "status", "--porcelain", "-z", "-uall", "--no-renames", "--", *folders
        )
        if prefix is None or status is None or status.returncode != 0:
            return Refused(_said(status))
        top = prefix.stdout.decode("utf-8", "replace").strip()  # status paths start at the top
        wanted = {top + p: p for p in paths}
        for item in status.stdout.decode("utf-8", "replace").split("\0"):
            if item[3:] in wanted:
                path = wanted[item[3:]]
                return Refused(f"{path} has changes of your own that are not committed")
    return Ready(git)


def commit_files(root: Path, ready: Ready, paths: Sequence[str], message: str) -> str:
    """Commit exactly `paths` (relative to `root`) with `message`; what happened, in words."""
    git = ready.git
    existing = [p for p in dict.fromkeys(paths) if (root / p).exists()]
    if not existing:
        return "Nothing to commit."
    ignored = _git(git, root, "check-ignore", "-z", "--stdin", paths=existing)
    if ignored is not None and ignored.returncode == 0:
        skip = set(ignored.stdout.decode("utf-8", "replace").split("\0"))
        existing = [p for p in existing if p not in skip]
    staged = _git(git, root, "diff", "--cached", "--quiet")
    if staged is None or staged.returncode != 0:  # staged meanwhile by someone else
        return "Not committed: the index changed while the command ran."
    spec = ("--pathspec-from-file=-", "--pathspec-file-nul")
    added = _git(git, root, "add", *spec, paths=existing)
    if added is None or added.returncode != 0:
        return f"Not committed: {_said(added)}."
    done = _git(git, root, "commit", "-q", "-m", message, "--only", *spec, paths=existing)
    if done is None or done.returncode != 0:
        _git(git, root, "reset", "-q", *spec, paths=existing)  # leave the index as it was
        return f"Not committed: {_said(done)}."
    return f"Committed: {message}"
