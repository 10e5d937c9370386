"""Private by design: no indexing, no outside requests, no accidental publishing, redaction."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kithbook.adapter import privacy
from kithbook.adapter.build import build_outputs
from kithbook.pipeline import analyze
from kithbook.reading.assemble import assemble_journal
from kithbook.reading.load import load_journal
from kithbook.render import redact
from kithbook.render.site import render_site

from .conftest import REPO, TODAY, settings_for
from .projects import TODAY_ENV, html_pages, make_project, parse_html, run_mkdocs

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]*[a-z]")
HAND_WRITTEN = {p.stem for p in (REPO / "docs").glob("*.md")}


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    result = run_mkdocs(REPO, "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def redacted_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("redacted") / "site"
    result = run_mkdocs(REPO, "--strict", "--site-dir", str(site), env={"KITHBOOK_REDACT": "1"})
    assert result.returncode == 0, result.stderr
    assert "redacted build" in result.stderr
    return site


# --- no indexing, no outside requests -------------------------------------------------------


def test_every_page_including_404_says_noindex_nofollow(example_site: Path) -> None:
    pages = dict(html_pages(example_site))
    assert "404.html" in pages and "index.html" in pages and len(pages) > 50
    for path, text in pages.items():
        robots = [
            e.attrs.get("content")
            for e in parse_html(text).elements
            if e.tag == "meta" and e.attrs.get("name") == "robots"
        ]
        assert robots == ["noindex, nofollow"], path


def test_no_page_of_the_example_loads_anything_from_another_host(example_site: Path) -> None:
    for path, text in html_pages(example_site):
        assert privacy.outside_requests(text) == [], path
        for element in parse_html(text).elements:
            assert element.tag not in ("img", "iframe"), path


def test_a_remote_avatar_is_a_link_never_an_image(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {
            "contacts/ada.md": "---\nname: Ada\nlinks:\n  avatar: https://cdn.example/ada.png\n"
            "  photo: //cdn.example/p.jpg\n---\n![me](https://cdn.example/me.png)\n"
        },
    )
    pages = {p.uri: p.content for p in render_site(analyze(root, settings_for(), TODAY))}
    page = pages["people/ada.md"]
    assert '<a href="https://cdn.example/ada.png">avatar</a>' in page
    assert "[image: me](https://cdn.example/me.png)" in page
    assert "![" not in page and "<img" not in page


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<img src="https://x.example/a.png">', ["https://x.example/a.png"]),
        ("<img srcset='a.png 1x, //x.example/b.png 2x'>", ["//x.example/b.png"]),
        ('<script src="https://cdn.example/x.js"></script>', ["https://cdn.example/x.js"]),
        ('<link rel="stylesheet" href="https://fonts.example/css">', ["https://fonts.example/css"]),
        ('<link rel="preconnect" href="https://fonts.example">', ["https://fonts.example"]),
        ('<link rel="next" href="https://x.example/next">', []),
        ('<a href="https://x.example/">a link is not a request</a>', []),
        ('<div style="background:url(//x.example/bg.png)">', ["//x.example/bg.png"]),
        ("<style>@import 'https://x.example/s.css';</style>", ["https://x.example/s.css"]),
        ("<p>text about url(https://x.example/) is text</p>", []),
        ('<pre class="mermaid">graph TD</pre>', ["https://unpkg.com/mermaid (a Mermaid diagram)"]),
        ('<iframe src="https://x.example/embed">', ["https://x.example/embed"]),
        ('<img src="assets/local.png"><script src="/assets/x.js">', []),
    ],
)
def test_outside_requests_finds_what_a_browser_would_load(html: str, expected: list[str]) -> None:
    assert privacy.outside_requests(html) == expected


def test_config_that_makes_outside_requests_is_reported() -> None:
    found = privacy.outside_request_settings(
        "material",
        None,
        "https://github.com/me/kith",
        {"analytics": {"provider": "google"}},
        ["assets/kithbook/kithbook.css", "https://cdn.example/x.js", "//cdn.example/y.css"],
    )
    assert [f.split(":")[0] for f in found] == [
        "theme.font is not false",
        "repo_url is set",
        "extra.analytics is set",
        "https",
        "//cdn.example/y.css",
    ]
    assert privacy.outside_request_settings("material", False, None, {}, ["a.css"]) == []


def test_a_build_with_a_remote_script_or_web_fonts_fails_strict(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"contacts/ada.md": "---\nname: Ada\n---\n"})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  font: false", "  font:\n    text: Roboto")
    config.write_text(text + "extra_javascript:\n  - https://cdn.example/x.js\n", encoding="utf-8")
    result = run_mkdocs(project, "--strict")
    assert result.returncode == 1
    assert "theme.font is not false" in result.stderr
    assert "https://cdn.example/x.js: extra_css and extra_javascript must be local" in result.stderr


def test_a_hand_written_page_with_a_remote_image_is_reported(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, {"docs/notes.md": "# Notes\n\n![x](https://cdn.example/x.png)\n"}
    )
    result = run_mkdocs(project)
    assert "notes.md: loads https://cdn.example/x.png from another host" in result.stderr


def test_robots_meta_is_added_once() -> None:
    page = "<html><head><title>x</title></head><body></body></html>"
    once = privacy.add_robots_meta(page)
    assert once.count('name="robots"') == 1
    assert privacy.add_robots_meta(once) == once
    assert privacy.add_robots_meta("no head here") == "no head here"


def test_a_title_that_would_break_out_of_title_is_kept_escaped() -> None:
    assert privacy.title_to_protect("Ada &lt;/title&gt;&lt;script&gt;") is not None
    assert privacy.title_to_protect("Ada <code>x</code> &amp; co") is None
    assert privacy.title_to_protect(None) is None


# --- publishing and serving -----------------------------------------------------------------


def test_gh_deploy_is_refused_without_allow_publish(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"contacts/ada.md": "---\nname: Ada\n---\n"})
    result = run_mkdocs(project, command="gh-deploy")
    assert result.returncode == 1
    assert "kithbook refuses to publish" in result.stderr
    assert "allow_publish: true" in result.stderr
    assert not (project / "site").exists()


def test_gh_deploy_passes_the_guard_with_allow_publish(tmp_path: Path) -> None:
    project = make_project(
        tmp_path, {"contacts/ada.md": "---\nname: Ada\n---\n"}, settings="allow_publish: true"
    )
    result = run_mkdocs(project, command="gh-deploy")  # not a git repository: fails later
    assert "kithbook refuses to publish" not in result.stderr
    assert (project / "site" / "index.html").is_file()


def test_publish_refusal_only_for_gh_deploy() -> None:
    assert privacy.publish_refusal("gh-deploy", False) == privacy.PUBLISH_REFUSED
    assert privacy.publish_refusal("gh-deploy", True) is None
    assert privacy.publish_refusal("build", False) is None
    assert privacy.publish_refusal("serve", False) is None


@pytest.mark.parametrize(
    ("host", "exposed"),
    [
        ("127.0.0.1", False),
        ("127.8.9.1", False),
        ("localhost", False),
        ("::1", False),
        ("[::1]", False),
        ("0.0.0.0", True),
        ("::", True),
        ("192.168.1.20", True),
        ("my-laptop.local", True),
    ],
)
def test_exposed_address(host: str, exposed: bool) -> None:
    assert (privacy.exposed_address(host) is not None) is exposed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve_log(project: Path, address: str, *options: str) -> str:
    """What `mkdocs serve -a address` logs until it serves (then it is stopped)."""
    env = {**__import__("os").environ, **TODAY_ENV}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", address, "--no-livereload", *options],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Serving on" in line:
                break
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return "".join(lines)


def test_serve_warns_when_listening_beyond_this_machine(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"contacts/ada.md": "---\nname: Ada\n---\n"})
    exposed = _serve_log(project, f"0.0.0.0:{_free_port()}")
    assert "Serving on" in exposed
    assert "dev_addr 0.0.0.0 is not a loopback address" in exposed
    local = _serve_log(project, f"127.0.0.1:{_free_port()}")
    assert "Serving on" in local
    assert "loopback" not in local


def test_serve_clean_warns_too(tmp_path: Path) -> None:
    # `mkdocs serve --clean` tells plugins the command is `build`.
    project = make_project(tmp_path, {"contacts/ada.md": "---\nname: Ada\n---\n"})
    exposed = _serve_log(project, f"0.0.0.0:{_free_port()}", "--clean")
    assert "Serving on" in exposed
    assert "dev_addr 0.0.0.0 is not a loopback address" in exposed


def test_serving_is_told_from_the_server_on_the_stack() -> None:
    assert privacy.serving("serve") and not privacy.serving("build")
    server: dict[str, object] = {"__name__": "mkdocs.commands.serve", "privacy": privacy}
    exec("def start():\n    return privacy.serving('build')", server)
    assert server["start"]() is True  # type: ignore[operator]


# --- redaction ------------------------------------------------------------------------------

SECRETS = [
    "ada.private@example.com", "+351 912 345 678", "https://secret.example", "SECRET-GAVE",
    "SECRET-GOT", "SECRET-EVIDENCE", "SECRET-BODY", "SECRET-WHAT", "SECRET-PRIVATE",
    "secret-note-title", "linkedin.com/in/ada", "555 0100 2222", "bob@example.org",
]  # fmt: skip
REDACT_JOURNAL = {
    "contacts/ada.md": """\
