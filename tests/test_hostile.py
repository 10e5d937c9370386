"""Hostile and broken input: every field is text, bodies are inert, bad files are errors.

The end-to-end tests build a journal with a hostile value in every field with a real
`mkdocs build` and assert on the HTML: no injected element or attribute, no outside
request, and the typed characters shown as they were typed.
"""

from __future__ import annotations

import html
import importlib
import os
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from kithbook.adapter import privacy
from kithbook.reading import parse
from kithbook.reading.load import load_journal
from kithbook.reading.parse import (
    MAX_DEPTH,
    MAX_FRONT_MATTER,
    MAX_NODES,
    ParseError,
    parse_document,
)
from kithbook.render import text as t

from .projects import (
    HOSTILE_FIELDS,
    ParsedPage,
    hostile,
    hostile_files,
    hostile_settings,
    html_pages,
    make_project,
    parse_html,
    run_mkdocs,
)

markdown: Any = importlib.import_module("markdown")  # Python-Markdown ships no type hints
superfences: Any = importlib.import_module("pymdownx.superfences")

SITE_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]
# Extensions a user might add: fences and Material's Mermaid fence must still not run.
FENCE_EXTENSIONS: list[object] = [
    *SITE_EXTENSIONS,
    "fenced_code",
    "pymdownx.superfences",
    "pymdownx.magiclink",
]
FENCE_CONFIG: dict[str, object] = {
    "pymdownx.superfences": {
        "custom_fences": [
            {
                "name": "mermaid",
                "class": "mermaid",
                "format": superfences.fence_code_format,
            }
        ]
    }
}
INJECTED_TAGS = {
    "script", "img", "iframe", "frame", "object", "embed", "video", "audio", "source", "style",
    "link", "meta", "base", "form", "svg", "math", "image",
}  # fmt: skip
# Links may use these; `vscode:` is the editor link of `extra.kithbook.editor_url`.
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:", "vscode:")


# --- the site built from a hostile journal --------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = make_project(tmp_path_factory.mktemp("hostile"), hostile_files(), hostile_settings())
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return project / "site", result.stderr


@pytest.fixture(scope="module")
def hostile_pages(hostile_site: tuple[Path, str]) -> dict[str, ParsedPage]:
    site, _ = hostile_site
    return {path: parse_html(text) for path, text in html_pages(site)}


def _address(value: str) -> str:
    """An address as a browser reads it: references decoded, whitespace and controls gone."""
    return "".join(ch for ch in html.unescape(value) if ord(ch) > 0x20 and ch != "\x7f").lower()


def _injected(page: ParsedPage, template: ParsedPage) -> list[str]:
    """Elements and attributes in `page` that user text could have produced."""
    allowed_tags = {e.tag for e in template.elements}
    found = []
    for element in page.elements:
        if element.tag in INJECTED_TAGS and element.tag not in allowed_tags:
            found.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"<{element.tag} {name}>")
            if name == "style" and ("url" in value or "evil" in value):
                found.append(f"<{element.tag} style={value}>")
            if name in ("href", "src", "action", "formaction", "srcset", "data", "poster"):
                address = _address(value)
                # A browser sees a scheme only if the address starts with a letter and runs
                # letters, digits, + - . up to a colon (WHATWG URL "scheme start state");
                # anything else, like "<mailto:…", is a relative address.
                scheme = re.match(r"[a-z][a-z0-9+.\-]*:", address)
                if scheme and not address.startswith(SAFE_SCHEMES):
                    found.append(f"<{element.tag} {name}={value}>")
                if "evil.example/field-" in address or "evil.example/img-" in address:
                    found.append(f"<{element.tag} {name}={value}>")
                if element.tag != "a" and "evil.example" in address:
                    found.append(f"<{element.tag} {name}={value}>")
            if name == "class" and "mermaid" in value:
                found.append(f"<{element.tag} class={value}>")
    return found


