"""Find a journal on disk and read its settings from mkdocs.yml (for the CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .settings import Settings, parse_settings

CONFIG = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Safe, and tolerant of MkDocs' own tags (`!ENV`, `!!python/name:`) which it leaves as None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    settings: Settings
    problems: tuple[str, ...]


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding mkdocs.yml, contacts/ or journal/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG).is_file() or (folder / "contacts").is_dir():
            return folder
    return None


def read_config(text: str) -> object:
    """mkdocs.yml's data (MkDocs' own tags read as None); raises yaml.YAMLError."""
    return yaml.load(text, Loader=_ConfigLoader)


def is_journal(folder: Path) -> bool:
    """Whether `folder` holds a journal: mkdocs.yml, contacts/ or journal/."""
    return (
        (folder / CONFIG).is_file()
        or (folder / "contacts").is_dir()
        or (folder / "journal").is_dir()
    )


def open_project(root: Path) -> Project:
    """Settings from `extra.kithbook` in root/mkdocs.yml (defaults when absent)."""
    config = root / CONFIG
    raw: object = {}
    problems: list[str] = []
    if config.is_file():
        try:
            data = read_config(config.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            problems.append(f"{CONFIG}: cannot read it: {err}")
            data = {}
        extra = data.get("extra") if isinstance(data, dict) else None
        raw = extra.get("kithbook", {}) if isinstance(extra, dict) else {}
    settings, found = parse_settings(raw, f"{CONFIG}: extra.kithbook")
    return Project(root, settings, tuple(problems + found))
