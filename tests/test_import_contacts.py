"""`kith import contacts`: Google, Apple and Outlook vCards, exactly; re-runs and conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kithbook.imports.vcard.read import VCardError, read_vcards
from kithbook.writing import write as write_module

from .import_helpers import FIXTURES, kith, make_journal, tree, without_runs

GOOGLE = FIXTURES / "google.vcf"
APPLE = FIXTURES / "apple.vcf"
OUTLOOK = FIXTURES / "outlook.vcf"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return make_journal(tmp_path / "j")


AFTER_GOOGLE = {
    "contacts/ada-lovelace.md": """\
---
name: Ada Lovelace
company: Analytical Engines
title: Head of Research
birthday: 1815-12-10
links:
  email: ada@example.com
  work: mailto:ada@engines.example
  email2: ada.lovelace@engines.example
  mobile: +44 7700 900123
  linkedin: https://www.linkedin.com/in/ada-lovelace
---
Met at the Difference Engine demo.
""",
    "contacts/grace-hopper.md": """\
---
name: Grace Hopper
company: US Navy
title: Rear Admiral
birthday: 1906-12-09
links:
  email: grace@navy.example
---
""",
    "contacts/katherine-johnson.md": """\
---
name: Katherine Johnson
company: NASA, Langley
title: Mathematician
links:
  email: kj@nasa.example
  email2: katherine@home.example
  phone: +1 757 555 0100
  website: https://example.org/katherine
---
""",
    "contacts/li-xiao-long.md": """\
---
name: 李小龙
company: 北京科技
links:
  email: li@example.cn
  phone: +86 10 1234 5678
---
""",
    "contacts/zoe-novakova.md": """\
---
name: Zoë Nováková
company: Helix Bio
title: Engineering Manager
birthday: --02-29
links:
  email: zoe@example.org