def test_hostile_journal_builds_and_reports_every_bad_value(hostile_site: tuple[Path, str]) -> None:
    site, log = hostile_site
    for tag in ("relationship", "met", "closeness", "cadence", "key", "kind", "initiated"):
        assert f"'{tag}</title>" in log, tag
    assert "not a slug" in log and "<img src=x onerror=alert(1)>.md" in log
    assert "loads" not in log, "the build warned that a page loads something from another host"
    assert (site / "people" / "hostile-one" / "index.html").is_file()


def test_no_page_has_an_injected_element_attribute_or_script(
    hostile_pages: dict[str, ParsedPage], hostile_site: tuple[Path, str]
) -> None:
    site, _ = hostile_site
    template = hostile_pages["errors/index.html"]  # the theme's own elements are allowed
    assert len(hostile_pages) > 10
    problems: dict[str, list[str]] = {}
    for path, page in hostile_pages.items():
        found = _injected(page, template)
        raw = (site / path).read_text(encoding="utf-8")
        scripts = [e for e in page.elements if e.tag == "script"]
        template_scripts = [e for e in template.elements if e.tag == "script"]
        if len(scripts) > len(template_scripts) or "window.pwned" in _script_text(raw):
            found.append("an extra <script>")
        if found:
            problems[path] = found
    assert problems == {}


def _script_text(raw: str) -> str:
    """The text inside every <script> element of a page."""
    out = []
    lower = raw.lower()
    start = lower.find("<script")
    while start >= 0:
        body = lower.find(">", start) + 1
        end = lower.find("</script", body)
        out.append(raw[body:end])
        start = lower.find("<script", end)
    return "\n".join(out)


def test_no_page_of_the_hostile_site_loads_anything_from_another_host(
    hostile_site: tuple[Path, str],
) -> None:
    site, _ = hostile_site
    leaks = {p: privacy.outside_requests(text) for p, text in html_pages(site)}
    assert {p: urls for p, urls in leaks.items() if urls} == {}


# Where each hostile value must be shown, character for character.
SHOWN_ON = {
    "name": ["people/hostile-one/index.html", "people/index.html"],
    "alias": ["people/hostile-one/index.html"],
    "company": ["people/hostile-one/index.html", "companies/index.html"],
    "title": ["people/hostile-one/index.html"],
    "location": ["people/hostile-one/index.html"],
    "tag": ["people/hostile-one/index.html", "tags/index.html"],
    "howwemet": ["people/hostile-one/index.html"],
    "introducedby": ["people/hostile-one/index.html", "errors/index.html"],
    "linklabel": ["people/hostile-one/index.html"],
    "linkvalue": ["people/hostile-one/index.html"],
    "knowsname": ["people/hostile-one/index.html"],
    "knowscompany": ["people/hostile-one/index.html", "companies/index.html"],
    "knowstitle": ["people/hostile-one/index.html"],
    "knowsslug": ["people/hostile-one/index.html", "errors/index.html"],
    "vouch": ["people/hostile-one/index.html"],
    "gave": ["journal/2026-11/index.html", "people/hostile-one/index.html"],
    "got": ["journal/2026-11/index.html", "people/hostile-one/index.html"],
    "evidence": ["journal/2026-11/index.html", "people/hostile-one/index.html"],
    "about": ["journal/2026-11/index.html", "tags/index.html"],
    "what": ["journal/2026-11/index.html", "index.html"],
    "with": ["errors/index.html"],
    "relationship": ["errors/index.html"],
    "met": ["errors/index.html"],
    "closeness": ["errors/index.html"],
    "cadence": ["errors/index.html"],
    "key": ["errors/index.html"],
    "kind": ["errors/index.html"],
    "initiated": ["errors/index.html"],
    "target": ["companies/index.html"],
}


@pytest.mark.parametrize("field", HOSTILE_FIELDS)
def test_every_hostile_value_is_shown_as_the_characters_typed(
    field: str, hostile_pages: dict[str, ParsedPage]
) -> None:
    value = hostile(field)
    if field == "owner":  # in drafts, on the company page of the intro path
        pages = [p for p in hostile_pages if p.startswith("companies/knowscompany")]
        assert len(pages) == 1
    else:
        pages = SHOWN_ON[field]
    for path in pages:
        assert value in hostile_pages[path].content_text, f"{field} not shown literally on {path}"


