"""Any cells under any known header: the import reports problems, never raises."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kithbook.imports.linkedin.plan import plan_import
from kithbook.imports.linkedin.read import SPECS, read_export
from kithbook.imports.linkedin.snapshot import IMPORT_FIELDS, ContactSnapshot, JournalSnapshot
from kithbook.imports.linkedin.state import ImportState

CELLS = st.one_of(
    st.sampled_from(
        [
            "", "Jane", "Doe", "Sam Lee", "https://www.linkedin.com/in/janedoe",
            "www.linkedin.com/in/sam-lee-1", "urn:li:member:12", "01 Jan 1026", "31 Dec 9999",
            "2025-03-04 10:00:00 UTC", "2024/11/30 10:11:12 UTC", "9/25/26, 8:52 AM", "0/0/00",
            "INBOX", "SPAM", "ARCHIVE", "INCOMING", "OUTGOING", "VISIBLE", "ACCEPTED", "Yes",
            "c1", "g1", "Jane Doe, Sam Lee", "<script>x</script>", "\x00", "a\nb", '"',
        ]
    ),
    st.text(max_size=12),
)  # fmt: skip
EMPTY = JournalSnapshot({}, frozenset(), frozenset(), frozenset(), {})


def contact(slug: str, name: str, link: str | None = None) -> ContactSnapshot:
    values: dict[str, str | None] = dict.fromkeys(IMPORT_FIELDS)
    values |= {"name": name, "links.linkedin": link}
    return ContactSnapshot(slug, f"contacts/{slug}.md", values)


# Same-named contacts with and without links: the cases where a wrong match could happen.
SOME = JournalSnapshot(
    {
        "jane-doe": contact("jane-doe", "Jane Doe", "https://www.linkedin.com/in/janedoe"),
        "sam-lee": contact("sam-lee", "Sam Lee"),
        "sam-lee-2": contact("sam-lee-2", "Sam Lee"),
        "doe": contact("doe", "Doe"),
    },
    frozenset({"jane-doe", "sam-lee", "sam-lee-2", "doe"}),
    frozenset(),
    frozenset(),
    {},
)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_rows_are_reported_never_raised(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for spec in SPECS:
            _, header = data.draw(st.sampled_from(spec.generations))
            width = header.count(",") + 1
            rows = data.draw(st.lists(st.lists(CELLS, min_size=width, max_size=width), max_size=6))
            out = io.StringIO()
            csv.writer(out).writerows([header.split(","), *rows])
            (root / spec.file).write_text(out.getvalue(), encoding="utf-8")
        export = read_export(root)
        journal = data.draw(st.sampled_from([EMPTY, SOME]))
        plan = plan_import(export, journal, ImportState(), dt.date(2026, 11, 22))
        for problem in (*plan.skipped, *plan.notes, *export.errors):
            assert str(problem).split(":", 1)[0].endswith(".csv")
