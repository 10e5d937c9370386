"""Headings written as HTML: permalinks, unique ids and the page's contents (render/toc.py)."""

from __future__ import annotations

from kithbook.render import toc
from kithbook.render.html import split_fragments, unwrap

PERMALINK = toc.permalink_from({"permalink": True})


def test_generated_headings_get_the_permalink_toc_would_give() -> None:
    page = unwrap(toc.heading(2, "Ada &amp; Bo", "ada"))
    html, items, ids = toc.finish_headings(page, PERMALINK)
    assert html == (
        '<h2 id="ada">Ada &amp; Bo<a class="headerlink" href="#ada" title="Permanent link">'
        "&para;</a></h2>"
    )
    assert [(i.level, i.id, i.title) for i in items] == [(2, "ada", "Ada &amp; Bo")]
    assert ids == {"ada"}


def test_headings_markdown_wrote_keep_their_permalink_and_join_the_contents() -> None:
    page = (
        '<h1 id="t">Title<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>\n'
        + unwrap(toc.heading(2, "Notes", "notes"))
        + '\n<h4 id="plan">Plan<a class="headerlink" href="#plan" title="Permanent link">'
        "&para;</a></h4>\n" + unwrap(toc.heading(2, "Timeline (2 entries)", "timeline"))
    )
    html, items, _ = toc.finish_headings(page, PERMALINK)
    assert html.count('class="headerlink"') == 4
    assert toc.MARK not in html
    [title] = items
    assert (title.id, [c.id for c in title.children]) == ("t", ["notes", "timeline"])
    assert [c.id for c in title.children[0].children] == ["plan"]
    assert title.children[1].title == "Timeline (2 entries)"


def test_a_clashing_id_is_made_unique_with_its_permalink() -> None:
    page = (
        unwrap(toc.heading(2, "Notes", "notes"))
        + '<h4 id="notes">Notes<a class="headerlink" href="#notes" title="Permanent link">'
        "&para;</a></h4>"
    )
    html, items, ids = toc.finish_headings(page, PERMALINK)
    assert '<h4 id="notes_1">Notes<a class="headerlink" href="#notes_1"' in html
    assert ids == {"notes", "notes_1"}
    assert [c.id for c in items[0].children] == ["notes_1"]


def test_no_permalink_and_a_depth_limit() -> None:
    page = unwrap(toc.heading(2, "A", "a")) + unwrap(toc.heading(3, "B", "b"))
    html, items, _ = toc.finish_headings(page, toc.permalink_from({}), depth=2)
    assert html == '<h2 id="a">A</h2><h3 id="b">B</h3>'
    assert [(i.id, i.children) for i in items] == [("a", [])]


def test_custom_permalink_settings() -> None:
    link = toc.permalink_from(
        {"permalink": "#", "permalink_class": "x", "permalink_title": "", "permalink_leading": 1}
    )
    html, _, _ = toc.finish_headings(unwrap(toc.heading(2, "A", "a")), link)
    assert html == '<h2 id="a"><a class="x" href="#a">#</a>A</h2>'


def test_runs_of_fragments_take_one_token() -> None:
    markdown = "# T\n\n" + "\n\n".join(
        [toc.heading(2, "A", "a"), "<!-- kb -->\n<p>x</p>\n<!-- /kb -->"]
    )
    tokenised, fragments = split_fragments(
        markdown + "\n\ntext\n\n<!-- kb -->\n<p>y</p>\n<!-- /kb -->"
    )
    assert len(fragments) == 2
    assert next(iter(fragments.values())) == f'<h2 id="a" {toc.MARK}>A</h2>\n<p>x</p>'
    assert tokenised.startswith("# T\n\nkbfragment") and "\n\ntext\n\nkbfragment" in tokenised
