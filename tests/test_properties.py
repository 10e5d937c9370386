"""Property-based tests (Hypothesis): arbitrary input never raises, user text never becomes
markup, redaction never leaks, and a round-trip edit changes only the key it meant to."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from kithbook.pipeline import analyze
from kithbook.reading import fields
from kithbook.reading.load import load_journal
from kithbook.reading.parse import Parsed, ParseError, parse_document
from kithbook.reading.records import Problem
from kithbook.render import redact
from kithbook.render import text as t
from kithbook.render.site import render_site

from .conftest import TODAY, settings_for
from .projects import parse_html
from .test_hostile import FENCE_CONFIG, FENCE_EXTENSIONS, SITE_EXTENSIONS, assert_inert, markdown
from .test_hostile import _render_markdown as render_markdown

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of hostile Markdown and HTML, combined at random with ordinary text.
TOKENS = [
    '<', '>', '</', '<script>', '</script>', '<img src=x onerror=alert(1)>',
    '<img/src=x/onerror=a>', '<iframe src=//evil.example>', '<svg onload=a>', '<!--', '-->',
    '<pre class=mermaid>', '[', ']', '(', ')', '![', '](', ']: ', '[[', ']]', '|', '`', '``',
    '```', '~~~', '```mermaid\n', '\n```\n', '{', '}', '{:', ' onclick=a',
    ' style="background:url(//evil.example/x)"', '.mermaid', '\\', '&', '&#106;', '&lt;',
    '&#x3C;', '&colon;', 'javascript:', 'JaVaScRiPt:', 'data:text/html,', 'vbscript:',
    'http://evil.example/a.png', '//evil.example/b', 'https://ok.example', '\n', '\n\n', '    ',
    '\t', '# ', '## Private\n', '- ', '> ', '1. ', '*', '_', '!!! note ', '"', "'", '=',
    '<https://ok.example>', '<a@b.example>', '<mailto:x/onmouseover=a>', '\x02', '\x03', '\x00',
    'tiago', 'nobody', '{{ x }}', '{% y %}', '--8<-- ',
]  # fmt: skip
hostile_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=40).map(
    "".join
)


# --- user text never becomes markup -------------------------------------------------------


@FAST
@given(hostile_text)
def test_any_body_renders_inert(body: str) -> None:
    assert_inert(render_markdown(body, SITE_EXTENSIONS, {}))


@SLOW
@given(hostile_text)
def test_any_body_renders_inert_with_fences_and_mermaid_enabled(body: str) -> None:
    assert_inert(render_markdown(body, FENCE_EXTENSIONS, FENCE_CONFIG))


@FAST
@given(st.one_of(hostile_text, st.text()))
@example("0\n\x7f")  # DEL between words: the words still show, one space apart
def test_any_field_is_shown_as_typed(value: str) -> None:
    """esc() and code() keep every character (controls aside) and never make markup."""
    kept = "".join(ch for ch in value if ch in "\t\n" or (ord(ch) >= 32 and ch != "\x7f"))
    shown = " ".join(kept.split())
    for rendered in (t.esc(value), t.code(value)):
        out = markdown.markdown(
            f"{rendered}\n\n| a |\n|---|\n| {rendered} |", extensions=SITE_EXTENSIONS
        )
        assert_inert(out)
        text = parse_html(out).text
        assert shown in text, (value, rendered, out)


def _spell(ch: str, how: int) -> str:
    """One character of an address as Markdown or a browser might see it written."""
    return [ch, ch.upper(), f"&#{ord(ch)};", f"&#x{ord(ch):x};", f"\t{ch}", f"{ch}\n"][how]


@FAST
@given(
    st.sampled_from(["javascript", "vbscript", "data", "file", "blob"]),
    st.lists(st.integers(min_value=0, max_value=5), min_size=10, max_size=10),
    st.sampled_from([":", "&colon;", "&#58;", "&#x3a;"]),
    st.sampled_from(["", " ", "\n", "<", " \t\n<"]),
)
def test_unsafe_addresses_are_recognised_however_written(
    scheme: str, spelling: list[int], colon: str, lead: str
) -> None:
    address = lead + "".join(_spell(ch, spelling[i]) for i, ch in enumerate(scheme)) + colon + "x"
    assert t.is_unsafe_address(address), address


@FAST
@given(
    st.sampled_from(["", "https://", "http://", "mailto:", "tel:", "#", "../", "/"]),
    st.text(alphabet="abc/._-#?=19", max_size=20),
)
def test_safe_and_relative_addresses_stay_links(prefix: str, rest: str) -> None:
    assert not t.is_unsafe_address(prefix + rest)


# --- parsing and loading never raise ---------------------------------------------------------


@FAST
@given(st.text())
def test_parse_document_never_raises_on_any_text(text: str) -> None:
    result = parse_document(text)
    assert isinstance(result, Parsed | ParseError)
    if isinstance(result, ParseError):
        assert result.line >= 1 and result.message


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(list(fields.KINDS) + list(fields.RELATIONSHIPS) + ["me", "them", "never"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)
contact_data = st.dictionaries(
    st.one_of(st.sampled_from((*fields.CONTACT_KEYS, "knows")), st.text(max_size=8)),
    yaml_values,
    max_size=8,
)
entry_data = st.dictionaries(
    st.one_of(st.sampled_from(fields.ENTRY_KEYS), st.text(max_size=8)), yaml_values, max_size=8
)


def _front(data: dict[str, object], body: str) -> str:
    try:
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        dumped = "x: 1\n"
    return f"---\n{dumped}---\n{body}"


@FAST
@given(st.one_of(contact_data, entry_data), hostile_text)
def test_parse_document_never_raises_on_any_front_matter(
    data: dict[str, object], body: str
) -> None:
    result = parse_document(_front(data, body))
    assert isinstance(result, Parsed | ParseError)


@FAST
@given(st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"%@`#,?\n \t ab1")), max_size=80))
def test_parse_document_never_raises_on_yaml_punctuation(front: str) -> None:
    assert isinstance(parse_document(f"---\n{front}\n---\n"), Parsed | ParseError)


file_names = st.one_of(
    st.sampled_from(["ada", "grace-hopper", "x", "ADA", "a b", "é", "a.b", "-", "<b>"]),
    st.text(
        alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
        min_size=1,
        max_size=12,
    ),
)
entry_names = st.builds(
    lambda d, words: f"{d.isoformat()}-{words}" if words else d.isoformat(),
    st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2027, 1, 1)),
    st.sampled_from(["", "coffee", "call-with-ada", "Bad Name", "x"]),
)
contents = st.one_of(
    st.builds(_front, contact_data, hostile_text),
    st.builds(_front, entry_data, hostile_text),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    hostile_text,
)


def _write_journal(root: Path, contacts: dict[str, str], entries: dict[str, str]) -> None:
    for folder, files in (("contacts", contacts), ("journal/2026", entries)):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = root / folder / f"{name}.md"
            try:
                path.write_bytes(text.encode("utf-8", "surrogatepass"))
            except OSError:  # a name the file system refuses
                continue


@SLOW
@given(
    st.dictionaries(file_names, contents, max_size=5),
    st.dictionaries(entry_names, contents, max_size=5),
)
def test_load_analyze_and_render_never_raise(
    contacts: dict[str, str], entries: dict[str, str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write_journal(root, contacts, entries)
        loaded = load_journal(root)
        assert all(isinstance(p, Problem) and p.source.line >= 1 for p in loaded.problems)
        for redacted in (False, True):
            analysis = analyze(root, settings_for(redact=redacted), TODAY)
            for problem in analysis.problems:
                assert not os.path.isabs(problem.source.path)
                assert str(problem).startswith(f"{problem.source.path}:{problem.source.line}: ")
            pages = render_site(analysis)
            assert {"index.md", "errors.md", "people/index.md"} <= {p.uri for p in pages}


# --- redaction --------------------------------------------------------------------------------

emails = st.from_regex(
    r"[a-z0-9._+-]{1,10}@[a-z0-9-]{1,8}\.(com|org|example|co\.uk)", fullmatch=True
)
phones = st.from_regex(r"\+[1-9][0-9]{0,2} [0-9]{3} [0-9]{3} [0-9]{3,4}", fullmatch=True)
urls = st.from_regex(r"https?://[a-z0-9.-]{1,12}\.[a-z]{2,4}(/[a-z0-9/._-]{0,12})?", fullmatch=True)


@FAST
@given(
    st.lists(
        st.one_of(
            hostile_text.map(lambda s: (False, s)),
            st.one_of(emails, phones, urls).map(lambda s: (True, s)),
        ),
        max_size=8,
    )
)
def test_redaction_leaves_no_address_or_number(parts: list[tuple[bool, str]]) -> None:
    text = " ".join(part for _, part in parts)
    secrets = [part for secret, part in parts if secret]
    for redacted in (redact.scrub(text), redact.redact_body(text)):
        for secret in secrets:
            assert secret not in redacted, (secret, redacted)
    twice = redact.scrub(redact.scrub(text))
    assert not any(secret in twice for secret in secrets)
    if "\\" not in text:  # scrub reads Markdown's backslash escapes once: `\\/` is `\/`, then `/`
        assert twice == redact.scrub(text)


@FAST
@given(hostile_text, hostile_text, st.sampled_from(["## Private", "Private\n---", "Private\n==="]))
def test_private_sections_never_survive(before: str, secret: str, heading: str) -> None:
    assume("\n#" not in secret and not secret.lstrip(" ").startswith("#") and "`" not in secret)
    assume("~~~" not in secret and "~~~" not in before and "```" not in before)
    body = f"{before}\n{heading}\nSECRET {secret} END\n"
    assert "SECRET" not in redact.drop_private(body)


# --- write paths: a round-trip edit changes only the key it meant to --------------------------

write = __import__("kithbook.writing.write", fromlist=["edit_front_matter"])

texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30
)  # text a person types
front_values = st.one_of(
    texts,
    st.integers(min_value=-(10**6), max_value=10**6),
    st.booleans(),
    st.lists(texts, max_size=3),
    st.dates().map(lambda d: d.isoformat()),
)
new_values = st.one_of(
    texts, st.integers(min_value=0, max_value=10**6), st.booleans(), st.lists(texts, max_size=3)
)
comments = st.lists(st.text(alphabet="abc xyz#", max_size=10), max_size=3)


@SLOW
@given(
    st.dictionaries(st.sampled_from(fields.CONTACT_KEYS), front_values, min_size=1, max_size=6),
    st.sampled_from(fields.CONTACT_KEYS),
    new_values,
    comments,
    hostile_text,
)
@example({"name": [""], "aliases": ""}, "name", "", ["", "a"], "")  # a comment under a list
@example({"aliases": [], "name": [""], "company": ""}, "name", "", ["", "a", ""], "")
def test_a_round_trip_edit_changes_only_its_key(
    data: dict[str, object], key: str, value: object, notes: list[str], body: str
) -> None:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)
    lines = front.splitlines()
    starts = [i for i, line in enumerate(lines) if line[:1] not in (" ", "-", "")]
    for i, note in reversed(list(zip(starts, notes, strict=False))):
        lines.insert(i, f"# {note}")  # comments between top-level keys must survive
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    before = parse_document(text)
    assume(isinstance(before, Parsed))
    assert isinstance(before, Parsed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ada.md"
        path.write_bytes(text.encode("utf-8"))  # bytes: read_text would turn \r into \n
        new = write.flow_list(value) if isinstance(value, list) else value

        def edit(front_map: object) -> None:
            write.set_in_order(front_map, key, new, fields.CONTACT_KEYS)

        try:
            write.edit_front_matter(path, edit)
        except write.WriteError:
            assert path.read_bytes().decode("utf-8") == text  # refused: nothing written
            return
        after_text = path.read_bytes().decode("utf-8")
    after = parse_document(after_text)
    assert isinstance(after, Parsed), after_text
    assert after.body == before.body
    expected = list(value) if isinstance(value, list) else value
    assert after.data[key] == expected
    assert {k: v for k, v in after.data.items() if k != key} == {
        k: v for k, v in before.data.items() if k != key
    }
    for line in lines:
        if line.startswith("# "):
            assert line in after_text.splitlines()


@SLOW
@example(data={"aliases": [":)"]}, body="")
@example(data={"tags": ["? x"]}, body="")
@given(
    st.dictionaries(st.sampled_from(fields.CONTACT_KEYS), front_values, min_size=1, max_size=8),
    hostile_text,
)
def test_a_new_file_reads_back_as_written(data: dict[str, object], body: str) -> None:
    """`kith new`/`kith log`/imports write through render_document: what they mean is read."""
    text = write.render_document(data, body)
    parsed = parse_document(text)
    assert isinstance(parsed, Parsed), text
    assert parsed.data == data
    if body.strip():
        assert parsed.body.strip("\n") == body.strip("\n")
    else:
        assert parsed.body.strip() == ""
