"""Plain `mkdocs serve`: pages reused between rebuilds, never stale (adapter.page_reuse),
and the site's files overwritten in place, stale ones deleted (adapter.kept_site).

Runs MkDocs' own build several times in one process, as the serve loop does, with changes in
between (journal files, mkdocs.yml, a docs page, custom templates), and compares every file
of the site with a clean build of the same project.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from kithbook.adapter import hook, kept_site, page_reuse

from .test_serve_dirty import edit_rename_delete, make_project

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def fresh_serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts a new `mkdocs serve` (the hook's state outlives one build)."""
    monkeypatch.setenv("KITHBOOK_TODAY", "2026-11-22")
    hook._state.pop("reuse", None)
    yield
    hook._state.pop("reuse", None)


def rebuild(root: Path, site: Path) -> page_reuse.PageReuse:
    """One rebuild of `mkdocs serve`: the configuration loaded again, a full build."""
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, dirty=False)
    reuse = hook._state["reuse"]
    assert isinstance(reuse, page_reuse.PageReuse)
    return reuse


def clean_build(root: Path, site: Path) -> None:
    """A `mkdocs build` of the same project; the serve's kept pages outlive it."""
    reuse = hook._state.get("reuse")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config, dirty=False)
    hook._state["reuse"] = reuse


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def serve_then_clean(root: Path, site: Path, tmp_path: Path) -> page_reuse.PageReuse:
    """A rebuild, and every file of the site compared with a clean build's."""
    reuse = rebuild(root, site)
    counts = reuse.reused, reuse.reconverted
    clean = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
    clean_build(root, clean)
    served, expected = site_files(site), site_files(clean)
    assert sorted(served) == sorted(expected)
    for path, data in expected.items():
        assert served[path] == data, path
    assert (reuse.reused, reuse.reconverted) == counts
    return reuse


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "j"
    root.mkdir()
    make_project(root)
    return root


def built_then_rebuilt(root: Path, tmp_path: Path) -> tuple[page_reuse.PageReuse, Path]:
    """A first build, then a rebuild with nothing changed, compared with a clean build."""
    site = tmp_path / "site"
    rebuild(root, site)
    return serve_then_clean(root, site, tmp_path), site


def hard_link(path: Path, where: Path) -> Path:
    """A second name for a file: the same file after an overwrite, not after a new one."""
    link = where / f"link-{len(list(where.glob('link-*')))}"
    os.link(path, link)
    return link


def page_count(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))  # one per page (404.html is not one)


def test_edit_rename_and_delete_between_rebuilds(project: Path, tmp_path: Path) -> None:
    # A hand-written page links to a contact's page: Markdown resolves the link only while
    # that page exists.
    (project / "docs" / "links.md").write_text("# Links\n\n[Cy](people/cy.md)\n", "utf-8")
    site = tmp_path / "site"
    first = serve_then_clean(project, site, tmp_path)
    assert first.reused == 0 and first.reconverted == 0

    link = hard_link(site / "people/ada/index.html", tmp_path)
    nothing = serve_then_clean(project, site, tmp_path)
    pages = page_count(site)
    assert nothing.reused == pages and nothing.reconverted == pages  # every page reused
    # The site's files were overwritten in place (kept_site), not deleted and made again.
    assert (site / "people/ada/index.html").samefile(link)

    edit_rename_delete(project)
    changed = serve_then_clean(project, site, tmp_path)
    assert "Mentor and friend." in (site / "people/ada/index.html").read_text(encoding="utf-8")
    assert not (site / "people/cy/index.html").exists()
    assert 'href="people/cy.md"' in (site / "links/index.html").read_text(encoding="utf-8")
    assert 0 < changed.reused < page_count(site)

    ada = project / "contacts" / "ada.md"
    ada.write_text(ada.read_text(encoding="utf-8").replace("and friend", "and old friend"))
    again = serve_then_clean(project, site, tmp_path)
    assert "Mentor and old friend." in (site / "people/ada/index.html").read_text("utf-8")
    assert again.reused > 0


def test_a_configuration_change_renders_every_page(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    rebuild(project, site)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("Jordan's kithbook", "My book"))
    reuse = serve_then_clean(project, site, tmp_path)
    assert reuse.reused == 0 and reuse.reconverted == 0
    assert "My book" in (site / "people/ada/index.html").read_text(encoding="utf-8")


