"""Large imports: contacts with nothing but imported fields share A–Z directory pages."""

from __future__ import annotations

import pytest

from kithbook.render import directory
from kithbook.render.site import render_site

from .conftest import WriteJournal, contact, entry, run


def test_light_contacts_share_directory_pages(
    write_journal: WriteJournal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(directory, "LIGHT_THRESHOLD", 3)
    files = dict(
        [
            contact("ana-silva", name="Ana Silva", company="Acme", title="PM", met="2024-01-02"),
            contact("zoe-n", name="Zoë Nováková", company="Helix"),
            contact("li-lei", name="李雷", company="Quanta"),
            contact("kept", name="Kept Person", body="A note."),
            contact("met", name="Met Person"),
        ]
    )
    files.update([entry("2026-11-01", "coffee", with_=["met"], kind="meeting")])
    pages = {p.uri: p.content for p in render_site(run(write_journal(files)))}
    assert "people/ana-silva.md" not in pages and "people/kept.md" in pages
    assert "people/met.md" in pages
    assert (
        '<tr><td><strong id="ana-silva">Ana Silva</strong></td><td>PM</td><td>Acme</td>'
        "<td>2024-01-02</td>" in pages["people/directory/a.md"]
    )
    assert "Zoë Nováková" in pages["people/directory/z.md"]
    assert "李雷" in pages["people/directory/other.md"]
    assert "ana-silva" not in pages["people/index.md"]
    assert "3 of them have nothing but imported fields" in pages["people/index.md"]
    assert '<a href="../people/directory/a/#ana-silva">Ana Silva</a>' in pages["fortify.md"]


def test_small_journals_keep_a_page_per_contact(write_journal: WriteJournal) -> None:
    files = dict([contact("ana", name="Ana")])
    pages = {p.uri for p in render_site(run(write_journal(files)))}
    assert "people/ana.md" in pages and not any("directory" in p for p in pages)
