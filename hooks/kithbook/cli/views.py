"""Read-only views in the terminal: today, stale, show, referrals (tables or JSON) and export."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import click

from ..model import one_sided as one_sided_words
from ..model.derive import Derived, FollowUpItem
from ..model.one_sided import OneSided
from ..model.referrals import VOUCH_FOR_ME
from ..model.stale import BRIDGE_UNKNOWN, COOLING, DORMANT, DUE, STALE
from ..model.tiers import TIER_NAMES
from ..pipeline import Analysis
from ..reading.settings import Model
from ..render.explain import legend_text
from ..render.export import export_json, referral_data
from ..writing.match import NoMatch, match_person, people_of
from ..writing.slugs import fold
from .options import State, format_option, printable

MAX_CELL = 48
# C0/C1 controls (terminal escape sequences) and bidirectional overrides (text that reads
# differently from what it is); other format characters, like the emoji joiner, are fine.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
STALE_STATUSES = (DUE, STALE, DORMANT, COOLING)
NOT_AVAILABLE = "(not available)"

FORMAT = format_option("A table for people, or JSON for scripts.")


# --- terminal text ---------------------------------------------------------------------------


def clean(value: object) -> str:
    """User text safe for a terminal: control characters and bidi overrides shown as '?'."""
    text = "" if value is None else str(value)
    return " ".join(_UNSAFE.sub("?", text).split())


def width(text: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def clip(text: str, limit: int = MAX_CELL) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """Aligned columns, two spaces apart, under a dashed header."""
    cells = [[clip(clean(c)) for c in row] for row in rows]
    widths = [width(h) for h in header]
    for row in cells:
        widths = [max(w, width(c)) for w, c in zip(widths, row, strict=True)]

    def line(row: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)
        ).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in cells)]


def echo_json(data: object) -> None:
    click.echo(printable(json.dumps(data, indent=2, ensure_ascii=False), json_text=True))


def section(title: str, lines: list[str], empty: str) -> list[str]:
    return [title, *(lines or [empty]), ""]


def name_of(derived: Derived, slug: str) -> str:
    """A contact's name, safe to print."""
    contact = derived.network.contacts.get(slug)
    return clean(contact.name) if contact is not None else slug


def names_of(derived: Derived, slugs: Iterable[str]) -> str:
    return ", ".join(name_of(derived, s) for s in slugs) or "—"


def print_lines(lines: list[str]) -> None:
    while lines and not lines[-1]:
        lines.pop()
    for line in lines:
        click.echo(printable(line))


# --- kith today ------------------------------------------------------------------------------


def follow_up_json(item: FollowUpItem) -> dict[str, Any]:
    return {
        "due": item.due.isoformat(),
        "what": item.what,
        "with": list(item.entry.with_),
        "entry": item.entry.path,
        "overdue": item.overdue,
    }


def tie_json(derived: Derived, slug: str) -> dict[str, Any]:
    status, score = derived.statuses[slug], derived.scores[slug]
    return {
        "slug": slug,
        "name": derived.network.contacts[slug].name,
        "status": status.status,
        "tier": derived.tiers[slug],
        "score": score.score,
        "last_interaction": status.last.isoformat() if status.last else None,
        "next_due": status.next_due.isoformat() if status.next_due else None,
        "cadence_days": status.expected_gap,
        "overdue": status.overdue,
    }


def tie_row(derived: Derived, slug: str) -> list[str]:
    status, score = derived.statuses[slug], derived.scores[slug]
    return [
        name_of(derived, slug),
        status.status,
        f"T{derived.tiers[slug]}",
        f"{score.score:g}",
        str(status.last) if status.last else "never",
        str(status.next_due) if status.next_due else "—",
        f"{status.expected_gap} d" if status.expected_gap else "—",
        f"{status.overdue:g}×" if status.expected_gap else "—",
    ]


def one_sided_json(derived: Derived, item: OneSided) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "name": derived.network.contacts[item.slug].name,
        "who": item.who,
        "how": item.how,
        "says": item.says,
        "action": item.action,
    }


def one_sided_lines(derived: Derived) -> list[str]:
    """The same words as the site's One-sided ties section."""
    if not derived.one_sided:
        return []
    return [
        one_sided_words.INTRO,
        *(f"- {name_of(derived, o.slug)} — {o.says}. {o.action}" for o in derived.one_sided),
    ]


