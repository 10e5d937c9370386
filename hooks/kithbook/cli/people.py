"""People and notes: `kith people` (a filtered, sorted list), `kith grep` (text), and
`kith snooze-tie` (no warnings about a tie until a date)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from ruamel.yaml.comments import CommentedMap

from ..model.derive import Derived
from ..model.stale import ARCHIVED, COOLING, DORMANT, DUE, NEVER, OK, SNOOZED, STALE
from ..reading import fields as f
from ..reading.load import CONTACTS, load_journal
from ..writing.match import NoMatch, match_person, people_of
from ..writing.write import WriteError, check_inside, edit_front_matter, set_in_order, to_commented
from .options import State, format_option
from .record import DATE, _one_line, read_journal
from .views import clean, clip, echo_json, print_lines, table, tie_json

SORTS = ("score", "name", "last", "due")
STATUSES = (OK, COOLING, DUE, STALE, DORMANT, SNOOZED, NEVER, ARCHIVED)
PEOPLE_HEADER = ("Person", "Status", "Tier", "Score", "Last", "Company", "Tags")


def _folded(text: str) -> str:
    """Text for matching: case and accents ignored ("zoe" finds "Zoë")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def select_people(
    derived: Derived,
    *,
    tier: int | None = None,
    tag: str | None = None,
    company: str | None = None,
    status: str | None = None,
    archived: bool = False,
) -> list[str]:
    """Slugs of the contacts that pass every filter given (archived ones only if asked)."""
    chosen = []
    for slug, contact in derived.network.contacts.items():
        if contact.archived and not archived:
            continue
        if tier is not None and derived.tiers[slug] != tier:
            continue
        if tag is not None and _folded(tag) not in {_folded(t) for t in contact.tags}:
            continue
        if company is not None and _folded(company) not in _folded(contact.company or ""):
            continue
        if status is not None and derived.statuses[slug].status != status:
            continue
        chosen.append(slug)
    return chosen


def sort_people(derived: Derived, slugs: list[str], by: str) -> list[str]:
    def name(slug: str) -> str:
        return _folded(derived.network.contacts[slug].name)

    if by == "name":
        return sorted(slugs, key=lambda s: (name(s), s))

    def day(value: dt.date | None) -> int:
        return value.toordinal() if value is not None else 0

    if by == "last":  # most recent first; never-seen last
        return sorted(
            slugs,
            key=lambda s: (
                derived.statuses[s].last is None,
                -day(derived.statuses[s].last),
                name(s),
            ),
        )
    if by == "due":  # soonest due first; no cadence last
        return sorted(
            slugs,
            key=lambda s: (
                derived.statuses[s].next_due is None,
                day(derived.statuses[s].next_due),
                name(s),
            ),
        )
    return sorted(slugs, key=lambda s: (-derived.scores[s].score, name(s), s))


def person_row(derived: Derived, slug: str) -> list[str]:
    contact = derived.network.contacts[slug]
    status, score = derived.statuses[slug], derived.scores[slug]
    return [
        contact.name,
        status.status,
        f"tier {derived.tiers[slug]}",
        f"{score.score:g}",
        str(status.last) if status.last else "never",
        contact.company or "—",
        ", ".join(contact.tags) or "—",
    ]


@click.command()
@click.option("--tier", type=click.IntRange(1, 5), help="Only this Dunbar tier (1 = closest).")
@click.option("--tag", help="Only people with this tag.")
@click.option("--company", help="Only people whose company contains this text.")
@click.option("--status", type=click.Choice(STATUSES), help="Only ties with this status.")
@click.option("--archived", is_flag=True, help="Include archived contacts.")
@click.option(
    "--sort", "sort_by", type=click.Choice(SORTS), default="score", show_default=True,
    help="score (strongest first), name, last (most recent first) or due (soonest first).",
)  # fmt: skip
@format_option("A table for people, or JSON for scripts.")
@click.pass_obj
def people(
    state: State,
    tier: int | None,
    tag: str | None,
    company: str | None,
    status: str | None,
    archived: bool,
    sort_by: str,
    fmt: str,
) -> None:
    """List people, filtered by tier, tag, company or status, and sorted."""
    _, analysis = state.analyze()
    derived = analysis.derived
    slugs = select_people(
        derived, tier=tier, tag=tag, company=company, status=status, archived=archived
    )
    slugs = sort_people(derived, slugs, sort_by)
    if fmt == "json":
        rows: list[dict[str, Any]] = []
        for slug in slugs:
            contact = derived.network.contacts[slug]
            row = tie_json(derived, slug)
            row.update(company=contact.company, tags=list(contact.tags), path=contact.source.path)
            rows.append(row)
        echo_json(rows)
        return
    if not slugs:
        click.echo("Nobody matches.")
        return
    lines = table(PEOPLE_HEADER, [person_row(derived, s) for s in slugs])
    print_lines([*lines, "", f"{len(slugs)} {'person' if len(slugs) == 1 else 'people'}"])


