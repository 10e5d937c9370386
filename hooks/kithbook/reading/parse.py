"""Strict front-matter parsing: safe YAML, a mapping only, no aliases, a line for every key."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .simple_yaml import PlainTypes, read_simple

MAX_FRONT_MATTER = 64 * 1024  # bytes; a contact or an entry needs a few hundred
MAX_NODES = 5_000
MAX_DEPTH = 32  # nested lists and mappings; the format needs 3, and PyYAML recurses per level

_BOUNDARY = YAMLHandler.FM_BOUNDARY
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _strict_loader(base: Any) -> Any:
    """The safe loader, except that dates stay text: we parse them ourselves, with line numbers."""

    class StrictLoader(base):  # type: ignore[misc]
        pass

    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return StrictLoader


_StrictLoader: Any = _strict_loader(_Base)  # libyaml's, where PyYAML was built with it
PURE_LOADER: Any = _strict_loader(yaml.SafeLoader)  # the same rules in pure Python


_PLAIN_TYPES = PlainTypes(_StrictLoader.yaml_implicit_resolvers)


@dataclass(frozen=True, slots=True)
class Parsed:
    """Front matter as plain data, the 1-based line of every key path, and the body."""

    data: dict[str, object]
    lines: dict[str, int]
    body: str
    body_line: int


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why a file could not be parsed, and on which line."""

    line: int
    message: str


def split_front_matter(text: str) -> tuple[str, int, str, int] | ParseError:
    """Split `---` front matter from the body: (yaml, its first line, body, its first line)."""
    if not text.strip():
        return ParseError(1, "empty file: a front matter block (between '---' lines) is required")
    if text.startswith("\ufeff"):
        text = text[1:]
    first = _BOUNDARY.match(text)
    if first is None:
        return ParseError(1, "no front matter: the file must start with a '---' line")
    second = _BOUNDARY.search(text, first.end())
    if second is None:
        return ParseError(1, "front matter is not closed: add a '---' line after it")
    fm_start = first.end()
    fm = text[fm_start : second.start()]
    fm_line = text.count("\n", 0, fm_start) + 1
    # The body starts on the line after the closing `---` (the boundary pattern's `\s*`
    # would also swallow the blank and whitespace-only lines that follow it), less the one
    # blank line that separates the two.
    line_end = text.find("\n", second.start())
    body_start = len(text) if line_end == -1 else line_end + 1
    if text.startswith("\n", body_start):
        body_start += 1
    body_line = text.count("\n", 0, body_start) + 1
    return fm, fm_line, text[body_start:], body_line


