"""Links are safe by construction: judged on the HTML Markdown produced, whatever the spelling."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kithbook.cli.main import cli
from kithbook.reading.settings import Settings, parse_settings
from kithbook.render import links
from kithbook.render import text as t

from .conftest import WriteJournal, contact, entry, run
from .projects import html_pages, make_project, parse_html, run_mkdocs

EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data")


def browser_scheme(value: str) -> str | None:
    """The scheme a browser reads from an attribute value (already entity-decoded), or None."""
    text = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", text)
    return match.group(1) if match else None


def live_bad_addresses(page: str, editor: str = "") -> list[str]:
    """Every address-bearing attribute in the HTML whose scheme is not an allowed one (nor
    the `editor` scheme)."""
    bad = []
    for element in parse_html(page).elements:
        for name, value in element.attrs.items():
            if name not in URL_ATTRS or not value:
                continue
            for address in value.split(",") if name == "srcset" else [value]:
                scheme = browser_scheme(address)
                if scheme not in (None, editor, *links.ALLOWED_SCHEMES):
                    bad.append(f"<{element.tag} {name}={value!r}>")
    return bad


def site_html(body: str) -> str:
    """A note as the build makes it: inert Markdown, converted, then links neutralised."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    return links.neutralise_links(md.convert(t.render_body(body, lambda slug: None)))


# The findings of issue 15: each of these ran a script on one click.
FOUND = {
    "quote": "> [r]: javascript:alert(document.domain)\n> Please [confirm][r].",
    "list": "- item\n\n    [r]: javascript:alert(1)\n\n    Please [confirm][r].",
    "list-tight": "- [r]: javascript:alert(1)\n- Please [confirm][r].",
    "admonition": '!!! note "Hi"\n    [r]: javascript:alert(1)\n\n    Please [confirm][r].',
    "spaces": "[confirm](" + " " * 70 + "javascript:alert(1))",
    "newline-spaces": "[confirm](\n" + " " * 80 + "javascript:alert(1))",
    "data": "> [r]: data:text/html,<script>alert(1)</script>\n> [go][r]",
}


@pytest.mark.parametrize("body", FOUND.values(), ids=FOUND.keys())
def test_found_spellings_never_make_a_live_script_link(body: str) -> None:
    page = site_html(body)
    assert live_bad_addresses(page) == [], page
    assert "confirm" in parse_html(page).text or "go" in parse_html(page).text


def test_a_neutralised_link_shows_its_text_and_says_why() -> None:
    page = site_html(FOUND["quote"])
    assert 'class="kb-unsafe-link"' in page
    assert "Link removed: javascript:alert(document.domain)" in page
    assert ">confirm</a>" in page and "href" not in page


def test_allowed_links_stay_byte_for_byte() -> None:
    page = (
        '<p><a href="https://x.example/a?b=1&amp;c=2">w</a> <a href="../people/ada/">ada</a> '
        '<a href="mailto:a@b.example">m</a> <a href="tel:+4930123">t</a> <a href="#top">f</a> '
        '<img src="../img/a.png" alt="x"> <a href="//other.example/">p</a></p>'
    )
    assert links.neutralise_links(page) is page
    assert links.unsafe_addresses(page) == []


@pytest.mark.parametrize(
    "tag",
    [
        '<a href="javascript:alert(1)">x</a>',
        "<a HREF='JaVaScRiPt:alert(1)'>x</a>",
        '<a href="&#106;avascript&colon;alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href=" \x01javascript:alert(1)">x</a>',
        '<a href="java\nscript:alert(1)">x</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        '<img srcset="a.png 1x, javascript:alert(1) 2x">',
        '<form action="javascript:alert(1)"><button formaction="vbscript:x">b</button></form>',
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "<a title='src=' href='javascript:alert(1)'>x</a>",
        "<video poster=javascript:alert(1)></video>",
        '<object data="javascript:alert(1)"></object>',
    ],
)
def test_every_address_attribute_is_judged_as_a_browser_reads_it(tag: str) -> None:
    assert live_bad_addresses(tag) != []  # the test's own reading agrees it is live
    out = links.neutralise_links(tag)
    assert live_bad_addresses(out) == [], out
    assert links.unsafe_addresses(tag)


# --- generated spellings --------------------------------------------------------------------

_BAD_SCHEMES = ["javascript", "data", "vbscript", "file", "blob", "jar", "x-evil"]


