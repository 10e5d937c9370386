"""`kith new`, `kith log` and `kith done`: exact output, exit codes, and the files written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithbook.cli.main import cli

from .conftest import WriteJournal, contact


def kith(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args], env=env)


def files_under(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.suffix == ".md"
    )


@pytest.fixture
def journal(write_journal: WriteJournal) -> Path:
    return write_journal(
        dict(
            [
                contact("ada-lovelace", "Ada Lovelace", aliases=["Countess Lovelace"]),
                contact("grace-hopper", "Grace Hopper"),
                contact("sam-lee", "Sam Lee"),
                contact("sam-ortiz", "Sam Ortiz"),
                contact("zoe-novakova", "Zoë Nováková"),
            ]
        )
    )


# --- kith new ---------------------------------------------------------------------------------


def test_new_writes_a_contact_with_every_option(journal: Path) -> None:
    result = kith(
        journal, "new", "Alan Turing", "--company", "Bletchley Park", "--title", "Cryptanalyst",
        "--tag", "maths", "--tag", "crypto", "--relationship", "mentor", "--relationship",
        "former-colleague", "--met", "2019-03-04", "--email", "alan@example.com",
        "--linkedin", "linkedin.com/in/Alan-Turing/?trk=x", "--alias", "Prof",
    )  # fmt: skip
    assert (result.exit_code, result.output) == (0, "Created contacts/alan-turing.md\n")
    assert (journal / "contacts/alan-turing.md").read_text(encoding="utf-8") == textwrap.dedent(
        """\
        ---
        name: Alan Turing
        aliases: [Prof]
        company: Bletchley Park
        title: Cryptanalyst
        tags: [maths, crypto]
        relationship: [mentor, former-colleague]
        met: 2019-03-04
        links:
          linkedin: https://www.linkedin.com/in/alan-turing
          email: alan@example.com
        ---
        """
    )
    assert kith(journal, "check").exit_code == 0


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("Zoë Nováková", "contacts/zoe-novakova-2.md"),
        ("Ada Lovelace", "contacts/ada-lovelace-2.md"),
        ("../../etc/passwd", "contacts/etc-passwd.md"),
        ("🚀🚀", "contacts/contact-1.md"),
        ("李小龙", "contacts/li-xiao-long.md"),
    ],
)
def test_new_slugs_are_safe_and_collision_free(journal: Path, name: str, path: str) -> None:
    result = kith(journal, "new", name, "--allow-duplicate")
    assert result.exit_code == 0
    assert result.stdout == f"Created {path}\n"
    assert (journal / path).read_text(encoding="utf-8").startswith(f"---\nname: {name}\n")


def test_new_refuses_a_name_that_is_taken_unless_asked(journal: Path) -> None:
    """Typing `kith new "Ada Lovelace"` twice must not quietly make ada-lovelace-2."""
    result = kith(journal, "new", "ada lovelace")
    assert result.exit_code == 1
    assert result.output == (
        "Error: contacts/ada-lovelace.md is already ada lovelace: nothing written (use "
        "--allow-duplicate for a different person of the same name)\n"
    )
    assert not (journal / "contacts/ada-lovelace-2.md").exists()
    result = kith(journal, "new", "Ada Lovelace", "--allow-duplicate")
    assert result.exit_code == 0
    assert result.stderr == "note: ada-lovelace has the same name; this one is ada-lovelace-2\n"


def test_new_sets_every_documented_contact_field(journal: Path) -> None:
    result = kith(
        journal, "new", "Alan Turing", "--closeness", "4", "--location", "Manchester",
        "--how-we-met", "Bletchley reading group", "--cadence", "6W", "--introduced-by", "ada",
        "--knows", "ada lovelace:close", "--knows", "ada-lovelace", "--phone", "+44 161 496 0000",
        "-m", "Likes long runs.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (journal / "contacts/alan-turing.md").read_text(encoding="utf-8") == (
        "---\n"
        "name: Alan Turing\n"
        "location: Manchester\n"
        "how_we_met: Bletchley reading group\n"
        "introduced_by: ada-lovelace\n"
        "closeness: 4\n"
        "cadence: 6w\n"
        "links:\n"
        "  phone: +44 161 496 0000\n"
        "knows:\n"
        "  - slug: ada-lovelace\n"
        "    how_well: close\n"
        "  - ada-lovelace\n"
        "---\n"
        "\n"
        "Likes long runs.\n"
    )
    assert kith(journal, "check").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--closeness", "7"], "Invalid value for '--closeness'"),
        (["--cadence", "often"], "cadence 'often' is not a duration"),
        (["--knows", "ada:best-friends"], "how well is one of acquaintance, colleague, close"),
        (["--knows", "nobody-known"], "no contact matches 'nobody-known'"),
        (["--introduced-by", "nobody-known"], "no contact matches 'nobody-known'"),
        (["--phone", "call me"], "--phone 'call me' is not a phone number"),
    ],
)
def test_new_refuses_bad_field_values(journal: Path, args: list[str], message: str) -> None:
    result = kith(journal, "new", "Alan Turing", *args)
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert not (journal / "contacts/alan-turing.md").exists()


def test_log_edit_without_an_editor_leaves_no_entry(journal: Path, tmp_path: Path) -> None:
    """No EDITOR and no editor on PATH: the empty entry would count as a call."""
    result = kith(
        journal, "log", "ada", "--kind", "call", "--edit",
        env={"EDITOR": str(tmp_path / "no-such-editor"), "VISUAL": ""},
    )  # fmt: skip
    assert result.exit_code == 1
    assert "nothing written" in result.output
    assert not any(p.is_file() for p in (journal / "journal").rglob("*.md"))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--relationship", "mentr"],
            2,
            # click words the prefix ("Error: Invalid value for ..."); the rest is ours
            "unknown relationship 'mentr' (did you "
            "mean 'mentor'?); expected one of: client, candidate, prospect, mentor, mentee, "
            "advisor, colleague, former-colleague, classmate, recruiter, supplier, friend, "
            "family, other\n",
        ),
        (
            ["--met", "2027-01-01"],
            1,
            "Error: --met 2027-01-01 is in the future (today is 2026-11-22)\n",
        ),
        (
            ["--met", "4 March"],
            2,
            "'4 March' is not a date: use YYYY-MM-DD, like 2026-11-22\n",
        ),
        (
            ["--linkedin", "https://example.com/ada"],
            1,
            "Error: --linkedin 'https://example.com/ada' is not a LinkedIn profile address "
            "(like https://www.linkedin.com/in/ada-lovelace)\n",
        ),
        (["--email", "ada at home"], 1, "Error: --email 'ada at home' is not an e-mail address\n"),
    ],
)
def test_new_refuses_bad_options(journal: Path, args: list[str], code: int, message: str) -> None:
    result = kith(journal, "new", "Alan Turing", *args)
    assert result.exit_code == code
    assert result.output.endswith(message)
    assert not (journal / "contacts/alan-turing.md").exists()


def test_new_refuses_an_empty_name_and_a_known_profile(journal: Path) -> None:
    result = kith(journal, "new", "   ")
    assert (result.exit_code, result.output) == (
        1,
        "Error: the name is empty: give the person's name\n",
    )
    kith(journal, "new", "Alan Turing", "--linkedin", "https://www.linkedin.com/in/alan")
    result = kith(journal, "new", "A. Turing", "--linkedin", "linkedin.com/in/ALAN/")
    assert result.exit_code == 1
    assert result.output == (
        "Error: contacts/alan-turing.md already has this LinkedIn profile: nothing written\n"
    )
    assert not (journal / "contacts/a-turing.md").exists()


def test_new_edit_opens_the_editor(journal: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho edited >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    result = kith(journal, "new", "Alan Turing", "--edit", env={"EDITOR": str(editor)})
    assert result.exit_code == 0
    assert (journal / "contacts/alan-turing.md").read_text(encoding="utf-8").endswith("edited\n")


def test_commands_outside_a_journal_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KITHBOOK_ROOT", raising=False)
    result = CliRunner().invoke(cli, ["new", "Ada"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no journal here: run kith inside a journal (a folder with mkdocs.yml and "
        "contacts/), pass --root PATH, or start one with `kith init PATH`\n"
    )


# --- kith log ---------------------------------------------------------------------------------


def test_log_writes_an_entry(journal: Path) -> None:
    result = kith(
        journal, "log", "ada", "Grace", "--kind", "call", "--initiated-by", "them",
        "--gave", "An intro to Alan", "--got", "CV review", "--evidence", "Calm incident lead",
        "--about", "compilers", "--about", "jobs", "--personal",
        "--follow-up", "2026-12-01", "Send her the paper", "-m", "We talked about [[sam-lee]].",
    )  # fmt: skip
    path = "journal/2026/2026-11-22-call-with-ada-lovelace-and-grace-hopper.md"
    assert (result.exit_code, result.output) == (0, f"Created {path}\n")
    assert (journal / path).read_text(encoding="utf-8") == textwrap.dedent(
        """\
        ---
        date: 2026-11-22
        with: [ada-lovelace, grace-hopper]
        kind: call
        initiated_by: them
        personal: true
        gave: An intro to Alan
        got: CV review
        evidence: Calm incident lead
        about: [compilers, jobs]
        follow_up:
          due: 2026-12-01
          what: Send her the paper
          done: false
        ---

        We talked about [[sam-lee]].
        """
    )
    assert kith(journal, "check").exit_code == 0


def test_log_names_entries_without_collisions(journal: Path) -> None:
    outputs = [kith(journal, "log", "zoe", "--kind", "meeting", "--date", "2026-11-20").output]
    outputs.append(
        kith(journal, "log", "ZOË NOVÁKOVÁ", "--kind", "meeting", "--date", "2026-11-20").output
    )
    outputs.append(kith(journal, "log", "--kind", "note", "-m", "Thinking.").output)
    outputs.append(kith(journal, "log", "countess lovelace", "--kind", "note").output)
    outputs.append(kith(journal, "log", "ada", "grace", "sam-lee", "--kind", "event").output)
    assert outputs == [
        "Created journal/2026/2026-11-20-meeting-with-zoe-novakova.md\n",
        "Created journal/2026/2026-11-20-meeting-with-zoe-novakova-2.md\n",
        "Created journal/2026/2026-11-22-note.md\n",
        "Created journal/2026/2026-11-22-note-about-ada-lovelace.md\n",
        "Created journal/2026/2026-11-22-event-with-ada-lovelace-and-2-others.md\n",
    ]


@pytest.mark.parametrize(
    ("people", "message"),
    [
        (["adda"], "no contact matches 'adda' (did you mean 'ada-lovelace'?)"),
        (["sam"], "ambiguous: 'sam' matches sam-lee, sam-ortiz"),
        (["nobody-at-all"], "no contact matches 'nobody-at-all'"),
        (["ada", "sam"], "ambiguous: 'sam' matches sam-lee, sam-ortiz"),
    ],
)
def test_log_writes_nothing_unless_everyone_is_known(
    journal: Path, people: list[str], message: str
) -> None:
    result = kith(journal, "log", *people, "--kind", "call")
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\nnothing written\n"
    assert not any(p.is_file() for p in (journal / "journal").rglob("*"))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--date", "2026-12-01"],
            1,
            "Error: --date 2026-12-01 is in the future (today is 2026-11-22): entries record "
            "what happened; use --follow-up",
        ),
        (["-m", "x", "--edit"], 1, "Error: use -m TEXT or --edit, not both"),
        (["--follow-up", "2026-12-01", " "], 1, "Error: --follow-up needs a date and what to do"),
    ],
)
def test_log_refuses_bad_options(journal: Path, args: list[str], code: int, message: str) -> None:
    result = kith(journal, "log", "ada", "--kind", "call", *args)
    assert result.exit_code == code
    assert result.output.splitlines()[-1] == message
    assert not any(p.is_file() for p in (journal / "journal").rglob("*"))


def test_log_refuses_an_unknown_initiator(journal: Path) -> None:
    """click's own message (its wording is click's to change): a usage error naming the
    option, the value and the choices, and nothing written."""
    result = kith(journal, "log", "ada", "--kind", "call", "--initiated-by", "us")
    assert result.exit_code == 2
    last = result.output.splitlines()[-1]
    assert all(word in last for word in ("--initiated-by", "'us'", "me", "them")), last
    assert not any(p.is_file() for p in (journal / "journal").rglob("*"))


def test_an_exact_slug_wins_over_a_shared_name(journal: Path) -> None:
    assert kith(journal, "new", "Ada Lovelace", "--allow-duplicate").exit_code == 0  # -2
    result = kith(journal, "log", "ada-lovelace", "--kind", "call")
    assert result.output == "Created journal/2026/2026-11-22-call-with-ada-lovelace.md\n"
    result = kith(journal, "log", "Ada Lovelace", "--kind", "call")
    assert result.output == (
        "Error: ambiguous: 'Ada Lovelace' matches ada-lovelace, ada-lovelace-2\nnothing written\n"
    )


def test_log_needs_a_kind(journal: Path) -> None:
    result = kith(journal, "log", "ada")
    assert result.exit_code == 2
    assert "Error:" in result.output and "'--kind'" in result.output  # click's wording


# --- kith done --------------------------------------------------------------------------------

ENTRY = """\
---
date: 2026-11-20   # the day we met
with: [ada-lovelace]
kind: meeting
about: ['compilers']
follow_up:
    due: 2026-12-01
    what: "Send her the tie-strength paper"   # she asked twice
    done: false
