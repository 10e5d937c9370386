"""Generated pages as MkDocs files; in `serve --dirty`, unchanged ones kept, gone ones deleted."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files, InclusionLevel

from ..reading.settings import Settings
from ..render import html
from . import shortcuts
from .build import Outputs, build_outputs

log = logging.getLogger("mkdocs.hooks.kithbook")

# The Help pages, shipped with the package (hooks/kithbook/help is the repository's docs/).
HELP_DIR = Path(__file__).resolve().parent.parent / "help"
HELP_PAGES = ("journal-format.md", "how-scores-work.md", "settings.md", "cli.md")


def outputs(config: Any, root: Path, settings: Settings, today: dt.date) -> Outputs:
    """The journal's pages and files for this site (build_outputs); its problems logged as
    warnings, and with KITHBOOK_TIMINGS set, how long each stage took."""
    plain_notes = shortcuts.plain_notes_allowed(config.markdown_extensions)
    made = build_outputs(
        root, settings, today, directory_urls=config.use_directory_urls, plain_notes=plain_notes
    )
    for problem in made.analysis.problems:
        log.warning(str(problem))
    if os.environ.get("KITHBOOK_TIMINGS"):
        stages = made.analysis.timings.stages
        log.info("kithbook stages: " + ", ".join(f"{k} {v:.3f}s" for k, v in stages.items()))
    return made


class Generated:
    """This build's generated pages, and what is left of the last build's (`mkdocs serve`)."""

    def __init__(self) -> None:
        self.contents: dict[str, str] = {}  # docs path → the page kithbook made
        self.fragments: dict[str, dict[str, str]] = {}  # docs path → the page's fragments
        self.unlisted: set[str] = set()  # pages not in the navigation
        self.gone: set[str] = set()  # pages the last build had and this one has not

    def add(self, files: Files, config: Any, outputs: Outputs, dirty: bool) -> None:
        """This build's pages and files added to the site's (see `add`)."""
        self.fragments = add(files, config, outputs, self.contents if dirty else {})
        contents = {page.uri: page.content for page in outputs.pages}
        self.unlisted = {page.uri for page in outputs.pages if not page.listed}
        self.gone, self.contents = set(self.contents) - set(contents), contents

    def remove_gone(self, config: Any) -> None:
        """After the build: the files of pages gone since the last build deleted (a dirty
        rebuild writes only what changed)."""
        remove(self.gone, config.site_dir, config.use_directory_urls)
        self.gone = set()


def add(
    files: Files, config: Any, outputs: Outputs, unchanged: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """Add every generated page and file to the site's files (in place of a docs page of the
    same name), and return each page's HTML fragments, taken out for Markdown to skip.

    A page whose content is what `unchanged` holds for it (`mkdocs serve --dirty`: the last
    build's) is written again only if its file is missing from the site.
    """
    fragments: dict[str, dict[str, str]] = {}
    for page in outputs.pages:
        level = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        markdown, fragments[page.uri] = html.split_fragments(page.content)
        file = File.generated(config, page.uri, content=markdown, inclusion=level)
        if unchanged.get(page.uri) == page.content:
            setattr(file, "is_modified", functools.partial(_unbuilt, file))  # noqa: B010
        _add(files, file, page.source)
    for path, content in outputs.files.items():
        _add(files, File.generated(config, path, content=content), None)
    return fragments


def add_help(files: Files, config: Any) -> None:
    """The Help pages kithbook ships, for each one the journal's docs/ has no page of that name
    (a journal of its own may keep, or rewrite, its copies there)."""
    for name in HELP_PAGES:
        source = HELP_DIR / name
        if files.get_file_from_path(name) is None and source.is_file():
            files.append(File.generated(config, name, abs_src_path=str(source)))


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


def remove(uris: Iterable[str], site_dir: str, use_directory_urls: bool) -> None:
    """Delete the built files of generated pages the last build had and this one has not
    (after a dirty rebuild, which writes only what changed)."""
    for uri in uris:
        gone = File(uri, src_dir=None, dest_dir=site_dir, use_directory_urls=use_directory_urls)
        if os.path.isfile(gone.abs_dest_path):
            os.remove(gone.abs_dest_path)