def parse_document(text: str) -> Parsed | ParseError:
    """Parse a Markdown file with YAML front matter, never raising on bad input."""
    split = split_front_matter(text)
    if isinstance(split, ParseError):
        return split
    fm, fm_line, body, body_line = split
    if len(fm.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER:
        return ParseError(
            fm_line, f"front matter is too large ({len(fm):,} characters; the limit is 64 KiB)"
        )
    simple = None
    if os.environ.get("KITHBOOK_SHORTCUTS", "1") != "0":  # 0: PyYAML for everything
        simple = read_simple(fm, fm_line, _PLAIN_TYPES, MAX_NODES)
    read = simple if simple is not None else read_yaml(fm, fm_line)
    if isinstance(read, ParseError):
        return read
    return Parsed(read[0], read[1], body, body_line)


def read_yaml(fm: str, fm_line: int) -> tuple[dict[str, object], dict[str, int]] | ParseError:
    """Front matter through PyYAML: (data, line of every key path), or why it cannot be read.

    `simple_yaml.read_simple` gives the same result for the front matter it reads.
    """
    loader = _StrictLoader(fm)
    try:
        too_deep = _check_depth_quickly(fm, fm_line) if _depth_bound(fm) > MAX_DEPTH else None
        if too_deep is not None:
            return too_deep
        node = loader.get_single_node()
        if node is None:
            return ParseError(fm_line, "front matter is empty: it must be a mapping of keys")
        lines: dict[str, int] = {}
        problem = _check_tree(node, fm_line, lines)
        if problem is not None:
            return problem
        data = _plain_data(node, loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = fm_line + (mark.line if mark is not None else 0)
        what = err.problem or err.context or "invalid YAML"
        return ParseError(line, f"unreadable YAML: {what}")
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as err:
        return ParseError(fm_line, f"unreadable YAML: {err}")
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        line = fm_line + node.start_mark.line
        return ParseError(line, f"front matter must be a mapping of keys, not {_kind(kind)}")
    return {str(k): v for k, v in data.items()}, lines


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _plain_data(node: yaml.Node, loader: Any) -> Any:
    """The node tree as Python data, as PyYAML's safe constructor makes it, only quicker.

    Strings, lists and mappings with string keys, the whole of a journal's front matter,
    are built here; any other scalar goes to PyYAML's constructor, and a tree with anything
    else (merge keys, sets, complex keys) is handed to it whole.
    """
    try:
        return _build(node, loader)
    except _Unusual:
        return loader.construct_document(node)


class _Unusual(Exception):
    """A node `_build` leaves to PyYAML's constructor."""


def _build(node: yaml.Node, loader: Any) -> Any:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return node.value if tag == _STR else loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
        return [_build(item, loader) for item in node.value]
    if isinstance(node, yaml.MappingNode) and tag == _MAP:
        data = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                raise _Unusual
            data[key.value] = _build(value, loader)
        return data
    raise _Unusual


def _kind(name: str) -> str:
    return {"list": "a list", "str": "a string", "int": "a number", "float": "a number"}.get(
        name, name
    )


def _depth_bound(fm: str) -> int:
    """An upper bound on how deeply a front matter nests, from its text alone (cheap).

    Flow nesting needs a `[` or `{` per level; block nesting needs a deeper indent or one
    more `-`, `?` or `:` indicator on a line. Brackets inside strings only raise the bound,
    so a front matter under MAX_DEPTH here is under it for any YAML library, and one over
    it pays for the exact event pass in `_check_depth`.
    """
    flow = deepest_flow = 0
    for char in fm:
        if char in "[{":
            flow += 1
            deepest_flow = max(deepest_flow, flow)
        elif char in "]}" and flow:
            flow -= 1
    indents: list[int] = []
    deepest_block = 0
    for line in fm.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        markers = stripped.count("- ") + stripped.count("? ") + stripped.count(":")
        deepest_block = max(deepest_block, len(indents) + markers)
    return deepest_flow + deepest_block + 1


def _check_depth_quickly(fm: str, fm_line: int) -> ParseError | None:
    """`_check_depth`, first on the text up to a little past where flow brackets could nest
    too deeply: the pure-Python parser looks far ahead through a run of `[`, and the
    collections that open before the cut are the same in the whole text. Only when that
    prefix does not settle it is the whole front matter read."""
    depth = 0
    for index, char in enumerate(fm):
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH + 1:
                try:
                    found = _check_depth(fm[: index + 1], fm_line)
                except yaml.YAMLError:
                    found = None
                if found is not None:
                    return found
                break
        elif char in "]}" and depth:
            depth -= 1
    return _check_depth(fm, fm_line)


def _check_depth(fm: str, fm_line: int) -> ParseError | None:
    """Refuse deep nesting before composing, with our own message whatever libyaml is
    underneath: PyYAML's C composer recurses once per level (some 30,000 nested `[` crash
    the interpreter), and libyaml 0.2.6 refuses deep nesting with its own words. The
    pure-Python parser streams events without recursion or a limit of its own."""
    events = PURE_LOADER(fm)
    depth = 0
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return ParseError(
                        fm_line + (event.start_mark.line if event.start_mark else 0),
                        f"front matter is nested too deeply (more than {MAX_DEPTH} levels)",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        events.dispose()
    return None


def _check_tree(root: yaml.Node, fm_line: int, lines: dict[str, int]) -> ParseError | None:
    """One walk over the node tree: refuse aliases (billion-laughs bombs), duplicate keys,
    deep nesting and absurdly large trees, and record the line of every key path."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int, str]] = [(root, 0, "")]
    while stack:
        node, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            return ParseError(
                fm_line + node.start_mark.line,
                f"front matter is nested too deeply (more than {MAX_DEPTH} levels)",
            )
        if id(node) in seen:
            return ParseError(
                fm_line + node.start_mark.line,
                "YAML anchors and aliases (&name, *name) are not allowed in front matter",
            )
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            return ParseError(fm_line, f"front matter has more than {MAX_NODES:,} values")
        prefix = f"{path}." if path else ""
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        return ParseError(
                            fm_line + key.start_mark.line, f"duplicate key '{key.value}'"
                        )
                    keys.add(key.value)
                    child = f"{prefix}{key.value}"
                else:
                    child = path
                    stack.append((key, depth + 1, path))
                lines.setdefault(child, fm_line + key.start_mark.line)
                stack.append((value, depth + 1, child))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = f"{prefix}{index}"
                lines.setdefault(child, fm_line + item.start_mark.line)
                stack.append((item, depth + 1, child))
    return None
