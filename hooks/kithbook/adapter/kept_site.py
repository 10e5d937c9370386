"""`mkdocs serve`: the site's files overwritten, not made again; off with other plugins, shortcuts.

Plain `mkdocs serve` empties its site folder before every rebuild and writes every page
again: about 1,400 files and folders at 500 contacts and 2,000 entries. On a slow disk,
making them again costs more than everything else in a rebuild; overwriting files that are
there costs a fraction of it.

`KeptSite` moves the site's folders into a hidden folder before MkDocs empties the site
(which leaves hidden entries alone) and moves them back before any page is written, so the
rebuild overwrites them. After the build, it deletes every file the build did not write and
the folders left empty, so the site is exactly what an emptied folder would have given. A
file the build did not write is one whose inode change time is what it was before the
build: writing a file always changes it, and no program can set it back. Files at the top
of the site are left to MkDocs (moving them would change their change time).

The hook uses it only when every plugin of the site is kithbook or the search plugin, which
write every file they make on every build (a plugin that skips writing a file it finds
already there would lose that file).
"""

from __future__ import annotations

import contextlib
import os
import shutil

STASH = ".kithbook-previous"  # hidden: MkDocs does not empty hidden entries


class KeptSite:
    """One serve's site folder, kept between rebuilds."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.stash_dir = os.path.join(site_dir, STASH)
        self.before: dict[str, int] = {}  # file → inode change time before the build
        self.folders: list[str] = []
        self.moved: list[str] = []

    def set_aside(self) -> None:
        """Before MkDocs empties the site: note every file's change time, move folders out."""
        self.before, self.folders, self.moved = {}, [], []
        if os.path.isdir(self.stash_dir):  # left by a build that failed half way
            shutil.rmtree(self.stash_dir, ignore_errors=True)
        if not os.path.isdir(self.site_dir):
            return
        tops = [e.name for e in os.scandir(self.site_dir) if _is_folder(e) and e.name[0] != "."]
        for name in tops:
            self._note(os.path.join(self.site_dir, name))
        try:
            os.mkdir(self.stash_dir)
            for name in tops:
                os.rename(os.path.join(self.site_dir, name), os.path.join(self.stash_dir, name))
                self.moved.append(name)
        except OSError:
            self.put_back()
            self.before, self.folders = {}, []

    def _note(self, folder: str) -> None:
        self.folders.append(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if _is_folder(entry):
                    self._note(entry.path)
                else:
                    self.before[entry.path] = entry.stat(follow_symlinks=False).st_ctime_ns

    def put_back(self) -> None:
        """Once MkDocs has emptied the site: the folders back, to be overwritten."""
        for name in self.moved:
            # If that fails, the build writes the folder afresh; the old one goes with the stash.
            with contextlib.suppress(OSError):
                os.rename(os.path.join(self.stash_dir, name), os.path.join(self.site_dir, name))
        self.moved = []
        shutil.rmtree(self.stash_dir, ignore_errors=True)

    def prune(self) -> int:
        """After the build: delete the files it did not write, then empty folders."""
        removed = 0
        for path, changed in self.before.items():
            with contextlib.suppress(FileNotFoundError):
                if os.lstat(path).st_ctime_ns == changed:
                    os.remove(path)
                    removed += 1
        for folder in sorted(self.folders, key=len, reverse=True):  # deepest first
            with contextlib.suppress(OSError):  # only if empty: a clean build makes none
                os.rmdir(folder)
        self.before, self.folders = {}, []
        return removed


def _is_folder(entry: os.DirEntry[str]) -> bool:
    return entry.is_dir(follow_symlinks=False)