# --- kith grep --------------------------------------------------------------------------------


def grep_journal(root: Path, text: str) -> Iterator[tuple[str, int, str]]:
    """(path, line, line's text) of every line of every readable journal file that contains
    `text`, ignoring case and accents. Only files the loader accepts are read (regular,
    UTF-8, under the size limit)."""
    wanted = _folded(text)
    for doc in load_journal(root).docs:
        try:
            content = (root / doc.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # changed since it was loaded; kith check says why
        for number, line in enumerate(content.splitlines(), start=1):
            if wanted in _folded(line):
                yield doc.path, number, line


@click.command()
@click.argument("text")
@format_option("path:line: text lines, or JSON for scripts.")
@click.pass_obj
def grep(state: State, text: str, fmt: str) -> None:
    """Find TEXT in contacts and entries (case and accents ignored); exit 1 if none."""
    if not text.strip():
        raise click.ClickException("give some text to look for")
    root = state.project().root
    hits = list(grep_journal(root, text))
    if fmt == "json":
        echo_json([{"path": p, "line": n, "text": t} for p, n, t in hits])
    else:
        for path, number, line in hits:
            click.echo(f"{clean(path)}:{number}: {clip(clean(line), 120)}")
    if not hits:
        if fmt != "json":
            click.echo(f"No line contains {clean(text)!r}.", err=True)
        raise SystemExit(1)


# --- kith snooze-tie --------------------------------------------------------------------------


@click.command("snooze-tie")
@click.argument("person")
@click.argument("until", type=DATE, required=False)
@click.option("--reason", callback=_one_line, help="Why, shown beside the tie while it sleeps.")
@click.option("--clear", is_flag=True, help="End the snooze now: the usual warnings apply.")
@click.pass_obj
def snooze_tie(
    state: State, person: str, until: dt.date | None, reason: str | None, clear: bool
) -> None:
    """No keep-in-touch warnings about PERSON before UNTIL (YYYY-MM-DD), or --clear."""
    if clear and (until is not None or reason is not None):
        raise click.UsageError("--clear takes no UNTIL and no --reason")
    if not clear and until is None:
        raise click.UsageError("give UNTIL (YYYY-MM-DD), or --clear to end a snooze")
    reason = " ".join(reason.split()) if reason is not None else None
    if reason == "":
        raise click.UsageError("--reason is empty: say why, or leave it out")
    root = state.writable_root()
    today = state.today()
    if until is not None and until <= today:
        raise click.ClickException(f"snooze until a later day than today ({today}), not {until}")
    journal = read_journal(root)
    found = match_person(person, people_of(journal.contacts))
    if isinstance(found, NoMatch):
        raise click.ClickException(found.message)
    contact = next(c for c in journal.contacts if c.slug == found)
    shown = contact.source.path

    def change(front: CommentedMap) -> None:
        existing = front.get("snooze")
        if clear:
            front.pop("snooze", None)
        elif isinstance(existing, CommentedMap):  # only the lines that change; a reason stays
            existing["until"] = until
            if reason is not None:
                set_in_order(existing, "reason", reason, f.SNOOZE_KEYS)
        else:
            value = {"until": until, **({"reason": reason} if reason else {})}
            set_in_order(front, "snooze", to_commented(value), f.CONTACT_KEYS)

    try:
        path = check_inside(root, CONTACTS, root / shown)
        edited = edit_front_matter(path, change)
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    if clear and not edited.changed:
        click.echo(f"{contact.name} is not snoozed ({shown})")
    elif clear:
        click.echo(f"Snooze ended: {contact.name} is warned about as usual again ({shown})")
    else:
        kept = reason or (contact.snooze.reason if contact.snooze else None)
        why = f": {kept}" if kept else ""
        click.echo(f"Snoozed {contact.name} until {until}{why} ({shown})")
    if edited.reformatted:
        click.echo("note: ruamel.yaml also re-indented other lines of the front matter", err=True)


COMMANDS = (people, grep, snooze_tie)  # added to the `kith` group by cli.main
