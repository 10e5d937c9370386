"""Every number on a page says what it means where it appears; statuses are badges."""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify

from kithbook.render import explain as ex
from kithbook.render.site import render_site

from .conftest import REPO, WriteJournal, run

DORMANT = {
    "contacts/grace-hopper.md": """
        ---
        name: Grace Hopper
        met: 2021-01-01
        closeness: 5
        ---
        """,
    "journal/2024/2024-02-01-call-with-grace.md": """
        ---
        date: 2024-02-01
        with: [grace-hopper]
        kind: call
        ---
        """,
}


def pages_of(root: Path) -> dict[str, str]:
    return {page.uri: page.content for page in render_site(run(root))}


def test_every_term_links_to_a_heading_of_how_scores_work() -> None:
    text = (REPO / "docs" / ex.SCORES_DOC).read_text(encoding="utf-8")
    anchors = {slugify(h, "-") for h in re.findall(r"^#{1,6} (.+)$", text, re.M)}
    assert "overdue-ratio-and-status" in anchors
    for term, (anchor, means) in ex.TERMS.items():
        assert anchor in anchors, term
        assert means


def test_ties_to_tend_say_what_their_figures_mean(write_journal: WriteJournal) -> None:
    root = write_journal(DORMANT)
    home = pages_of(root)["index.md"]
    row = next(line for line in home.splitlines() if "Grace Hopper" in line and "<tr>" in line)
    assert '<span class="kb-status kb-status-dormant" title="4× its keep-in-touch gap' in row
    assert '<span title="tier 5 (known)">T5</span>' in row
    assert re.search(r'<span title="keep in touch every (\d+) days">every \1 d</span>', row)
    assert re.search(r'<span title="([\d.]+)× its keep-in-touch gap without a real', row)
    legend = next(line for line in home.splitlines() if 'class="kb-legend"' in line)
    assert "T1 inner circle · T2 close · T3 trusted · T4 active · T5 known" in legend
    assert "dormant from 4× overdue" in legend
    assert "days since the last real interaction ÷ the cadence" in legend
    # No How scores work page in this journal (as after `kith init`): tooltips, no links.
    assert "how-scores-work" not in home
    assert '<span class="kb-term" title="Dunbar circle 1–5' in legend


def test_people_index_shows_status_badges_and_a_legend(write_journal: WriteJournal) -> None:
    people = pages_of(write_journal(DORMANT))["people/index.md"]
    assert '<td><span class="kb-status kb-status-dormant">dormant</span></td>' in people
    assert 'class="kb-legend"' in people


def test_thresholds_in_tooltips_follow_the_settings(write_journal: WriteJournal) -> None:
    root = write_journal(DORMANT)
    analysis = run(root, model={"dormant_ratio": 6, "stale_ratio": 3})
    home = next(p.content for p in render_site(analysis) if p.uri == "index.md")
    assert "stale from 3×, dormant from 6× overdue" in home
    assert "6× its keep-in-touch gap or more" in home


def test_the_example_links_its_numbers_to_how_scores_work() -> None:
    pages = pages_of(REPO)
    home = pages["index.md"]
    assert 'href="how-scores-work/#tiers-dunbar-circles"' in home
    assert 'href="how-scores-work/#overdue-ratio-and-status"' in home
    # A Markdown link: MkDocs checks it and its anchor in a strict build.
    assert "([how it works](how-scores-work.md#overdue-ratio-and-status))" in home
    tiago = pages["people/tiago-almeida.md"]
    assert 'href="../../how-scores-work/#the-five-components"' in tiago
    assert ">Value (0–1)</a>" in tiago
    assert ">Points (of 100)</a>" in tiago
    assert "× its keep-in-touch gap without a real interaction)" in tiago
    assert '<span class="kb-status kb-status-dormant"' in tiago
    company = next(v for k, v in pages.items() if k.startswith("companies/") and "path score" in v)
    path_score = r'href="[./]*how-scores-work/#intro-paths"[^>]*>path score [\d.]+ of 1</a>'
    assert re.search(path_score, company)


def test_status_badge_escapes_and_names_a_css_class() -> None:
    from kithbook.reading.settings import Model

    badge = ex.status_badge("due", Model())
    assert badge.startswith('<span class="kb-status kb-status-due" title="1× its keep-in-touch')
    assert badge.endswith(">due</span>")


def test_css_colours_every_warning_status_in_both_schemes() -> None:
    css = (REPO / "hooks" / "kithbook" / "assets" / "kithbook.css").read_text(encoding="utf-8")
    for status in ("due", "stale", "dormant", "cooling"):
        assert f".md-typeset .kb-status-{status} {{" in css
        assert f'[data-md-color-scheme="slate"] .md-typeset .kb-status-{status} {{' in css
