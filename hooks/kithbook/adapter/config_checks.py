"""mkdocs.yml checked as a build starts (settings, privacy, the day, our assets); never off."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from mkdocs.exceptions import PluginError

from ..reading import settings
from . import build, privacy

log = logging.getLogger("mkdocs.hooks.kithbook")


def checked_settings(config: Any, command: str | None) -> tuple[settings.Settings, dt.date]:
    """`extra.kithbook` and the day the site is built for; refuses to publish unless allowed,
    and warns about every setting that would expose the journal or load from another host."""
    parsed, problems = settings.parse_settings(config.extra.get("kithbook"))
    refusal = privacy.publish_refusal(command, parsed.allow_publish)
    if refusal:
        raise PluginError(refusal)
    if privacy.serving(command) and (exposed := privacy.exposed_address(config.dev_addr.host)):
        log.warning(exposed)
    config.site_name = privacy.template_safe(config.site_name)  # themes print it unescaped
    assets = [str(a) for a in (*config.extra_css, *config.extra_javascript)]
    problems += privacy.outside_request_settings(
        config.theme.name, config.theme.get("font"), config.repo_url, config.extra, assets
    )
    for problem in problems:
        log.warning(problem)
    if settings.redact_requested() and not parsed.redact:
        parsed = dataclasses.replace(parsed, redact=True)
    if parsed.redact:
        log.info("kithbook: redacted build (contact details, links and private text left out)")
    try:
        today = settings.resolve_today()
    except ValueError as err:
        raise PluginError(str(err)) from None
    return parsed, today


def add_assets(config: Any) -> None:
    """kithbook's stylesheet and script on every page, once."""
    for css in (f"{build.ASSET_DIR}/kithbook.css",):
        if css not in config.extra_css:
            config.extra_css.append(css)
    scripts = [str(s) for s in config.extra_javascript]
    if f"{build.ASSET_DIR}/kithbook.js" not in scripts:
        config.extra_javascript.append(f"{build.ASSET_DIR}/kithbook.js")
