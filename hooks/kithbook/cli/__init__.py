"""The `kith` command line: record, import, check and read the journal from a terminal."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
