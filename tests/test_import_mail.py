"""`kith import mail`: a Takeout/Thunderbird mbox, exactly; skips, re-runs, hand edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from kithbook.imports.mail.read import read_heads
from kithbook.writing import write as write_module

from .import_helpers import FIXTURES, kith, make_journal, tree, without_runs

MBOX = FIXTURES / "takeout.mbox"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return make_journal(tmp_path / "j")


def entry(date: str, slug: str, by: str, counts: str, subjects: str = "") -> str:
    return (
        f"---\ndate: {date}\nwith: [{slug}]\nkind: message\ninitiated_by: {by}\n---\n\n"
        f"Imported from mail: {counts}.\n" + (f"\n{subjects}\n" if subjects else "")
    )


EXPECTED = {
    "journal/2026/2026-11-03-mail-with-ada-lovelace.md": entry(
        "2026-11-03", "ada-lovelace", "them", "2 messages (1 from me, 1 from them)"
    ),
    "journal/2026/2026-11-05-mail-with-grace-hopper.md": entry(
        "2026-11-05", "grace-hopper", "me", "1 message (1 from me, 0 from them)"
    ),
    "journal/2026/2026-11-05-mail-with-zoe-novakova.md": entry(
        "2026-11-05", "zoe-novakova", "me", "1 message (1 from me, 0 from them)"
    ),
    # 23:30 at -08:00: the day as the sender's Date header gives it
    "journal/2026/2026-11-10-mail-with-ada-lovelace.md": entry(
        "2026-11-10", "ada-lovelace", "them", "1 message (0 from me, 1 from them)"
    ),
}
SKIPPED = [
    f"{MBOX}:39: skipped: message 4: a mailing list (List-Id)",
    f"{MBOX}:49: skipped: message 5: bulk mail (Precedence: bulk)",
    f"{MBOX}:59: skipped: message 6: an automated sender (noreply@github.com)",
    f"{MBOX}:68: skipped: message 7: 12 recipients (more than mail_max_recipients, 10)",
    f"{MBOX}:77: skipped: message 8: from bob@unknown.example: not a contact",
    f"{MBOX}:86: skipped: message 9: the same Message-ID as message 1",
    f"{MBOX}:95: skipped: message 10: no readable Date",
    f"{MBOX}:103: skipped: message 11: dated 2026-11-25, after today",
    f"{MBOX}:112: skipped: message 12: automated (Auto-Submitted: auto-replied)",
]


def test_first_import_exactly(journal: Path) -> None:
    result = kith(journal, "import", "mail", str(MBOX))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        *SKIPPED,
        "Imported from mail: 4 created (4 entries), 0 updated, 0 unchanged, 9 skipped.",
    ]
    made = {k: v.decode() for k, v in tree(journal).items() if k.startswith("journal/")}
    assert made == EXPECTED
    assert "Coffee" not in "".join(made.values())  # no subjects unless asked
    assert "Shall we" not in (journal / ".kithbook/mail.json").read_text(encoding="utf-8")
    assert kith(journal, "check").exit_code == 0


def test_subjects_only_when_asked_and_never_bodies(journal: Path) -> None:
    assert kith(journal, "import", "mail", str(MBOX), "--subjects").exit_code == 0
    text = (journal / "journal/2026/2026-11-05-mail-with-zoe-novakova.md").read_text("utf-8")
    assert text.endswith("(1 from me, 0 from them).\n\n- Intro: Zoë &lt;&gt; Grace\n")
    ada = (journal / "journal/2026/2026-11-03-mail-with-ada-lovelace.md").read_text("utf-8")
    assert ada.endswith("\n\n- Coffee ☕?\n- Re: Coffee?\n")
    everything = b"".join(tree(journal).values()).decode()
    assert "Shall we" not in everything and "Introducing you two" not in everything


def test_the_owner_is_needed_and_recipients_are_limited(journal: Path) -> None:
    (journal / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    result = kith(journal, "import", "mail", str(MBOX))
    assert result.exit_code == 1
    assert "your own addresses are unknown" in result.output
    result = kith(journal, "import", "mail", str(MBOX), "--me", "jordan@example.com",
                  "--max-recipients", "12", "--dry-run")  # fmt: skip
    assert f"{MBOX}:68: skipped" not in result.output
    assert "would create journal/2026/2026-11-07-mail-with-ada-lovelace.md" in result.output


def test_second_run_changes_nothing(journal: Path) -> None:
    kith(journal, "import", "mail", str(MBOX))
    before = tree(journal)
    result = kith(journal, "import", "mail", str(MBOX))
    assert result.output.splitlines()[-1] == (
        "Imported from mail: 0 created, 0 updated, 4 unchanged, 9 skipped."
    )
    assert tree(journal) == before


def test_a_bigger_archive_updates_only_untouched_entries(journal: Path, tmp_path: Path) -> None:
    kith(journal, "import", "mail", str(MBOX))
    edited = journal / "journal/2026/2026-11-10-mail-with-ada-lovelace.md"
    edited.write_text(
        edited.read_text("utf-8").replace("Imported from mail", "She agreed. Imported"), "utf-8"
    )
    more = tmp_path / "more.mbox"
    extra = (
        "\nFrom x Tue Nov 03 18:00:00 2026\nMessage-ID: <a9@engines.example>\n"
        "Date: Tue, 3 Nov 2026 18:00:00 +0000\nFrom: ada@example.com\n"
        "To: jordan@example.com\nSubject: One more\n\nBody.\n"
        "\nFrom x Tue Nov 10 18:00:00 2026\nMessage-ID: <a10@engines.example>\n"
        "Date: Tue, 10 Nov 2026 18:00:00 -0800\nFrom: jordan@example.com\n"
        "To: ada@example.com\nSubject: Re: Late thought\n\nBody.\n"
    )
    more.write_text(MBOX.read_text("utf-8") + extra, "utf-8")
    before = edited.read_bytes()
    result = kith(journal, "import", "mail", str(more))
    assert result.exit_code == 0
    assert (
        "updated journal/2026/2026-11-03-mail-with-ada-lovelace.md: notes the import wrote, "
        "rewritten" in result.output
    )
    assert (journal / "journal/2026/2026-11-03-mail-with-ada-lovelace.md").read_text(
        "utf-8"
    ) == entry("2026-11-03", "ada-lovelace", "them", "3 messages (1 from me, 2 from them)")
    # The hand-edited day keeps its words; initiated_by, untouched, follows the mail: I wrote
    # first that day now.
    assert edited.read_bytes() == before.replace(b"initiated_by: them", b"initiated_by: me")
    assert b"She agreed. Imported: 1 message" in before


def test_a_malformed_file_is_an_error_and_writes_nothing(journal: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x.mbox"
    bad.write_text("Subject: hello\n\nNot an mbox.\n", encoding="utf-8")
    before = tree(journal)
    result = kith(journal, "import", "mail", str(bad))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {bad}:1: not an mbox file (a message must start with a 'From ' line)\n"
    )
    assert tree(journal) == before


def test_an_import_killed_half_way_leaves_whole_files_and_a_re_run_completes(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = make_journal(tmp_path / "clean")
    kith(clean, "import", "mail", str(MBOX))
    real = write_module._link_new
    calls = {"n": 0}

    def killed(temp: Path, path: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real(temp, path)

    monkeypatch.setattr(write_module, "_link_new", killed)
    kith(journal, "import", "mail", str(MBOX))
    monkeypatch.setattr(write_module, "_link_new", real)
    half = {k: v.decode() for k, v in tree(journal).items() if k.startswith("journal/")}
    assert len(half) == 2 and all(EXPECTED[k] == v for k, v in half.items())
    assert not list(journal.rglob(".*.tmp"))
    assert kith(journal, "import", "mail", str(MBOX)).exit_code == 0
    assert without_runs(tree(journal)) == without_runs(tree(clean))


def test_headers_are_streamed(tmp_path: Path) -> None:
    heads = read_heads(MBOX, "takeout.mbox")
    first = next(heads)
    assert (first.number, first.line, first.subject) == (1, 1, "Coffee ☕?")
    assert first.recipients[0].email == "jordan@example.com"
    rest = list(heads)
    assert [h.line for h in rest[:2]] == [16, 26]  # ">From" and a mid-body "From " kept inside
    assert rest[1].recipients[0].name == "Zoë Nováková"
    assert len(rest) == 12
    assert list(read_heads(_empty(tmp_path), "empty.mbox")) == []


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.mbox"
    path.write_bytes(b"")
    return path
