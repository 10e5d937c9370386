"""Safe writes: atomic replace, no clobbering, paths kept inside the journal, round-trip edits."""

from __future__ import annotations

import datetime as dt
import os
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap
from slugify import slugify

from kithbook.reading.fields import SLUG_RE
from kithbook.reading.parse import Parsed, parse_document
from kithbook.writing import write
from kithbook.writing.slugs import APOSTROPHES, SlugPool, contact_slug, entry_stem, slugify_text
from kithbook.writing.write import (
    CreateBatch,
    Guard,
    WriteError,
    atomic_write,
    check_inside,
    create_file,
    edit_front_matter,
    guess_indent,
    render_document,
)

from .conftest import REPO

USER_FILE = """\
---
# Ada, met at PyCon
name: Ada Lovelace     # her full name
aliases: [Ada, 'Countess Lovelace']
title: "Head of Research"
kin: yes
links:
    linkedin: https://www.linkedin.com/in/ada
knows:
- slug: grace-hopper
  how_well: close
---
Notes stay *exactly* as written.
"""


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_interrupted_atomic_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ada.md"
    path.write_text("old text\n", encoding="utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteError, match=r"cannot write .*ada\.md: No space left on device"):
        atomic_write(path, "new text\n")
    assert path.read_text(encoding="utf-8") == "old text\n"
    assert leftovers(tmp_path) == []


def test_interrupted_edit_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ada.md"
    path.write_text(USER_FILE, encoding="utf-8")
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        edit_front_matter(path, lambda data: data.__setitem__("title", "CTO"))
    assert path.read_text(encoding="utf-8") == USER_FILE
    assert leftovers(tmp_path) == []


def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "ada.md"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o600)
    atomic_write(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o600


def test_create_file_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "ada.md"
    path.write_text("the user's\n", encoding="utf-8")
    with pytest.raises(WriteError, match="already exists: not overwriting it"):
        create_file(path, "mine\n")
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(WriteError, match="already exists"):
        create_file(link, "mine\n")
    assert not (tmp_path / "nowhere.md").exists()
    assert path.read_text(encoding="utf-8") == "the user's\n"
    assert leftovers(tmp_path) == []


def test_batch_links_files_in_and_never_clobbers(tmp_path: Path) -> None:
    batch = CreateBatch()
    batch.stage(tmp_path / "a.md", "a\n")
    batch.stage(tmp_path / "b.md", "b\n")
    (tmp_path / "b.md").write_text("appeared meanwhile\n", encoding="utf-8")
    kept = batch.commit()
    assert kept == [tmp_path / "b.md"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "a\n"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "appeared meanwhile\n"
    assert leftovers(tmp_path) == []


def test_discarded_batch_leaves_nothing(tmp_path: Path) -> None:
    batch = CreateBatch()
    batch.stage(tmp_path / "a.md", "a\n")
    batch.discard()
    assert list(tmp_path.iterdir()) == []


def test_paths_outside_the_folder_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    (root / "contacts").mkdir(parents=True)
    guard = Guard(root, "contacts")
    assert guard.check(root / "contacts" / "ada.md") == (root / "contacts" / "ada.md").resolve()
    for bad in (root / "contacts" / ".." / "mkdocs.yml", root / "journal" / "x.md", tmp_path / "x"):
        with pytest.raises(WriteError, match="is not inside contacts/"):
            guard.check(bad)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "contacts" / "sub").symlink_to(outside)
    with pytest.raises(WriteError, match="is not inside contacts/"):
        guard.check(root / "contacts" / "sub" / "ada.md")
    (outside / "x.md").write_text("x", encoding="utf-8")
    (root / "contacts" / "link.md").symlink_to(outside / "x.md")
    with pytest.raises(WriteError, match="links outside contacts/"):
        check_inside(root, "contacts", root / "contacts" / "link.md")


def test_a_linked_folder_leading_out_of_the_journal_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "contacts").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(WriteError, match="contacts/ leads outside the journal"):
        Guard(root, "contacts")


def test_edit_changes_only_the_edited_key(tmp_path: Path) -> None:
    path = tmp_path / "ada.md"
    path.write_text(USER_FILE, encoding="utf-8")
    edited = edit_front_matter(path, lambda data: data.__setitem__("title", "CTO"))
    assert edited.changed and not edited.reformatted
    assert path.read_text(encoding="utf-8") == USER_FILE.replace('"Head of Research"', '"CTO"')


