"""The built site in a real browser (Playwright driving Debian's headless Chromium).

Skips without /usr/bin/chromium or the playwright package, unless KITHBOOK_REQUIRE_BROWSER=1
(CI), which turns the skip into a failure. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from .conftest import REPO
from .projects import hostile_files, hostile_settings, make_project, run_mkdocs
from .test_imports_page import imported_project

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every kind of page: name (for the screenshot) → path on the example site.
PAGES = {
    "dashboard": "",
    "people": "people/",
    "contact": "people/tiago-almeida/",
    "journal-month": "journal/2026-11/",
    "journal-index": "journal/",
    "referrals": "referrals/",
    "companies": "companies/",
    "company": "companies/helix-bio/",
    "fortify": "fortify/",
    "ledger": "ledger/",
    "changes": "changes/",
    "tags": "tags/",
    "errors": "errors/",
    "imports": "imports/",  # the example has imported nothing: how to start
    "help-journal-format": "journal-format/",
    "help-how-scores-work": "how-scores-work/",
    "help-settings": "settings/",
    "help-cli": "cli/",
    "404": "no/such/page/",
}
BROKEN = {
    "contacts/ada.md": "---\nname: Ada\ncloseness: 9\n---\nKnows [[bob]].\n",
    "contacts/eve.md": "---\nname: Eve\n---\n",
    "journal/2026/2026-11-20-coffee.md": (
        "---\ndate: 2026-11-20\nwith: [ada, eve]\nkind: lunch\n---\n"
    ),
}


def _require_browser() -> Any:
    """The playwright sync API, or a skip (a failure under KITHBOOK_REQUIRE_BROWSER=1)."""
    problem = None
    try:
        from playwright import sync_api
    except ImportError:
        problem = "the playwright Python package is not installed (pip install playwright)"
    else:
        if not CHROMIUM.is_file():
            problem = f"{CHROMIUM} is missing (apt-get install chromium)"
    if problem is not None:
        if os.environ.get("KITHBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required (KITHBOOK_REQUIRE_BROWSER=1) but {problem}")
        pytest.skip(f"browser tests skipped: {problem}")
    return sync_api


# --- the sites, served on 127.0.0.1 ---------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing page gets the site's own 404.html, as on a real host."""

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _build(project: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    site = project / "site"
    result = run_mkdocs(project, *args, "--site-dir", str(site), env=env)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def playwright_api() -> Any:
    return _require_browser()


@pytest.fixture(scope="session")
def example_url(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example journal, built once with `mkdocs build --strict` as of 2026-11-22."""
    site = tmp_path_factory.mktemp("browser-example") / "site"
    result = run_mkdocs(REPO, "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def broken_url(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("browser-broken"), BROKEN)
    with serve(_build(project)) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(
        tmp_path_factory.mktemp("browser-hostile"), hostile_files(), hostile_settings()
    )
    with serve(_build(project)) as url:
        yield url


@pytest.fixture(scope="session")
def imported_url(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small journal into which every import was run (tests/test_imports_page.py)."""
    project = imported_project(tmp_path_factory.mktemp("browser-imported"))
    with serve(_build(project, "--strict")) as url:
        yield url


@pytest.fixture(scope="session")
def redacted_url(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("browser-redacted"), example=True)
    with serve(_build(project, env={"KITHBOOK_REDACT": "1"})) as url:
        yield url


# --- the browser ------------------------------------------------------------------------------


class Recorder:
    """Every request a page makes; anything not on 127.0.0.1 is recorded and aborted."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []

    def on_request(self, request: Any) -> None:
        self.urls.append(request.url)

    def on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)  # an alert() from injected script
        dialog.dismiss()

    def route(self, route: Any) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@pytest.fixture(scope="session")
def browser_context(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def open_page(browser_context: Any) -> Iterator[Callable[[str], tuple[Any, Recorder]]]:
    """open_page(url) → (page, recorder): the network cut off from everything but 127.0.0.1."""
    opened: list[Any] = []

    def open_(url: str) -> tuple[Any, Recorder]:
        recorder = Recorder()
        page = browser_context.new_page()
        opened.append(page)
        page.on("request", recorder.on_request)
        page.on("dialog", recorder.on_dialog)
        page.route("**/*", recorder.route)
        page.goto(url, wait_until="networkidle")
        return page, recorder

    yield open_
    for page in opened:
        page.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# --- the tests ----------------------------------------------------------------------------------


def test_dashboard_shows_this_weeks_actions_and_charts(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, _ = open_page(example_url)
    assert page.locator("h1").first.inner_text().startswith("This week")
    tend = page.locator("h2[id^=ties-to-tend] + p + div.kb-sortable table")
    first_row = tend.locator("tbody tr").first
    assert "Tiago Almeida" in first_row.inner_text()  # the fading close tie comes first
    assert first_row.locator("a", has_text="Tiago Almeida").get_attribute("href") == (
        "people/tiago-almeida/"
    )
    charts = page.locator("figure.kb-chart svg[role=img]")
    assert charts.count() >= 2
    for i in range(charts.count()):
        label = charts.nth(i).get_attribute("aria-label") or ""
        assert len(label) > 20, label
        assert charts.nth(i).is_visible()
    assert "Dunbar" in page.locator("figure.kb-circles").inner_text()
    screenshot(page, "dashboard-charts")


def test_a_contact_page_shows_the_score_breakdown(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, _ = open_page(example_url + "people/tiago-almeida/")
    assert page.locator("h1").first.inner_text().startswith("Tiago Almeida")
    table = page.locator("table", has=page.locator("th", has_text="Component"))
    assert table.count() == 1
    rows = [r.split("\t")[0] for r in table.locator("tbody tr").all_inner_texts()]
    assert rows == ["Closeness", "Activity", "Reciprocity", "Duration", "Structure"]
    points = [float(c) for c in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    score = page.locator(".kb-badges strong").first.inner_text()
    assert abs(sum(points) - float(score.split("/")[0])) < 0.2
    assert table.is_visible()


def _column(table: Any, index: int) -> list[str]:
    return [
        c.strip() for c in table.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()
    ]


def test_the_people_table_sorts_when_a_header_is_clicked(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, _ = open_page(example_url + "people/")
    table = page.locator(".kb-sortable table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    name, score = headers.index("Name"), headers.index("Score")
    before = _column(table, name)
    assert len(before) > 20
    score_header = table.locator("thead th").nth(score)
    score_header.click()
    assert score_header.get_attribute("aria-sort") == "ascending"
    values = [float(v) for v in _column(table, score)]
    assert values == sorted(values)
    assert _column(table, name) != before  # the rows moved
    score_header.click()
    assert score_header.get_attribute("aria-sort") == "descending"
    values = [float(v) for v in _column(table, score)]
    assert values == sorted(values, reverse=True)
    name_header = table.locator("thead th").nth(name)
    name_header.press("Enter")  # the keyboard sorts too
    names = _column(table, name)
    assert names == sorted(names, key=str.casefold)
    assert score_header.get_attribute("aria-sort") is None
    screenshot(page, "people-sorted")


def test_search_finds_a_contact_by_a_word_from_their_notes_offline(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, recorder = open_page(example_url)
    box = page.locator("input.md-search__input")
    box.click()  # Material's own search box, in the header
    box.type("firmware", delay=30)
    result = page.locator(".md-search-result__item", has_text="Tiago Almeida").first
    result.wait_for(timeout=15_000)
    assert "Tiago Almeida" in result.inner_text()
    assert recorder.outside == []
    assert any(u.endswith("search/search_index.json") for u in recorder.urls)
    screenshot(page, "search-firmware")


def _search(page: Any, words: str) -> Any:
    """Type `words` in Material's search box; the results, once they are for all of it."""
    box = page.locator("input.md-search__input")
    box.click()
    box.type(words, delay=30)
    # Results are shown as one types: wait for those of the whole query (links carry ?h=).
    done = quote(words.split()[-1].lower())
    page.locator(f".md-search-result__item a[href*='h={done}']").first.wait_for(timeout=15_000)
    return page.locator(".md-search-result__item")


# A contact whose name has accents and no plain alias; entries that write her name plainly.
ACCENTS = {
    "contacts/zoe.md": "---\nname: Zoë Nováková\ncompany: Helix Bio\n---\nLeads data.\n",
    **{
        f"journal/2026/2026-{n:02d}-01-lunch.md": (
            f"---\ndate: 2026-{n:02d}-01\nwith: [zoe]\nkind: meeting\n---\nLunch with Zoe at "
            f"Zoe's favourite place; Zoe paid.\n"
        )
        for n in (8, 9, 10)
    },
}


@pytest.fixture(scope="session")
def accents_url(playwright_api: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("browser-accents"), ACCENTS)
    with serve(_build(project, "--strict")) as url:
        yield url


@pytest.mark.parametrize("words", ["zoe", "novakova"])
def test_search_ignores_accents_and_finds_the_profile_first(
    words: str, accents_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    """Typed without accents, a name finds the contact's profile, ahead of the entries
    that mention her (their words match too, but the profile is the page about her)."""
    page, _ = open_page(accents_url)
    first = _search(page, words).first
    href = first.locator("a").first.get_attribute("href", timeout=5_000) or ""
    assert urlsplit(href).path.endswith("/people/zoe/"), href
    assert "Zoë Nováková" in first.inner_text()
    screenshot(page, f"search-{quote(words)}")


def test_table_pages_have_clean_search_entries(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    """Pages made of tables have one entry each, written from the records, not their cells
    run together; a search for a company lands on the Companies page with clean words."""
    page, _ = open_page(example_url)
    docs = page.evaluate("fetch('search/search_index.json').then(r => r.json()).then(i => i.docs)")
    titles = {doc["location"]: doc["title"] for doc in docs}
    pages = {
        "": "This week", "people/": "People", "companies/": "Companies",
        "fortify/": "Fortify", "ledger/": "Giving ledger", "errors/": "Errors",
    }  # fmt: skip
    for location, title in pages.items():
        assert titles[location] == title
        sections = [d for d in docs if d["location"].startswith(f"{location}#") and location]
        assert sections == [], location  # no entry per table section
    assert not [loc for loc in titles if loc.startswith("#")]  # none for This week's sections
    text = next(d["text"] for d in docs if d["location"] == "companies/")
    assert "Orbital Maps; Quanta Cloud" in text
    results = _search(page, "ledger")
    assert "Giving ledger" in results.first.inner_text()


def test_the_tags_page_is_compact_and_a_tag_link_opens_its_block(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, _ = open_page(example_url + "tags/")
    height = page.evaluate("document.documentElement.scrollHeight")
    blocks = page.locator("details.kb-tag")
    assert blocks.count() > 100
    assert height < 8_000, height  # it was 25,000 px with every tag open
    assert page.locator("details.kb-tag[open]").count() == 0
    page.locator(".kb-tags a", has_text="climbing").first.click()
    climbing = page.locator("details#tag-climbing")
    climbing.locator("ul").wait_for(state="visible", timeout=5_000)
    assert climbing.get_attribute("open") is not None
    assert "more, in" in climbing.inner_text()  # the rest by month, linked
    screenshot(page, "tags-compact")
    page.goto(example_url + "tags/#tag-running", wait_until="networkidle")
    assert page.locator("details#tag-running").get_attribute("open") is not None


def test_the_errors_page_lists_path_line_problems(
    broken_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, recorder = open_page(broken_url + "errors/")
    rows = page.locator("table tbody tr").all_inner_texts()
    cells = [tuple(c.strip() for c in row.split("\t")) for row in rows]
    assert (
        "contacts/ada.md",
        "3",
        "closeness must be a whole number from 1 to 5, not '9'",
    ) in cells
    assert ("contacts/ada.md", "5", "unknown slug 'bob' in a mention") in cells
    assert any(c[:2] == ("journal/2026/2026-11-20-coffee.md", "4") for c in cells)
    assert "3 problems in 2 files" in page.locator("article").inner_text()
    assert recorder.outside == []
    screenshot(page, "errors-broken-journal")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_request_leaves_localhost(
    name: str, example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, recorder = open_page(example_url + PAGES[name])
    page.mouse.wheel(0, 5000)  # anything loaded lazily, on scroll
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    screenshot(page, name)
    outside = [u for u in recorder.urls if not _is_local(u)] + recorder.outside
    assert outside == [], f"{name} requested: {outside}"
    assert len(recorder.urls) > 3  # the page, its CSS and scripts were seen
    if name == "404":
        assert "404" in page.locator("h1").first.inner_text()
    robots = page.locator('meta[name="robots"]').get_attribute("content")
    assert robots == "noindex, nofollow"


ALLOWED_PROTOCOLS = ("http:", "https:", "mailto:", "tel:", "vscode:")


def _live_bad_addresses(page: Any) -> list[str]:
    """Addresses on the page whose scheme, as the browser itself resolved it, is not allowed."""
    found: list[str] = page.evaluate(
        """() => {
        const out = [];
        for (const el of document.querySelectorAll('[href],[src],[action],[formaction]')) {
            for (const name of ['href', 'src', 'action', 'formaction']) {
                const raw = el.getAttribute(name);
                if (raw === null) continue;
                let protocol;
                try { protocol = new URL(raw, document.baseURI).protocol; }
                catch (e) { continue; }
                out.push(protocol + ' ' + raw);
            }
        }
        return out;
    }"""
    )
    return [item for item in found if not item.startswith(ALLOWED_PROTOCOLS)]


def test_hostile_pages_run_nothing_and_load_nothing_in_a_browser(
    hostile_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    pages = ["people/hostile-one/", "journal/2026-11/", "errors/", "tags/", "companies/", ""]
    for path in pages:
        page, recorder = open_page(hostile_url + path)
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.pwned") == "undefined", path
        assert recorder.dialogs == [], path
        assert recorder.outside == [], (path, recorder.outside)
        assert page.locator("article img, article iframe, article script").count() == 0, path
        assert _live_bad_addresses(page) == [], path
        if path == "people/hostile-one/":
            for label in ("confirm in a quote", "confirm in a list", "confirm in a note"):
                page.get_by_text(label).first.click()
            page.get_by_text("spaced out").first.click()
            page.wait_for_timeout(200)
            assert page.evaluate("typeof window.pwned") == "undefined", "a click ran a script"
            assert recorder.dialogs == []
            text = page.locator("article").inner_text()
            assert "<script>window.pwned='name'</script>" in text
            assert page.title().startswith("name</title>")
            screenshot(page, "hostile-contact")
    page, recorder = open_page(hostile_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.type("mention", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert recorder.dialogs == [] and recorder.outside == []
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    screenshot(page, "hostile-search")


def test_the_imports_page_shows_each_imports_last_run(
    imported_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, recorder = open_page(imported_url + "imports/")
    rows = page.locator("article table").first.locator("tbody tr")
    assert rows.count() == 4
    assert rows.nth(1).inner_text().split("\t") == [
        "Calendar", "2026-11-22", "6", "0", "0", "5",
    ]  # fmt: skip
    article = page.locator("article").inner_text()
    assert "google.ics:97: declined (2026-11-12)" in article
    assert "Connections.csv:8: blank row" in article
    screenshot(page, "imports")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "imports-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Jane Doe").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/people/jane-doe/")
    assert (recorder.outside, recorder.dialogs) == ([], [])


def test_a_redacted_build_shows_its_banner_and_no_contact_details(
    redacted_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, recorder = open_page(redacted_url + "people/tiago-almeida/")
    banner = page.locator(".kb-redacted").first
    assert banner.is_visible()
    text = page.locator("article").inner_text()
    assert "tiago.almeida@example.com" not in text and "+351 913 220 481" not in text
    assert "Tiago Almeida" in text
    assert recorder.outside == []
    screenshot(page, "redacted-contact")


# --- laptop and phone, light and dark -------------------------------------------------------

WIDTHS = {"laptop": 1280, "phone": 390}
OVERFLOW_JS = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
  }
  const content = document.querySelector(".md-content");
  if (content && content.scrollWidth > content.clientWidth + 1) {
    out.push(`content ${content.scrollWidth} > ${content.clientWidth}`);
  }
  document.querySelectorAll("article table").forEach((table, i) => {
    const frame = (table.closest(".md-typeset__scrollwrap") || table.parentElement)
      .getBoundingClientRect();
    const box = table.getBoundingClientRect();
    if (box.right > frame.right + 1 || table.scrollWidth > table.clientWidth + 1) {
      const head = (table.querySelector("th") || {}).innerText;
      out.push(`table ${i} (${head}) is cut off: ${Math.round(box.right)} > ${frame.right}`);
    }
  });
  return out;
}"""
CHART_JS = """() => Array.from(document.querySelectorAll("figure.kb-chart svg")).map(svg => {
  const frame = svg.getBoundingClientRect();
  const outside = [];
  let smallest = 99;
  svg.querySelectorAll("text, line, polyline, polygon, circle, rect, path").forEach(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return;
    if (box.left < frame.left - 1 || box.right > frame.right + 1 ||
        box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
      outside.push(el.tagName + " " + (el.textContent || "").slice(0, 20));
    }
    if (el.tagName === "text") smallest = Math.min(smallest, box.height);
  });
  return {label: svg.getAttribute("aria-label"), outside, smallest};
})"""


def _scheme(page: Any, scheme: str) -> None:
    """Light or dark, switched as a reader does, with the toggle in the header (Material
    remembers the last choice, so a page may open in either)."""
    want = "slate" if scheme == "dark" else "default"
    if page.evaluate("document.body.dataset.mdColorScheme") != want:
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{want}'")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", list(WIDTHS))
def test_no_page_overflows_and_charts_stay_in_their_frames(
    device: str,
    scheme: str,
    example_url: str,
    imported_url: str,
    open_page: Callable[[str], tuple[Any, Recorder]],
) -> None:
    """Every kind of page at laptop and phone width, light and dark: nothing wider than
    the screen, no table cut off, every chart's marks inside its frame and its text
    readable (at least 9 px tall). Screenshots: test-artifacts/screenshots/<device>-…"""
    problems: list[str] = []
    pages = {name: example_url + path for name, path in PAGES.items()}
    pages["imports-filled"] = imported_url + "imports/"  # every import's last run
    for name, url in pages.items():
        page, _ = open_page("about:blank")
        page.set_viewport_size({"width": WIDTHS[device], "height": 900})
        page.goto(url, wait_until="networkidle")
        _scheme(page, scheme)
        problems += [f"{name}: {p}" for p in page.evaluate(OVERFLOW_JS)]
        for chart in page.evaluate(CHART_JS):
            if chart["outside"]:
                problems.append(f"{name}: {chart['label'][:40]}: outside {chart['outside']}")
            if chart["smallest"] < 9:
                problems.append(f"{name}: chart text {chart['smallest']:.1f} px tall")
        screenshot(page, f"{device}-{scheme}-{name}")
        page.close()
    assert problems == []


def test_tables_become_labelled_cards_on_a_phone(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, _ = open_page("about:blank")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(example_url + "people/", wait_until="networkidle")
    table = page.locator("article table").first
    assert table.locator("thead").is_hidden()
    cells = table.locator("tbody tr").first.locator("td")
    assert cells.nth(1).get_attribute("data-label") == "Company"
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # stacked, not side by side
    page.set_viewport_size({"width": 1280, "height": 900})
    assert table.locator("thead").is_visible()


def test_a_draft_has_a_copy_button(
    example_url: str, open_page: Callable[[str], tuple[Any, Recorder]], browser_context: Any
) -> None:
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"])
    page, _ = open_page(example_url + "referrals/")
    draft = page.locator(".kb-draft").first
    button = draft.locator("button.kb-copy")
    button.click()
    page.wait_for_function(  # the clipboard write is asynchronous
        "() => document.querySelector('.kb-draft button.kb-copy').textContent !== 'Copy'"
    )
    assert button.inner_text() == "Copied"
    copied = page.evaluate("navigator.clipboard.readText()")
    text = draft.locator("p:not(.admonition-title)").first.inner_text().strip()
    assert copied == text and len(copied) > 40


BADGES_JS = """() => {
  const article = document.querySelector("article");
  const out = {};
  for (const status of ["due", "stale", "dormant", "cooling"]) {
    const span = document.createElement("span");
    span.className = "kb-status kb-status-" + status;
    span.textContent = status;
    article.appendChild(span);
    const style = getComputedStyle(span);
    out[status] = [style.backgroundColor, style.color];
  }
  out.page = getComputedStyle(document.body).backgroundColor;
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_status_badges_have_their_own_colours_in_both_schemes(
    scheme: str, example_url: str, open_page: Callable[[str], tuple[Any, Recorder]]
) -> None:
    page, _ = open_page(example_url + "people/")
    _scheme(page, scheme)
    assert page.locator("td .kb-status").count() > 30  # every row's status is a badge
    colours = page.evaluate(BADGES_JS)
    backgrounds = [colours[s][0] for s in ("due", "stale", "dormant", "cooling")]
    assert len(set(backgrounds)) == 4, colours  # each warning its own colour
    assert colours["page"] not in backgrounds
    for status in ("due", "stale", "dormant", "cooling"):
        background, text = colours[status]
        assert text != background, status
