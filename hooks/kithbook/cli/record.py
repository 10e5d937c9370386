"""Recording commands: `kith new` (a contact), `kith log` (an entry), `kith done` (a follow-up)."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

import click
from ruamel.yaml.comments import CommentedMap

from ..imports.linkedin.urls import normalise_profile_url
from ..reading import fields as f
from ..reading.assemble import assemble_journal
from ..reading.load import CONTACTS, JOURNAL, load_journal
from ..reading.parse import ParseError, parse_document
from ..reading.records import Journal
from ..writing.match import match_people, people_of
from ..writing.slugs import SlugPool, contact_slug, entry_stem, taken_stems
from ..writing.write import (
    WriteError,
    check_inside,
    create_file,
    edit_front_matter,
    render_document,
    take_snapshot,
)
from .options import State


class DateParam(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.2
    """A `YYYY-MM-DD` date."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        parsed = f.parse_date(str(value), param.name if param and param.name else "date")
        if isinstance(parsed, f.Invalid):
            if f.DATE_RE.match(str(value).strip()) and "outside" in parsed.message:
                self.fail(
                    f"'{value}' is outside the dates a journal accepts "
                    f"({f.FIRST_DATE} to {f.LAST_DATE})",
                    param,
                    ctx,
                )
            self.fail(f"'{value}' is not a date: use YYYY-MM-DD, like 2026-11-22", param, ctx)
        return parsed


DATE = DateParam()


def read_journal(root: Path) -> Journal:
    """The journal's valid contacts and entries (what matching and naming need)."""
    return assemble_journal(load_journal(root).docs)


def relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def open_editor(path: Path) -> None:
    try:
        click.edit(filename=str(path))
    except click.ClickException as err:
        raise click.ClickException(f"{err.message}; the file is saved as it is") from None


def check_not_future(day: dt.date | None, option: str, today: dt.date, hint: str = "") -> None:
    if day is not None and day > today:
        raise click.ClickException(f"{option} {day} is in the future (today is {today}){hint}")


