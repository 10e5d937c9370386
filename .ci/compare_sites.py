"""CI: the site ProperDocs builds carries the same journal as the one MkDocs builds.

Usage: python .ci/compare_sites.py MKDOCS_SITE PROPERDOCS_SITE CONTACTS_DIR
kithbook.json must be identical, every contact must have a page in both, and both sites
must hold the same set of generated pages.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(mkdocs_site: Path, properdocs_site: Path, contacts: Path) -> int:
    problems: list[str] = []
    if (mkdocs_site / "kithbook.json").read_bytes() != (
        properdocs_site / "kithbook.json"
    ).read_bytes():
        problems.append("kithbook.json differs between the MkDocs and ProperDocs builds")
    for contact in sorted(contacts.glob("*.md")):
        for site in (mkdocs_site, properdocs_site):
            if not (site / "people" / contact.stem / "index.html").is_file():
                problems.append(f"{site}: no page for {contact}")

    def pages(site: Path) -> set[str]:
        return {str(p.relative_to(site)) for p in site.rglob("*.html")}

    only = pages(mkdocs_site) ^ pages(properdocs_site)
    problems.extend(f"only one site has {name}" for name in sorted(only))
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        count = len(pages(mkdocs_site))
        print(f"ProperDocs and MkDocs sites match: kithbook.json identical, {count} pages each")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