def test_a_hostile_folder_name_shows_literally(hostile_pages: dict[str, ParsedPage]) -> None:
    month = hostile_pages["journal/2026-11/index.html"].content_text
    assert "journal/<b>folder`x</b>/2026-11-16-in-a-hostile-folder.md" in month


def test_a_hostile_body_keeps_markdown_but_nothing_runs_or_loads(
    hostile_pages: dict[str, ParsedPage],
) -> None:
    page = hostile_pages["people/hostile-one/index.html"]
    text = page.content_text
    for typed in (
        "<script>window.pwned='body'</script>",
        '<iframe src="http://evil.example/body-frame"></iframe>',
        "{: onclick=\"window.pwned='attr'\"",
        "<b>code span</b>",
        "{{ jinja }} {% raw %}",
        "graph TD; A-->B; click A",  # the mermaid fence, as plain code
        '<pre class="mermaid">graph TD; C-->D</pre>',
    ):
        assert typed in text, typed
    links = {e.attrs.get("href", ""): e for e in page.elements if e.tag == "a"}
    assert "https://ok.example/body-link" in links
    assert "https://ok.example/body-autolink" in links
    assert "http://evil.example/body-image.png" in links  # an image becomes a link
    assert "http://evil.example/body-ref-image.png" in links
    assert "../tiago/" in links  # a mention still links to the contact
    assert not any("javascript" in _address(href) for href in links)
    assert any(e.tag == "em" for e in page.elements)  # Markdown still formats
    assert [e for e in page.elements if e.tag == "pre" and "kb-code" in e.attrs.get("class", "")]


# --- bodies through Markdown, without a build ----------------------------------------------

HOSTILE_BODIES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnError=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "<div markdown=1>*x*<script>alert(1)</script></div>",
    "<!-- <script>alert(1)</script> -->",
    "<style>@import url(https://evil.example/x.css)</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<mailto:x/onmouseover=alert(1)>",
    "<javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&colon;alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](\njavascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n[r]:\n    javascript:alert(1)",
    "![x](https://evil.example/a.png)",
    "![x](HTTPS://evil.example/a.png)",
    "![x](//evil.example/a.png)",
    "![x](local.png)",
    "![x][r]\n\n[r]: https://evil.example/b.png",
    "[![x](https://evil.example/c.png)](https://ok.example)",
    "para\n{: onclick=alert(1) }",
    'para\n{: style="background:url(https://evil.example/d)" }',
    "# heading {: onclick=alert(1) }",
    "[x](https://ok.example){: onclick=alert(1) }",
    "```mermaid\ngraph TD; A-->B\n```",
    "~~~mermaid\ngraph TD; A-->B\n~~~",
    "  ```mermaid\n  graph TD\n  ```",
    "```mermaid",
    '```{.mermaid onclick="alert(1)"}\ngraph TD\n```',
    "```\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n```",
    "<pre class=mermaid>graph TD</pre>",
    "`<img src=x onerror=alert(1)>`",
    "a `b\n<img src=x onerror=alert(1)>` c",
    "\\`<img src=x onerror=alert(1)>\\`",
    "\\\\`<img src=x onerror=alert(1)>`",
    "`` ` <img src=x onerror=alert(1)> ` ``",
    "\\<img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\x02wzxhzdk:0\x03<script>alert(1)</script>",
    "- item\n\n    <script>alert(1)</script>",
    "> quote <img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | `x|y` |",
    '!!! note "<img src=x onerror=alert(1)>"\n    body',
    "[[<img src=x onerror=alert(1)>]] [[x|<img src=x onerror=alert(1)>]]",
    "https://evil.example/bare.png www.evil.example",
    '<https://ok.example/a"onmouseover=alert(1)>',
    "{{ config.extra }} {% include 'x' %}",
    '--8<-- "/etc/passwd"',
]


def _render_markdown(body: str, extensions: Sequence[object], config: Mapping[str, object]) -> str:
    md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(config))
    resolve = lambda slug: ("Tiago <b>", "../tiago/") if slug == "tiago" else None  # noqa: E731
    return str(md.convert(t.render_body(body, resolve)))


