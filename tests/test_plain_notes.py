"""Plain notes written straight to HTML must match what Python-Markdown makes of them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kithbook.render import text as t
from kithbook.render.plain import PLAIN_SAFE_EXTENSIONS, plain_html

from .test_hostile import FENCE_EXTENSIONS, SITE_EXTENSIONS, markdown

NAMES = {"ada": ("Ada & <Lovelace>", "../../people/ada/"), "bo": ("Bo *Star*", "../../people/bo/")}


def resolve(slug: str) -> tuple[str, str] | None:
    return NAMES.get(slug)


def via_markdown(body: str, extensions: list[object]) -> str:
    """The slow path: the inert Markdown of the note through Python-Markdown."""
    md = markdown.Markdown(extensions=extensions, extension_configs={"toc": {"permalink": True}})
    return str(md.convert(t.render_body(body, resolve)))


PIECES = [
    "a", "Bo", "word", "é", "Ünïcode", "東京", " ", " ", "\n", "\n\n", "\n\n\n", "**", "*", "_",
    "&", "&amp;", "&copy;", "&#12;", ">", "<", "#", "1.", "2026", ". ", "-", "- ", "+", "=",
    "'", '"', "(", ")", ",", ";", ":", "!", "?", "/", "%", "$", "@", "~", "^", "|", "[", "]",
    "[[ada]]", "[[bo|B & *b*]]", "[[nobody]]", "[[ada|  x  ]]", "\\", "`", "{", "}", "\t",
    "\u00a0", "\u2028", "    ", "***", "---", "===", "http://x.example",
]  # fmt: skip
notes = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)


def prepared(body: str) -> str:
    """What render_body works on: control characters out, outer blank lines stripped."""
    return t.clean_body(body)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes)
@example("Shared some **good news**: a promotion at A & B.\nLine two > one.")
@example("**a**b and c**d** [[ada]] and [[bo|Bo]].\n\nSecond paragraph.")
def test_plain_html_matches_markdown(body: str) -> None:
    body = prepared(body)
    fast = plain_html(body, resolve)
    if fast is not None:
        assert fast == via_markdown(body, list(SITE_EXTENSIONS))


@pytest.mark.parametrize(
    "body",
    [
        "Coffee with Ada. She is moving to Lisbon.",
        "Shared some **good news**: a promotion at Umbra & Co.",
        "Met [[ada]] and [[bo|Bo]] at the café.\n\nThey want an intro to [[nobody]].",
        "2026 was a good year; 50% of it in Porto (mostly).",
    ],
)
def test_plain_notes_take_the_fast_path(body: str) -> None:
    assert plain_html(body, resolve) == via_markdown(body, list(FENCE_EXTENSIONS[:5]))


@pytest.mark.parametrize(
    "body",
    [
        "1. a list", "- a list", "# heading", "> quote", "    code", "a  \nbreak", "a *em* b",
        "a _em_ b", "`code`", "<b>", "[link](x)", "&copy;", "a\tb", "| a | b |", "!!! note",
        "x\n===", "***", "a ** b", "Trailing ",
    ],
)  # fmt: skip
def test_anything_more_goes_through_markdown(body: str) -> None:
    assert plain_html(body, resolve) is None


def test_only_known_extensions_allow_the_fast_path() -> None:
    assert set(SITE_EXTENSIONS) <= PLAIN_SAFE_EXTENSIONS
    assert "pymdownx.magiclink" not in PLAIN_SAFE_EXTENSIONS  # links bare addresses
    assert "smarty" not in PLAIN_SAFE_EXTENSIONS  # curls quotes
