"""MkDocs hook file named in mkdocs.yml `hooks:`; the adapter itself is kithbook.adapter.hook."""

from kithbook.adapter.hook import *  # noqa: F403  (every event the adapter handles)
