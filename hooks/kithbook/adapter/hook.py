"""The MkDocs hook: hands kithbook's generated pages to MkDocs (a thin adapter over build)."""

from __future__ import annotations

import dataclasses
import functools
import gc
import json
import logging
import os
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..reading import settings
from ..render import html, links, redact, toc
from ..render.plain import PLAIN_SAFE_EXTENSIONS
from . import build, kept_site, page_reuse, privacy, theme_cache

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_post_template",
    "on_pre_build",
    "on_startup",
]

log = logging.getLogger("mkdocs.hooks.kithbook")
_state: dict[str, Any] = {}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command
    _state["dirty"] = dirty
    if command != "serve" or dirty:
        _state.pop("reuse", None)
    elif "reuse" not in _state:  # kept for the whole serve: pages reused between rebuilds
        _state["reuse"] = page_reuse.PageReuse()


def on_config(config: Any) -> Any:
    parsed, problems = settings.parse_settings(config.extra.get("kithbook"))
    command = _state.get("command")
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
    _state.update(settings=parsed, today=today, root=Path(config.config_file_path).parent)
    _state["only_search"] = shortcuts() and _only_ours_and_search(config, "page_context")
    for css in (f"{build.ASSET_DIR}/kithbook.css",):
        if css not in config.extra_css:
            config.extra_css.append(css)
    scripts = [str(s) for s in config.extra_javascript]
    if f"{build.ASSET_DIR}/kithbook.js" not in scripts:
        config.extra_javascript.append(f"{build.ASSET_DIR}/kithbook.js")
    return config


def on_pre_build(config: Any) -> None:
    """In `mkdocs serve`, keep the last build's files to overwrite (see kept_site)."""
    if _state.get("reuse") is not None and _keep_site_allowed(config):
        kept = kept_site.KeptSite(config.site_dir)
        kept.set_aside()
        _state["kept_site"] = kept


