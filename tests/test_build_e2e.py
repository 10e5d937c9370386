"""End to end: a real `mkdocs build --strict` of the example journal and of a broken one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.e2e


def mkdocs(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KITHBOOK_TODAY="2026-11-22", NO_MKDOCS_2_WARNING="1", **(env or {}))
    env.pop("KITHBOOK_REDACT", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example-site")
    result = mkdocs(REPO, "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return site


def test_example_builds_strict_with_every_page(example_site: Path) -> None:
    for page in (
        "index.html", "people/index.html", "people/tiago-almeida/index.html",
        "journal/index.html", "journal/2026-11/index.html", "tags/index.html",
        "errors/index.html", "referrals/index.html", "companies/index.html",
        "companies/helix-bio/index.html", "fortify/index.html", "ledger/index.html",
        "journal-format/index.html", "how-scores-work/index.html",
        "kithbook.json", "kithbook.ics", "assets/kithbook/kithbook.js",
    ):  # fmt: skip
        assert (example_site / page).is_file(), page
    assert not (REPO / "docs" / "people").exists(), "generated pages must stay in memory"


def test_dashboard_lists_the_fading_close_tie(example_site: Path) -> None:
    html = (example_site / "index.html").read_text(encoding="utf-8")
    tend = html[html.index('id="ties-to-tend') : html.index('id="cooling')]
    assert "Tiago Almeida" in tend
    assert "Tiago Almeida" not in html[html.index('id="cooling') : html.index('id="fragile')]


def test_contacts_and_months_stay_out_of_the_nav(example_site: Path) -> None:
    html = (example_site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') : html.index('class="md-content"')]
    assert "tiago-almeida" not in nav and "2026-11" not in nav


def test_example_json_at_a_pinned_date_matches_golden(example_site: Path) -> None:
    data = json.loads((example_site / "kithbook.json").read_text(encoding="utf-8"))
    golden = REPO / "tests" / "golden" / "example-summary.json"
    summary = {
        "today": data["today"],
        "contacts": {
            slug: [c["score"], c["tier"], c["status"], c["last_interaction"], c["flags"]]
            for slug, c in data["contacts"].items()
        },
        "follow_ups": [[f["entry"], f["due"], f["overdue"]] for f in data["follow_ups"]],
        "vouch_for": [v["slug"] for v in data["vouch_for"]],
        "fortify": [f["slug"] for f in data["fortify"]],
        "clutter": [c["slug"] for c in data["clutter"]],
    }
    text = json.dumps(summary, indent=1, ensure_ascii=False) + "\n"
    if os.environ.get("KITHBOOK_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_calendar_has_stable_uids(example_site: Path) -> None:
    ics = (example_site / "kithbook.ics").read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in ics
    assert "UID:follow-up-2026-11-03-orbital-maps-follow-up@kithbook" in ics
    assert "UID:check-in-tiago-almeida@kithbook" in ics


BROKEN = {
    "contacts/ada.md": "---\nname: Ada\ncloseness: 9\n---\nKnows [[bob]].\n",
    "contacts/eve.md": "---\nname: Eve\n---\n",
    "journal/2026/2026-11-20-coffee.md": (
        "---\ndate: 2026-11-20\nwith: [ada, eve]\nkind: lunch\n---\n"
    ),
    "journal/2026/2026-11-21-call.md": "---\ndate: 2026-11-21\nwith: [eve]\nkind: call\n---\nHi\n",
}
BROKEN_LINES = [
    "contacts/ada.md:3: closeness must be a whole number from 1 to 5, not '9'",
    "contacts/ada.md:5: unknown slug 'bob' in a mention",
    "journal/2026/2026-11-20-coffee.md:4: unknown kind 'lunch'; expected one of: meeting, "
    "activity, video, call, message, event, intro, reaction, note, application",
]


@pytest.fixture
def broken_project(tmp_path: Path) -> Path:
    project = tmp_path / "broken"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hook = (REPO / "hooks" / "kithbook_hook.py").as_posix()
    text = text.replace("hooks/kithbook_hook.py", hook).replace("  - hooks\n", "")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "docs", project / "docs")
    for rel, content in BROKEN.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return project


def test_broken_journal_fails_strict_with_path_line_warnings(broken_project: Path) -> None:
    result = mkdocs(broken_project, "--strict")
    assert result.returncode == 1
    for line in BROKEN_LINES:
        assert f"WARNING -  {line}" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_journal_plain_build_renders_valid_parts(broken_project: Path) -> None:
    result = mkdocs(broken_project)
    assert result.returncode == 0, result.stderr
    site = broken_project / "site"
    errors = (site / "errors" / "index.html").read_text(encoding="utf-8")
    assert "3 problems in 2 files" in errors
    assert "closeness must be a whole number from 1 to 5" in errors
    assert (site / "people" / "eve" / "index.html").is_file()
    month = (site / "journal" / "2026-11" / "index.html").read_text(encoding="utf-8")
    assert "2026-11-21-call" in month and "2026-11-20-coffee" not in month


def test_generated_headings_have_permalinks_and_make_the_page_contents(example_site: Path) -> None:
    html = (example_site / "people" / "tiago-almeida" / "index.html").read_text(encoding="utf-8")
    assert (
        '<h2 id="timeline">Timeline' in html and 'href="#timeline" title="Permanent link"' in html
    )
    contents = html[
        html.index('class="md-nav md-nav--secondary"') : html.index('class="md-content"')
    ]
    for anchor in ("#strength", "#notes", "#timeline"):
        assert f'href="{anchor}"' in contents, anchor
    month = (example_site / "journal" / "2026-11" / "index.html").read_text(encoding="utf-8")
    assert "data-kb-heading" not in month and "kbfragment" not in month
    contents = month[
        month.index('class="md-nav md-nav--secondary"') : month.index('class="md-content"')
    ]
    assert contents.count('class="md-nav__link"') >= 3


def test_build_shortcuts_change_nothing_in_the_site(example_site: Path, tmp_path: Path) -> None:
    """Plain notes without Markdown, the shared navigation and the skipped search pass give
    byte for byte the site a build without them gives."""
    slow = tmp_path / "site"
    env = {"KITHBOOK_SHORTCUTS": "0"}
    result = mkdocs(REPO, "--strict", "--site-dir", str(slow), env=env)
    assert result.returncode == 0, result.stderr
    fast_files = sorted(p.relative_to(example_site) for p in example_site.rglob("*") if p.is_file())
    slow_files = sorted(p.relative_to(slow) for p in slow.rglob("*") if p.is_file())
    assert fast_files == slow_files
    differ = [
        str(rel)
        for rel in fast_files
        if rel.suffix in (".html", ".json")
        and (example_site / rel).read_bytes() != (slow / rel).read_bytes()
    ]
    assert differ == []


def test_search_has_entries_for_companies_tags_and_people(example_site: Path) -> None:
    index = json.loads((example_site / "search" / "search_index.json").read_text("utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    helix = docs["companies/helix-bio/"]
    assert helix["title"] == "Helix Bio" and "target company" in helix["text"]
    tags = [doc for location, doc in docs.items() if location.startswith("tags/#tag-")]
    assert tags and all(doc["text"] for doc in tags)
    assert docs["people/"]["title"] == "People"
    assert "people/tiago-almeida/" in docs and "journal/2026-11/" not in docs  # entries only