@st.composite
def mixed_case(draw: st.DrawFn, word: str) -> str:
    return "".join(c.upper() if draw(st.booleans()) else c for c in word)


@st.composite
def scheme_spelling(draw: st.DrawFn) -> str:
    """A bad scheme with case mixed, characters as references, and ignored characters inside."""
    scheme = draw(mixed_case(draw(st.sampled_from(_BAD_SCHEMES))))
    out = []
    for ch in scheme + ":":
        form = draw(st.sampled_from(["plain", "plain", "dec", "hex", "tab", "nl", "ctl"]))
        if form == "dec":
            out.append(f"&#{ord(ch)};")
        elif form == "hex":
            out.append(f"&#x{ord(ch):x};")
        elif form == "tab":
            out.append("&#9;" + ch)
        elif form == "nl":
            out.append("&#10;" + ch)
        elif form == "ctl" and out:
            out.append(ch)  # raw control characters are removed from notes before Markdown
        else:
            out.append(ch)
    if ":" not in "".join(out) and "&#58;" not in "".join(out) and "&#x3a;" not in "".join(out):
        out.append(":")
    return "".join(out) + "alert(1)"


@st.composite
def hostile_note(draw: st.DrawFn) -> str:
    address = draw(scheme_spelling())
    gap = draw(st.sampled_from(["", " ", "\n", " " * 70, "\t"]))
    link = draw(
        st.sampled_from(
            [
                "[go](GAPADDR)",
                "[go](<ADDR>)",
                "[go][r]\n\n[r]: ADDR",
                "[go][r]\n\n[r]:\n    ADDR",
                "[r]\n\n[r]: ADDR",
                "![go](ADDR)",
            ]
        )
    )
    text = link.replace("GAP", gap).replace("ADDR", address)
    container = draw(st.sampled_from(["plain", "quote", "list", "admonition", "nested"]))
    if container == "quote":
        text = "\n".join("> " + line for line in text.split("\n"))
    elif container == "list":
        text = "- item\n\n" + "\n".join("    " + line for line in text.split("\n"))
    elif container == "admonition":
        text = "!!! note\n" + "\n".join("    " + line for line in text.split("\n"))
    elif container == "nested":
        text = "- item\n\n" + "\n".join("    > " + line for line in text.split("\n"))
    return text


@given(hostile_note())
@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_link_spellings_never_reach_the_page_live(note: str) -> None:
    page = site_html(note)
    assert live_bad_addresses(page) == [], (note, page)


@given(st.text(alphabet="[]()<>:!&#;\\ \n\tjavascriptJAVA0123x>-*", max_size=80))
@hsettings(max_examples=300, deadline=None)
def test_random_link_syntax_never_reaches_the_page_live(note: str) -> None:
    page = site_html(note)
    assert live_bad_addresses(page) == [], (note, page)


# --- kith check and the build ---------------------------------------------------------------


def test_check_reports_a_link_it_will_neutralise_with_its_line(
    write_journal: WriteJournal,
) -> None:
    body = "Met at the fair.\n\n> [r]: javascript:alert(1)\n> Please [confirm][r].\n"
    root = write_journal(dict([contact("ada", body=body)]))
    problems = [str(p) for p in run(root).problems]
    assert problems == [
        "contacts/ada.md:6: link to 'javascript:alert(1)' is shown as text: only http, https, "
        "mailto, tel and links within the site are followed"
    ]


def test_check_says_nothing_about_safe_links(write_journal: WriteJournal) -> None:
    body = "[site](https://x.example) [[ada]] <https://y.example> [r]\n\n[r]: mailto:a@b.example"
    root = write_journal(dict([contact("ada"), entry("2026-11-01", "coffee", body=body)]))
    assert [str(p) for p in run(root).problems] == []