def test_edit_keeps_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "ada.md"
    original = "\ufeff" + USER_FILE.replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    edit_front_matter(path, lambda data: data.__setitem__("title", "CTO"))
    expected = original.replace('"Head of Research"', '"CTO"')
    assert path.read_bytes() == expected.encode("utf-8")


def test_edit_refuses_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "ada.md"
    path.write_text("---\nname: [unclosed\n---\n", encoding="utf-8")
    with pytest.raises(WriteError, match="unreadable YAML"):
        edit_front_matter(path, lambda data: None)
    path.write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(WriteError, match="no front matter"):
        edit_front_matter(path, lambda data: None)


def test_text_the_build_would_misread_is_quoted(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\nname: X\n---\n", encoding="utf-8")

    def change(data: CommentedMap) -> None:
        write.set_in_order(data, "title", "yes", ("name", "title"))
        write.set_in_order(data, "company", "1:20", ("name", "company", "title"))

    edit_front_matter(path, change)
    text = path.read_text(encoding="utf-8")
    assert text == "---\nname: X\ncompany: '1:20'\ntitle: 'yes'\n---\n"
    parsed = parse_document(text)
    assert isinstance(parsed, Parsed)
    assert parsed.data == {"name": "X", "company": "1:20", "title": "yes"}


def test_every_example_file_round_trips_unchanged(tmp_path: Path) -> None:
    """A no-op edit of any file of the example journal rewrites nothing."""
    files = sorted((REPO / "contacts").glob("*.md")) + sorted((REPO / "journal").rglob("*.md"))
    assert files
    for source in files:
        text = source.read_text(encoding="utf-8")
        front = text.split("---\n", 2)[1]
        yaml = write.make_yaml(guess_indent(front))
        assert write.dump_yaml(yaml.load(front), yaml) == front, source.name


def test_new_documents_read_back(tmp_path: Path) -> None:
    text = render_document(
        {"name": "<script>alert(1)</script>", "tags": ["on", "a, b"], "links": {"x": "no"}},
        "Body",
    )
    assert text == (
        "---\nname: <script>alert(1)</script>\ntags: ['on', 'a, b']\nlinks:\n  x: 'no'\n---\n"
        "\nBody\n"
    )


def test_slugs_are_safe_transliterated_and_unique() -> None:
    pool = SlugPool({"ada-lovelace"})
    assert contact_slug("Ada Lovelace", pool) == "ada-lovelace-2"
    assert contact_slug("Ada Lovelace", pool) == "ada-lovelace-3"
    assert contact_slug("Zoë Nováková", pool) == "zoe-novakova"
    assert contact_slug("Connor O'Malley", pool) == "connor-omalley"
    assert contact_slug("../../etc/passwd", pool) == "etc-passwd"
    assert contact_slug("🚀", pool) == "contact-1"
    assert contact_slug("🚀", pool, hint="rocket") == "rocket"
    assert contact_slug("🚀", pool) == "contact-2"
    assert slugify_text("李小龙") == "li-xiao-long"
    assert len(slugify_text("word " * 40)) <= 60
    stems = SlugPool({"2026-11-22-call-with-ada"})
    assert entry_stem(dt.date(2026, 11, 22), "call with ada", stems) == "2026-11-22-call-with-ada-2"
    assert entry_stem(dt.date(2026, 11, 22), "🚀", stems) == "2026-11-22"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + " '.-", max_size=80))
def test_the_quick_ascii_slug_is_what_python_slugify_gives(text: str) -> None:
    for limit in (60, 0):
        expected = slugify(
            text, max_length=limit, word_boundary=True, save_order=True, replacements=APOSTROPHES
        )
        assert slugify_text(text, limit) == (expected if SLUG_RE.match(expected) else "")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_name_gives_a_safe_slug(name: str) -> None:
    slug = contact_slug(name, SlugPool({"contact-1"}))
    assert SLUG_RE.match(slug) and len(slug) <= 60


def test_values_yaml_versions_disagree_on_are_quoted() -> None:
    """ruamel.yaml would write `[:)]` bare (YAML 1.2); the build reads YAML 1.1. Only the
    values that need it are quoted, not every value of the file."""
    data = {"name": "X", "tags": [":)", "? x", "ok"], "title": "yes"}
    text = render_document(data)
    assert text == '---\nname: X\ntags: [":)", "? x", ok]\ntitle: \'yes\'\n---\n'
    parsed = parse_document(text)
    assert isinstance(parsed, Parsed) and parsed.data == data