TIE_HEADER = ("Person", "Status", "Tier", "Score", "Last", "Next due", "Cadence", "Overdue")
TIE_TERMS = ("tier", "score", "status", "cadence", "overdue")


def tie_table(derived: Derived, slugs: Sequence[str], model: Model) -> list[str]:
    """The tie table, and a legend line saying what its figures mean (the site's words)."""
    rows = table(TIE_HEADER, [tie_row(derived, s) for s in slugs])
    return [*rows, "", *legend_text(model, TIE_TERMS)]


@click.command()
@click.option("--days", default=14, show_default=True, help="How far ahead upcoming reaches.")
@FORMAT
@click.pass_obj
def today(state: State, days: int, fmt: str) -> None:
    """This week's actions: follow-ups overdue and upcoming, and ties to tend."""
    _, analysis = state.analyze()
    derived = analysis.derived
    day = analysis.today
    overdue = [f for f in derived.follow_ups if f.overdue]
    upcoming = [f for f in derived.follow_ups if not f.overdue and (f.due - day).days <= days]
    ties = derived.warnings()
    if fmt == "json":
        echo_json(
            {
                "today": day.isoformat(),
                "overdue": [follow_up_json(f) for f in overdue],
                "upcoming": [follow_up_json(f) for f in upcoming],
                "ties": [tie_json(derived, s) for s in ties],
                "one_sided": [one_sided_json(derived, o) for o in derived.one_sided],
            }
        )
        return

    def rows(items: list[FollowUpItem]) -> list[str]:
        if not items:
            return []
        return table(
            ("Due", "What", "With", "Entry"),
            [[str(f.due), f.what, names_of(derived, f.entry.with_), f.entry.id] for f in items],
        )

    lines = [f"Today is {day:%A} {day.day} {day:%b %Y}.", ""]
    lines += section(f"Follow-ups overdue ({len(overdue)})", rows(overdue), "Nothing overdue.")
    lines += section(
        f"Due in the next {days} days ({len(upcoming)})", rows(upcoming), "Nothing due soon."
    )
    tie_lines = tie_table(derived, ties, analysis.settings.model) if ties else []
    lines += section(
        f"Ties to tend ({len(ties)})", tie_lines, "Every tie is within its keep-in-touch cadence."
    )
    lines += section(
        f"{one_sided_words.SECTION} ({len(derived.one_sided)})", one_sided_lines(derived), "None."
    )
    if analysis.problems:
        lines.append(f"{len(analysis.problems)} problem(s) in the journal: run kith check.")
    print_lines(lines)


# --- kith stale ------------------------------------------------------------------------------


def stale_ties(derived: Derived) -> list[str]:
    """Every due, stale, dormant or cooling tie: most at stake first, cooling last."""
    chosen = [s for s, st in derived.statuses.items() if st.status in STALE_STATUSES]
    return sorted(
        chosen,
        key=lambda s: (
            derived.statuses[s].status == COOLING,
            -derived.statuses[s].stake,
            -derived.scores[s].score,
            s,
        ),
    )


@click.command()
@FORMAT
@click.pass_obj
def stale(state: State, fmt: str) -> None:
    """Every tie that is due, stale, dormant or cooling."""
    _, analysis = state.analyze()
    derived = analysis.derived
    slugs = stale_ties(derived)
    if fmt == "json":
        echo_json([tie_json(derived, s) for s in slugs])
        return
    if not slugs:
        click.echo("No tie is due, stale, dormant or cooling.")
        return
    print_lines(tie_table(derived, slugs, analysis.settings.model))


# --- kith show -------------------------------------------------------------------------------


