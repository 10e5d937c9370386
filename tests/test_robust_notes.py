"""Notes cannot take the build down: deep nesting is plain text with a problem, only regular
files are read, and no more than the size limit is ever read."""

from __future__ import annotations

import html
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithbook.reading import load
from kithbook.reading.load import MAX_FILE, load_journal, read_bounded
from kithbook.reading.nesting import MAX_NESTING, measure_nesting, nesting_problem
from kithbook.render import text as t

from .conftest import WriteJournal, contact, entry, run
from .projects import TODAY_ENV, make_project, run_mkdocs

markdown: Any = importlib.import_module("markdown")
SITE_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]

DEEP = {
    "bullets": "- " * 490 + "x",
    "numbers": "1. " * 490 + "x",
    "quotes": "> " * 490 + "x",
    "indented": "\n".join("    " * i + "- x" for i in range(300)),
    "stars": "*" * 2000 + "x" + "*" * 2000,
    "underscores": "_" * 2000 + "x" + "_" * 2000,
    "nested emphasis": "*a " * 2000 + "x" + " a*" * 2000,
    "nested strong": "**a " * 1000 + "x" + " a**" * 1000,
    "list and emphasis": "- " * 60 + "*a " * 60 + "x" + " a*" * 60,
}

ORDINARY = [
    "Hello *there* and **you**, see [[ada]].",
    "- a\n  - b\n    - c\n      - d\n\n> quote\n> > nested",
    " ".join(["**bold**"] * 500),
    "f(*args, **kwargs) and snake_case_names " * 200,
    "* * *\n\n---\n\n***\n",
    "1. one\n2. two\n   1. two a\n",
    "```\n" + "*" * 5000 + "\n```",
]


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_is_found(name: str) -> None:
    assert measure_nesting(DEEP[name]).depth > MAX_NESTING
    assert nesting_problem(DEEP[name]) is not None


@pytest.mark.parametrize("body", ORDINARY)
def test_ordinary_notes_are_converted(body: str) -> None:
    assert nesting_problem(body) is None, measure_nesting(body)


def _convert_deep_in_the_stack(text: str, frames: int = 300) -> str:
    """Markdown's conversion with `frames` calls already on the stack, as inside a build."""
    if frames:
        return _convert_deep_in_the_stack(text, frames - 1)
    return str(markdown.markdown(text, extensions=SITE_EXTENSIONS))


