"""Shared fixtures: tiny journals written inside tests, a fixed today, the example journal."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from kithbook.pipeline import Analysis, analyze
from kithbook.reading.settings import Settings, parse_settings

# CI runs the same examples every time (no flaky builds); local runs explore new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

TODAY = dt.date(2026, 11, 22)
REPO = Path(__file__).resolve().parent.parent

WriteJournal = Callable[[dict[str, str]], Path]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from the current output"
    )


@pytest.fixture(autouse=True)
def private_cli_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's analysis cache (cli/analysis_cache.py) goes to a folder of each test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def write_journal(tmp_path: Path) -> WriteJournal:
    """Write {relative path: text} (dedented) under a fresh journal root and return the root."""

    def write(files: dict[str, str]) -> Path:
        root = tmp_path / "journal-root"
        (root / "contacts").mkdir(parents=True, exist_ok=True)
        (root / "journal").mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return write


def settings_for(**extra: object) -> Settings:
    settings, problems = parse_settings({"owner": "Sam Owner", "editor_url": "", **extra})
    assert problems == []
    return settings


def run(root: Path, today: dt.date = TODAY, **extra: object) -> Analysis:
    return analyze(root, settings_for(**extra), today)


def contact(slug: str, name: str | None = None, **fields: object) -> tuple[str, str]:
    """A contact file as (path, text) from keyword fields (lists and dicts as YAML flow)."""
    lines = [f"name: {name or slug.replace('-', ' ').title()}"]
    lines += [f"{key}: {_yaml(value)}" for key, value in fields.items() if key != "body"]
    body = str(fields.get("body", ""))
    return f"contacts/{slug}.md", "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def entry(date: str, words: str, **fields: object) -> tuple[str, str]:
    """An entry file as (path, text)."""
    lines = [f"date: {date}"]
    lines += [
        f"{key.rstrip('_')}: {_yaml(value)}" for key, value in fields.items() if key != "body"
    ]
    body = str(fields.get("body", ""))
    path = f"journal/{date[:4]}/{date}-{words}.md"
    return path, "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def _yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str) and (":" in value or value[:1] in "[{&*!|>'\"%@`#"):
        return '"' + value.replace('"', '\\"') + '"'
    return str(value)
