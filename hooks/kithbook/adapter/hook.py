"""The MkDocs hook: what kithbook does at each event of a build (the work is in this folder)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files

from ..reading.import_state import FOLDER
from ..render import links, redact
from . import config_checks, fragments, generated, privacy, search_index, shortcuts, theme_cache
from .kept_site import KeptSite
from .page_reuse import PageReuse

__all__ = [
    "on_build_error", "on_config", "on_env", "on_files", "on_nav", "on_page_content",
    "on_page_context", "on_page_markdown", "on_post_build", "on_post_page", "on_post_template",
    "on_pre_build", "on_serve", "on_startup",
]  # fmt: skip

log = logging.getLogger("mkdocs.hooks.kithbook")
_state: dict[str, Any] = {}  # lives as long as the process: `mkdocs serve` reloads the hook file


def on_startup(command: str, dirty: bool) -> None:
    _state.update(command=command, dirty=dirty)
    if command != "serve" or dirty:
        _state.pop("reuse", None)
    elif "reuse" not in _state:  # kept for the whole serve: pages reused between rebuilds
        _state["reuse"] = PageReuse()


def on_config(config: Any) -> Any:
    parsed, today = config_checks.checked_settings(config, _state.get("command"))
    _state.update(settings=parsed, today=today, root=Path(config.config_file_path).parent)
    _state["only_search"] = shortcuts.hide_from_search_allowed(config)
    config_checks.add_assets(config)
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """`mkdocs serve` also watches the imports' state files: an import shows on the Imports
    page and This week at once. Only .kithbook/ itself, not its cache/ and tmp/ folders,
    which builds and imports write. (A journal with no .kithbook/ yet is refreshed by the
    first import's new files; every rebuild reads the state files anew.)"""
    folder = _state["root"] / FOLDER
    if folder.is_dir() and not folder.is_symlink():
        server.watch(str(folder), recursive=False)
    return server


def on_pre_build(config: Any) -> None:
    """In `mkdocs serve`, keep the last build's files to overwrite (see kept_site)."""
    if _state.get("reuse") is not None and shortcuts.keep_site_allowed(config):
        _state["kept_site"] = kept = KeptSite(config.site_dir)
        kept.set_aside()


def on_files(files: Files, config: Any) -> Files:
    if (kept := _state.get("kept_site")) is not None:
        kept.put_back()  # MkDocs has emptied the site folder by now
    outputs = generated.outputs(config, _state["root"], _state["settings"], _state["today"])
    made = _state.setdefault("generated", generated.Generated())  # outlives a serve's build
    made.add(files, config, outputs, dirty=_state.get("dirty", False))
    generated.add_help(files, config)
    _state.update(search=search_index.entries(outputs.pages), theme_checked=set())
    gc.freeze()  # records and pages live until on_post_build: not walked for every page (5%)
    return files


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    _state["nav"] = nav
    if (reuse := _state.get("reuse")) is not None:
        reuse.begin(config, files, allowed=shortcuts.reuse_allowed(config))
    return nav


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Theme parts rendered once per folder (theme_cache); kept page outputs (page_reuse)."""
    if shortcuts.enabled():
        theme_cache.PartialCache(_state["generated"].unlisted).install(env)
    if (reuse := _state.get("reuse")) is not None:
        reuse.prepare(env, config, _state["nav"], files)
    return env


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    search_index.exclude(page, _state.get("search", {}))  # indexed in on_post_build
    if _state["settings"].redact and page.file.generated_by is None:
        markdown = redact.add_banner(markdown, redact.HAND_WRITTEN_TEXT)  # generated: have one
    if (reuse := _state.get("reuse")) is not None:
        source = _state["generated"].contents.get(page.file.src_uri, markdown)  # no tokens
        markdown = reuse.before_markdown(page, source, markdown)
    return markdown


def on_page_content(html_text: str, page: Any, config: Any, files: Files) -> str:
    """The page's HTML fragments put back (fragments) and addresses a journal must not link
    to turned into text (render/links), or its kept conversion (page_reuse)."""
    reuse: PageReuse | None = _state.get("reuse")
    if reuse is not None and (reused := reuse.reused_content(page, files)) is not None:
        return reused
    page_fragments = _state["generated"].fragments.get(page.file.src_uri)
    html_text = fragments.put_back(html_text, page, config, page_fragments)
    html_text = links.neutralise_links(html_text, _state["settings"].editor_url)
    if reuse is not None:
        reuse.keep_conversion(page, html_text)
    return html_text


@event_priority(100)  # before the search plugin
def _hide_from_search(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if _state.get("only_search"):
        search_index.hide(page, _state.get("search", {}), _state.setdefault("hidden", {}))
    return context


@event_priority(-100)  # after every plugin
def _finish_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    search_index.show(page, _state.get("hidden", {}))
    if not page.meta.get("title") and (title := privacy.title_to_protect(page.title)):
        page.meta["title"] = title
    return context


on_page_context = CombinedEvent(_hide_from_search, _finish_context)


@event_priority(100)  # before every plugin
def _keep_output(output: str, page: Any, config: Any) -> str:
    if (reuse := _state.get("reuse")) is not None:
        reuse.keep(page, output)
    return output


def _finish_page(output: str, page: Any, config: Any) -> str:
    """Warn about anything the page would load from another host; ask robots to stay away."""
    seen = _state.setdefault("theme_checked", set()) if shortcuts.enabled() else None
    checked = theme_cache.part_to_check(output, page, _state["generated"].unlisted, seen)
    for url in privacy.outside_requests(checked):
        log.warning(f"{page.file.src_uri}: loads {url} from another host (the site must not)")
    return privacy.add_robots_meta(output)


on_post_page = CombinedEvent(_keep_output, _finish_page)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    return privacy.finish_template(output, template_name, _state["settings"].redact)


def on_build_error(error: Exception) -> None:
    gc.unfreeze()  # as on_post_build would have
    if (kept := _state.pop("kept_site", None)) is not None:
        kept.put_back()  # the last good pages stay; the next build prunes what is stale
    if (reuse := _state.get("reuse")) is not None:
        reuse.end()


def on_post_build(config: Any) -> None:
    """Our search entries added; files the build did not write deleted (dirty, kept_site)."""
    gc.unfreeze()
    if (reuse := _state.get("reuse")) is not None:
        reuse.end()
    _state["generated"].remove_gone(config)
    search_index.add(config.site_dir, _state.get("search", {}))
    if (kept := _state.pop("kept_site", None)) is not None:
        kept.prune()  # every file this build did not write, as an emptied folder would be