def on_files(files: Files, config: Any) -> Files:
    if (kept := _state.get("kept_site")) is not None:
        kept.put_back()  # MkDocs has emptied the site folder by now
    root: Path = _state["root"]
    outputs = build.build_outputs(
        root,
        _state["settings"],
        _state["today"],
        directory_urls=config.use_directory_urls,
        plain_notes=shortcuts() and plain_notes_allowed(config.markdown_extensions),
    )
    for problem in outputs.analysis.problems:
        log.warning(str(problem))
    previous: dict[str, str] = _state.get("previous", {})
    fragments: dict[str, dict[str, str]] = {}
    _state["search"] = {page.uri: page.search for page in outputs.pages if page.search is not None}
    for page in outputs.pages:
        level = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        markdown, fragments[page.uri] = html.split_fragments(page.content)
        file = File.generated(config, page.uri, content=markdown, inclusion=level)
        if _state.get("dirty") and previous.get(page.uri) == page.content:
            setattr(file, "is_modified", functools.partial(_unbuilt, file))  # noqa: B010
        _add(files, file, page.source)
    _state["fragments"] = fragments
    _state["unlisted"] = {page.uri for page in outputs.pages if not page.listed}
    _state["theme_checked"] = set()
    _state["gone"] = set(previous) - {page.uri for page in outputs.pages}
    _state["previous"] = {page.uri: page.content for page in outputs.pages}
    for path, content in outputs.files.items():
        _add(files, File.generated(config, path, content=content), None)
    if os.environ.get("KITHBOOK_TIMINGS"):
        stages = outputs.analysis.timings.stages
        log.info("kithbook stages: " + ", ".join(f"{k} {v:.3f}s" for k, v in stages.items()))
    # The records and pages live until the build ends: the collector need not walk them
    # for every page MkDocs renders (a twentieth of a big build; unfrozen in on_post_build).
    gc.freeze()
    return files


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    _state["nav"] = nav
    reuse: page_reuse.PageReuse | None = _state.get("reuse")
    if reuse is not None:
        markdown = page_reuse.pure_extensions(config.markdown_extensions)
        reuse.begin(config, files, allowed=_reuse_allowed(config), markdown=markdown)
    return nav


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Render shared theme parts once per folder of generated pages (see theme_cache); in
    `mkdocs serve`, give pages that are the same as in the last build their kept template
    output (see page_reuse).
    """
    if shortcuts():
        theme_cache.PartialCache(_state.get("unlisted", set())).install(env)
    reuse: page_reuse.PageReuse | None = _state.get("reuse")
    if reuse is None:
        return env
    custom = page_reuse.custom_templates(config.theme.custom_dir)
    if custom is None or not reuse.allowed:
        reuse.forget()
        return env
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    reuse.start(_state["nav"], custom, pages)
    reuse.install(env)
    if os.environ.get("KITHBOOK_TIMINGS"):
        log.info(
            f"kithbook: of {len(pages)} pages, {reuse.reconverted} conversions and "
            f"{reuse.reused} rendered pages reused"
        )
    return env


def shortcuts() -> bool:
    """Whether the build takes the shortcuts that give the same site faster: plain notes
    without Markdown, shared theme parts rendered once per folder, no search pass over
    pages left out of the index, in `mkdocs serve` unchanged pages reused and the site's
    files overwritten (page_reuse, kept_site), and in parse.py simple front matter read
    without the YAML composer.
    KITHBOOK_SHORTCUTS=0 turns them off (to compare, or to rule them out)."""
    return os.environ.get("KITHBOOK_SHORTCUTS", "1") != "0"


def _only_ours_and_search(config: Any, event: str) -> bool:
    """Whether every handler of `event` is kithbook's own or Material's search plugin."""
    return all(
        getattr(handler, "__module__", None) == __name__
        or type(getattr(handler, "__self__", None)).__name__ == "SearchPlugin"
        for handler in config.plugins.events.get(event, [])
    )


def _reuse_allowed(config: Any) -> bool:
    """Whether pages can only change with the keys of page_reuse: shortcuts are on and no
    other plugin or hook handles page events or the theme environment."""
    return shortcuts() and all(
        _only_ours_and_search(config, event) for event in page_reuse.PAGE_EVENTS
    )


def _keep_site_allowed(config: Any) -> bool:
    """Whether every plugin writes every file it makes on every build: kithbook, search."""
    return shortcuts() and all(
        getattr(plugin, "on_files", None) is on_files or type(plugin).__name__ == "SearchPlugin"
        for plugin in config.plugins.values()
    )


def plain_notes_allowed(extensions: list[Any]) -> bool:
    """Whether plain notes may skip Markdown: every extension is known to leave them alone."""
    return all(isinstance(ext, str) and ext in PLAIN_SAFE_EXTENSIONS for ext in extensions)


def _unbuilt(file: File) -> bool:
    """`mkdocs serve --dirty` rebuilds a generated page only if its content changed."""
    return not os.path.isfile(file.abs_dest_path)


def _add(files: Files, file: File, source: str | None) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"docs/{file.src_uri}: replaced by kithbook's generated page of that name")
        files.remove(existing)
    if source is not None:
        file.edit_uri = source
    files.append(file)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    uri = page.file.src_uri
    if uri in _state.get("search", {}):
        page.meta["search"] = {"exclude": True}  # indexed from the records in on_post_build
    if _state["settings"].redact and page.file.generated_by is None:
        markdown = redact.add_banner(markdown, redact.HAND_WRITTEN_TEXT)  # generated: have one
    reuse: page_reuse.PageReuse | None = _state.get("reuse")
    if reuse is not None:
        # A generated page's Markdown has fragment tokens that differ on every build.
        source = _state.get("previous", {}).get(uri, markdown)
        markdown = reuse.before_markdown(page, source, markdown)
    return markdown


@event_priority(100)  # before the search plugin
def _hide_from_search(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Spare the search plugin a pass over pages it leaves out of the index anyway.

    Material's search plugin runs a regular expression over the content of every page,
    indexed or not (a tenth of a big build); pages whose entries kithbook writes itself
    are hidden from it for that moment. Only when no other plugin could see the gap.
    """
    if _state.get("only_search") and page.file.src_uri in _state.get("search", {}):
        _state.setdefault("hidden", {})[page.file.src_uri] = page.content
        page.content = ""
    return context


@event_priority(-100)  # after every plugin
def _finish_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    hidden = _state.get("hidden", {}).pop(page.file.src_uri, None)
    if hidden is not None:
        page.content = hidden
    if not page.meta.get("title") and (title := privacy.title_to_protect(page.title)):
        page.meta["title"] = title
    return context


on_page_context = CombinedEvent(_hide_from_search, _finish_context)