def contact_json(analysis: Analysis, slug: str) -> dict[str, Any]:
    derived = analysis.derived
    contact = derived.network.contacts[slug]
    score, status = derived.scores[slug], derived.statuses[slug]
    model = analysis.settings.model
    components = score.components
    timeline = derived.network.timeline.get(slug, ())
    return {
        "slug": slug,
        "name": contact.name,
        "path": contact.source.path,
        "aliases": list(contact.aliases),
        "company": contact.company,
        "title": contact.title,
        "location": contact.location,
        "tags": list(contact.tags),
        "relationship": list(contact.relationship),
        "met": contact.met.isoformat() if contact.met else None,
        "how_we_met": contact.how_we_met,
        "introduced_by": contact.introduced_by,
        "closeness": contact.closeness,
        "links": dict(contact.links),
        "archived": contact.archived,
        "snooze": (
            {"until": contact.snooze.until.isoformat(), "reason": contact.snooze.reason}
            if contact.snooze is not None and contact.snooze.active(analysis.today)
            else None
        ),
        "score": score.score,
        "tier": derived.tiers[slug],
        "status": status.status,
        "flags": derived.flags(slug),
        "one_sided": next(
            (one_sided_json(derived, o) for o in derived.one_sided if o.slug == slug), None
        ),
        "bridge_unknown": status.bridge_unknown,
        "last_interaction": status.last.isoformat() if status.last else None,
        "next_due": status.next_due.isoformat() if status.next_due else None,
        "cadence_days": status.expected_gap,
        "components": {
            name: {"value": round(getattr(components, name), 3), "points": round(points, 1)}
            for name, points in score.contributions(model).items()
        },
        "closeness_inferred": score.closeness_inferred,
        "gave": derived.gave[slug],
        "got": derived.got[slug],
        "vouch": list(contact.vouch),
        "follow_ups": [follow_up_json(f) for f in derived.follow_ups if slug in f.entry.with_],
        "timeline": [
            {
                "date": e.date.isoformat(),
                "kind": e.kind,
                "entry": e.path,
                "title": e.title,
                "with": [s for s in e.with_ if s != slug],
                "gave": e.gave,
                "got": e.got,
                "evidence": e.evidence,
            }
            for e in reversed(timeline)
        ],
    }


def contact_lines(data: dict[str, Any], derived: Derived) -> list[str]:
    lines = [f"{clean(data['name'])} ({data['slug']})"]
    role = " at ".join(clean(x) for x in (data["title"], data["company"]) if x)
    headline = " · ".join(x for x in (role, clean(data["location"] or "")) if x)
    if headline:
        lines.append(headline)
    facts: list[tuple[str, str]] = []
    if data["tags"]:
        facts.append(("Tags", ", ".join(data["tags"])))
    if data["relationship"]:
        facts.append(("Relationship", ", ".join(r.replace("-", " ") for r in data["relationship"])))
    if data["met"] or data["how_we_met"]:
        facts.append(("Met", " — ".join(x for x in (data["met"], data["how_we_met"]) if x)))
    if data["introduced_by"]:
        facts.append(("Introduced by", name_of(derived, data["introduced_by"])))
    if data["closeness"] is not None:
        facts.append(("Closeness", f"{data['closeness']} / 5"))
    for key, value in data["links"].items():
        facts.append((key.capitalize(), value))
    facts.append(("File", data["path"]))
    label = max(width(k) for k, _ in facts)
    lines += ["", *(f"{k + ':':<{label + 1}}  {clean(v)}" for k, v in facts), ""]
    tier = data["tier"]
    strength = [
        f"score {data['score']:g}",
        f"tier {tier} ({TIER_NAMES.get(tier, '')})",
        f"status {data['status']}",
        f"last {data['last_interaction'] or 'never'}",
    ]
    if data["next_due"]:
        strength.append(f"next due {data['next_due']}")
    lines.append("Strength: " + " · ".join(strength))
    if data["snooze"]:
        why = f" — {clean(data['snooze']['reason'])}" if data["snooze"]["reason"] else ""
        lines.append(f"Snoozed until {data['snooze']['until']}{why}")
    if data["flags"]:
        lines.append("Flags: " + ", ".join(data["flags"]))
    if data.get("one_sided"):
        lines.append(f"One-sided: {data['one_sided']['says']}. {data['one_sided']['action']}")
    if data.get("bridge_unknown"):
        lines.append(f"Bridge unknown: {BRIDGE_UNKNOWN}")
    lines.append(f"Help: gave {data['gave']}, got {data['got']}")
    rows = [
        [name.capitalize(), f"{part['value']:.2f}", f"{part['points']:.1f}"]
        for name, part in data["components"].items()
    ]
    lines += ["", *table(("Component", "Value (0–1)", "Points (of 100)"), rows), ""]
    if data["vouch"]:
        lines += ["What I can vouch for:", *(f"- {clean(v)}" for v in data["vouch"]), ""]
    if data["follow_ups"]:
        lines.append("Open follow-ups:")
        lines += [f"- {f['due']}  {clean(f['what'])}  ({f['entry']})" for f in data["follow_ups"]]
        lines.append("")
    lines.append(f"Timeline ({len(data['timeline'])}):")
    if not data["timeline"]:
        lines.append("No entries yet.")
    for item in data["timeline"]:
        line = f"{item['date']}  {item['kind']:<8}  {clean(item['title'])}"
        if item["with"]:
            line += f" — with {names_of(derived, item['with'])}"
        lines.append(line)
        for key in ("gave", "got", "evidence"):
            if item[key]:
                lines.append(f"{'':12}{key}: {clean(item[key])}")
    return lines


