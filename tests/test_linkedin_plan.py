"""The import's pure rules: who owns a field, whose export it is, how people are matched."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kithbook.imports.linkedin.plan import decide_field, detect_owner, plan_import
from kithbook.imports.linkedin.read import Export
from kithbook.imports.linkedin.rows import Connection, Message
from kithbook.imports.linkedin.snapshot import HAND, ContactSnapshot, JournalSnapshot, field_values
from kithbook.imports.linkedin.state import ImportState, PersonState, read_state, render_state

TODAY = dt.date(2026, 11, 22)
ME = "https://www.linkedin.com/in/me"


@pytest.mark.parametrize(
    ("current", "value", "last", "write", "remember"),
    [
        (None, "Acme", None, "Acme", "Acme"),  # empty, never filled: fill it
        ("Acme", "Acme", None, None, "Acme"),  # already so: remember it
        ("Acme", "Acme Corp", "Acme", "Acme Corp", "Acme Corp"),  # still ours: follow LinkedIn
        ("Mine", "Acme Corp", "Acme", None, "Acme"),  # changed by hand: keep the user's
        ("Mine", "Acme Corp", None, None, None),  # the user's before any import: keep
        (None, "Acme Corp", "Acme", None, "Acme"),  # emptied by hand: leave it empty
        ("Acme", None, "Acme", None, "Acme"),  # LinkedIn has nothing: never delete
        (HAND, "Acme", None, None, None),  # a list or mapping there: hands off
    ],
)
def test_ownership_rule(
    current: str | None,
    value: str | None,
    last: str | None,
    write: str | None,
    remember: str | None,
) -> None:
    assert decide_field("company", current, value, last) == (write, remember)


def test_profile_links_compare_normalised() -> None:
    current = "linkedin.com/in/Ada/"
    assert decide_field("links.linkedin", current, "https://www.linkedin.com/in/ada", None) == (
        None,
        "https://www.linkedin.com/in/ada",
    )


def message(line: int, sender: str, to: str, conversation: str) -> Message:
    return Message(
        line, conversation, "", "x", sender, ("y",), (to,), "2025-01-01 10:00:00",
        dt.date(2025, 1, 1), "", None,
    )  # fmt: skip


def test_owner_is_in_most_conversations_and_no_connection() -> None:
    rows = [
        message(2, ME, "https://www.linkedin.com/in/a", "c1"),
        message(3, "https://www.linkedin.com/in/b", ME, "c2"),
        message(4, "https://www.linkedin.com/in/a", ME, "c1"),
    ]
    assert detect_owner(rows, {"https://www.linkedin.com/in/a"}) == ME
    # One conversation: both people are in it once; the one who is no connection is me.
    one = [message(2, "https://www.linkedin.com/in/b", ME, "c1")]
    assert detect_owner(one, {"https://www.linkedin.com/in/b"}) == ME
    assert detect_owner([], set()) is None
    # Connections.csv without URLs: the owner is the one who signs with no connection's name.
    rows = [
        message(2, "https://www.linkedin.com/in/b", ME, "c1"),
        message(3, "https://www.linkedin.com/in/b", ME, "c2"),
        message(4, ME, "https://www.linkedin.com/in/b", "c1"),
        message(5, "https://www.linkedin.com/in/b", "https://www.linkedin.com/in/c", "c3"),
    ]
    rows = [replace(r, sender="Bea" if r.sender_url != ME else "Me") for r in rows]
    assert detect_owner(rows, set()) == "https://www.linkedin.com/in/b"
    assert detect_owner(rows, set(), frozenset({"Bea"})) == ME


def test_field_values_of_front_matter() -> None:
    values = field_values({"name": "Ada", "company": ["a", "b"], "links": {"linkedin": " x "}})
    assert values == {
        "name": "Ada",
        "company": HAND,
        "title": None,
        "met": None,
        "how_we_met": None,
        "links.linkedin": "x",
        "links.email": None,
    }
    assert field_values({"links": "oops"})["links.email"] == HAND


def snapshot(*contacts: ContactSnapshot) -> JournalSnapshot:
    stems = frozenset(c.slug for c in contacts)
    return JournalSnapshot({c.slug: c for c in contacts}, stems, frozenset(), frozenset(), {})


def test_same_name_without_url_is_ambiguous() -> None:
    a = ContactSnapshot("sam-lee", "contacts/sam-lee.md", field_values({"name": "Sam Lee"}))
    b = ContactSnapshot("sam-lee-2", "contacts/sam-lee-2.md", field_values({"name": "Sam Lee"}))
    export = Export(files=["Connections.csv"])
    export.connections.append(Connection(5, "Sam Lee", None, None, "Acme", None, None))
    plan = plan_import(export, snapshot(a, b), ImportState(), TODAY)
    assert [str(p) for p in plan.skipped] == [
        "Connections.csv:5: skipped: 2 contacts are named 'Sam Lee' and the row has no URL"
    ]
    assert plan.new_contacts == () and plan.updates == ()


def test_a_profile_url_adopts_the_one_unlinked_contact_of_that_name() -> None:
    ada = ContactSnapshot("ada", "contacts/ada.md", field_values({"name": "Ada Lovelace"}))
    export = Export(files=["Connections.csv"])
    url = "https://www.linkedin.com/in/ada"
    export.connections.append(Connection(5, "Ada Lovelace", url, None, None, None, None))
    plan = plan_import(export, snapshot(ada), ImportState(), TODAY)
    assert plan.new_contacts == ()
    ((change,),) = [u.changes for u in plan.updates]
    assert (change.key, change.old, change.new) == ("links.linkedin", None, url)
    assert plan.state.people[url] == PersonState(
        "ada", {"name": "Ada Lovelace", "links.linkedin": url}
    )


def test_state_round_trips(tmp_path: object) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    state = ImportState({"name:Ann": PersonState("ann", {"company": "Acme"})}, {"k": "p"}, ME)
    (root / ".kithbook").mkdir()
    (root / ".kithbook/linkedin.json").write_text(render_state(state), encoding="utf-8")
    assert read_state(root) == state