def test_a_navigation_title_from_a_page_heading(project: Path, tmp_path: Path) -> None:
    """A page listed without a title takes its heading: when that changes, every page's
    navigation shows the new one."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - Errors: errors.md\n", "  - about.md\n")
    )
    about = project / "docs" / "about.md"
    about.write_text("# First heading\n\nAbout this journal.\n", encoding="utf-8")
    site = tmp_path / "site"
    rebuild(project, site)
    about.write_text("# Second heading\n\nAbout this journal.\n", encoding="utf-8")
    reuse = serve_then_clean(project, site, tmp_path)
    assert reuse.reused == 0
    assert "Second heading" in (site / "people/ada/index.html").read_text(encoding="utf-8")


def with_custom_dir(project: Path, main_html: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: material\n  custom_dir: over\n"))
    (project / "over").mkdir(exist_ok=True)
    main = project / "over" / "main.html"
    main.write_text(main_html, encoding="utf-8")
    return main


FOOTER = '{% extends "base.html" %}\n{% block footer %}<p>FOOTER</p>{% endblock %}\n'


def test_an_edited_custom_template_is_used(project: Path, tmp_path: Path) -> None:
    main = with_custom_dir(project, FOOTER.replace("FOOTER", "Footer one"))
    site = tmp_path / "site"
    rebuild(project, site)
    assert "Footer one" in (site / "people/ada/index.html").read_text(encoding="utf-8")
    main.write_text(FOOTER.replace("FOOTER", "Footer two"), encoding="utf-8")
    reuse = serve_then_clean(project, site, tmp_path)
    assert reuse.reused == 0 and reuse.reconverted > 0  # Markdown does not read templates
    assert "Footer two" in (site / "people/ada/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["build_date_utc", "pages|length"])
def test_templates_that_read_unkeyed_names_turn_template_reuse_off(
    project: Path, tmp_path: Path, name: str
) -> None:
    with_custom_dir(project, FOOTER.replace("FOOTER", "{{ " + name + " }}"))
    site = tmp_path / "site"
    rebuild(project, site)
    reuse = rebuild(project, site)  # (the build date differs from any other build's)
    assert reuse.reused == 0  # conversions do not read templates: still reused
    assert reuse.reconverted == page_count(site)


def with_hook(project: Path, code: str) -> None:
    (project / "more_hook.py").write_text(code, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hook = "  - " + text.split("hooks:\n  - ", 1)[1].split("\n", 1)[0] + "\n"
    config.write_text(text.replace(hook, hook + "  - more_hook.py\n"), encoding="utf-8")


def test_another_page_context_handler_turns_reuse_off(project: Path, tmp_path: Path) -> None:
    with_hook(
        project,
        "def on_page_context(context, page, config, nav):\n"
        "    context['extra_thing'] = 1\n"
        "    return context\n",
    )
    reuse, _ = built_then_rebuilt(project, tmp_path)
    assert reuse.reused == 0 and reuse.reconverted == 0


def test_post_page_handlers_see_every_page_as_converted(project: Path, tmp_path: Path) -> None:
    """Handlers of the final HTML still run, and see the page's Markdown, title and contents."""
    with_hook(
        project,
        "def on_post_page(output, page, config):\n"
        "    seen = (len(page.markdown), page.title, len(page.toc.items), len(page.content))\n"
        "    return output + f'<!-- {seen} -->'\n",
    )
    reuse, site = built_then_rebuilt(project, tmp_path)
    assert reuse.reused == reuse.reconverted == page_count(site)


def test_an_extension_that_reads_other_files_keeps_conversions_off(
    project: Path, tmp_path: Path
) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - tables\n", "  - tables\n  - pymdownx.snippets\n"))
    reuse, site = built_then_rebuilt(project, tmp_path)
    assert reuse.reconverted == 0 and reuse.reused == page_count(site)


def test_a_page_whose_conversion_warned_warns_on_every_rebuild(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    docs = project / "docs"
    (docs / "broken.md").write_text("# Broken\n\nSee [gone](gone.md).\n", "utf-8")
    # Links to anchors are checked after every build, against the anchors kept with reused
    # conversions.
    (docs / "target.md").write_text("# Target\n\n## Section one\n\nText.\n", "utf-8")
    (docs / "source.md").write_text("# Source\n\n[There](target.md#section-one)\n", "utf-8")
    site = tmp_path / "site"
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        rebuild(project, site)
        reuse = rebuild(project, site)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 2 and all("gone.md" in w for w in warnings), warnings
    assert reuse.reconverted == page_count(site) - 1  # every page but that one


def test_fingerprints_are_equal_for_equal_configurations(project: Path) -> None:
    one = load_config(config_file=str(project / "mkdocs.yml"))
    two = load_config(config_file=str(project / "mkdocs.yml"))
    assert page_reuse.config_key(one) == page_reuse.config_key(two)
    assert " at 0x" not in repr(page_reuse.config_key(one))
    two.extra["kithbook"]["owner"] = "Someone Else"
    assert page_reuse.config_key(one) != page_reuse.config_key(two)


def test_files_the_build_did_not_write_are_deleted(project: Path, tmp_path: Path) -> None:
    """What a clean build would not have: stale pages, stray files, empty folders. Hidden
    entries stay, as MkDocs leaves them."""
    site = tmp_path / "site"
    rebuild(project, site)
    (site / "people" / "stray.txt").write_text("left over", encoding="utf-8")
    (site / "empty" / "deeper").mkdir(parents=True)
    (site / ".hidden").write_text("mine", encoding="utf-8")
    (project / "contacts" / "cy.md").unlink()
    rebuild(project, site)
    assert not (site / "people" / "stray.txt").exists()
    assert not (site / "people" / "cy").exists()
    assert not (site / "empty").exists()
    assert (site / ".hidden").read_text(encoding="utf-8") == "mine"
    assert not (site / kept_site.STASH).exists()


def test_other_plugins_get_an_emptied_site(project: Path, tmp_path: Path) -> None:
    """A plugin might skip writing a file it finds there: with any plugin but kithbook and
    search, MkDocs empties the site as usual."""
    with_hook(project, "def on_post_build(config):\n    pass\n")
    site = tmp_path / "site"
    rebuild(project, site)
    link = hard_link(site / "people/ada/index.html", tmp_path)
    rebuild(project, site)
    assert not (site / "people/ada/index.html").samefile(link)
