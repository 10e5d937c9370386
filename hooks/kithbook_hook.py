"""MkDocs hook file named in mkdocs.yml `hooks:`; the adapter itself is kithbook.mkdocs_hook."""

from kithbook.mkdocs_hook import on_config, on_files, on_startup

__all__ = ["on_config", "on_files", "on_startup"]
