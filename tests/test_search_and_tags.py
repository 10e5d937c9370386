"""Search entries that ignore accents and stay clean; a Tags page one line per tag."""

from __future__ import annotations

from pathlib import Path

from kithbook.render.indexes import TAG_ENTRIES_SHOWN
from kithbook.render.search import folded
from kithbook.render.site import Page, render_site

from .conftest import WriteJournal, run

FILES = {
    "contacts/zoe.md": """
        ---
        name: Zoë Nováková
        aliases: [Zozo Łukasz]
        tags: [climbing]
        ---
        Leads data.
        """,
    "contacts/ada.md": """
        ---
        name: Ada Lovelace
        tags: [climbing]
        ---
        """,
    **{
        f"journal/2026/2026-{m:02d}-{d:02d}-climb.md": f"""
        ---
        date: 2026-{m:02d}-{d:02d}
        with: [zoe]
        kind: activity
        about: [climbing]
        ---
        """
        for m in (7, 8, 9, 10)
        for d in (3, 10, 17, 24)
    },
}


def site(root: Path) -> dict[str, Page]:
    return {page.uri: page for page in render_site(run(root))}


def test_folded_gives_the_plain_form_of_accented_words_only() -> None:
    assert folded("Zoë Nováková", "Ada", None, "Łukasz Øster") == "zoe novakova lukasz oster"
    assert folded("Ada Lovelace") == ""


def test_a_contact_entry_has_the_plain_form_of_the_name_and_aliases(
    write_journal: WriteJournal,
) -> None:
    pages = site(write_journal(FILES))
    doc = pages["people/zoe.md"].search
    assert doc is not None
    assert doc[0]["title"] == "Zoë Nováková"
    assert doc[0]["text"].startswith("zoe novakova zozo lukasz ")
    ada = pages["people/ada.md"].search
    assert ada is not None and ada[0]["text"].startswith("climbing")  # nothing to fold


def test_table_pages_have_one_clean_entry(write_journal: WriteJournal) -> None:
    pages = site(write_journal(FILES))
    for uri, title in [
        ("index.md", "This week"), ("people/index.md", "People"),
        ("companies/index.md", "Companies"), ("fortify.md", "Fortify"),
        ("ledger.md", "Giving ledger"), ("errors.md", "Errors"),
    ]:  # fmt: skip
        docs = pages[uri].search
        assert docs is not None and len(docs) == 1, uri
        assert docs[0]["title"] == title
        assert "<" not in docs[0]["text"], uri  # words, not table markup


def test_the_errors_entry_lists_the_problems(write_journal: WriteJournal) -> None:
    root = write_journal({**FILES, "contacts/bad.md": "---\nname: Bad\ncloseness: 9\n---\n"})
    docs = site(root)["errors.md"].search
    assert docs is not None
    assert "contacts/bad.md:3: " in docs[0]["text"]


def test_tags_are_collapsed_with_counts_and_the_rest_by_month(
    write_journal: WriteJournal,
) -> None:
    page = site(write_journal(FILES))["tags.md"]
    text = page.content
    assert '<details class="kb-tag" id="tag-climbing">' in text
    assert "<summary><strong>climbing</strong> — 2 people, 16 entries</summary>" in text
    assert " open" not in text.split("<details", 1)[1].split(">", 1)[0]
    block = text.split('id="tag-climbing">', 1)[1].split("</details>", 1)[0]
    assert block.count("<li>") == TAG_ENTRIES_SHOWN == 8
    assert "2026-10-24 · " in block  # the latest first
    assert "2026-09-03 · " in block
    assert "2026-08-24" not in block
    assert (
        '<p>…and 8 more, in <a href="../journal/2026-08/">Aug 2026 (4)</a>, '
        '<a href="../journal/2026-07/">Jul 2026 (4)</a></p>'
    ) in block
    # The search entry still lands on the tag's block (its id), with every entry's title.
    docs = page.search
    assert docs is not None
    assert docs[0]["location"] == "tags/#tag-climbing"
    assert docs[0]["text"].count("Climb") == 16
