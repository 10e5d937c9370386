"""The quick front-matter reader gives exactly PyYAML's result, or steps aside."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kithbook.reading import parse
from kithbook.reading.parse import MAX_NODES, ParseError, read_yaml, split_front_matter
from kithbook.reading.simple_yaml import read_simple

from .conftest import REPO

MANY = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def simple(fm: str, first_line: int = 2) -> tuple[dict[str, object], dict[str, int]] | None:
    return read_simple(fm, first_line, parse._PLAIN_TYPES, MAX_NODES)


def typed(value: object) -> object:
    """A value with the type of every part spelled out (in Python, True == 1 == 1.0)."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def assert_same_as_yaml(fm: str, first_line: int = 2) -> bool:
    """The quick reader's result equals PyYAML's, types included, unless it steps aside."""
    quick = simple(fm, first_line)
    if quick is None:
        return False
    full = read_yaml(fm, first_line)
    assert not isinstance(full, ParseError), (fm, full)
    assert (typed(quick[0]), quick[1]) == (typed(full[0]), full[1]), fm
    return True


GOOD_KEYS = [
    "name", "with", "date", "tags", "follow_up", "due", "a_b", "_x", "K9", "done",
    *(f"key{i}" for i in range(20)),
]  # fmt: skip
ODD_KEYS = [
    "yes", "No", "null", "true", "on", "y", "1a", "a-b", "na me", "ключ", "", "<<", "=", "~",
    "a:b", "a#b", "- a", "? a", "[a]", "'a'", '"a"',
]  # fmt: skip
GOOD_SCALARS = [
    "Ada Lovelace", "ada", "Łukasz Wiśniewski", "Nguyễn Thảo", "2024-03-05", "x,y", "6w",
    "0", "5", "42", "yes", "No", "TRUE", "false", "on", "OFF", "y", "n", "O'Brien", "'x'",
    '"x"', '""', "''", "a, b", "😀", "x  y", "Met at the café, twice", "[x]", "x]", "{x}",
]  # fmt: skip
ODD_SCALARS = [
    "2024-3-5", "007", "+5", "-3", "1_000", "0x1f", "0b11", "1.5", "6.", ".5", "1e3",
    "1.0e+3", ".inf", "-.inf", ".nan", "1:20", "190:20:30", "null", "Null", "~", "", " ",
    "  x", "x ", "=", "<<", "a: b", "a:b", "a #b", "a#b", "# x", "- x", "-x", "? x", "?x",
    ":x", ",x", "&a", "*a", "!x", "!!str x", "!!int 5", "|", ">", "%x", "@x", "`x", "'x",
    "x'", "'it''s'", '"x', 'x"', '"a\\nb"', '"a # b"', "'a: b'", '"a"b"', "x\ty", "\tx",
    "x\x85y", "x\u2028y", "x\xa0y", "x\ufeffy", "x\x7fy", "x\ue000y", "x\x00y",
    "https://example.com/a", "mailto:a@b.example",
]  # fmt: skip
INDENTS = ["", " ", "  ", "   ", "    ", "\t"]
SEPARATORS = [": ", ":", ":  ", ": \t", " : ", ":\t"]


def mostly(good: list[str], odd: list[str]) -> st.SearchStrategy[str]:
    """Good values about four times in five: front matter that is simple often enough."""
    return st.sampled_from(good * (4 * len(odd) // len(good) + 1) + odd)


scalar, key = mostly(GOOD_SCALARS, ODD_SCALARS), mostly(GOOD_KEYS, ODD_KEYS)
good_scalar = st.one_of(
    st.sampled_from(GOOD_SCALARS),
    st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), min_size=1, max_size=8),
)


SHAPES = ["scalar"] * 6 + ["flow"] * 3 + ["items"] * 3 + ["mapping"] * 2 + ["other"]


