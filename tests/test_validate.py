"""Loader and validator: every problem a user can meet, as the exact `path:line: message`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kithbook.reading.records import named_title
from kithbook.reading.validate import DOCUMENT_CHECKS, JOURNAL_CHECKS

from .conftest import WriteJournal, run

ADA = """\
---
name: Ada Lovelace
---
"""


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in run(root).problems]


CASES: list[tuple[str, dict[str, str], list[str]]] = [
    (
        "empty file",
        {"contacts/ada.md": ""},
        ["contacts/ada.md:1: empty file: a front matter block (between '---' lines) is required"],
    ),
    (
        "no front matter",
        {"contacts/ada.md": "name: Ada\n"},
        ["contacts/ada.md:1: no front matter: the file must start with a '---' line"],
    ),
    (
        "unclosed front matter",
        {"contacts/ada.md": "---\nname: Ada\n"},
        ["contacts/ada.md:1: front matter is not closed: add a '---' line after it"],
    ),
    (
        "unreadable YAML",
        {"contacts/ada.md": "---\nname: Ada\ntags: [a, b\n---\n"},
        [
            "contacts/ada.md:4: unreadable YAML: did not find expected ',' or ']'",
        ],
    ),
    (
        "front matter is a list",
        {"contacts/ada.md": "---\n- name: Ada\n---\n"},
        ["contacts/ada.md:2: front matter must be a mapping of keys, not a list"],
    ),
    (
        "front matter is empty",
        {"contacts/ada.md": "---\n---\nNotes\n"},
        ["contacts/ada.md:1: front matter is empty: it must be a mapping of keys"],
    ),
    (
        "aliases",
        {"contacts/ada.md": "---\nname: &n Ada\naliases: [*n]\n---\n"},
        [
            "contacts/ada.md:2: YAML anchors and aliases (&name, *name) are not allowed in "
            "front matter"
        ],
    ),
    (
        "duplicate key",
        {"contacts/ada.md": "---\nname: Ada\ncompany: A\ncompany: B\n---\n"},
        ["contacts/ada.md:4: duplicate key 'company'"],
    ),
    (
        "python tag",
        {"contacts/ada.md": "---\nname: !!python/object:os.system ls\n---\n"},
        [
            "contacts/ada.md:2: unreadable YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'"
        ],
    ),
    (
        "missing name",
        {"contacts/ada.md": "---\ncompany: Acme\n---\n"},
        ["contacts/ada.md:1: missing 'name'"],
    ),
    (
        "contact file name is not a slug",
        {"contacts/Ada Lovelace.md": ADA},
        [
            "contacts/Ada Lovelace.md:1: file name 'Ada Lovelace.md' is not a slug: use "
            "lower-case letters, digits and '-' (like ada-lovelace.md)"
        ],
    ),
    (
        "unknown key with did-you-mean",
        {"contacts/ada.md": "---\nname: Ada\ncompnay: Acme\n---\n"},
        ["contacts/ada.md:3: unknown key 'compnay' (did you mean 'company'?)"],
    ),
    (
        "unknown key without a close match",
        {"contacts/ada.md": "---\nname: Ada\nshoe_size: 38\n---\n"},
        ["contacts/ada.md:3: unknown key 'shoe_size'"],
    ),
    (
        "bad met date",
        {"contacts/ada.md": "---\nname: Ada\nmet: 04/03/2019\n---\n"},
        [
            "contacts/ada.md:3: bad date '04/03/2019' for 'met': expected YYYY-MM-DD, "
            "like 2026-03-04"
        ],
    ),
    (
        "impossible date",
        {"contacts/ada.md": "---\nname: Ada\nmet: 2019-02-30\n---\n"},
        ["contacts/ada.md:3: bad date '2019-02-30' for 'met': day is out of range for month"],
    ),
    (
        "cadence not a duration",
        {"contacts/ada.md": "---\nname: Ada\ncadence: fortnightly\n---\n"},
        [
            "contacts/ada.md:3: cadence 'fortnightly' is not a duration: use a number and d, w, "
            "m or y (10d, 6w, 3m, 1y), or never"
        ],
    ),
    (
        "closeness out of range",
        {"contacts/ada.md": "---\nname: Ada\ncloseness: 7\n---\n"},
        ["contacts/ada.md:3: closeness must be a whole number from 1 to 5, not '7'"],
    ),
    (
        "unknown relationship",
        {"contacts/ada.md": "---\nname: Ada\nrelationship: [mentor, freind]\n---\n"},
        [
            "contacts/ada.md:3: unknown relationship 'freind' (did you mean 'friend'?); expected "
            "one of: client, candidate, prospect, mentor, mentee, advisor, colleague, "
            "former-colleague, classmate, recruiter, supplier, friend, family, other"
        ],
    ),
    (
        "boolean where text is expected",
        {"contacts/ada.md": "---\nname: Ada\ncompany: yes\n---\n"},
        ["contacts/ada.md:3: 'company' must be text, not the YAML boolean true; put it in quotes"],
    ),
    (
        "mapping where a list is expected",
        {"contacts/ada.md": "---\nname: Ada\ntags: {a: 1}\n---\n"},
        ["contacts/ada.md:3: 'tags' must be a list of text"],
    ),
    (
        "text where a boolean is expected",
        {"contacts/ada.md": "---\nname: Ada\narchived: maybe\n---\n"},
        ["contacts/ada.md:3: 'archived' must be true or false, not 'maybe'"],
    ),
    (
        "links not a mapping",
        {"contacts/ada.md": "---\nname: Ada\nlinks: [a]\n---\n"},
        ["contacts/ada.md:3: 'links' must be a mapping, like 'email: ada@example.com'"],
    ),
    (
        "knows item shapes",
        {
            "contacts/ada.md": "---\nname: Ada\nknows:\n  - 3\n  - {slug: bob, name: Bob}\n"
            "  - {name: Cy, how_well: besties}\n  - {name: Di, compnay: X}\n---\n",
        },
        [
            "contacts/ada.md:4: each 'knows' item must be a slug or a mapping",
            "contacts/ada.md:5: each 'knows' item needs exactly one of 'slug' or 'name'",
            "contacts/ada.md:6: unknown how_well 'besties'; expected one of: acquaintance, "
            "colleague, close",
            "contacts/ada.md:7: unknown key 'compnay' in knows (did you mean 'company'?)",
        ],
    ),
    (
        "entry: missing date, bad file name",
        {"journal/2026/coffee.md": "---\nwith: []\n---\n"},
        [
            "journal/2026/coffee.md:1: file name 'coffee.md' must be YYYY-MM-DD-words.md "
            "(like 2026-03-04-coffee.md)",
            "journal/2026/coffee.md:1: missing 'date'",
        ],
    ),
    (
        "entry: missing kind with people",
        {
            "contacts/ada.md": ADA,
            "journal/2026/2026-11-20-x.md": "---\ndate: 2026-11-20\nwith: [ada]\n---\n",
        },
        [
            "journal/2026/2026-11-20-x.md:3: missing 'kind': one of meeting, activity, video, "
            "call, message, event, intro, reaction, note"
        ],
    ),
    (
        "entry: unknown kind, bad initiated_by, date mismatch",
        {
            "contacts/ada.md": ADA,
            "journal/2026/2026-11-20-x.md": "---\ndate: 2026-11-19\nwith: [ada]\nkind: meting\n"
            "initiated_by: us\n---\n",
        },
        [
            "journal/2026/2026-11-20-x.md:2: date 2026-11-19 does not match the file name's "
            "date 2026-11-20",
            "journal/2026/2026-11-20-x.md:4: unknown kind 'meting' (did you mean 'meeting'?); "
            "expected one of: meeting, activity, video, call, message, event, intro, reaction, "
            "note, application",
            "journal/2026/2026-11-20-x.md:5: unknown initiated_by 'us'; expected one of: me, them",
        ],
    ),
    (
        "entry: follow_up shapes",
        {
            "journal/2026/2026-11-20-x.md": "---\ndate: 2026-11-20\nfollow_up:\n"
            "  due: soon\n  done: nope\n  wat: x\n---\n",
        },
        [
            "journal/2026/2026-11-20-x.md:3: follow_up needs 'what'",
            "journal/2026/2026-11-20-x.md:4: bad date 'soon' for 'follow_up.due': expected "
            "YYYY-MM-DD, like 2026-03-04",
            "journal/2026/2026-11-20-x.md:5: 'follow_up.done' must be true, false or the date it "
            "was done, not 'nope'",
            "journal/2026/2026-11-20-x.md:6: unknown key 'wat' in follow_up (did you mean 'what'?)",
        ],
    ),
    (
        "future dates",
        {
            "contacts/ada.md": "---\nname: Ada\nmet: 2027-01-01\n---\n",
            "journal/2026/2026-12-01-x.md": "---\ndate: 2026-12-01\n---\n",
        },
        [
            "contacts/ada.md:3: met 2027-01-01 is in the future (today is 2026-11-22)",
            "journal/2026/2026-12-01-x.md:2: date 2026-12-01 is in the future "
            "(today is 2026-11-22)",
        ],
    ),
    (
        "unknown slugs everywhere",
        {
            "contacts/ada-lovelace.md": "---\nname: Ada\nintroduced_by: grace\nknows:\n"
            "  - alan\n---\nSee [[ada-lovelac]].\n",
            "contacts/grace-hopper.md": "---\nname: Grace\n---\n",
            "journal/2026/2026-11-20-x.md": "---\ndate: 2026-11-20\nkind: call\nwith:\n"
            "  - ada-lovelace\n  - grace-hoper\n---\nWith [[nobody]].\n",
        },
        [
            "contacts/ada-lovelace.md:3: unknown slug 'grace' in introduced_by",
            "contacts/ada-lovelace.md:5: unknown slug 'alan' in knows",
            "contacts/ada-lovelace.md:7: unknown slug 'ada-lovelac' in a mention "
            "(did you mean 'ada-lovelace'?)",
            "journal/2026/2026-11-20-x.md:6: unknown slug 'grace-hoper' in with "
            "(did you mean 'grace-hopper'?)",
            "journal/2026/2026-11-20-x.md:8: unknown slug 'nobody' in a mention",
        ],
    ),
    (
        "duplicate slug and entry name",
        {
            "contacts/ada.md": ADA,
            "contacts/old/ada.md": ADA,
            "journal/2025/2026-11-20-x.md": "---\ndate: 2026-11-20\n---\n",
            "journal/2026/2026-11-20-x.md": "---\ndate: 2026-11-20\n---\n",
        },
        [
            "contacts/old/ada.md:1: duplicate slug 'ada': also contacts/ada.md",
            "journal/2026/2026-11-20-x.md:1: duplicate entry name '2026-11-20-x': also "
            "journal/2025/2026-11-20-x.md",
        ],
    ),
    (
        "self references",
        {"contacts/ada.md": "---\nname: Ada\nintroduced_by: ada\nknows: [ada]\n---\n"},
        [
            "contacts/ada.md:3: introduced_by names this contact itself",
            "contacts/ada.md:4: knows lists this contact itself",
        ],
    ),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_problem_is_path_line_message(
    write_journal: WriteJournal, files: dict[str, str], expected: list[str]
) -> None:
    root = write_journal(files)
    assert problems_of(root) == expected


def test_all_problems_are_reported_in_one_run(write_journal: WriteJournal) -> None:
    root = write_journal({f"contacts/c{i}.md": "---\nnme: X\n---\n" for i in range(5)})
    problems = problems_of(root)
    assert len(problems) == 10  # an unknown key and a missing name in each of five files


def test_non_utf8_file(write_journal: WriteJournal) -> None:
    root = write_journal({})
    (root / "contacts" / "ada.md").write_bytes(b"---\nname: Ad\xe9\n---\n")
    assert problems_of(root) == ["contacts/ada.md:2: not UTF-8 text: save the file as UTF-8"]


def test_folder_named_like_a_contact(write_journal: WriteJournal) -> None:
    root = write_journal({})
    (root / "contacts" / "ada.md").mkdir()
    assert problems_of(root) == [
        "contacts/ada.md:1: a folder named like a Markdown file: expected a file"
    ]


def test_symlink_out_of_the_journal_is_not_followed(
    write_journal: WriteJournal, tmp_path: Path
) -> None:
    root = write_journal({})
    secret = tmp_path / "secret.md"
    secret.write_text("---\nname: Secret\n---\nDo not publish.\n", encoding="utf-8")
    os.symlink(secret, root / "contacts" / "secret.md")
    analysis = run(root)
    assert [str(p) for p in analysis.problems] == [
        "contacts/secret.md:1: symbolic link to a file outside the journal: not followed"
    ]
    assert analysis.journal.contacts == ()


def test_bom_and_crlf_are_read(write_journal: WriteJournal) -> None:
    root = write_journal({})
    (root / "contacts" / "ada.md").write_bytes(
        b"\xef\xbb\xbf---\r\nname: Ada\r\ncloseness: 9\r\n---\r\n"
    )
    assert problems_of(root) == [
        "contacts/ada.md:3: closeness must be a whole number from 1 to 5, not '9'"
    ]


def test_valid_parts_of_a_broken_file_are_kept(write_journal: WriteJournal) -> None:
    root = write_journal({"contacts/ada.md": "---\nname: Ada\ncloseness: 9\ncompany: Acme\n---\n"})
    analysis = run(root)
    (ada,) = analysis.journal.contacts
    assert (ada.name, ada.company, ada.closeness) == ("Ada", "Acme", None)


def test_checks_are_small_named_functions() -> None:
    names = [check.__name__ for check in (*DOCUMENT_CHECKS, *JOURNAL_CHECKS)]
    assert all(name.startswith("check_") for name in names)
    assert len(names) == len(set(names)) >= 12


@pytest.mark.parametrize(
    ("stem", "kind", "people", "title"),
    [
        ("2026-11-20-coffee-with-ada", "meeting", {"ada-lovelace": "Ada Lovelace"},
         "Coffee with Ada Lovelace"),
        ("2026-11-20-call-with-ada-lovelace", "call", {"ada-lovelace": "Ada Lovelace"},
         "Call with Ada Lovelace"),
        ("2026-11-20-call", "call", {"ada-lovelace": "Ada Lovelace"}, "Call with Ada Lovelace"),
        ("2026-11-20-note", "note", {"a": "Ann", "b": "Bo", "c": "Cy", "d": "Di"},
         "Note about Ann, Bo and 2 others"),
        ("2026-11-20-compiler-review", "activity", {"ada": "Ada"}, None),
        ("2026-11-20-cv-review-priya", "meeting", {"priya-raman": "Priya Raman"},
         "Cv review Priya Raman"),
        ("2026-11-20-lunch-with-ada", "meeting", {"ada": "Ada", "grace-hopper": "Grace Hopper"},
         "Lunch with Ada and Grace Hopper"),
    ],
)  # fmt: skip
def test_entries_are_titled_with_people_as_their_contacts_spell_them(
    stem: str, kind: str, people: dict[str, str], title: str | None
) -> None:
    assert named_title(stem, kind, people) == title


def test_a_title_of_its_own_wins(write_journal: WriteJournal) -> None:
    root = write_journal(
        {
            "contacts/ada.md": "---\nname: Ada Lovelace\n---\n",
            "journal/2026/2026-11-20-call-with-ada.md": (
                "---\ndate: 2026-11-20\ntitle: Her new team\nwith: [ada]\nkind: call\n---\n"
            ),
            "journal/2026/2026-11-21-call-with-ada.md": (
                "---\ndate: 2026-11-21\nwith: [ada]\nkind: call\n---\n"
            ),
        }
    )
    entries = run(root).journal.entries
    assert [e.title for e in entries] == ["Her new team", "Call with Ada Lovelace"]