def test_a_real_build_neutralises_and_warns(tmp_path: Path) -> None:
    files = {
        "contacts/ada.md": "---\nname: Ada\n---\n> [r]: javascript:alert(document.domain)\n"
        "> Please [confirm][r].\n\n[x](" + " " * 70 + "JavaScript:alert(2))\n",
    }
    root = make_project(tmp_path / "p", files)
    result = run_mkdocs(root, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "contacts/ada.md:4: link to 'javascript:alert(document.domain)'" in result.stderr
    for path, text in html_pages(tmp_path / "site"):
        assert live_bad_addresses(text, editor="vscode") == [], path
    page = (tmp_path / "site" / "people" / "ada" / "index.html").read_text(encoding="utf-8")
    assert 'href="vscode://file/' in page  # the editor link of the source line stays
    assert html.escape("Link removed: javascript:alert(document.domain)") in page or (
        "Link removed: javascript:alert(document.domain)" in page
    )


# --- settings that reach a page -------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)//{path}",
        "JavaScript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "java script:x",
        "{abs_path}",
        'vscode://file/{abs_path}"onmouseover="x',
    ],
)
def test_an_editor_url_that_is_not_an_editor_link_is_refused(value: str) -> None:
    settings, problems = parse_settings({"editor_url": value})
    assert len(problems) == 1 and problems[0].startswith("mkdocs.yml: extra.kithbook.editor_url:")
    assert problems[0].endswith("the default is kept")
    assert settings.editor_url == Settings().editor_url


@pytest.mark.parametrize(
    "value",
    [
        "",
        "vscode://file/{abs_path}:{line}",
        "idea://open?file={abs_path}&line={line}",
        "https://git.example/edit/{path}#L{line}",
        "subl://open?url=file://{abs_path}&line={line}",
    ],
)
def test_editor_links_of_known_editors_are_kept(value: str) -> None:
    settings, problems = parse_settings({"editor_url": value})
    assert problems == [] and settings.editor_url == value


def test_editor_links_survive_the_page_filter_and_others_do_not() -> None:
    page = '<a href="vscode://file/x.md:3">3</a> <a href="idea://open?file=x">i</a>'
    out = links.neutralise_links(page, "vscode://file/{abs_path}:{line}")
    assert '<a href="vscode://file/x.md:3">3</a>' in out
    assert "idea://" not in out.split("title=")[0] and "kb-unsafe-link" in out
    assert links.neutralise_links(page, "javascript:{path}").count("kb-unsafe-link") == 2


def test_a_hostile_owner_is_refused_by_init(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["init", str(tmp_path / "kb"), "--owner", "<script>alert(1)</script>"]
    )
    assert result.exit_code == 2
    assert "give your name as plain text" in result.output
    assert not (tmp_path / "kb").exists()


def test_a_hostile_site_name_and_editor_url_never_run(tmp_path: Path) -> None:
    files = {"contacts/ada.md": "---\nname: Ada\ncloseness: 9\n---\nHi\n"}  # one problem
    root = make_project(tmp_path / "p", files, settings='editor_url: "javascript:alert(1)//"')
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("site_name: Jordan's kithbook", 'site_name: "<script>alert(1)</script>"'),
        encoding="utf-8",
    )
    result = run_mkdocs(root, "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "extra.kithbook.editor_url: 'javascript:alert(1)//' is not an editor link" in (
        result.stderr
    )
    pages = dict(html_pages(tmp_path / "site"))
    for path, page in pages.items():
        assert "<script>alert(1)" not in page, path
        assert live_bad_addresses(page, editor="vscode") == [], path
    errors = pages["errors/index.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in errors  # the name, as typed
    assert 'href="vscode://file/' in errors  # the default editor link is kept


# --- the quick look that lets most pages through unchanged ------------------------------------


@given(
    st.lists(
        st.sampled_from(
            [
                "<a ",
                "<img ",
                "href",
                "src",
                "SRC",
                "title",
                "=",
                " ",
                "\t",
                "\n",
                '"',
                "'",
                "javascript",
                "java",
                "script",
                ":",
                "&#58;",
                "&#x6a;",
                "&colon;",
                "\x01",
                ">",
                "x",
                "/",
                "data",
                "https",
                "xlink:href",
                "formaction",
                "action",
                "=\"'",
            ]
        ),
        max_size=30,
    ).map("".join)
)
@hsettings(max_examples=500, deadline=None)
def test_the_quick_look_never_misses_what_the_parser_finds(page: str) -> None:
    # neutralise_links skips the parser when the quick look finds nothing: it must never
    # find nothing where the parser (and so a browser) sees an address to remove.
    found = links._Rewriter(page, frozenset()).found
    assert not found or links._has_candidate(page, frozenset()), page


@pytest.mark.parametrize(
    "unit", ["=", " ", "a='", "href=:", "href= ", '="', "<a href=javascript:x>", " =:", "=a", "&"]
)
def test_a_megabyte_page_is_checked_in_linear_time(unit: str) -> None:
    page = unit * (1_000_000 // len(unit))
    start = time.process_time()
    links.neutralise_links(page)
    assert time.process_time() - start < 2.0