@pytest.mark.parametrize("body", HOSTILE_BODIES)
@pytest.mark.parametrize("variant", ["site", "fences"])
def test_hostile_bodies_render_inert(body: str, variant: str) -> None:
    extensions = SITE_EXTENSIONS if variant == "site" else FENCE_EXTENSIONS
    out = _render_markdown(body, list(extensions), FENCE_CONFIG if variant == "fences" else {})
    assert_inert(out)


def assert_inert(out: str) -> None:
    """No element, attribute or address in rendered HTML that runs code or loads anything."""
    page = parse_html(out)
    bad = _injected(page, ParsedPage())
    bad += [f"<{e.tag}>" for e in page.elements if e.tag in INJECTED_TAGS]
    for element in page.elements:
        for name, value in element.attrs.items():
            address = _address(value)
            if name in ("href", "src") and "evil.example" in address and element.tag != "a":
                bad.append(f"<{element.tag} {name}>")
            if name == "class" and "mermaid" in value:
                bad.append(f"<{element.tag} class={value}>")
    assert bad == [], out
    assert privacy.outside_requests(out) == [], out


def test_a_mermaid_fence_is_plain_code() -> None:
    out = _render_markdown("```mermaid\ngraph TD; A-->B\n```", FENCE_EXTENSIONS, FENCE_CONFIG)
    assert out.startswith('<pre class="kb-code"><code>')
    assert parse_html(out).text.strip() == "graph TD; A-->B"
    assert "mermaid" not in out


def test_markdown_in_bodies_still_works() -> None:
    body = "# Plans\n\n*em* **strong** [site](https://ok.example) [[tiago]]\n\n- a\n- b\n\n`x<y`"
    out = _render_markdown(body, SITE_EXTENSIONS, {})
    for fragment in (
        '<h3 id="plans">Plans</h3>',
        "<em>em</em>",
        "<strong>strong</strong>",
        '<a href="https://ok.example">site</a>',
        '<a href="../tiago/">Tiago &lt;b&gt;</a>',
        "<li>a</li>",
        "<code>x&#60;y</code>",
    ):
        assert fragment in out


def test_a_very_long_body_is_cut_with_a_note() -> None:
    body = ("word " * 20 + "\n") * 2000
    out = t.render_body(body, lambda slug: None)
    assert len(out) <= t.MAX_BODY + 200
    assert "The note goes on in its file" in out


@pytest.mark.parametrize(
    "body",
    ["[" * 20_000, "![" * 10_000, "[a " * 7_000, "[a](" * 5_000, "# h\n" * 5_000, "<" * 20_000],
    ids=["brackets", "images", "words-in-brackets", "open-links", "headings", "angles"],
)
def test_pathological_bodies_render_in_bounded_time(body: str) -> None:
    start = time.perf_counter()
    _render_markdown(body * 3, SITE_EXTENSIONS, {})  # 3× the cap: the cut applies
    assert time.perf_counter() - start < 10


# --- fields -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [hostile("x"), "a\n# <img src=x onerror=alert(1)>", "`", "``a``", "x\\", "|", "\x02x\x03"],
)
def test_esc_and_code_keep_every_character_as_text(value: str) -> None:
    for rendered in (t.esc(value), t.code(value)):
        out = markdown.markdown(
            f"| a |\n|---|\n| {rendered} |\n\n{rendered}", extensions=SITE_EXTENSIONS
        )
        assert_inert(out)
        shown = " ".join(value.replace("\x02", "").replace("\x03", "").split())
        assert shown in parse_html(out).text


# --- front matter: bombs, size, depth -------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


