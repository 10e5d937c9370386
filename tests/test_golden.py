"""Golden pages: the generated Markdown of a small fixed journal, compared line by line.

Run `pytest tests/test_golden.py --update-golden` after an intended change, then read the diff.
"""

from __future__ import annotations

import pytest

from kithbook.render.export import export_json
from kithbook.render.site import render_site

from .conftest import REPO, run

SMALL = REPO / "tests" / "fixtures" / "small"
GOLDEN = REPO / "tests" / "golden"
PAGES = [
    "index.md",
    "people/index.md",
    "people/ada-lovelace.md",
    "people/alan-turing.md",
    "journal/index.md",
    "journal/2026-11.md",
    "tags.md",
    "errors.md",
    "referrals.md",
    "companies/index.md",
    "companies/difference-engines.md",
    "fortify.md",
    "ledger.md",
    "imports.md",
]


def golden_name(uri: str) -> str:
    return uri.replace("/", "__")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    # The fixture sits inside this repository: its git history would change the pages.
    analysis = run(SMALL, targets=["Difference Engines"], git_history=False)
    assert analysis.problems == ()
    rendered = {page.uri: page.content for page in render_site(analysis)}
    rendered["kithbook.json"] = export_json(analysis.derived)
    return rendered


@pytest.mark.parametrize("uri", [*PAGES, "kithbook.json"])
def test_golden_page(pages: dict[str, str], uri: str, update_golden: bool) -> None:
    path = GOLDEN / golden_name(uri)
    if update_golden:
        path.write_text(pages[uri], encoding="utf-8")
    assert path.exists(), f"no golden file for {uri}: run pytest --update-golden"
    assert pages[uri] == path.read_text(encoding="utf-8")


def test_every_generated_page_is_listed(pages: dict[str, str]) -> None:
    months = {uri for uri in pages if uri.startswith("journal/20")}
    contacts = {uri for uri in pages if uri.startswith("people/") and uri != "people/index.md"}
    companies = {uri for uri in pages if uri.startswith("companies/") and "index" not in uri}
    assert months == {"journal/2025-12.md", "journal/2026-09.md", "journal/2026-10.md",
                      "journal/2026-11.md"}  # fmt: skip
    assert len(contacts) == 4
    # a company with one contact and no intro path has no page of its own
    assert companies == {"companies/bletchley.md", "companies/difference-engines.md"}