---
name: Ada Lovelace
company: Analytical Engines
how_we_met: emailed me from ada.private@example.com
links:
  email: ada.private@example.com
  phone: "+351 912 345 678"
  linkedin: https://www.linkedin.com/in/ada
vouch:
  - Ran the migration; call her on 555 0100 2222
closeness: 4
relationship: [colleague]
met: 2020-01-01
---
Public note about Ada, see [her site](https://secret.example) and [[bob]].

## Private

SECRET-PRIVATE: her health.

### Still private

More SECRET-PRIVATE.

## Work

Visible work note.
""",
    "contacts/bob.md": "---\nname: Bob\nhow_we_met: bob@example.org\n---\n",
    "journal/2026/2026-11-01-secret-note-title.md": """\
---
date: 2026-11-01
with: [ada]
kind: meeting
personal: true
gave: SECRET-GAVE
got: SECRET-GOT
evidence: SECRET-EVIDENCE by Ada
follow_up: {due: 2026-11-30, what: SECRET-WHAT, done: false}
---
SECRET-BODY about her family.
""",
    "journal/2026/2026-11-10-project-review.md": """\
---
date: 2026-11-10
with: [ada, bob]
kind: activity
gave: Reviewed the plan
evidence: Ada led the review calmly
---
Shared work, mail bob@example.org or see https://secret.example/doc.
""",
}


@pytest.fixture
def redact_root(tmp_path: Path) -> Path:
    return make_project(tmp_path / "journal", REDACT_JOURNAL)


def test_redacted_pages_leave_out_contact_details_links_and_private_text(
    redact_root: Path,
) -> None:
    outputs = build_outputs(redact_root, settings_for(redact=True), TODAY, cache=None)
    texts = {page.uri: page.content for page in outputs.pages}
    texts.update({path: data.decode("utf-8") for path, data in outputs.files.items()})
    for uri, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, (uri, secret)
    ada = texts["people/ada.md"]
    assert "Visible work note." in ada and "Public note about Ada" in ada
    assert "her site" in ada and "(private notes hidden)" in ada
    assert "(e-mail hidden)" in ada and "(phone hidden)" in ada
    month = texts["journal/2026-11.md"]
    assert "Personal entry" in month and "(personal: hidden)" in month
    assert "Ada led the review calmly" in month and "(link hidden)" in month


def test_redaction_keeps_the_numbers(redact_root: Path) -> None:
    plain = build_outputs(redact_root, settings_for(), TODAY, cache=None)
    hidden = build_outputs(redact_root, settings_for(redact=True), TODAY, cache=None)
    a = json.loads(plain.files["kithbook.json"])
    b = json.loads(hidden.files["kithbook.json"])
    assert [(c["score"], c["tier"], c["status"]) for c in a["contacts"].values()] == [
        (c["score"], c["tier"], c["status"]) for c in b["contacts"].values()
    ]
    assert [p.uri for p in plain.pages] == [p.uri for p in hidden.pages]
    assert "SECRET-GAVE" in plain.pages[0].content or any(
        "SECRET-GAVE" in p.content for p in plain.pages
    )


def test_every_redacted_page_says_so_under_its_title(redact_root: Path) -> None:
    pages = render_site(analyze(redact_root, settings_for(redact=True), TODAY))
    for page in pages:
        first, _, rest = page.content.partition("\n")
        assert first.startswith("# "), page.uri
        assert rest.lstrip().startswith('!!! warning kb-redacted "Redacted"'), page.uri
    plain = render_site(analyze(redact_root, settings_for(), TODAY))
    assert not any("kb-redacted" in p.content for p in plain)


def test_render_site_redacts_even_when_called_directly(redact_root: Path) -> None:
    analysis = analyze(redact_root, settings_for(redact=True), TODAY)
    assert not isinstance(analysis, redact.RedactedAnalysis)
    text = "".join(p.content for p in render_site(analysis))
    assert "SECRET-BODY" not in text and "ada.private@example.com" not in text
    again = redact.ensure_redacted(redact.ensure_redacted(analysis))
    assert redact.ensure_redacted(again) is again


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail ada@example.com now", "mail (e-mail hidden) now"),
        ("mailto:ada@example.com", "(e-mail hidden)"),
        ("call +351 912 345 678.", "call (phone hidden)."),
        ("call (555) 123-4567", "call (phone hidden)"),
        ("tel:+351912345678", "(phone hidden)"),
        ("see https://x.example/a?b=1, or www.x.example.", "see (link hidden), or (link hidden)."),
        ("met 2026-11-20 to 2026-11-22", "met 2026-11-20 to 2026-11-22"),
        ("score 45.5, tier 2, 2019-2021, 1,200,000", "score 45.5, tier 2, 2019-2021, 1,200,000"),
    ],
)
def test_scrub(text: str, expected: str) -> None:
    assert redact.scrub(text) == expected


def test_private_sections_end_at_the_next_heading_of_their_level() -> None:
    body = (
        "intro\n## Private\nsecret\n### Sub\nsecret too\n```\n## not a heading\n```\n"
        "## Public\nvisible\n# private\nall of it\n"
    )
    assert redact.drop_private(body) == (
        "intro\n*(private notes hidden)*\n\n## Public\nvisible\n*(private notes hidden)*\n"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # underlined headings: === is level 1, --- level 2
            "intro\n\nPrivate\n-------\nsecret\n\nPublic\n------\nvisible\n",
            "intro\n\n*(private notes hidden)*\n\nPublic\n------\nvisible\n",
        ),
        (
            "Private\n=======\nsecret\n\n## Sub\nsecret too\n\nPublic\n======\nvisible\n",
            "*(private notes hidden)*\n\nPublic\n======\nvisible\n",
        ),
        (  # a rule under a line inside the section does not end it (Python-Markdown: a rule)
            "## Private\nsecret\nmore\n---\nstill secret\n\nNext\n---\nshown\n",
            "*(private notes hidden)*\n\nNext\n---\nshown\n",
        ),
        (  # nor does a rule after fenced code
            "## Private\n```\nx\n```\n---\nstill secret\n",
            "*(private notes hidden)*\n",
        ),
        (  # an underlined Private inside a paragraph: hidden too (CommonMark's reading)
            "para\nPrivate\n---\nsecret\n",
            "para\n*(private notes hidden)*\n",
        ),
    ],
)
def test_underlined_private_headings(body: str, expected: str) -> None:
    assert redact.drop_private(body) == expected


def test_redacted_bodies_keep_relative_links_and_mentions() -> None:
    body = "[site](https://x.io) [Ada](../people/ada.md) <https://y.io> ![i](a.png) [[ada]]\n"
    assert redact.redact_body(body + "\n[r]: https://z.io\n") == (
        "site [Ada](../people/ada.md) (link hidden) i [[ada]]\n\n\n"
    )


def test_redacted_example_build_hides_what_it_should(redacted_example: Path) -> None:
    root = REPO
    journal = assemble_journal(load_journal(root).docs)
    personal = {
        text.strip()
        for e in journal.entries
        if e.personal
        for text in (e.gave, e.got, e.evidence, e.body, e.follow_up.what if e.follow_up else None)
        if text and len(text.strip()) > 15
    }
    assert len(personal) > 50
    generated: dict[str, str] = {}
    for path, text in html_pages(redacted_example):
        if path.split("/")[0] in HAND_WRITTEN:
            continue
        generated[path] = parse_html(text).content_text
    for name in ("kithbook.json", "kithbook.ics"):
        generated[name] = (redacted_example / name).read_text(encoding="utf-8")
    index = json.loads((redacted_example / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        if doc["location"].split("/")[0] not in HAND_WRITTEN:
            generated[f"search:{doc['location']}"] = doc["title"] + " " + doc["text"]
    problems = []
    for where, text in generated.items():
        flat = " ".join(text.split())
        problems += [f"{where}: e-mail {m}" for m in EMAIL.findall(flat)]
        problems += [f"{where}: linkedin" for _ in re.findall("linkedin.com", flat)]
        problems += [f"{where}: phone" for _ in re.findall(r"\+351 213 400 772", flat)]
        problems += [
            f"{where}: personal text {p[:30]}" for p in personal if " ".join(p.split()) in flat
        ]
    assert problems == []


def test_redacted_example_says_so_on_every_page(redacted_example: Path) -> None:
    for path, text in html_pages(redacted_example):
        page = parse_html(text)
        banners = [e for e in page.elements if "kb-redacted" in e.attrs.get("class", "")]
        assert len(banners) == 1, path
    help_page = (redacted_example / "journal-format" / "index.html").read_text(encoding="utf-8")
    assert "This page is written by hand and shown as it is" in help_page


def test_redact_setting_in_mkdocs_yml_redacts_too(tmp_path: Path) -> None:
    project = make_project(tmp_path, REDACT_JOURNAL, settings="redact: true")
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    pages = html_pages(project / "site")
    site = "".join(text for path, text in pages if path.split("/")[0] not in HAND_WRITTEN)
    site += (project / "site" / "kithbook.json").read_text(encoding="utf-8")
    site += (project / "site" / "kithbook.ics").read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in site, secret
    assert "kb-redacted" in site


def test_plain_example_build_shows_what_redaction_hides(example_site: Path) -> None:
    contact = (example_site / "people" / "raquel-monteiro" / "index.html").read_text("utf-8")
    assert "mailto:raquel.monteiro@example.org" in contact
    assert "kb-redacted" not in contact