@st.composite
def simple_front_matter(draw: st.DrawFn) -> str:
    """Front matter of the simple shape, with scalars of any text."""
    rows: list[str] = []
    for name in draw(st.lists(st.sampled_from(GOOD_KEYS), max_size=6, unique=True)):
        shape = draw(st.sampled_from(SHAPES[:-1]))
        if shape == "scalar":
            rows.append(f"{name}: {draw(good_scalar)}")
        elif shape == "flow":
            rows.append(f"{name}: [{', '.join(draw(st.lists(good_scalar, max_size=4)))}]")
        else:
            rows.append(f"{name}:")
            indent = draw(st.sampled_from(INDENTS[:5] if shape == "items" else INDENTS[1:5]))
            subkeys = draw(st.lists(st.sampled_from(GOOD_KEYS), min_size=1, unique=True))
            for sub in subkeys:
                item = (
                    f"- {draw(good_scalar)}" if shape == "items" else f"{sub}: {draw(good_scalar)}"
                )
                rows.append(f"{indent}{item}")
    return "\n".join(rows) + "\n"


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    rows: list[str] = []
    names = draw(st.lists(key, max_size=6, unique=True))  # a repeated key: now and then
    names += draw(st.lists(st.sampled_from(names), max_size=1)) if names else []
    for name in names:
        shape = draw(st.sampled_from(SHAPES))
        sep = draw(mostly([": "], SEPARATORS))
        if shape == "scalar":
            rows.append(f"{name}{sep}{draw(scalar)}")
        elif shape == "flow":
            items = draw(st.lists(scalar, max_size=4))
            joiner = draw(mostly([", "], [",", " , ", ",  ", " ,"]))
            rows.append(f"{name}{sep}[{joiner.join(items)}]")
        elif shape in ("items", "mapping"):
            rows.append(f"{name}:")
            indent = draw(st.sampled_from(INDENTS[:5]))
            for _ in range(draw(st.integers(0, 3))):
                item_indent = draw(mostly([indent], INDENTS))
                if shape == "items":
                    rows.append(f"{item_indent}- {draw(scalar)}")
                else:
                    rows.append(f"{item_indent or ' '}{draw(key)}{sep}{draw(scalar)}")
        else:
            rows.append(
                draw(
                    st.one_of(
                        st.sampled_from(["", "# a comment", "#", " # indented", "  ", "..."]),
                        st.sampled_from(INDENTS).map(lambda indent: indent + draw(scalar)),
                        st.text(max_size=12),
                    )
                )
            )
    return "\n".join(rows) + draw(st.sampled_from(["", "\n", "\n\n"]))


@MANY
@given(front_matter(), st.integers(1, 3))
@example("name: Ada\nwith: [ada, grace]\ntags:\n  - a\n  - b\nfollow_up:\n  due: x\n", 2)
@example("done: true\ncloseness: 5\nn: 007\nf: 1.5\n", 2)
@example("a: [yes, 5, '5', \"x\"]\nb:\n- on\n- 12\n", 2)
@example("a: x\n  b: y\n", 2)
@example("a:\n  b: c\n    d: e\n", 2)
@example("a: 'x'\na: y\n", 2)
def test_the_quick_reader_agrees_with_pyyaml(fm: str, first_line: int) -> None:
    assert_same_as_yaml(fm, first_line)


@MANY
@given(simple_front_matter(), st.integers(1, 3))
def test_the_quick_reader_agrees_with_pyyaml_on_any_text(fm: str, first_line: int) -> None:
    assert_same_as_yaml(fm, first_line)


@pytest.mark.parametrize(
    "fm",
    [
        "name: Ada\nname: Grace\n",  # a duplicate key: PyYAML's error, with its line
        "name: Ada # a comment\n",
        "closeness: 007\n",  # octal in YAML 1.1
        "x: " + "9" * 5_000 + "\n",  # too long for int(): PyYAML's error
        "note: |\n  text\n",
        "name: &a Ada\nalias: *a\n",
        "with:\n  - ada\n\n  - grace\n",  # a blank line inside a list
        "knows:\n  - slug: ada\n    how_well: close\n",
        "a: null\n",
        "a:\n",
        "\ttab: x\n",
        "name: Ada\x85Lovelace\n",
        "",
        "# only a comment\n",
    ],
)
def test_anything_outside_the_shape_goes_to_pyyaml(fm: str) -> None:
    assert simple(fm) is None


def test_the_journals_own_files_take_the_quick_path() -> None:
    """The shortcut is worth having only if ordinary files take it."""
    files = sorted((REPO / "contacts").rglob("*.md")) + sorted((REPO / "journal").rglob("*.md"))
    quick = 0
    for path in files:
        split = split_front_matter(path.read_text(encoding="utf-8"))
        assert not isinstance(split, ParseError)
        quick += assert_same_as_yaml(split[0], split[1])
    assert quick >= 0.8 * len(files), (quick, len(files))


def test_shortcuts_off_means_pyyaml_for_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted((REPO / "contacts").rglob("*.md")) + sorted((REPO / "journal").rglob("*.md"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    quick = [parse.parse_document(text) for text in texts]
    monkeypatch.setattr(parse, "read_simple", lambda *args: pytest.fail("not to be used"))
    monkeypatch.setenv("KITHBOOK_SHORTCUTS", "0")
    assert [parse.parse_document(text) for text in texts] == quick
