"""Front matter of the common, simple shape, read without the YAML composer.

Most journal files hold a few `key: value` lines, lists such as `with: [ada, grace]` or
`- ada` items, and at most a mapping one level deep (`follow_up:`). PyYAML's C composer
builds a node with two position marks for every one of those values and calls back into
Python to type each plain scalar; this module reads such lines directly, about three
times as fast (see benchmarks/README.md).

It is a shortcut, never a second YAML parser: `read_simple` returns None for anything
outside a narrow shape, and the caller (parse.py) then uses PyYAML. Inside the shape
the result is exactly PyYAML's, because every plain scalar is typed by PyYAML's own
resolver, and anything it would not read as a string (numbers, booleans, null, `<<`)
sends the whole front matter back to PyYAML. tests/test_simple_yaml.py compares the two
on generated front matter, including malformed and hostile input.

The shape, line by line (no tabs, nothing YAML would refuse as unprintable):

    key: scalar                   a plain scalar, or "quoted" / 'quoted' without escapes
    key: [scalar, scalar]         a flow list of such scalars on one line
    key:                          followed by `- scalar` items at one indent,
    key:                          or by `sub: scalar` lines at one indent (> 0)
    # a comment, or a blank line

Keys are identifiers, given once. A plain scalar does not start with a YAML indicator
or a space, has no `:` or `#`, and does not end with a space.
"""

from __future__ import annotations

import re

import yaml

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?\Z")
_ITEM = re.compile(r"( *)- (.*)\Z")
_SUB_LINE = re.compile(r"( +)([A-Za-z_][A-Za-z0-9_]*): (.*)\Z")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_INDICATORS = frozenset("[]{}")
_STR, _BOOL, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"
_BOOLEANS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,17}")  # longer numbers: PyYAML says what they are
_UNSEEN, OTHER = object(), object()  # OTHER: a type PyYAML constructs (null, float, octal, …)
_TYPED_CACHE = 65_536  # distinct plain scalars whose tag is remembered


Resolvers = dict[str | None, list[tuple[str, re.Pattern[str]]]]


class PlainTypes:
    """What a plain scalar stands for, as a YAML loader's implicit resolvers type it.

    Strings, booleans and decimal integers are read here; for any other type `value`
    returns OTHER, and the front matter goes to PyYAML.
    """

    def __init__(self, resolvers: Resolvers) -> None:
        resolver = yaml.resolver.Resolver()
        resolver.yaml_implicit_resolvers = resolvers  # this instance only
        self._resolve = resolver.resolve
        self._known: dict[str, object] = {}

    def value(self, text: str) -> object:
        known = self._known.get(text, _UNSEEN)
        if known is _UNSEEN:
            tag = self._resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
            if tag == _STR:
                known = text
            elif tag == _BOOL:
                known = _BOOLEANS[text.lower()]
            elif tag == _INT and _DECIMAL.fullmatch(text):
                known = int(text)
            else:
                known = OTHER
            if len(self._known) < _TYPED_CACHE:
                self._known[text] = known
        return known

    def is_str(self, text: str) -> bool:
        return self.value(text) == text


def _scalar(text: str, types: PlainTypes) -> object:
    """The value a one-line scalar stands for, or None if it is outside the shape."""
    if not text or text[-1] == " " or not text.isprintable():
        return None
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        ok = len(text) > 1 and text[-1] == '"' and '"' not in inner and "\\" not in inner
        return inner if ok else None
    if first == "'":
        inner = text[1:-1]
        return inner if len(text) > 1 and text[-1] == "'" and "'" not in inner else None
    if first in _INDICATORS or ":" in text or "#" in text:
        return None
    value = types.value(text)
    return None if value is OTHER else value


def _flow_list(text: str, types: PlainTypes) -> list[object] | None:
    """`[a, b]` on one line: its items, or None if it is outside the shape."""
    if not text.endswith("]"):
        return None
    inner = text[1:-1]
    if not inner:
        return []
    items: list[object] = []
    for part in inner.split(","):
        item = part.strip(" ")
        value = _scalar(item, types)
        if value is None or _FLOW_INDICATORS.intersection(item):
            return None
        items.append(value)
    return items


def read_simple(
    front_matter: str, first_line: int, types: PlainTypes, max_nodes: int
) -> tuple[dict[str, object], dict[str, int]] | None:
    """(data, line of every key path) as PyYAML and parse.py make them, or None.

    None means: not of the simple shape (or more than `max_nodes` values), use PyYAML.
    """
    rows = front_matter.split("\n")
    data: dict[str, object] = {}
    lines: dict[str, int] = {}
    nodes = 1
    i, count = 0, len(rows)
    while i < count:
        row = rows[i]
        if not row.isprintable():
            return None
        if not row or row[0] == "#":
            i += 1
            continue
        match = _KEY_LINE.match(row)
        if match is None:
            return None
        key, text = match.group(1, 2)
        if key in data or not types.is_str(key):
            return None
        line = first_line + i
        lines[key] = line
        nodes += 2
        i += 1
        value: object
        if text is None:  # a block list or mapping on the lines below
            block = _block(rows, i, key, first_line, lines, types)
            if block is None:
                return None
            value, i, added = block
            nodes += added
        elif text.startswith("["):
            items = _flow_list(text, types)
            if items is None:
                return None
            for index in range(len(items)):
                lines[f"{key}.{index}"] = line
            value, nodes = items, nodes + len(items)
        else:
            value = _scalar(text, types)
            if value is None:
                return None
        data[key] = value
    if not data or nodes > max_nodes:
        return None
    return data, lines


def _block(
    rows: list[str], i: int, key: str, first_line: int, lines: dict[str, int], types: PlainTypes
) -> tuple[list[object] | dict[str, object], int, int] | None:
    """The `- item` list or `sub: value` mapping from row i: (value, next row, values)."""
    count = len(rows)
    if i >= count:
        return None
    value: list[object] | dict[str, object]
    if (match := _ITEM.match(rows[i])) is not None:
        indent, items = match.group(1), list[object]()
        while i < count and (match := _ITEM.match(rows[i])) and match.group(1) == indent:
            item = _scalar(match.group(2), types)
            if item is None:
                return None
            lines[f"{key}.{len(items)}"] = first_line + i
            items.append(item)
            i += 1
        value, added = items, len(items)
    elif (match := _SUB_LINE.match(rows[i])) is not None:
        indent, mapping = match.group(1), dict[str, object]()
        while i < count and (match := _SUB_LINE.match(rows[i])) and match.group(1) == indent:
            sub, item = match.group(2), _scalar(match.group(3), types)
            if item is None or sub in mapping or not types.is_str(sub):
                return None
            lines[f"{key}.{sub}"] = first_line + i
            mapping[sub] = item
            i += 1
        value, added = mapping, 2 * len(mapping)
    else:
        return None
    if i < count and rows[i].startswith(" "):
        return None  # more indented lines: a shape this module does not read
    return value, i, added
