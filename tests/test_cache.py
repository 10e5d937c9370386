"""The serve-loop cache never shows stale data: edit, rename and delete between rebuilds."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kithbook.adapter.build import Outputs, build_outputs
from kithbook.reading.load import FileCache

from .conftest import TODAY, WriteJournal, contact, entry, settings_for

HOUR_AGO = time.time() - 3600


def age_all(root: Path) -> None:
    """Backdate every file so the cache may keep it (fresh files are always re-read)."""
    for path in root.rglob("*.md"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))


def build(root: Path, cache: FileCache | None) -> Outputs:
    return build_outputs(root, settings_for(), TODAY, cache=cache)


def same_as_cold(root: Path, warm: Outputs) -> None:
    cold = build(root, None)
    assert [(p.uri, p.content) for p in warm.pages] == [(p.uri, p.content) for p in cold.pages]
    assert warm.files["kithbook.json"] == cold.files["kithbook.json"]
    assert warm.analysis.problems == cold.analysis.problems


def journal(write_journal: WriteJournal) -> Path:
    files = dict([contact("ada", met="2020-01-01", closeness=4), contact("bob", met="2021-01-01")])
    files.update([entry("2026-11-01", "coffee", with_=["ada", "bob"], kind="meeting")])
    files.update([entry("2026-10-01", "call", with_=["ada"], kind="call")])
    root = write_journal(files)
    age_all(root)
    return root


def test_unchanged_files_are_reused(write_journal: WriteJournal) -> None:
    root = journal(write_journal)
    cache = FileCache()
    build(root, cache)
    assert (cache.hits, cache.misses) == (0, 4)
    warm = build(root, cache)
    assert (cache.hits, cache.misses) == (4, 4)
    same_as_cold(root, warm)


def test_edit_with_same_size_and_mtime_is_seen(write_journal: WriteJournal) -> None:
    root = journal(write_journal)
    cache = FileCache()
    build(root, cache)
    path = root / "contacts" / "ada.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("closeness: 4", "closeness: 2"), encoding="utf-8")
    os.utime(path, (HOUR_AGO, HOUR_AGO))  # a coarse clock: the same mtime, the same size
    warm = build(root, cache)
    assert '"closeness":0.25' in warm.files["kithbook.json"].decode()
    same_as_cold(root, warm)


def test_fresh_edit_is_never_cached(write_journal: WriteJournal) -> None:
    root = journal(write_journal)
    cache = FileCache()
    path = root / "contacts" / "bob.md"
    path.write_text("---\nname: Bob Two\n---\n", encoding="utf-8")
    build(root, cache)
    assert "contacts/bob.md" not in cache.items  # too recent to trust its timestamp


def test_rename_and_delete_between_rebuilds(write_journal: WriteJournal) -> None:
    root = journal(write_journal)
    cache = FileCache()
    build(root, cache)
    (root / "contacts" / "bob.md").rename(root / "contacts" / "robert.md")
    (root / "journal" / "2026" / "2026-10-01-call.md").unlink()
    warm = build(root, cache)
    assert "contacts/bob.md" not in cache.items
    assert [str(p) for p in warm.analysis.problems] == [
        "journal/2026/2026-11-01-coffee.md:3: unknown slug 'bob' in with"
    ]
    uris = {p.uri for p in warm.pages}
    assert "people/robert.md" in uris and "people/bob.md" not in uris
    assert "journal/2026-10.md" not in uris
    same_as_cold(root, warm)


def test_rebuild_with_nothing_changed_reuses_outputs(write_journal: WriteJournal) -> None:
    root = journal(write_journal)
    cache = FileCache()
    first = build(root, cache)
    assert build(root, cache) is first
    path = root / "journal" / "2026" / "2026-10-01-call.md"
    path.write_text(path.read_text(encoding="utf-8").replace("call", "video"), encoding="utf-8")
    third = build(root, cache)
    assert third is not first
    same_as_cold(root, third)
