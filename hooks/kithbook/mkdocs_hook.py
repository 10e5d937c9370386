"""The MkDocs hook: hands kithbook's generated pages to MkDocs (a thin adapter over build)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import build, settings

log = logging.getLogger("mkdocs.hooks.kithbook")
_state: dict[str, Any] = {}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: Any) -> Any:
    parsed, problems = settings.parse_settings(config.extra.get("kithbook"))
    for problem in problems:
        log.warning(problem)
    try:
        today = settings.resolve_today()
    except ValueError as err:
        raise PluginError(str(err)) from None
    _state.update(settings=parsed, today=today, root=Path(config.config_file_path).parent)
    for css in (f"{build.ASSET_DIR}/kithbook.css",):
        if css not in config.extra_css:
            config.extra_css.append(css)
    scripts = [str(s) for s in config.extra_javascript]
    if f"{build.ASSET_DIR}/kithbook.js" not in scripts:
        config.extra_javascript.append(f"{build.ASSET_DIR}/kithbook.js")
    return config


def on_files(files: Files, config: Any) -> Files:
    root: Path = _state["root"]
    outputs = build.build_outputs(root, _state["settings"], _state["today"])
    for problem in outputs.analysis.problems:
        log.warning(str(problem))
    for page in outputs.pages:
        level = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.uri, content=page.content, inclusion=level)
        _add(files, file, page.source)
    for path, content in outputs.files.items():
        _add(files, File.generated(config, path, content=content), None)
    if os.environ.get("KITHBOOK_TIMINGS"):
        stages = outputs.analysis.timings.stages
        log.info("kithbook stages: " + ", ".join(f"{k} {v:.3f}s" for k, v in stages.items()))
    return files


def _add(files: Files, file: File, source: str | None) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"docs/{file.src_uri}: replaced by kithbook's generated page of that name")
        files.remove(existing)
    if source is not None:
        file.edit_uri = source
    files.append(file)
