"""The files of a new, empty journal (`kith init`), as text: nothing here touches the disk."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap

from .write import dump_yaml, safe_scalar

HOOK_FILE = "hooks/kithbook_hook.py"
# Exactly the repository's hooks/kithbook_hook.py (a test keeps the two the same).
HOOK_TEXT = (
    '"""MkDocs hook file named in mkdocs.yml `hooks:`; '
    'the adapter itself is kithbook.adapter.hook."""\n'
    "\n"
    "from kithbook.adapter.hook import *  # noqa: F403  (every event the adapter handles)\n"
)

# Git keeps no empty folders, and MkDocs refuses a `watch:` path or docs_dir that is missing.
KEEP = ".gitkeep"
FOLDERS = ("contacts", "journal", "docs")

MKDOCS_YML = """\
# kithbook: a private networking journal. This site is built from contacts/ and journal/.
site_name: {site_name}
site_description: A private networking journal
docs_dir: docs
site_dir: site
# No repo_url on purpose: with it, Material's header calls the GitHub API from the browser.
use_directory_urls: true

theme:
  name: material
  font: false            # no Google Fonts: the site makes no request to another host
  language: en
  features:
    - search.highlight
    - navigation.top
  palette:
    - scheme: default
      primary: indigo
      toggle:
        icon: material/weather-night
        name: Dark mode
    - scheme: slate
      primary: indigo
      toggle:
        icon: material/weather-sunny
        name: Light mode

hooks:
  - {hook}

watch:
  - contacts
  - journal

plugins:
  - search

markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - admonition
  - toc:
      permalink: true

validation:
  omitted_files: ignore
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn

nav:
  - This week: index.md
  - People: people/index.md
  - Journal: journal/index.md
  - Referrals: referrals.md
  - Companies: companies/index.md
  - Fortify: fortify.md
  - Giving ledger: ledger.md
  - What changed: changes.md
  - Tags: tags.md
  - Errors: errors.md
  - Imports: imports.md
  - Help:
      - Journal format: journal-format.md
      - How scores work: how-scores-work.md
      - Settings: settings.md
      - Command line: cli.md

extra:
  generator: false
  kithbook:
    owner: {owner}
"""

GITIGNORE = """\
# The built site holds everything in this journal: never commit or publish it.
site/
__pycache__/
# Temporary files of a kith command that was interrupted; the next one removes them.
.*.kithbook-*.tmp
# What an interrupted `kith import` left behind (the next import removes it).
.kithbook/tmp/
"""

README = """\
# {title}

A private networking journal, kept as plain text with kithbook.

- `contacts/<slug>.md`: one file per person (YAML front matter, then notes).
- `journal/YYYY/YYYY-MM-DD-<words>.md`: one file per interaction or note.
- `kith new "Ada Lovelace"`, `kith log ada --kind call -m "…"`, `kith today`, `kith check`.
- `mkdocs serve` shows the private site on your own machine; `site/` is never committed.
- `kith` and `mkdocs` live in the virtual environment kithbook was installed into: in a
  new shell, activate it first (for example `. ~/kith-venv/bin/activate`). ProperDocs works
  too: `properdocs serve -f mkdocs.yml`.

Keep this repository private: it is about other people.
"""


def yaml_scalar(text: str) -> str:
    """`text` as one YAML scalar, quoted where needed."""
    return dump_yaml(CommentedMap(v=safe_scalar(text))).removeprefix("v: ").rstrip("\n")


def site_title(owner: str) -> str:
    return "My kithbook" if owner == "me" else f"{owner}'s kithbook"


def journal_files(owner: str) -> dict[str, str]:
    """Path → text of every file of a new journal, in the order they are reported."""
    files = {
        "mkdocs.yml": MKDOCS_YML.format(
            site_name=yaml_scalar(site_title(owner)), hook=HOOK_FILE, owner=yaml_scalar(owner)
        ),
        HOOK_FILE: HOOK_TEXT,
    }
    files.update({f"{folder}/{KEEP}": "" for folder in FOLDERS})
    files[".gitignore"] = GITIGNORE
    files["README.md"] = README.format(title=site_title(owner))
    return files
