"""Strict front-matter parsing: safe YAML, a mapping only, no aliases, a line for every key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

MAX_FRONT_MATTER = 64 * 1024  # bytes; a contact or an entry needs a few hundred
MAX_NODES = 5_000

_BOUNDARY = YAMLHandler.FM_BOUNDARY
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):  # type: ignore[misc]
    """The safe loader, except that dates stay text: we parse them ourselves, with line numbers."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


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
    body_start = second.end()
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
    loader = _StrictLoader(fm)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParseError(fm_line, "front matter is empty: it must be a mapping of keys")
        problem = _check_tree(node, fm_line)
        if problem is not None:
            return problem
        data = loader.construct_document(node)
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
    lines: dict[str, int] = {}
    _collect_lines(node, "", fm_line, lines)
    return Parsed({str(k): v for k, v in data.items()}, lines, body, body_line)


def _kind(name: str) -> str:
    return {"list": "a list", "str": "a string", "int": "a number", "float": "a number"}.get(
        name, name
    )


def _check_tree(root: yaml.Node, fm_line: int) -> ParseError | None:
    """Refuse aliases (billion-laughs bombs), duplicate keys and absurdly large trees."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return ParseError(
                fm_line + node.start_mark.line,
                "YAML anchors and aliases (&name, *name) are not allowed in front matter",
            )
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            return ParseError(fm_line, f"front matter has more than {MAX_NODES:,} values")
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        return ParseError(
                            fm_line + key.start_mark.line, f"duplicate key '{key.value}'"
                        )
                    keys.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _collect_lines(node: yaml.Node, prefix: str, fm_line: int, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = f"{prefix}{key.value}" if isinstance(key, yaml.ScalarNode) else prefix
            lines[path] = fm_line + key.start_mark.line
            _collect_lines(value, path + ".", fm_line, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}{index}"
            lines[path] = fm_line + item.start_mark.line
            _collect_lines(item, path + ".", fm_line, lines)
