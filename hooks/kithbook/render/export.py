"""Machine-readable output: `kithbook.json` in the site and `kith export` (a stable schema)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..model.derive import Derived

SCHEMA_VERSION = 1


def export_data(derived: Derived, changes: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The documented JSON shape; keys are only ever added, never renamed.

    `changes`: what changed in recent months (render/changes.py `changes_data`), when known.
    """
    contacts: dict[str, Any] = {}
    for slug, contact in derived.network.contacts.items():
        score, status = derived.scores[slug], derived.statuses[slug]
        c = score.components
        contacts[slug] = {
            "name": contact.name,
            "score": score.score,
            "tier": derived.tiers[slug],
            "status": status.status,
            "flags": derived.flags(slug),
            "last_interaction": _date(status.last),
            "next_due": _date(status.next_due),
            "components": {
                "closeness": round(c.closeness, 3),
                "activity": round(c.activity, 3),
                "reciprocity": round(c.reciprocity, 3),
                "duration": round(c.duration, 3),
                "structure": round(c.structure, 3),
            },
            "gave": derived.gave[slug],
            "got": derived.got[slug],
        }
    follow_ups = [
        {
            "entry": f.entry.path,
            "due": f.due.isoformat(),
            "what": f.what,
            "with": list(f.entry.with_),
            "overdue": f.overdue,
        }
        for f in derived.follow_ups
    ]
    views = derived.referrals
    data = {
        "today": derived.today.isoformat(),
        "schema": SCHEMA_VERSION,
        "contacts": contacts,
        "follow_ups": follow_ups,
        "vouch_for": [
            {
                "slug": v.slug,
                "score": v.score,
                "evidence": [e.text for e in v.evidence],
                "draft": v.draft,
            }
            for v in views.vouch_for
        ],
        "near_vouch": [{"slug": n.slug, "missing": list(n.missing)} for n in views.near_vouch],
        "send_to": [
            {"slug": slug, "company": company or None}
            for company, slugs in views.send_to.items()
            for slug in slugs
        ],
        "vouch_for_me": [{"slug": slug} for slug, _ in views.vouch_for_me],
        "fortify": [
            {"slug": f.slug, "reason": f.reason, "draft": f.draft} for f in derived.fortify
        ],
        "clutter": [{"slug": slug} for slug in derived.clutter],
        "intro_paths": [
            {
                "company": p.company,
                "target": p.target,
                "via": p.via,
                "score": p.score,
                "warm": p.warm,
            }
            for p in derived.intro_paths()
        ],
    }
    if changes is not None:
        data["changes"] = dict(changes)
    return data


def export_json(
    derived: Derived, pretty: bool = True, changes: Mapping[str, Any] | None = None
) -> str:
    """The JSON text: indented for people (`kith export`), compact for the site's file
    (the compact form uses the C encoder, several times faster on a large journal)."""
    data = export_data(derived, changes)
    if pretty:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _date(value: object) -> str | None:
    return None if value is None else str(value)
