"""The directory: contacts with nothing but imported fields, one shared page per initial.

An open networker may import 30,000 LinkedIn connections they have never met. A page each
would make the build slow for no gain; a row each on an A–Z page keeps them browsable and
searchable, and every link to them lands on their row.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from ..model.network import Network
from ..reading.records import Contact
from . import html as hx
from . import text as t
from .context import Context

DIRECTORY_INDEX = "people/directory/index.md"
LIGHT_THRESHOLD = 300  # below this many light contacts, everyone keeps a page of their own


def is_light(contact: Contact, network: Network) -> bool:
    """Nothing but imported fields: no notes, entries, mentions, ratings or second-degree ties."""
    slug = contact.slug
    return not (
        network.timeline.get(slug)
        or network.backlinks.get(slug)
        or contact.body.strip()
        or contact.vouch
        or contact.knows
        or contact.closeness is not None
        or contact.cadence_days
        or contact.introduced_by
        or contact.archived
        or slug in network.shared
    )


def initial(name: str) -> str:
    """The directory letter of a name: A–Z after transliteration, '#' for anything else."""
    letter = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode()
    return letter.lower() if letter.isalpha() else "other"


def plan_directory(network: Network, threshold: int | None = None) -> dict[str, str]:
    """slug → its row on a directory page, when the journal has enough light contacts."""
    light = [c for c in network.contacts.values() if is_light(c, network)]
    if len(light) < (LIGHT_THRESHOLD if threshold is None else threshold):
        return {}
    return {c.slug: f"{letter_uri(initial(c.name))}#{c.slug}" for c in light}


def letter_uri(letter: str) -> str:
    return f"people/directory/{letter}.md"


def group_letters(ctx: Context) -> dict[str, list[Contact]]:
    groups: dict[str, list[Contact]] = defaultdict(list)
    for slug in ctx.directory:
        contact = ctx.network.contacts[slug]
        groups[initial(contact.name)].append(contact)
    return {k: sorted(v, key=lambda c: (c.name.lower(), c.slug)) for k, v in sorted(groups.items())}


def render_directory_index(ctx: Context, groups: dict[str, list[Contact]]) -> str:
    uri = DIRECTORY_INDEX
    total = sum(len(v) for v in groups.values())
    out = [
        "# Directory",
        "",
        f"{t.plural(total, 'connection')} with nothing but imported fields (no notes, no "
        "interactions yet). Log an interaction or add a note and they get a page of their own.",
        "",
    ]
    letters = " · ".join(
        hx.a(f"{_label(letter)} ({len(items):,})", ctx.href(uri, letter_uri(letter)))
        for letter, items in groups.items()
    )
    out += [f'<p class="kb-letters">{letters}</p>', ""]
    return "\n".join(out)


def render_letter(ctx: Context, letter: str, contacts: Iterable[Contact]) -> str:
    uri = letter_uri(letter)
    back = hx.a("All letters", ctx.href(uri, DIRECTORY_INDEX))
    out = [f"# Directory: {_label(letter)}", "", f"<p>{back}</p>", ""]
    rows = []
    for contact in contacts:
        links = " · ".join(_link(name, value) for name, value in contact.links)
        rows.append(
            [
                f'<strong id="{contact.slug}">{hx.h(contact.name)}</strong>',
                hx.h(contact.title or ""),
                hx.h(contact.company or ""),
                str(contact.met or ""),
                links,
            ]
        )
    out += [hx.table(["Name", "Title", "Company", "Connected", "Links"], rows), ""]
    return "\n".join(out)


def _label(letter: str) -> str:
    return letter.upper() if len(letter) == 1 else "Other"


def _link(name: str, value: str) -> str:
    href = t.safe_url(value)
    return hx.a(name, href) if href else hx.h(name)