def on_page_content(html_text: str, page: Any, config: Any, files: Files) -> str:
    """Put back the HTML fragments that skipped Markdown (see kithbook.render.html), and
    finish headings written as HTML: permalinks, unique ids, the page's contents; remove
    addresses a journal must not link to (see kithbook.render.links).
    In `mkdocs serve`, give back or keep the page's conversion (see page_reuse)."""
    reuse: page_reuse.PageReuse | None = _state.get("reuse")
    if reuse is None:
        return links.neutralise_links(
            _finish_content(html_text, page, config), _state["settings"].editor_url
        )
    reused = reuse.reused_content(page, files)
    if reused is not None:
        return reused
    html_text = links.neutralise_links(
        _finish_content(html_text, page, config), _state["settings"].editor_url
    )
    reuse.keep_conversion(page, html_text)
    return html_text


def _finish_content(html_text: str, page: Any, config: Any) -> str:
    fragments = _state.get("fragments", {}).get(page.file.src_uri)
    if not fragments:
        return html_text
    html_text = html.join_fragments(html_text, fragments)
    if toc.MARK not in html_text:
        return html_text
    toc_config = config.mdx_configs.get("toc", {})
    depth = toc_config.get("toc_depth", 6)
    html_text, items, ids = toc.finish_headings(
        html_text, toc.permalink_from(toc_config), depth if isinstance(depth, int) else 6
    )
    page.toc = TableOfContents([_anchor(item) for item in items])
    if page.toc.items:
        page.toc.items[0].active = True  # as MkDocs marks it
    page.present_anchor_ids = set(getattr(page, "present_anchor_ids", ())) | ids
    return html_text


def _anchor(item: toc.TocItem) -> AnchorLink:
    link = AnchorLink(item.title, item.id, item.level)
    link.children = [_anchor(child) for child in item.children]
    return link


@event_priority(100)  # before every plugin
def _keep_output(output: str, page: Any, config: Any) -> str:
    reuse: page_reuse.PageReuse | None = _state.get("reuse")
    if reuse is not None:
        reuse.keep(page, output)
    return output


def _finish_page(output: str, page: Any, config: Any) -> str:
    """Warn about anything the page would load from another host; ask robots to stay away.

    A generated page (no front matter of its own) differs from the others in its folder only
    by its content and by text: the theme's part of it is checked once per folder.
    """
    checked = output
    if shortcuts() and page.file.src_uri in _state.get("unlisted", ()) and page.content:
        folder = posixpath.dirname(page.url.rstrip("/"))
        seen: set[str] = _state.setdefault("theme_checked", set())
        if folder in seen:
            checked = page.content
        seen.add(folder)
    for url in privacy.outside_requests(checked):
        log.warning(f"{page.file.src_uri}: loads {url} from another host (the site must not)")
    return privacy.add_robots_meta(output)


on_post_page = CombinedEvent(_keep_output, _finish_page)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if not template_name.endswith(".html"):  # 404.html; not sitemap.xml
        return output
    if _state["settings"].redact:
        output = privacy.add_notice(output, redact.BANNER_HTML)
    return privacy.add_robots_meta(output)


def on_build_error(error: Exception) -> None:
    gc.unfreeze()  # as on_post_build would have
    if (kept := _state.pop("kept_site", None)) is not None:
        kept.put_back()  # the last good pages stay; the next build prunes what is stale
    if (reuse := _state.get("reuse")) is not None:
        reuse.end()


def on_post_build(config: Any) -> None:
    """Add the search entries of journal-sized pages to the search plugin's index.

    After a dirty rebuild, also remove the pages of contacts or months that no longer exist;
    after a plain `mkdocs serve` rebuild, every file the build did not write (kept_site).
    """
    gc.unfreeze()
    if (reuse := _state.get("reuse")) is not None:
        reuse.end()
    for uri in _state.pop("gone", ()):
        gone = File(uri, src_dir=None, dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls)  # fmt: skip
        if os.path.isfile(gone.abs_dest_path):
            os.remove(gone.abs_dest_path)
    path = Path(config.site_dir) / "search" / "search_index.json"
    docs = [doc for entries in _state.get("search", {}).values() for doc in entries]
    if docs and path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        index.setdefault("docs", []).extend(docs)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    if (kept := _state.pop("kept_site", None)) is not None:
        kept.prune()  # every file this build did not write, as an emptied folder would be