# --- writes touch only what they change ------------------------------------------------------

_SPACE = st.text(alphabet=" ", min_size=1, max_size=4)
_WORD = st.text(alphabet=string.ascii_lowercase + "-", min_size=1, max_size=10).filter(
    lambda w: w.strip("-") == w and w not in ("yes", "no", "on", "off", "y", "n", "null")
)


@st.composite
def hand_written_front(draw: st.DrawFn) -> str:
    """Front matter as people type it: odd spacing in flow lists and before comments,
    a folded block indented their way, a nested follow_up at their indent, with or
    without a `done` line."""
    space = draw(_SPACE)
    items = draw(st.lists(_WORD, min_size=1, max_size=4))
    inner = [draw(_SPACE) for _ in items]
    flow = "[" + draw(_SPACE) + ",".join(f"{w}{s}" for w, s in zip(items, inner, strict=True))
    flow += "]"
    indent = " " * draw(st.sampled_from([2, 4]))
    block = " " * draw(st.sampled_from([2, 3, 5]))
    comment = draw(st.sampled_from(["", f"{space}# note{space}"]))
    lines = [
        f"date:{space}2026-11-20{comment}",
        "with: [ada]",
        "kind: meeting",
        f"about:{space}{flow}",
        f"how:{space}>-",
        f"{block}first line of a folded text",
        f"{block}  more indented second line",
        "follow_up:",
        f"{indent}due: 2026-12-01{comment}",
        f"{indent}what:{space}Send the paper",
    ]
    if draw(st.booleans()):
        lines.append(f"{indent}done:{space}false{comment}")
    lines.append(f'gave:{space}"yes"{comment}')
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(hand_written_front())
def test_an_edit_leaves_every_other_line_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, front: str
) -> None:
    path = tmp_path_factory.mktemp("edit") / "entry.md"
    original = f"---\n{front}---\nBody *kept*.\n"
    path.write_bytes(original.encode("utf-8"))

    def mark(data: CommentedMap) -> None:
        data["follow_up"]["done"] = dt.date(2026, 11, 22)

    edited = write.edit_front_matter(path, mark)
    assert edited.changed and not edited.reformatted
    old_lines = original.splitlines(keepends=True)
    new_lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [line for line in new_lines if line not in old_lines]
    assert len(changed) == 1 and changed[0].strip().startswith("done: 2026-11-22"), changed
    kept = [line for line in old_lines if not line.lstrip().startswith("done:")]
    assert [line for line in new_lines if line not in changed] == kept


def test_the_lines_people_spaced_their_way_stay_as_they_were(tmp_path: Path) -> None:
    """The cases that ruamel.yaml alone re-spaced: a flow list, a comment, a folded block."""
    text = (
        "---\n"
        'about: [ "job-search",   navy ]\n'
        "company:   Kernel Co     # since 2019\n"
        "note: >-\n"
        "      folded text\n"
        "      on two lines\n"
        "title: Engineer\n"
        "---\n"
    )
    path = tmp_path / "ada.md"
    path.write_text(text, encoding="utf-8")

    def promote(data: CommentedMap) -> None:
        write.set_in_order(data, "title", "Staff Engineer", ["company", "title"])

    edited = write.edit_front_matter(path, promote)
    assert (edited.changed, edited.reformatted) == (True, False)
    assert path.read_text(encoding="utf-8") == text.replace(
        "title: Engineer", "title: Staff Engineer"
    )


def test_a_plain_document_is_written_in_one_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quoted fallbacks are made only when the plain text does not read back: an import
    of 30,000 contacts renders each once (benchmarks/bench_import.py)."""
    from kithbook.writing import write

    dumps: list[object] = []
    real = write.dump_yaml

    def counted(data: Any, yaml: Any = None) -> str:
        dumps.append(data)
        return real(data, yaml)

    monkeypatch.setattr(write, "dump_yaml", counted)
    fields = {"name": "Ada Lovelace", "company": "Analytical Engines", "tags": ["a", "b"]}
    text = write.render_document(fields, "Met at a talk.")
    assert text.startswith("---\nname: Ada Lovelace\n")
    assert len(dumps) == 1
    dumps.clear()  # a value YAML 1.1 reads otherwise than written bare: the fallback still runs
    assert write.render_document({"tags": [":)", "a"]}) == '---\ntags: [":)", a]\n---\n'
    assert len(dumps) > 1
