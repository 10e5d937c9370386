"""Machine-readable output: `kithbook.json` in the site and `kith export` (a stable schema)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..model.derive import Derived
from ..model.jobs import JobRow
from ..model.paths import Company, IntroPath, company_key
from ..model.referrals import ReferralViews
from ..reading.records import Entry

SCHEMA_VERSION = 2  # 2: a warm intro path needs both links strong


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
            "birthday": str(contact.birthday) if contact.birthday else None,
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
        **referral_data(views),
        "one_sided": [
            {"slug": o.slug, "who": o.who, "how": o.how, "says": o.says, "action": o.action}
            for o in derived.one_sided
        ],
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
                "link": p.link_kind,
                "action": p.action,
            }
            for p in derived.intro_paths()
        ],
        "applications": [
            application_data(entry)
            for entry in sorted(
                derived.network.entries.values(), key=lambda e: (e.date, e.id), reverse=True
            )
            if entry.application is not None
        ],
        "job_search": [job_row_data(derived, row) for row in derived.job_search],
    }
    if changes is not None:
        data["changes"] = dict(changes)
    return data


def referral_data(views: ReferralViews) -> dict[str, Any]:
    """The four referral lists of `kithbook.json` (and `kith referrals --format json`)."""
    return {
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
        "vouch_for_me": [
            {"slug": v.slug, "reasons": list(v.reasons), "warnings": list(v.warnings)}
            for v in views.vouch_for_me
        ],
    }


def application_data(entry: Entry) -> dict[str, Any]:
    app = entry.application
    assert app is not None
    return {
        "entry": entry.path,
        "date": entry.date.isoformat(),
        "company": app.company,
        "role": app.role,
        "link": app.link,
        "status": app.status,
        "open": app.open,
        "referred_by": app.referred_by,
        "updated": _date(app.updated),
    }


def path_data(path: IntroPath) -> dict[str, Any]:
    return {
        "target": path.target,
        "target_slug": path.target_slug,
        "target_title": path.target_title,
        "via": path.via,
        "link": path.link_kind,
        "score": path.score,
        "warm": path.warm,
        "action": path.action,
        "advice": path.advice,
        "draft": path.draft,
    }


def company_data(derived: Derived, company: Company) -> dict[str, Any]:
    """`kith company --format json`: who I know there, who knows someone there, applications."""
    return {
        "name": company.name,
        "target": company.target,
        "open_application": company.applied,
        "direct": [
            {
                "slug": s,
                "name": derived.network.contacts[s].name,
                "title": derived.network.contacts[s].title,
                "score": derived.scores[s].score,
                "tier": derived.tiers[s],
            }
            for s in company.direct
        ],
        "paths": [path_data(p) for p in company.paths],
        "applications": [
            application_data(e)
            for e in sorted(
                derived.network.entries.values(), key=lambda e: (e.date, e.id), reverse=True
            )
            if e.application is not None
            and company_key(e.application.company) == company_key(company.name)
        ],
    }


def job_row_data(derived: Derived, row: JobRow) -> dict[str, Any]:
    """One row of the job search, as `kith jobs --format json` and kithbook.json give it."""
    return {
        "company": row.company.name,
        "target": row.company.target,
        "state": row.state,
        "applied_on": _date(row.applied_on),
        "age_days": row.age_days,
        "roles": [e.application.role for e in row.applications if e.application],
        "direct": list(row.direct),
        "step": row.step,
        "ask": row.ask,
        "advice": row.advice,
        "draft": row.draft or None,
        "time_frame": row.time_frame,
        "path": path_data(row.path) if row.path is not None else None,
        "balance": row.balance,
        "balance_note": row.balance_note or None,
    }


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