@pytest.mark.parametrize(
    ("front", "message"),
    [
        (BILLION_LAUGHS, "anchors and aliases"),
        ("a: &x 1\nb: *x", "anchors and aliases"),
        ("base: &b {x: 1}\nother:\n  <<: *b", "anchors and aliases"),
        ("name: " + "x" * (MAX_FRONT_MATTER + 10), "too large"),
        ("x: " + "[" * 30_000 + "]" * 30_000, "nested too deeply"),
        ("x: " + "{a: " * 10_000 + "1" + "}" * 10_000, "nested too deeply"),
        ("x: [" + ", ".join(["1"] * (MAX_NODES + 1)) + "]", f"more than {MAX_NODES:,} values"),
        ("name: a\nname: b", "duplicate key 'name'"),
        ("x: " + "9" * 5_000, "unreadable YAML"),
        ("- a list\n- not a mapping", "must be a mapping"),
        ("x: !!python/object:os.system ls", "unreadable YAML"),
    ],
    ids=[
        "billion-laughs",
        "alias",
        "merge-key",
        "huge",
        "deep-lists",
        "deep-maps",
        "many-values",
        "duplicate-key",
        "huge-int",
        "list",
        "python-tag",
    ],
)
@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_hostile_front_matter_is_refused_quickly_with_a_line(
    front: str, message: str, loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same message from PyYAML with libyaml (0.2.5 or 0.2.6, which has a nesting limit
    and a message of its own) and from the pure-Python loader: our checks run first."""
    if loader == "pure-python":
        monkeypatch.setattr(parse, "_StrictLoader", parse.PURE_LOADER)
    else:
        assert yaml.__with_libyaml__, "PyYAML without libyaml: the libyaml case cannot run"
    text = f"---\n{front}\n---\nbody\n"
    tracemalloc.start()
    start = time.perf_counter()
    result = parse_document(text)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(result, ParseError), result
    assert message in result.message
    assert result.line >= 1
    # The pure-Python loader (PyYAML built without libyaml) is several times slower.
    assert elapsed < (1.0 if loader == "libyaml" else 5.0), f"{elapsed:.2f}s"
    assert peak < 64 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_nesting_up_to_the_limit_parses() -> None:
    depth = MAX_DEPTH - 1  # the front matter's own mapping is a level
    result = parse_document("---\nx: " + "[" * depth + "1" + "]" * depth + "\n---\n")
    assert not isinstance(result, ParseError)


def test_deep_nesting_does_not_crash_the_interpreter() -> None:
    """Some 32,000 nested `[` crashed CPython inside PyYAML's C composer (a segfault)."""
    code = (
        "from kithbook.reading.parse import parse_document\n"
        "r = parse_document('---\\nx: ' + '[' * 32000 + ']' * 32000 + '\\n---\\n')\n"
        "print(type(r).__name__, r.line)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ParseError", "2"]


def test_a_bomb_in_a_journal_is_one_problem_with_its_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"contacts/bomb.md": f"---\nname: Bomb\n{BILLION_LAUGHS}\n---\n"})
    loaded = load_journal(tmp_path)
    assert loaded.docs == ()
    assert [str(p) for p in loaded.problems] == [
        "contacts/bomb.md:3: YAML anchors and aliases (&name, *name) are not allowed in front "
        "matter"
    ]


# --- broken files ---------------------------------------------------------------------------


def _problems(root: Path) -> list[str]:
    return [str(p) for p in load_journal(root).problems]


def test_non_utf8_empty_binary_and_huge_files_are_clear_errors(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "contacts/latin1.md": "---\nname: Jos\xe9\n---\n".encode("latin-1"),
            "contacts/empty.md": b"",
            "contacts/blank.md": b"  \n\n",
            "contacts/nul.md": b"---\nname: A\n---\nnul \x00 here\n",
            "contacts/huge.md": b"---\nname: Big\n---\n" + b"x" * (1024 * 1024 + 1),
            "contacts/unclosed.md": b"---\nname: A\n",
            "contacts/no-front.md": b"just text\n",
            "contacts/utf16.md": "---\nname: A\n---\n".encode("utf-16"),
            "contacts/bom.md": "\ufeff---\nname: Bom\n---\n".encode(),
        },
    )
    assert _problems(tmp_path) == [
        "contacts/blank.md:1: empty file: a front matter block (between '---' lines) is required",
        "contacts/empty.md:1: empty file: a front matter block (between '---' lines) is required",
        "contacts/huge.md:1: file is too large (1,048,595 bytes; the limit is 1 MiB)",
        "contacts/latin1.md:2: not UTF-8 text: save the file as UTF-8",
        "contacts/no-front.md:1: no front matter: the file must start with a '---' line",
        "contacts/nul.md:4: binary data (a NUL byte) in a text file",
        "contacts/unclosed.md:1: front matter is not closed: add a '---' line after it",
        "contacts/utf16.md:1: not UTF-8 text: save the file as UTF-8",
    ]
    assert [d.data["name"] for d in load_journal(tmp_path).docs] == ["Bom"]


