"""The import's memory, `.kithbook/linkedin.json`: what it last wrote, so it never overrides you.

For each person (keyed by profile URL, or `name:<exact name>` for rows without one) the
state holds the contact's slug and the value the import last wrote or confirmed for each
field it owns; for each imported entry, the file it created. Written with sorted keys, so
the same import gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ...reading.import_state import MAX_FILE, RUN_KEY, state_path
from ...reading.load import read_regular_text

STATE_FILE = state_path("linkedin")
VERSION = 1
ABOUT = (
    "What `kith import linkedin` last wrote (see docs/cli.md). Delete a person's entry "
    "here to let the import fill their fields again."
)


@dataclass(frozen=True)
class PersonState:
    slug: str
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportState:
    people: Mapping[str, PersonState] = field(default_factory=dict)
    entries: Mapping[str, str] = field(default_factory=dict)
    owner: str | None = None
    last_run: Mapping[str, object] | None = None  # as read: the Imports page checks it


class StateError(Exception):
    """The state file exists but cannot be used; the message is for the user."""


def read_state(root: Path) -> ImportState:
    """The state in root/.kithbook/linkedin.json, or an empty one when there is none."""
    path = root / STATE_FILE
    if not path.exists():
        return ImportState()
    try:
        raw = json.loads(read_regular_text(path, MAX_FILE))
    except (OSError, ValueError, RecursionError) as err:  # ValueError: bad JSON, bad UTF-8
        raise StateError(
            f"{STATE_FILE} cannot be read ({err}): fix or delete it (deleting it makes the "
            "import fill empty fields only)"
        ) from None
    if not isinstance(raw, dict) or raw.get("version") != VERSION:
        raise StateError(f"{STATE_FILE}: not a version {VERSION} kithbook import state")
    people: dict[str, PersonState] = {}
    raw_people = _mapping(raw.get("people"))
    raw_entries = _mapping(raw.get("entries"))
    for key, value in raw_people.items():
        if isinstance(value, dict) and isinstance(value.get("slug"), str):
            fields = {
                str(k): v for k, v in _mapping(value.get("fields")).items() if isinstance(v, str)
            }
            people[str(key)] = PersonState(value["slug"], fields)
    entries = {str(k): v for k, v in raw_entries.items() if isinstance(v, str)}
    owner = raw.get("owner") if isinstance(raw.get("owner"), str) else None
    run = raw.get(RUN_KEY)
    return ImportState(people, entries, owner, run if isinstance(run, dict) else None)


def _mapping(value: object) -> dict[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def render_state(state: ImportState) -> str:
    data: dict[str, object] = {"about": ABOUT, "version": VERSION}
    if state.last_run is not None:
        data[RUN_KEY] = state.last_run
    data |= {
        "owner": state.owner,
        "people": {
            key: {"slug": p.slug, "fields": dict(sorted(p.fields.items()))}
            for key, p in sorted(state.people.items())
        },
        "entries": dict(sorted(state.entries.items())),
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