gave: "yes"
---
Coffee. She said *no* to the offer.
"""


@pytest.fixture
def entry_file(journal: Path) -> Path:
    path = journal / "journal/2026/2026-11-20-coffee-with-ada.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "query",
    [
        "2026-11-20-coffee-with-ada",
        "2026-11-20-co",
        "2026-11-20-coffee-with-ada.md",
        "journal/2026/2026-11-20-coffee-with-ada.md",
    ],
)
def test_done_changes_only_that_key(journal: Path, entry_file: Path, query: str) -> None:
    result = kith(journal, "done", query)
    assert result.exit_code == 0
    assert result.output == (
        "Done: Send her the tie-strength paper (journal/2026/2026-11-20-coffee-with-ada.md)\n"
    )
    assert entry_file.read_text(encoding="utf-8") == ENTRY.replace(
        "    done: false", "    done: 2026-11-22"
    )
    again = kith(journal, "done", query)
    assert again.output == (
        "Already done: Send her the tie-strength paper "
        "(journal/2026/2026-11-20-coffee-with-ada.md)\n"
    )


def test_done_adds_the_key_when_missing(journal: Path, entry_file: Path) -> None:
    entry_file.write_text(ENTRY.replace("    done: false\n", ""), encoding="utf-8")
    assert kith(journal, "done", "2026-11-20").exit_code == 0
    assert entry_file.read_text(encoding="utf-8") == ENTRY.replace(
        "    done: false", "    done: 2026-11-22"
    )


def test_done_records_the_day_given(journal: Path, entry_file: Path) -> None:
    assert kith(journal, "done", "2026-11-20", "--date", "2026-11-21").exit_code == 0
    assert "    done: 2026-11-21\n" in entry_file.read_text(encoding="utf-8")
    assert kith(journal, "check").exit_code == 0
    assert kith(journal, "today").output.startswith(
        "Today is Sunday 22 Nov 2026.\n\nFollow-ups overdue (0)\nNothing overdue.\n"
    )
    future = kith(journal, "done", "2026-11-20", "--date", "2026-12-01")
    assert future.exit_code == 1


def test_done_true_still_counts_as_done(journal: Path, entry_file: Path) -> None:
    entry_file.write_text(ENTRY.replace("done: false", "done: true"), encoding="utf-8")
    assert kith(journal, "done", "2026-11-20").output.startswith("Already done: ")


def test_follow_up_adds_one_to_an_entry_without(journal: Path, entry_file: Path) -> None:
    without = ENTRY.replace(
        'follow_up:\n    due: 2026-12-01\n    what: "Send her the tie-strength paper"'
        "   # she asked twice\n    done: false\n",
        "",
    )
    entry_file.write_text(without, encoding="utf-8")
    result = kith(journal, "follow-up", "2026-11-20", "2026-12-05", "Send  the slides")
    assert (result.exit_code, result.output) == (
        0,
        "Follow-up added: Send the slides by 2026-12-05 "
        "(journal/2026/2026-11-20-coffee-with-ada.md)\n",
    )
    text = entry_file.read_text(encoding="utf-8")
    assert text == without.replace(
        'gave: "yes"\n',
        'gave: "yes"\nfollow_up:\n  due: 2026-12-05\n  what: Send the slides\n  done: false\n',
    )
    assert kith(journal, "check").exit_code == 0


def test_follow_up_refuses_to_replace_an_open_one(journal: Path, entry_file: Path) -> None:
    result = kith(journal, "follow-up", "2026-11-20", "2026-12-05", "Another")
    assert result.exit_code == 1
    assert result.output == (
        "Error: journal/2026/2026-11-20-coffee-with-ada.md already has an open follow-up "
        "(Send her the tie-strength paper, due 2026-12-01): mark it done or snooze it first\n"
    )
    assert entry_file.read_text(encoding="utf-8") == ENTRY


def test_snooze_moves_the_due_date_only(journal: Path, entry_file: Path) -> None:
    result = kith(journal, "snooze", "2026-11-20", "2026-12-15")
    assert (result.exit_code, result.output) == (
        0,
        "Snoozed: Send her the tie-strength paper from 2026-12-01 to 2026-12-15 "
        "(journal/2026/2026-11-20-coffee-with-ada.md)\n",
    )
    assert entry_file.read_text(encoding="utf-8") == ENTRY.replace(
        "    due: 2026-12-01", "    due: 2026-12-15"
    )
    assert kith(journal, "snooze", "2026-11-20", "2026-11-22").exit_code == 1  # not later
    kith(journal, "done", "2026-11-20")
    done = kith(journal, "snooze", "2026-11-20", "2026-12-30")
    assert done.output.endswith("its follow-up is done already\n")


def test_done_errors(journal: Path, entry_file: Path) -> None:
    other = entry_file.with_name("2026-11-21-call.md")
    other.write_text("---\ndate: 2026-11-21\nkind: call\n---\n", encoding="utf-8")
    cases = {
        "2026-11-2": "Error: ambiguous: '2026-11-2' matches 2026-11-20-coffee-with-ada, "
        "2026-11-21-call\n",
        "2026-11-21-call": "Error: journal/2026/2026-11-21-call.md has no follow_up\n",
        "2026-11-20-cofee-with-ada": "Error: no entry matches '2026-11-20-cofee-with-ada' "
        "(did you mean '2026-11-20-coffee-with-ada'?)\n",
        "mkdocs.yml": "Error: no entry matches 'mkdocs.yml'\n",
    }
    for query, message in cases.items():
        result = kith(journal, "done", query)
        assert (result.exit_code, result.output) == (1, message), query
    assert entry_file.read_text(encoding="utf-8") == ENTRY
