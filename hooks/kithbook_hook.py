"""MkDocs hook file named in mkdocs.yml `hooks:`; the adapter itself is kithbook.mkdocs_hook."""

from kithbook.mkdocs_hook import *  # noqa: F403  (every event the adapter handles)