---
""",
}


def test_google_contacts_exactly(journal: Path) -> None:
    result = kith(journal, "import", "contacts", str(GOOGLE))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{GOOGLE}:49: skipped: no name (FN and N are empty)",
        f"{GOOGLE}:1: note: conflict: contacts/ada-lovelace.md has company 'Analytical "
        "Engines', the card 'Analytical Engines Ltd': kept yours",
        f"{GOOGLE}:41: note: the same person as the card at line 32: merged",
        "updated contacts/ada-lovelace.md: title (empty) → 'Head of Research'; birthday (empty)"
        " → '1815-12-10'; links.email2 (empty) → 'ada.lovelace@engines.example'; links.mobile "
        "(empty) → '+44 7700 900123'; links.linkedin (empty) → "
        "'https://www.linkedin.com/in/ada-lovelace'",
        "updated contacts/zoe-novakova.md: company (empty) → 'Helix Bio'; title (empty) → "
        "'Engineering Manager'; birthday (empty) → '--02-29'",
        "updated contacts/grace-hopper.md: company (empty) → 'US Navy'; title (empty) → "
        "'Rear Admiral'; birthday (empty) → '1906-12-09'; links.email (empty) → "
        "'grace@navy.example'",
        "Imported from the address book: 2 created (2 contacts), 3 updated, 0 unchanged, "
        "1 skipped.",
    ]
    files = {k: v.decode() for k, v in tree(journal).items() if k.startswith("contacts/")}
    assert files == AFTER_GOOGLE
    assert kith(journal, "check").exit_code == 0


def test_apple_and_outlook_cards(journal: Path) -> None:
    result = kith(journal, "import", "contacts", str(APPLE))
    assert result.output.splitlines() == [
        f"{APPLE}:18: skipped: a contact group, not a person",
        "Imported from the address book: 1 created (1 contact), 0 updated, 0 unchanged, 1 skipped.",
    ]
    assert (journal / "contacts/alan-turing.md").read_text(encoding="utf-8") == (
        "---\nname: Alan Turing\ncompany: Government Code and Cypher School\n"
        "title: Cryptanalyst\nbirthday: --06-23\nlinks:\n  email: alan@bletchley.example\n"
        "  mobile: +44 20 7946 0001\n  linkedin: https://www.linkedin.com/in/alan-turing\n"
        "  website: https://example.org/a-very-long-address-that-apple-folds-across-two-lines\n"
        "---\n"
    )
    assert kith(journal, "import", "contacts", str(OUTLOOK)).exit_code == 0
    assert (journal / "contacts/jurgen-muller.md").read_text(encoding="utf-8") == (
        "---\nname: Jürgen Müller\ncompany: Grüne Energie GmbH\ntitle: Sales Director\n"
        "birthday: 1975-03-15\nlinks:\n  email: juergen@gruene.example\n"
        "  phone: +49 30 1234567\n  mobile: +49 170 1234567\n---\n"
    )


def test_second_run_changes_nothing(journal: Path) -> None:
    kith(journal, "import", "contacts", str(GOOGLE))
    before = tree(journal)
    result = kith(journal, "import", "contacts", str(GOOGLE))
    assert result.output.splitlines()[-1] == (
        "Imported from the address book: 0 created, 0 updated, 5 unchanged, 1 skipped."
    )
    assert tree(journal) == before


def test_a_newer_card_follows_only_what_was_not_edited(journal: Path, tmp_path: Path) -> None:
    kith(journal, "import", "contacts", str(GOOGLE))
    katherine = journal / "contacts/katherine-johnson.md"
    katherine.write_text(
        katherine.read_text(encoding="utf-8").replace(
            "title: Mathematician", "title: Research mathematician  # my words"
        )
        + "\nShe computed the trajectories.\n",
        encoding="utf-8",
    )
    newer = tmp_path / "newer.vcf"
    text = GOOGLE.read_text(encoding="utf-8")
    text = text.replace("TITLE:Mathematician", "TITLE:Aerospace technologist")
    newer.write_text(text.replace("ORG:Helix Bio", "ORG:Helix Biotech"), encoding="utf-8")
    result = kith(journal, "import", "contacts", str(newer))
    assert result.exit_code == 0
    assert "updated contacts/zoe-novakova.md: company 'Helix Bio' → 'Helix Biotech'" in (
        result.output
    )
    assert (
        f"{newer}:32: note: conflict: contacts/katherine-johnson.md has title 'Research "
        "mathematician', the card 'Aerospace technologist': kept yours"
    ) in result.output
    assert "title: Research mathematician  # my words" in katherine.read_text(encoding="utf-8")
    assert katherine.read_text(encoding="utf-8").endswith("\nShe computed the trajectories.\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Name,Email\nAda,ada@example.com\n", "x.vcf:1: not a vCard file"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n", "x.vcf:1: the card is not closed"),
        ("BEGIN:VCARD\nFN Ada\nEND:VCARD\n", "x.vcf:2: not a vCard line (NAME:value)"),
        ("BEGIN:VCARD\nEND:VCARD\nFN:Ada\n", "x.vcf:3: text outside BEGIN:VCARD"),
    ],
)
def test_a_malformed_file_is_an_error_and_writes_nothing(
    journal: Path, tmp_path: Path, text: str, message: str
) -> None:
    bad = tmp_path / "x.vcf"
    bad.write_text(text, encoding="utf-8")
    before = tree(journal)
    result = kith(journal, "import", "contacts", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path}/{message}")
    assert tree(journal) == before


def test_an_import_killed_half_way_leaves_whole_files_and_a_re_run_completes(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = make_journal(tmp_path / "clean")
    kith(clean, "import", "contacts", str(GOOGLE))
    real = write_module._link_new

    def killed(temp: Path, path: Path) -> None:
        if path.name == "katherine-johnson.md":
            raise KeyboardInterrupt
        real(temp, path)

    monkeypatch.setattr(write_module, "_link_new", killed)
    kith(journal, "import", "contacts", str(GOOGLE))
    monkeypatch.setattr(write_module, "_link_new", real)
    li = "contacts/li-xiao-long.md"
    assert (journal / li).read_text(encoding="utf-8") == AFTER_GOOGLE[li]  # whole
    assert not (journal / "contacts/katherine-johnson.md").exists()
    assert not list(journal.rglob(".*.tmp"))
    assert kith(journal, "import", "contacts", str(GOOGLE)).exit_code == 0
    assert without_runs(tree(journal)) == without_runs(tree(clean))


def test_quoted_printable_and_folding_are_decoded(tmp_path: Path) -> None:
    card = tmp_path / "qp.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Fran=E7oise =\r\nDupont\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab\r\n"
        b"TITLE:Directrice \\, ventes\r\n  et march\xc3\xa9s\r\nEND:VCARD\r\n"
    )
    (only,) = read_vcards(card, "qp.vcf").cards
    assert only.name == "Françoise Dupont"
    assert only.title == "Directrice , ventes et marchés"
    with pytest.raises(VCardError):
        read_vcards(tmp_path / "none.vcf", "none.vcf")