tokens = st.one_of(
    st.sampled_from(["x", "word", " ", "\n", "\n\n", "- ", "> ", "1. ", "    ", "(", ")"]),
    st.builds(
        lambda ch, n: ch * n, st.sampled_from(["*", "_", "*_", "- ", "> "]), st.integers(1, 700)
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(tokens, max_size=12).map("".join))
def test_every_note_under_the_limit_converts_and_every_note_renders(body: str) -> None:
    """Whatever the note, the Markdown handed to the site converts without recursing, even
    with a build's worth of calls on the stack."""
    rendered = t.render_body(body, lambda slug: None)
    _convert_deep_in_the_stack(rendered)
    if nesting_problem(body) is not None:
        assert 'class="kb-unconverted"' in rendered


@pytest.mark.parametrize(
    "body",
    [
        "x" + "*" * 2000 + "y" + "*" * 2000 + "z",
        "x" + "_" * 2000 + "y" + "_" * 2000 + "z",
        "*_" * 1000 + "y" + "_*" * 1000,
    ],
)
def test_runs_inside_words_count_too(body: str) -> None:
    assert nesting_problem(body) is not None
    _convert_deep_in_the_stack(t.render_body(body, lambda slug: None))


@pytest.mark.parametrize("name", DEEP)
def test_a_deep_note_is_plain_text_that_markdown_leaves_alone(name: str) -> None:
    rendered = t.render_body("<script>x</script>\n" + DEEP[name], lambda slug: None)
    assert rendered.strip().startswith('<div class="kb-unconverted">')
    out = markdown.markdown(rendered, extensions=SITE_EXTENSIONS)
    shown = out.split('<pre class="kb-plain">')[1].split("</pre>")[0]
    assert "<" not in shown
    assert html.unescape(shown).startswith("<script>x</script>\n" + DEEP[name][:50])
    assert "Shown as plain text" in out


def test_the_check_is_fast_and_linear() -> None:
    ordinary = "A line of an ordinary note, with a list:\n    - item\n" * 20_000 + "**bold**"
    start = time.perf_counter()
    assert nesting_problem(ordinary) is None  # 1.2 MB
    assert time.perf_counter() - start < 0.5
    worst = ("- *a* _b_ " * 50 + "\n") * 2_000 + "\n" + DEEP["stars"]  # 1 MB of emphasis
    start = time.perf_counter()
    assert nesting_problem(worst) is not None
    assert time.perf_counter() - start < 10


def test_check_reports_a_deep_note_with_its_line(write_journal: WriteJournal) -> None:
    root = write_journal(
        dict(
            [
                contact("ada", body="Fine.\n\n" + DEEP["bullets"]),
                entry("2026-11-20", "call", with_=["ada"], kind="call", body=DEEP["stars"]),
            ]
        )
    )
    problems = [str(p) for p in run(root).problems]
    limit = f"(lists, quotes or emphasis; the limit is {MAX_NESTING}): it is shown as plain text"
    assert problems == [
        f"contacts/ada.md:6: the note nests 490 levels deep {limit}",
        f"journal/2026/2026-11-20-call.md:6: the note nests 2,000 levels deep {limit}",
    ]


def test_a_deep_note_never_aborts_a_real_build(tmp_path: Path) -> None:
    project = make_project(
        tmp_path / "kb",
        {
            "contacts/ada.md": "---\nname: Ada Lovelace\n---\n" + DEEP["bullets"] + "\n",
            "contacts/bob.md": "---\nname: Bob\n---\nHi\n\n" + DEEP["stars"] + "\n",
            "journal/2026/2026-11-20-call.md": (
                "---\ndate: 2026-11-20\nwith: [ada]\nkind: call\n---\n"
                + DEEP["nested emphasis"]
                + "\n"
            ),
        },
    )
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "RecursionError" not in result.stderr
    assert "WARNING -  contacts/ada.md:4: the note nests 490 levels deep" in result.stderr
    assert "WARNING -  contacts/bob.md:6: the note nests 2,000 levels deep" in result.stderr
    page = (project / "site" / "people" / "ada" / "index.html").read_text(encoding="utf-8")
    assert '<pre class="kb-plain">&#45; &#45; &#45;' in page
    month = (project / "site" / "journal" / "2026-11" / "index.html").read_text(encoding="utf-8")
    assert "kb-unconverted" in month


# --- only regular files, never more than the limit ----------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_note_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "contacts").mkdir()
    (tmp_path / "journal").mkdir()
    os.mkfifo(tmp_path / "contacts" / "x.md")
    start = time.perf_counter()
    loaded = load_journal(tmp_path)
    assert time.perf_counter() - start < 5
    assert [str(p) for p in loaded.problems] == [
        "contacts/x.md:1: not a regular file (a pipe, socket or device): not read"
    ]
    assert read_bounded(str(tmp_path / "contacts" / "x.md"), 10) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_swapped_in_after_listing_is_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    start = time.perf_counter()
    result = load._read(str(fifo), "contacts/x.md", "contact", 10, 0)
    assert time.perf_counter() - start < 5
    assert str(result) == "contacts/x.md:1: not a regular file (a pipe, socket or device): not read"


def test_a_file_that_grew_after_listing_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"---\nname: A\n---\n" + b"a" * (3 * MAX_FILE))
    assert len(read_bounded(str(path), MAX_FILE) or b"") == MAX_FILE + 1
    result = load._read(str(path), "contacts/big.md", "contact", 100, 0)  # listed as small
    assert "file is too large" in str(result)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_never_hangs_a_real_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "kb", {"contacts/ada.md": "---\nname: Ada\n---\n"})
    os.mkfifo(project / "contacts" / "x.md")
    full = dict(os.environ, **TODAY_ENV)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,  # before the fix: forever
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "WARNING -  contacts/x.md:1: not a regular file" in result.stderr
