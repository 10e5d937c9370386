"""Recording commands: `kith new` (a contact), `kith log` (an entry), `kith done` (a follow-up)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
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
from ..writing.match import Person, match_people, people_of
from ..writing.slugs import SlugPool, contact_slug, entry_stem, taken_stems
from ..writing.write import (
    WriteError,
    check_inside,
    create_file,
    edit_front_matter,
    render_document,
    take_snapshot,
)
from .options import State, commit_option, finish_commit, prepare_commit


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


def open_editor(root: Path, path: Path, written: str) -> None:
    """Open the file just created in $EDITOR. If no editor can be started, the file is
    removed again (as long as it is still what this command wrote): an entry nobody could
    fill in would count as an interaction that never happened."""
    try:
        click.edit(filename=str(path))
    except click.ClickException as err:
        try:
            unchanged = path.read_text(encoding="utf-8") == written
        except OSError:
            unchanged = False
        if not unchanged:
            raise click.ClickException(f"{err.message}; the file is saved as it is") from None
        path.unlink(missing_ok=True)
        raise click.ClickException(
            f"{err.message} (set EDITOR, or use -m TEXT): removed {relative(root, path)} "
            "again, nothing written"
        ) from None


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

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,30}$")


def _cadence(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    parsed = f.parse_cadence(value)
    if isinstance(parsed, f.Invalid):
        raise click.BadParameter(parsed.message)
    return value.strip().lower()


def _known(items: tuple[str, ...], people: list[Person]) -> list[object]:
    """`--knows` values (`ada`, `ada:close`) as `knows:` items, every person matched."""
    known: list[object] = []
    for item in items:
        who, _, how = item.rpartition(":") if ":" in item else (item, "", "")
        how_well = how.strip().lower() or None
        if how_well is not None and how_well not in f.HOW_WELL:
            raise click.ClickException(
                f"--knows '{item}': how well is one of {', '.join(f.HOW_WELL)}\nnothing written"
            )
        slugs, errors = match_people([who], people)
        if errors:
            raise click.ClickException("--knows: " + errors[0] + "\nnothing written")
        if how_well in (None, "colleague"):
            known.append(slugs[0])
        else:
            known.append({"slug": slugs[0], "how_well": how_well})
    return known


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
@click.option("--how-we-met", callback=_one_line, help="A line about how you met.")
@click.option("--location", callback=_one_line, help="Where they live or work.")
@click.option(
    "--closeness",
    type=click.IntRange(1, 5),
    help="How well you really know them, 1 (barely) to 5 (very well).",
)
@click.option(
    "--cadence",
    callback=_cadence,
    help="How often to be in touch: 10d, 6w, 3m, 1y, or never (default: their tier's).",
)
@click.option("--introduced-by", help="The contact who introduced you (slug or name).")
@click.option(
    "--knows",
    multiple=True,
    help="A contact they know (slug or name; repeatable); add :close or :acquaintance.",
)
@click.option("--email", callback=_one_line, help="E-mail address (goes under links).")
@click.option("--phone", callback=_one_line, help="Phone number (goes under links).")
@click.option("--linkedin", callback=_one_line, help="LinkedIn profile address (normalised).")
@click.option("-m", "--note", help="Notes about them (Markdown, below the front matter).")
@click.option(
    "--allow-duplicate",
    is_flag=True,
    help="Add them even if a contact of the same name exists (as <slug>-2).",
)
@click.option("--edit", is_flag=True, help="Open the new file in $EDITOR.")
@commit_option
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
    how_we_met: str | None,
    location: str | None,
    closeness: int | None,
    cadence: str | None,
    introduced_by: str | None,
    knows: tuple[str, ...],
    email: str | None,
    phone: str | None,
    linkedin: str | None,
    note: str | None,
    allow_duplicate: bool,
    edit: bool,
    commit: bool | None,
) -> None:
    """Add a person: creates contacts/<slug>.md and prints its path."""
    name = " ".join(name.split())
    if not name:
        raise click.ClickException("the name is empty: give the person's name")
    project = state.writable_project()
    root = project.root
    check_not_future(met, "--met", state.today())
    if phone is not None and not PHONE_RE.match(phone.strip()):
        raise click.ClickException(f"--phone '{phone}' is not a phone number")
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
    same = [c for c in journal.contacts if c.name.casefold() == name.casefold()]
    if same and not allow_duplicate:
        raise click.ClickException(
            f"{same[0].source.path} is already {name}: nothing written (use --allow-duplicate "
            "for a different person of the same name)"
        )
    people = people_of(journal.contacts)
    introducer = None
    if introduced_by is not None:
        introducers, errors = match_people([introduced_by], people)
        if errors:
            raise click.ClickException("--introduced-by: " + errors[0] + "\nnothing written")
        introducer = introducers[0]
    known = _known(knows, people)
    folder = root / CONTACTS
    slug = contact_slug(name, SlugPool(taken_stems(folder)))
    data: dict[str, object] = {"name": name}
    extra: list[tuple[str, object]] = [
        ("aliases", [" ".join(a.split()) for a in aliases if a.strip()]),
        ("company", company.strip() if company else None),
        ("title", title.strip() if title else None),
        ("location", location.strip() if location else None),
        ("tags", [t.strip() for t in tags if t.strip()]),
        ("relationship", list(relationships)),
        ("met", met),
        ("how_we_met", how_we_met.strip() if how_we_met else None),
        ("introduced_by", introducer),
        ("closeness", closeness),
        ("cadence", cadence),
    ]
    data.update((k, v) for k, v in extra if v)
    contact_links = (
        ("linkedin", profile),
        ("email", email and email.strip()),
        ("phone", phone and " ".join(phone.split())),
    )
    links = {k: v for k, v in contact_links if v}
    if links:
        data["links"] = links
    if known:
        data["knows"] = known
    path = folder / f"{slug}.md"
    written = [relative(root, path)]
    ready = prepare_commit(commit, project, written)
    try:
        check_inside(root, CONTACTS, path)
        text = render_document(data, note or "")
        create_file(path, text)
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Created {relative(root, path)}")
    if same:
        others = ", ".join(c.slug for c in same)
        click.echo(f"note: {others} has the same name; this one is {slug}", err=True)
    if edit:
        open_editor(root, path, text)  # before committing: a file nobody could fill is removed
    finish_commit(ready, project, written, f"Add {name}")


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
@click.option(
    "--title", callback=_one_line, help="A title (default: the kind and the people's names)."
)
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
@commit_option
@click.pass_obj
def log(
    state: State,
    people: tuple[str, ...],
    kind: str,
    day: dt.date | None,
    title: str | None,
    initiated_by: str | None,
    gave: str | None,
    got: str | None,
    evidence: str | None,
    about: tuple[str, ...],
    personal: bool,
    follow_up: tuple[dt.date, str] | None,
    message: str | None,
    edit: bool,
    commit: bool | None,
) -> None:
    """Record an interaction with PEOPLE (slugs, names or aliases) in a new journal entry."""
    if message is not None and edit:
        raise click.ClickException("use -m TEXT or --edit, not both")
    project = state.writable_project()
    root = project.root
    today = state.today()
    day = day or today
    check_not_future(day, "--date", today, ": entries record what happened; use --follow-up")
    if follow_up is not None and not follow_up[1].strip():
        raise click.ClickException("--follow-up needs a date and what to do")
    journal = read_journal(root)
    slugs, errors = match_people(people, people_of(journal.contacts))
    if errors:
        raise click.ClickException("\n".join(errors) + "\nnothing written")
    data: dict[str, object] = {"date": day}
    if title and title.strip():
        data["title"] = " ".join(title.split())
    data.update({"with": slugs, "kind": kind})
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
    written = [relative(root, path)]
    ready = prepare_commit(commit, project, written)
    try:
        check_inside(root, JOURNAL, path)
        text = render_document(data, message or "")
        create_file(path, text)
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Created {relative(root, path)}")
    names = {c.slug: c.name for c in journal.contacts}
    if edit:
        open_editor(root, path, text)  # before committing: an entry nobody filled is removed
    finish_commit(ready, project, written, log_message(kind, [names[s] for s in slugs]))


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


def log_message(kind: str, names: list[str]) -> str:
    """`Log call with Ada Lovelace`, `Log meeting with Ada Lovelace and 2 others`."""
    if not names:
        return f"Log {kind}"
    if len(names) == 1:
        return f"Log {kind} with {names[0]}"
    if len(names) == 2:
        return f"Log {kind} with {names[0]} and {names[1]}"
    return f"Log {kind} with {names[0]} and {len(names) - 1} others"


def read_entry(root: Path, path: Path) -> tuple[str, dict[str, object]]:
    """(the entry's path as shown, its front matter), or a ClickException saying why not."""
    shown = relative(root.resolve(), path.resolve())
    try:
        raw = take_snapshot(path).content or b""
        parsed = parse_document(raw.decode("utf-8").replace("\r\n", "\n"))
    except (WriteError, UnicodeDecodeError) as err:
        raise click.ClickException(f"cannot read {shown}: {err}") from None
    if isinstance(parsed, ParseError):
        raise click.ClickException(f"{shown}:{parsed.line}: {parsed.message}")
    return shown, parsed.data


def follow_up_is_done(follow_up: dict[str, object]) -> bool:
    done = follow_up.get("done")
    return done is True or (done is not None and done is not False and str(done).strip() != "")


@click.command()
@click.argument("entry")
@click.option("--date", "day", type=DATE, help="When it was done (default: today).")
@commit_option
@click.pass_obj
def done(state: State, entry: str, day: dt.date | None, commit: bool | None) -> None:
    """Mark the follow-up of ENTRY (a path, file name, or unique prefix) as done today."""
    project = state.writable_project()
    root = project.root
    today = state.today()
    day = day or today
    check_not_future(day, "--date", today)
    path = find_entry(root, entry)
    shown, data = read_entry(root, path)
    follow_up = data.get("follow_up")
    if not isinstance(follow_up, dict):
        raise click.ClickException(f"{shown} has no follow_up")
    what = str(follow_up.get("what", "")).strip()
    if follow_up_is_done(follow_up):
        click.echo(f"Already done: {what} ({shown})")
        return

    def mark(data: CommentedMap) -> None:
        data["follow_up"]["done"] = day

    written = [relative(root.resolve(), path.resolve())]
    ready = prepare_commit(commit, project, written)
    try:
        edited = edit_front_matter(path, mark)
    except WriteError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Done: {what} ({shown})")
    finish_commit(ready, project, written, "Done: " + " ".join(what.split()))
    if edited.reformatted:
        click.echo("note: ruamel.yaml also re-indented other lines of the front matter", err=True)


COMMANDS = (new, log, done)  # added to the `kith` group by cli.main