def _one_line(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    values = value if isinstance(value, tuple) else (value,)
    for item in values:
        if isinstance(item, str) and any(ch in item for ch in "\r\n\x00"):
            raise click.BadParameter("must be on one line")
    return value


def _relationships(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> Any:
    out: list[str] = []
    for item in value:
        checked = f.as_choice(item, "relationship", f.RELATIONSHIPS)
        if isinstance(checked, f.Invalid):
            raise click.BadParameter(checked.message)
        out.append(checked)
    return tuple(dict.fromkeys(out))


# --- kith new -------------------------------------------------------------------------------


@click.command()
@click.argument("name", callback=_one_line)
@click.option("--company", callback=_one_line, help="Where they work now.")
@click.option("--title", callback=_one_line, help="Their role there.")
@click.option(
    "--alias", "aliases", multiple=True, callback=_one_line, help="Another name (repeatable)."
)
@click.option("--tag", "tags", multiple=True, callback=_one_line, help="A tag (repeatable).")
@click.option(
    "--relationship",
    "relationships",
    multiple=True,
    callback=_relationships,
    help="Why this tie exists (repeatable): " + ", ".join(f.RELATIONSHIPS) + ".",
)
@click.option("--met", type=DATE, help="When you first met or connected.")
@click.option("--email", callback=_one_line, help="E-mail address (goes under links).")
@click.option("--linkedin", callback=_one_line, help="LinkedIn profile address (normalised).")
@click.option("--edit", is_flag=True, help="Open the new file in $EDITOR.")
@click.pass_obj
def new(
    state: State,
    name: str,
    company: str | None,
    title: str | None,
    aliases: tuple[str, ...],
    tags: tuple[str, ...],
    relationships: tuple[str, ...],
    met: dt.date | None,
    email: str | None,
    linkedin: str | None,
    edit: bool,
) -> None:
    """Add a person: creates contacts/<slug>.md and prints its path."""
    name = " ".join(name.split())
    if not name:
        raise click.ClickException("the name is empty: give the person's name")
    root = state.writable_root()
    check_not_future(met, "--met", state.today())
    profile = None
    if linkedin:
        profile = normalise_profile_url(linkedin)
        if profile is None:
            raise click.ClickException(
                f"--linkedin '{linkedin}' is not a LinkedIn profile address "
                "(like https://www.linkedin.com/in/ada-lovelace)"
            )
    if email is not None and ("@" not in email or " " in email.strip()):
        raise click.ClickException(f"--email '{email}' is not an e-mail address")
    journal = read_journal(root)
    for contact in journal.contacts:
        links = dict(contact.links)
        if profile and normalise_profile_url(links.get("linkedin", "")) == profile:
            raise click.ClickException(
                f"{contact.source.path} already has this LinkedIn profile: nothing written"
            )
    folder = root / CONTACTS
    slug = contact_slug(name, SlugPool(taken_stems(folder)))
    data: dict[str, object] = {"name": name}
    extra: list[tuple[str, object]] = [
        ("aliases", [" ".join(a.split()) for a in aliases if a.strip()]),
        ("company", company.strip() if company else None),
        ("title", title.strip() if title else None),
        ("tags", [t.strip() for t in tags if t.strip()]),
        ("relationship", list(relationships)),
        ("met", met),
    ]
    data.update((k, v) for k, v in extra if v)
    links = {k: v for k, v in (("linkedin", profile), ("email", email and email.strip())) if v}
    if links:
        data["links"] = links
    path = folder / f"{slug}.md"
    try:
        check_inside(root, CONTACTS, path)
        create_file(path, render_document(data))
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Created {relative(root, path)}")
    same = [c.slug for c in journal.contacts if c.name.casefold() == name.casefold()]
    if same:
        click.echo(f"note: {', '.join(same)} has the same name; this one is {slug}", err=True)
    if edit:
        open_editor(path)


# --- kith log -------------------------------------------------------------------------------


def entry_words(kind: str, slugs: list[str]) -> str:
    """`call-with-ada-lovelace`, `meeting-with-ada-lovelace-and-grace-hopper`, `note`."""
    if not slugs:
        return kind
    link = "about" if kind == "note" else "with"
    if len(slugs) == 1:
        return f"{kind}-{link}-{slugs[0]}"
    if len(slugs) == 2:
        return f"{kind}-{link}-{slugs[0]}-and-{slugs[1]}"
    return f"{kind}-{link}-{slugs[0]}-and-{len(slugs) - 1}-others"


@click.command()
@click.argument("people", nargs=-1)
@click.option("--kind", type=click.Choice(f.KINDS), required=True, help="What kind of interaction.")
@click.option("--date", "day", type=DATE, help="When it happened (default: today).")
@click.option("--initiated-by", type=click.Choice(f.INITIATED_BY), help="Who reached out.")
@click.option("--gave", callback=_one_line, help="Help you gave.")
@click.option("--got", callback=_one_line, help="Help you received.")
@click.option("--evidence", callback=_one_line, help="First-hand knowledge of their work.")
@click.option("--about", multiple=True, callback=_one_line, help="A topic (repeatable).")
@click.option("--personal", is_flag=True, help="A personal, confiding conversation.")
@click.option(
    "--follow-up",
    type=(DATE, str),
    default=None,
    metavar="DATE WHAT",
    help="Something to do by DATE.",
)
@click.option("-m", "--message", help="The entry's text (Markdown).")
@click.option("--edit", is_flag=True, help="Open the new entry in $EDITOR.")
@click.pass_obj
def log(
    state: State,
    people: tuple[str, ...],
    kind: str,
    day: dt.date | None,
    initiated_by: str | None,
    gave: str | None,
    got: str | None,
    evidence: str | None,
    about: tuple[str, ...],
    personal: bool,
    follow_up: tuple[dt.date, str] | None,
    message: str | None,
    edit: bool,
) -> None:
    """Record an interaction with PEOPLE (slugs, names or aliases) in a new journal entry."""
    if message is not None and edit:
        raise click.ClickException("use -m TEXT or --edit, not both")
    root = state.writable_root()
    today = state.today()
    day = day or today
    check_not_future(day, "--date", today, ": entries record what happened; use --follow-up")
    if follow_up is not None and not follow_up[1].strip():
        raise click.ClickException("--follow-up needs a date and what to do")
    journal = read_journal(root)
    slugs, errors = match_people(people, people_of(journal.contacts))
    if errors:
        raise click.ClickException("\n".join(errors) + "\nnothing written")
    data: dict[str, object] = {"date": day, "with": slugs, "kind": kind}
    optional: list[tuple[str, object]] = [
        ("initiated_by", initiated_by),
        ("personal", personal or None),
        ("gave", gave and gave.strip()),
        ("got", got and got.strip()),
        ("evidence", evidence and evidence.strip()),
        ("about", [a.strip() for a in about if a.strip()]),
    ]
    data.update((k, v) for k, v in optional if v)
    if follow_up is not None:
        data["follow_up"] = {"due": follow_up[0], "what": follow_up[1].strip(), "done": False}
    folder = root / JOURNAL
    stem = entry_stem(day, entry_words(kind, slugs), SlugPool(taken_stems(folder)))
    path = folder / str(day.year) / f"{stem}.md"
    try:
        check_inside(root, JOURNAL, path)
        create_file(path, render_document(data, message or ""))
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Created {relative(root, path)}")
    if edit:
        open_editor(path)


# --- kith done ------------------------------------------------------------------------------


def find_entry(root: Path, query: str) -> Path:
    """The entry named by a path, a file stem, or a unique prefix of one."""
    folder = root / JOURNAL
    direct = [Path(query), root / query]
    for candidate in direct:
        if query.endswith(".md") and candidate.is_file():
            try:
                return check_inside(root, JOURNAL, candidate)
            except WriteError as err:
                raise click.ClickException(str(err)) from None
    stems: dict[str, Path] = {}
    if folder.is_dir():
        for path in sorted(folder.rglob("*.md")):
            if not any(part.startswith(".") for part in path.relative_to(folder).parts):
                stems.setdefault(path.stem, path)
    key = Path(query).name.removesuffix(".md")
    found = [key] if key in stems else sorted(s for s in stems if key and s.startswith(key))
    if len(found) == 1:
        try:
            return check_inside(root, JOURNAL, stems[found[0]])
        except WriteError as err:
            raise click.ClickException(str(err)) from None
    if found:
        listed = ", ".join(found[:8]) + (", …" if len(found) > 8 else "")
        raise click.ClickException(f"ambiguous: '{query}' matches {listed}")
    close = difflib.get_close_matches(key, list(stems), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise click.ClickException(f"no entry matches '{query}'{hint}")


@click.command()
@click.argument("entry")
@click.pass_obj
def done(state: State, entry: str) -> None:
    """Mark the follow-up of ENTRY (a path, file name, or unique prefix) as done."""
    root = state.writable_root()
    path = find_entry(root, entry)
    shown = relative(root.resolve(), path.resolve())
    try:
        raw = take_snapshot(path).content or b""
        parsed = parse_document(raw.decode("utf-8").replace("\r\n", "\n"))
    except (WriteError, UnicodeDecodeError) as err:
        raise click.ClickException(f"cannot read {shown}: {err}") from None
    if isinstance(parsed, ParseError):
        raise click.ClickException(f"{shown}:{parsed.line}: {parsed.message}")
    follow_up = parsed.data.get("follow_up")
    if not isinstance(follow_up, dict):
        raise click.ClickException(f"{shown} has no follow_up")
    what = str(follow_up.get("what", "")).strip()
    if follow_up.get("done") is True:
        click.echo(f"Already done: {what} ({shown})")
        return

    def mark(data: CommentedMap) -> None:
        data["follow_up"]["done"] = True

    try:
        edited = edit_front_matter(path, mark)
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Done: {what} ({shown})")
    if edited.reformatted:
        click.echo("note: ruamel.yaml also re-indented other lines of the front matter", err=True)


COMMANDS = (new, log, done)  # added to the `kith` group by cli.main
