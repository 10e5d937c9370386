"""Registers every `kith` command on the group (one module per command family)."""

from __future__ import annotations

from . import check, views  # noqa: F401
