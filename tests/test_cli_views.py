"""`kith today`, `stale`, `show` and `referrals`: the site's views as terminal tables and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kithbook.cli import views
from kithbook.cli.main import cli

from .conftest import WriteJournal

FILES = {
    "contacts/ada-lovelace.md": """
        ---
        name: Ada Lovelace
        company: Analytical Engines
        title: Head of Research
        location: London
        tags: [python]
        relationship: [mentor]
        met: 2020-01-05
        how_we_met: PyCon
        closeness: 4
        links:
          linkedin: https://www.linkedin.com/in/ada
        vouch:
          - Led the compiler rewrite
        ---
        Notes.
        """,
    "contacts/grace-hopper.md": """
        ---
        name: Grace Hopper
        met: 2021-01-01
        closeness: 5
        ---
        """,
    "contacts/eve.md": """
        ---
        name: "Eve \\e[31mRed"
        company: <script>alert(1)</script>
        ---
        """,
    "journal/2026/2026-06-01-lunch-with-ada.md": """
        ---
        date: 2026-06-01
        with: [ada-lovelace]
        kind: meeting
        gave: An intro
        follow_up:
          due: 2026-11-10
          what: Send her the paper
        ---
        """,
    "journal/2026/2026-11-15-call-with-ada.md": """
        ---
        date: 2026-11-15
        with: [ada-lovelace, eve]
        kind: call
        evidence: Ran the review well
        follow_up:
          due: 2026-11-30
          what: Book the venue
        ---
        """,
    "journal/2024/2024-02-01-coffee-with-grace.md": """
        ---
        date: 2024-02-01
        with: [grace-hopper]
        kind: meeting
        personal: true
        ---
        """,
}


@pytest.fixture
def journal(write_journal: WriteJournal) -> Path:
    return write_journal(FILES)


def kith(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--today", "2026-11-22", *args])


def test_today(journal: Path) -> None:
    result = kith(journal, "today")
    assert result.exit_code == 0
    head, ties = result.output.split("Ties to tend", 1)
    assert head == (
        "Today is Sunday 22 Nov 2026.\n"
        "\n"
        "Follow-ups overdue (1)\n"
        "Due         What                With          Entry\n"
        "----------  ------------------  ------------  -------------------------\n"
        "2026-11-10  Send her the paper  Ada Lovelace  2026-06-01-lunch-with-ada\n"
        "\n"
        "Due in the next 14 days (1)\n"
        "Due         What            With                        Entry\n"
        "----------  --------------  --------------------------  ------------------------\n"
        "2026-11-30  Book the venue  Ada Lovelace, Eve ?[31mRed  2026-11-15-call-with-ada\n"
        "\n"
    )
    lines = ties.splitlines()
    assert lines[0] == " (1)"
    assert lines[1].split() == [
        "Person", "Status", "Tier", "Score", "Last", "Next", "due", "Cadence", "Overdue",
    ]  # fmt: skip
    assert lines[3].startswith("Grace Hopper  dormant  T")
    assert "2024-02-01" in lines[3]
    assert lines[5].startswith("Tier: T1 inner circle · T2 close")


def test_today_json(journal: Path) -> None:
    data = json.loads(kith(journal, "today", "--format", "json").output)
    assert data["today"] == "2026-11-22"
    assert data["overdue"] == [
        {
            "due": "2026-11-10",
            "what": "Send her the paper",
            "with": ["ada-lovelace"],
            "entry": "journal/2026/2026-06-01-lunch-with-ada.md",
            "overdue": True,
        }
    ]
    assert [f["what"] for f in data["upcoming"]] == ["Book the venue"]
    assert [t["slug"] for t in data["ties"]] == ["grace-hopper"]
    assert set(data["ties"][0]) == {
        "slug", "name", "status", "tier", "score", "last_interaction", "next_due",
        "cadence_days", "overdue",
    }  # fmt: skip


def test_stale(journal: Path) -> None:
    result = kith(journal, "stale")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split("  ")[0] for line in lines[:3]] == [
        "Person",
        "------------",
        "Grace Hopper",
    ]
    # Under the table, what its figures mean: the words of the site's legend.
    assert lines[3:] == [
        "",
        "Tier: T1 inner circle · T2 close · T3 trusted · T4 active · T5 known (1 is the closest);",
        "Score: strength 0–100; Status: due from 1×, stale from 2×, dormant from 4× overdue;",
        "Cadence: keep in touch every N days (d); Overdue: days since the last real interaction ÷ "
        "the cadence.",
    ]
    data = json.loads(kith(journal, "stale", "--format", "json").output)
    assert [(t["slug"], t["status"]) for t in data] == [("grace-hopper", "dormant")]


def test_stale_when_nothing_is(write_journal: WriteJournal) -> None:
    root = write_journal({"contacts/ada.md": "---\nname: Ada\n---\n"})
    result = kith(root, "stale")
    assert (result.exit_code, result.output) == (0, "No tie is due, stale, dormant or cooling.\n")
    assert kith(root, "stale", "--format", "json").output == "[]\n"


def test_show(journal: Path) -> None:
    result = kith(journal, "show", "ada")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith(
        "Ada Lovelace (ada-lovelace)\n"
        "Head of Research at Analytical Engines · London\n"
        "\n"
        "Tags:          python\n"
        "Relationship:  mentor\n"
        "Met:           2020-01-05 — PyCon\n"
        "Closeness:     4 / 5\n"
        "Linkedin:      https://www.linkedin.com/in/ada\n"
        "File:          contacts/ada-lovelace.md\n"
        "\n"
    )
    assert re.search(r"^Strength: score [\d.]+ · tier \d \(\w[\w ]*\) · status ok · ", text, re.M)
    assert "Component    Value (0–1)  Points (of 100)\n" in text
    assert text.endswith(
        "What I can vouch for:\n"
        "- Led the compiler rewrite\n"
        "\n"
        "Open follow-ups:\n"
        "- 2026-11-10  Send her the paper  (journal/2026/2026-06-01-lunch-with-ada.md)\n"
        "- 2026-11-30  Book the venue  (journal/2026/2026-11-15-call-with-ada.md)\n"
        "\n"
        "Timeline (2):\n"
        "2026-11-15  call      Call with Ada Lovelace and Eve ?[31mRed — with Eve ?[31mRed\n"
        "            evidence: Ran the review well\n"
        "2026-06-01  meeting   Lunch with Ada Lovelace\n"
        "            gave: An intro\n"
    )


def test_show_keeps_hostile_text_inert(journal: Path) -> None:
    result = kith(journal, "show", "eve")
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert result.output.splitlines()[:2] == ["Eve ?[31mRed (eve)", "<script>alert(1)</script>"]


def test_show_json(journal: Path) -> None:
    data = json.loads(kith(journal, "show", "Ada Lovelace", "--format", "json").output)
    assert data["slug"] == "ada-lovelace" and data["company"] == "Analytical Engines"
    assert set(data["components"]) == {
        "closeness", "activity", "reciprocity", "duration", "structure",
    }  # fmt: skip
    assert [e["entry"] for e in data["timeline"]] == [
        "journal/2026/2026-11-15-call-with-ada.md",
        "journal/2026/2026-06-01-lunch-with-ada.md",
    ]
    total = sum(part["points"] for part in data["components"].values())
    assert abs(total - data["score"]) < 0.3


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("adda", "Error: no contact matches 'adda' (did you mean 'ada-lovelace'?)\n"),
        ("e", "Error: no contact matches 'e'\n"),
    ],
)
def test_show_unknown(journal: Path, name: str, message: str) -> None:
    result = kith(journal, "show", name)
    assert (result.exit_code, result.output) == (1, message)


REFERRALS: dict[str, Any] = {
    "vouch_for": [
        {
            "slug": "ada-lovelace",
            "score": 71.5,
            "evidence": ["Led the compiler rewrite"],
            "draft": "I'd like to recommend Ada.",
        }
    ],
    "near_vouch": [{"slug": "grace-hopper", "missing": ["known under 12 months"]}],
    "send_to": [{"slug": "ada-lovelace", "company": "Analytical Engines"}],
    "vouch_for_me": [
        {
            "slug": "grace-hopper",
            "reasons": ["recommended me (2024-02-01)"],
            "warnings": ["not in touch for 33 months: reconnect before asking"],
        }
    ],
}


def test_referrals(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "referral_data", lambda referrals: dict(REFERRALS))
    result = kith(journal, "referrals")
    assert (result.exit_code, result.output) == (
        0,
        "I could vouch for (1)\n"
        "- Ada Lovelace (ada-lovelace) — score 71.5\n"
        "    evidence: Led the compiler rewrite\n"
        "    draft: I'd like to recommend Ada.\n"
        "\n"
        "I could almost vouch for (1)\n"
        "- Grace Hopper (grace-hopper) — missing: known under 12 months\n"
        "\n"
        "I could send a referral to (1)\n"
        "- Ada Lovelace (ada-lovelace) — Analytical Engines\n"
        "\n"
        "Who could vouch for me (1)\n"
        "- Grace Hopper (grace-hopper) — recommended me (2024-02-01)\n"
        "    Warning: not in touch for 33 months: reconnect before asking.\n",
    )
    data = json.loads(kith(journal, "referrals", "--format", "json").output)
    assert data == REFERRALS


def test_referrals_not_available(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "referral_data", lambda referrals: {"send_to": []})
    result = kith(journal, "referrals")
    assert result.output == (
        "I could vouch for\n(not available)\n\n"
        "I could almost vouch for\n(not available)\n\n"
        "I could send a referral to (0)\nNone.\n\n"
        "Who could vouch for me\n(not available)\n"
    )
    data = json.loads(kith(journal, "referrals", "--format", "json").output)
    assert data == {"vouch_for": None, "near_vouch": None, "send_to": [], "vouch_for_me": None}


def test_referrals_with_the_real_export(journal: Path) -> None:
    """Whatever referral_data holds today, the command prints every section and exits 0."""
    result = kith(journal, "referrals")
    assert result.exit_code == 0
    for title in ("I could vouch for", "I could almost vouch for", "Who could vouch for me"):
        assert title in result.output


def test_views_report_a_bad_today(journal: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(journal), "--today", "soon", "today"])
    assert (result.exit_code, result.output) == (
        1,
        "Error: --today 'soon' is not a date: use YYYY-MM-DD\n",
    )


def test_editor_links_have_one_slash_before_an_absolute_path() -> None:
    from kithbook.render.text import editor_href

    href = editor_href("vscode://file/{abs_path}:{line}", "/home/me/kith", "contacts/a.md", 3)
    assert href == "vscode://file/home/me/kith/contacts/a.md:3"
    assert editor_href("idea://open?file={abs_path}&line={line}", "/j", "a.md", 1) == (
        "idea://open?file=/j/a.md&line=1"
    )


def test_show_says_when_the_contact_file_is_broken(write_journal: WriteJournal) -> None:
    root = write_journal(
        {
            "contacts/ada-lovelace.md": "---\nname: Ada Lovelace\ncompany: [unclosed\n---\n",
            "contacts/grace-hopper.md": "---\nname: Grace Hopper\n---\n",
        }
    )
    result = kith(root, "show", "ada")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: contacts/ada-lovelace.md is broken (line 4: unreadable YAML"
    )
    assert result.output.endswith("fix it, then try again (kith check lists every problem)\n")
    assert kith(root, "show", "alan").output == "Error: no contact matches 'alan'\n"