def broken_contact(analysis: Analysis, query: str) -> str | None:
    """Why the contact file `query` seems to name cannot be shown, if it is broken."""
    wanted = fold(query)
    if not wanted:
        return None
    for problem in analysis.problems:
        path = problem.source.path
        stem = path.rsplit("/", 1)[-1].removesuffix(".md")
        if path.startswith("contacts/") and (stem == wanted or stem.startswith(wanted + "-")):
            return (
                f"{path} is broken (line {problem.source.line}: {problem.message}): "
                "fix it, then try again (kith check lists every problem)"
            )
    return None


@click.command()
@click.argument("name")
@FORMAT
@click.pass_obj
def show(state: State, name: str, fmt: str) -> None:
    """One contact: profile, score breakdown, follow-ups and timeline."""
    _, analysis = state.analyze()
    derived = analysis.derived
    found = match_person(name, people_of(derived.network.contacts.values()))
    if isinstance(found, NoMatch):
        raise click.ClickException(broken_contact(analysis, name) or found.message)
    data = contact_json(analysis, found)
    if fmt == "json":
        echo_json(data)
    else:
        print_lines(contact_lines(data, derived))


# --- kith referrals --------------------------------------------------------------------------

REFERRAL_KEYS = ("vouch_for", "near_vouch", "send_to", "vouch_for_me")


def referral_lines(data: dict[str, Any], derived: Derived) -> list[str]:
    def who(item: dict[str, Any]) -> str:
        slug = str(item.get("slug", ""))
        return f"{clean(name_of(derived, slug))} ({slug})"

    lines: list[str] = []
    titles = {
        # the site's headings, word for word (render/referrals.py)
        "vouch_for": "I could vouch for",
        "near_vouch": "I could almost vouch for",
        "send_to": "I could send a referral to",
        "vouch_for_me": VOUCH_FOR_ME,
    }
    for key in REFERRAL_KEYS:
        items = data.get(key)
        lines.append(f"{titles[key]} ({len(items)})" if isinstance(items, list) else titles[key])
        if not isinstance(items, list):
            lines += [NOT_AVAILABLE, ""]
            continue
        if not items:
            lines += ["None.", ""]
            continue
        for item in items:
            if key == "vouch_for":
                lines.append(f"- {who(item)} — score {item.get('score', '—')}")
                lines += [f"    evidence: {clean(e)}" for e in item.get("evidence", [])]
                if item.get("draft"):
                    lines.append(f"    draft: {clean(item['draft'])}")
            elif key == "near_vouch":
                missing = ", ".join(clean(m) for m in item.get("missing", []))
                lines.append(f"- {who(item)} — missing: {missing or '—'}")
            elif key == "send_to":
                company = clean(item.get("company") or "")
                lines.append(f"- {who(item)}" + (f" — {company}" if company else ""))
            else:
                reasons = "; ".join(clean(r) for r in item.get("reasons", []))
                lines.append(f"- {who(item)}" + (f" — {reasons}" if reasons else ""))
                lines += [f"    Warning: {clean(w)}." for w in item.get("warnings", [])]
        lines.append("")
    return lines


@click.command()
@FORMAT
@click.pass_obj
def referrals(state: State, fmt: str) -> None:
    """Whom I can vouch for, who is nearly there, whom to ask, and who would vouch for me."""
    _, analysis = state.analyze()
    data = referral_data(analysis.derived.referrals)
    if fmt == "json":
        echo_json({key: data.get(key) for key in REFERRAL_KEYS})
    else:
        print_lines(referral_lines(data, analysis.derived))


# --- kith export -----------------------------------------------------------------------------


@click.command()
@click.pass_obj
def export(state: State) -> None:
    """Print the journal's derived data as JSON (the same as the site's kithbook.json)."""
    from ..render.changes import changes_data  # the site's months: only this view needs them
    from ..render.site import changes_months

    _, analysis = state.analyze()
    changed = changes_data(changes_months(analysis), analysis.history.note)
    click.echo(export_json(analysis.derived, changes=changed), nl=False)


COMMANDS = (today, stale, show, referrals, export)  # added to the `kith` group by cli.main