def test_a_folder_named_like_a_contact_is_an_error(tmp_path: Path) -> None:
    make_project(tmp_path)
    (tmp_path / "contacts" / "ada.md").mkdir()
    (tmp_path / "journal" / "2026" / "2026-01-01-x.md").mkdir(parents=True)
    assert _problems(tmp_path) == [
        "contacts/ada.md:1: a folder named like a Markdown file: expected a file",
        "journal/2026/2026-01-01-x.md:1: a folder named like a Markdown file: expected a file",
    ]


def test_symlinks_out_of_the_journal_are_errors_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "people").mkdir(parents=True)
    secret = "---\nname: Secret Person\n---\nSECRET BODY\n"
    (outside / "secret.md").write_text(secret, encoding="utf-8")
    (outside / "people" / "other.md").write_text(secret, encoding="utf-8")
    root = make_project(tmp_path / "journal-root")
    inside = root / "contacts" / "real.md"
    inside.write_text("---\nname: Real\n---\n", encoding="utf-8")
    links = {
        "contacts/out.md": outside / "secret.md",
        "contacts/dangling.md": tmp_path / "nothing-here.md",
        "contacts/loop.md": root / "contacts" / "loop.md",
        "contacts/alias.md": inside,  # inside the journal: followed
        "contacts/folder": outside / "people",
        "journal/2026": outside / "people",
    }
    for rel, target in links.items():
        os.symlink(target, root / rel)
    loaded = load_journal(root)
    assert sorted(str(p) for p in loaded.problems) == [
        "contacts/dangling.md:1: symbolic link to nothing readable: not followed",
        "contacts/folder:1: symbolic link to a folder: not followed",
        "contacts/loop.md:1: symbolic link to nothing readable: not followed",
        "contacts/out.md:1: symbolic link to a file outside the journal: not followed",
        "journal/2026:1: symbolic link to a folder: not followed",
    ]
    assert sorted(d.path for d in loaded.docs) == ["contacts/alias.md", "contacts/real.md"]
    assert all("SECRET" not in d.body for d in loaded.docs)


def test_a_journal_folder_linked_to_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("---\nname: Secret\n---\nSECRET\n", encoding="utf-8")
    root = tmp_path / "journal-root"
    root.mkdir()
    os.symlink(outside, root / "contacts")
    loaded = load_journal(root)
    assert loaded.docs == ()
    assert [str(p) for p in loaded.problems] == [
        "contacts:1: symbolic link to a folder outside the journal: not followed"
    ]


def test_broken_files_never_crash_a_real_build(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\nname: Outside\n---\nSECRET BODY\n", encoding="utf-8")
    project = make_project(
        tmp_path / "p",
        {
            "contacts/ok.md": "---\nname: Ok\n---\n",
            "contacts/latin1.md": "---\nname: Jos\xe9\n---\n".encode("latin-1"),
            "contacts/empty.md": b"",
            "contacts/bomb.md": f"---\nname: B\n{BILLION_LAUGHS}\n---\n",
            "contacts/deep.md": "---\nname: D\nx: " + "[" * 30_000 + "]" * 30_000 + "\n---\n",
        },
    )
    (project / "contacts" / "dir.md").mkdir()
    os.symlink(outside, project / "contacts" / "out.md")
    os.symlink(project / "contacts" / "loop.md", project / "contacts" / "loop.md")
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    errors = (project / "site" / "errors" / "index.html").read_text(encoding="utf-8")
    for expected in (
        "not UTF-8 text",
        "empty file",
        "anchors and aliases",
        "nested too deeply",
        "a folder named like a Markdown file",
        "symbolic link to a file outside the journal",
        "symbolic link to nothing readable",
    ):
        assert expected in errors, expected
    site_text = "".join(text for _, text in html_pages(project / "site"))
    assert "SECRET BODY" not in site_text
