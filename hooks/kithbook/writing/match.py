"""Find the contact someone means: its slug, then a name or alias, then whole words, then prefix.

Comparison is case- and accent-insensitive (`zoe` finds Zoë). No fuzzy match is ever taken
on its own: difflib only suggests a slug in the error message.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..reading.records import Contact
from .slugs import fold

MAX_LISTED = 8


@dataclass(frozen=True, slots=True)
class Person:
    """What matching looks at in a contact."""

    slug: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.slug, self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class NoMatch:
    """Why a query names no single contact; `message` is for the user."""

    query: str
    message: str


def people_of(contacts: Iterable[Contact]) -> list[Person]:
    return [Person(c.slug, c.name, c.aliases) for c in contacts]


def match_person(query: str, people: Sequence[Person]) -> str | NoMatch:
    """The slug of the one contact `query` names, or why there is none (or more than one)."""
    text = query.strip()
    folded = fold(text)
    raw = text.casefold()

    def slug(p: Person) -> bool:
        return p.slug == text.lower()

    def exact(p: Person) -> bool:
        return any(n.casefold() == raw or (bool(folded) and fold(n) == folded) for n in p.names)

    def words(p: Person) -> bool:
        return bool(folded) and set(folded.split("-")) <= _words(p)

    def prefix(p: Person) -> bool:
        return len(folded) >= 2 and any(
            w.startswith(folded) for n in p.names for w in (fold(n), *fold(n).split("-"))
        )

    for matches in (slug, exact, words, prefix):
        found = sorted({p.slug for p in people if matches(p)})
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(found[:MAX_LISTED]) + (", …" if len(found) > MAX_LISTED else "")
            return NoMatch(query, f"ambiguous: '{query}' matches {listed}")
    return NoMatch(query, f"no contact matches '{query}'{_suggest(folded or raw, people)}")


def _words(person: Person) -> set[str]:
    return {w for n in person.names for w in fold(n).split("-") if w}


def _suggest(folded: str, people: Sequence[Person]) -> str:
    pool: dict[str, str] = {}
    for person in people:
        for name in person.names:
            key = fold(name)
            pool.setdefault(key, person.slug)
            for word in key.split("-"):
                pool.setdefault(word, person.slug)
    close = difflib.get_close_matches(folded, list(pool), n=1, cutoff=0.6)
    return f" (did you mean '{pool[close[0]]}'?)" if close else ""


def match_people(queries: Iterable[str], people: Sequence[Person]) -> tuple[list[str], list[str]]:
    """Slugs for every query (first mention wins on repeats), and a message per failure."""
    slugs: list[str] = []
    errors: list[str] = []
    for query in queries:
        found = match_person(query, people)
        if isinstance(found, NoMatch):
            errors.append(found.message)
        elif found not in slugs:
            slugs.append(found)
    return slugs, errors
