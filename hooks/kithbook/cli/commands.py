"""Registers every `kith` command on the group (one module per command family)."""

from __future__ import annotations

from . import check, init, linkedin, record, views  # noqa: F401
