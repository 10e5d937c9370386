"""How deeply a note's Markdown nests: a cheap bound that keeps Markdown far from recursing.

Python-Markdown recurses once (or twice) per level of nested lists, quotes and emphasis,
and so does the serialisation of its tree: a few hundred nested list markers or a thousand
emphasis markers each side raise RecursionError and would abort a whole build. No note a
person writes nests anywhere near MAX_NESTING levels, so a note that does is reported by
`kith check` (and the build) and shown as plain text instead of being converted. The
measure is linear in the note's length and errs on the side of counting too many levels.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MAX_NESTING = 100  # levels; Python-Markdown needs about 400 or more to crash in a build

# One container marker at the start of a line: a quote, a bullet or a numbered item.
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_DELIMITERS = re.compile(r"[*_]+")
_BLANK = re.compile(r"\n[ \t]*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # removed before a note is shown


@dataclass(frozen=True, slots=True)
class Nesting:
    """The deepest point of a note: levels and the line (counted from 1) where it is."""

    depth: int
    line: int


def measure_nesting(body: str) -> Nesting:
    """An upper bound of how deep the note's blocks and emphasis nest, and where."""
    deepest = Nesting(0, 1)
    block_depth = 0
    start = 0
    for blank in (*_BLANK.finditer(body), None):
        end = blank.start() if blank else len(body)
        paragraph = body[start:end]
        first_line = body.count("\n", 0, start) + 1
        for offset, text in enumerate(paragraph.split("\n")):
            levels = _container_levels(text)
            if levels > deepest.depth:
                deepest = Nesting(levels, first_line + offset)
            block_depth = max(block_depth, levels)
        inline, at = _emphasis_levels(paragraph)
        if inline + block_depth > deepest.depth:
            line = first_line + paragraph.count("\n", 0, at)
            deepest = Nesting(inline + block_depth, line)
        block_depth = 0
        if blank is None:
            break
        start = blank.end()
    return deepest


def nesting_problem(body: str) -> tuple[int, str] | None:
    """(line within the body, message) when the note nests too deeply to convert safely."""
    if len(body) <= MAX_NESTING:
        return None
    body = _CONTROL.sub("", body)
    # Fast bound: each level takes a character at the start of a line, or one opening and
    # one closing emphasis character. Almost every note is decided here, in C.
    room = MAX_NESTING - (body.count("*") + body.count("_")) // 2
    if room >= 0 and _long_prefix(room + 1).search(body) is None:
        return None
    nesting = measure_nesting(body)
    if nesting.depth <= MAX_NESTING:
        return None
    return nesting.line, (
        f"the note nests {nesting.depth:,} levels deep (lists, quotes or emphasis; the limit "
        f"is {MAX_NESTING}): it is shown as plain text"
    )


@functools.lru_cache(maxsize=MAX_NESTING + 1)
def _long_prefix(length: int) -> re.Pattern[str]:
    """A line starting with at least `length` characters that could open a block level."""
    return re.compile(rf"^[ \t>*+\-.)0-9]{{{length},}}", re.MULTILINE)


def _container_levels(line: str) -> int:
    """Quote and list markers opening the line, plus its indent in steps of four spaces."""
    levels = 0
    pos = 0
    while True:
        match = _CONTAINER.match(line, pos)
        if match is None or match.end() == pos:
            break
        levels += 1
        pos = match.end()
    indent = len(line) - len(line.lstrip(" \t"))
    return levels + line[:indent].expandtabs(4).count("    ") if levels or indent else 0


def _emphasis_levels(text: str) -> tuple[int, int]:
    """How deep emphasis delimiters (`*`, `_`) can nest in a paragraph, and where.

    A run of delimiters before a word opens as many levels as it has characters, a run
    after a word closes them (a run between two words does both); each closing run is
    matched with the nearest open ones, and the depth counts only levels that are closed
    again (an unmatched `*` nests nothing).
    """
    opened: list[list[int]] = []  # [position, characters still open]
    pairs: list[tuple[int, int, int]] = []  # (open position, close position, levels)
    for run in _DELIMITERS.finditer(text):
        before = text[run.start() - 1] if run.start() else " "
        after = text[run.end()] if run.end() < len(text) else " "
        # Generous on purpose: `*` works inside words too, so a run touching a word on
        # both sides may close what is open and open the rest.
        opens = not after.isspace()
        closes = not before.isspace()
        size = len(run.group(0))
        while closes and size and opened:
            top = opened[-1]
            used = min(size, top[1])
            pairs.append((top[0], run.start(), used))
            top[1] -= used
            size -= used
            if not top[1]:
                opened.pop()
        if opens and size:
            opened.append([run.start(), size])
    if not pairs:
        return 0, 0
    events = sorted(
        [(start, levels) for start, _, levels in pairs]
        + [(end, -levels) for _, end, levels in pairs]
    )
    depth = best = at = 0
    for position, change in events:
        depth += change
        if depth > best:
            best, at = depth, position
    return best, at
