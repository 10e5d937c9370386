"""The line chart is drawn inside its frame for any data: negative values, a single point,
all zeros, very large numbers; its labels fit their margins (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kithbook.render import charts

NS = {"svg": "http://www.w3.org/2000/svg"}
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
START = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class Drawn:
    width: float
    height: float
    left: float  # the frame, from the axis line: x from left to right, y from top to bottom
    right: float
    top: float
    bottom: float
    points: list[tuple[float, float]]
    texts: list[ET.Element]
    root: ET.Element


def draw(values: list[float], top: float | None = None, height: int = 160) -> Drawn:
    dates = [START + dt.timedelta(days=30 * i) for i in range(len(values))]
    html = charts.line_chart(dates, values, "Balance", height=height, top=top)
    svg = re.search(r"<svg.*</svg>", html, re.DOTALL)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    _, _, width, view_height = (float(n) for n in root.attrib["viewBox"].split())
    axis = root.find("svg:line", NS)
    assert axis is not None
    polyline = root.find("svg:polyline", NS)
    assert polyline is not None
    points = [
        (float(x), float(y))
        for x, y in (pair.split(",") for pair in polyline.attrib["points"].split())
    ]
    return Drawn(
        width=width,
        height=view_height,
        left=float(axis.attrib["x1"]),
        right=float(axis.attrib["x2"]),
        top=charts.PAD_TOP,
        bottom=float(axis.attrib["y1"]),
        points=points,
        texts=root.findall("svg:text", NS),
        root=root,
    )


def text_box(text: ET.Element) -> tuple[float, float, float, float]:
    """Left, right, top and bottom of a label, with CHAR_WIDTH per character."""
    x, y = float(text.attrib["x"]), float(text.attrib["y"])
    width = charts.CHAR_WIDTH * len(text.text or "")
    anchor = text.attrib.get("text-anchor", "start")
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, left + width, y - 8, y


def assert_inside(drawn: Drawn) -> None:
    for x, y in drawn.points:
        assert drawn.left - 0.05 <= x <= drawn.right + 0.05, (x, drawn)
        assert drawn.top - 0.05 <= y <= drawn.bottom + 0.05, (y, drawn)
    for text in drawn.texts:
        left, right, top, bottom = text_box(text)
        assert left >= 0 and right <= drawn.width, text.text
        assert top >= 0 and bottom <= drawn.height, text.text
    for text in drawn.texts[:2]:  # the scale's labels: in the left margin, before the frame
        assert text_box(text)[1] <= drawn.left, text.text
    for element in drawn.root.iter():
        for name in ("x", "x1", "x2", "cx"):
            if name in element.attrib:
                assert 0 <= float(element.attrib[name]) <= drawn.width
        for name in ("y", "y1", "y2", "cy"):
            if name in element.attrib:
                assert 0 <= float(element.attrib[name]) <= drawn.height


finite = st.floats(allow_nan=False, allow_infinity=False)
ordinary = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda v: round(v, 2))


@FAST
@given(st.lists(st.one_of(finite, ordinary), min_size=1, max_size=60))
@example([0.0])
@example([0.0] * 12)
@example([-4.0, -6.0, -5.0, 0.0, 3.0])
@example([1258.5, 1100.0])
@example([123456.78, -98765.43])
@example([1e300, -1e300])
@example([5e-324, 0.0])
def test_every_mark_is_inside_the_frame(values: list[float]) -> None:
    assert_inside(draw(values))


@FAST
@given(st.lists(st.one_of(finite, ordinary), min_size=1, max_size=30))
def test_with_a_fixed_top_too(values: list[float]) -> None:
    """Strength charts: 0 to 100; a value above the top is drawn at the top."""
    assert_inside(draw(values, top=100, height=120))


@FAST
@given(st.lists(ordinary, min_size=2, max_size=40))
def test_higher_values_are_drawn_higher(values: list[float]) -> None:
    drawn = draw(values)
    ys = [y for _, y in drawn.points]
    for i, a in enumerate(values):
        for j, b in enumerate(values):
            if a < b:
                assert ys[i] >= ys[j], (a, b, ys[i], ys[j])


@FAST
@given(st.lists(ordinary, min_size=2, max_size=40))
def test_negative_values_are_below_the_zero_line(values: list[float]) -> None:
    drawn = draw(values)
    lines = drawn.root.findall("svg:line", NS)
    if min(values) < 0:
        assert len(lines) == 2  # the axis at the bottom, a line at 0
        zero = float(lines[1].attrib["y1"])
        assert drawn.top <= zero <= drawn.bottom
    else:
        assert len(lines) == 1
        zero = drawn.bottom
    for value, (_, y) in zip(values, drawn.points, strict=True):
        if value < 0:
            assert y >= zero
        elif value > 0:
            assert y <= zero


def test_the_ledger_balance_goes_below_zero_and_back() -> None:
    drawn = draw([0.0, -4.0, -6.0, -6.0, -2.0, 3.0])
    labels = [t.text for t in drawn.texts]
    assert labels[:2] == ["3", "-6"]
    ys = [y for _, y in drawn.points]
    assert ys[2] == ys[3] == drawn.bottom  # the lowest value on the frame's bottom line
    assert ys[5] == drawn.top  # the highest on its top
    assert ys[0] < ys[1] < ys[2]
    assert "-6 at the lowest" in drawn.root.attrib["aria-label"]


def test_labels_of_five_characters_or_more_get_room() -> None:
    for values in ([1258.5, 900.0], [99999.0], [-12345.6, 10.0]):
        drawn = draw(values)
        assert text_box(drawn.texts[0])[0] >= 0 and text_box(drawn.texts[1])[0] >= 0


def test_a_single_point_is_a_dot_in_the_middle() -> None:
    drawn = draw([7.0])
    dots = drawn.root.findall("svg:circle", NS)
    assert len(dots) == 1
    assert float(dots[0].attrib["cx"]) == round((drawn.left + drawn.right) / 2, 1)
    assert [t.text for t in drawn.texts] == ["7", "0", "Jan 2025"]


def test_all_zeros_lie_on_the_axis() -> None:
    drawn = draw([0.0] * 6)
    assert {y for _, y in drawn.points} == {drawn.bottom}
    assert [t.text for t in drawn.texts][:2] == ["1", "0"]


def test_very_large_numbers_are_labelled_short() -> None:
    assert charts.number_label(1258.5) == "1258.5"
    assert charts.number_label(2_500_000) == "2.5M"
    assert charts.number_label(-7.25e9) == "-7.25G"
    assert charts.number_label(3e14) == "300T"
    drawn = draw([3e14, 1e14])
    assert [t.text for t in drawn.texts][:2] == ["300T", "0"]


def test_non_negative_charts_keep_their_old_drawing() -> None:
    """Charts with short labels and no value below 0 are drawn exactly as before."""
    html = charts.line_chart([START, dt.date(2025, 2, 1)], [0.0, 50.0], "S", top=100)
    assert (
        '<line x1="36" y1="138" x2="632" y2="138" stroke="var(--md-default-fg-color--lighter, '
        '#999)"/><text x="32" y="18" text-anchor="end" font-size="10" fill="currentColor">100'
        '</text><text x="32" y="138" text-anchor="end" font-size="10" fill="currentColor">0'
        '</text><polygon points="36,138 36.0,138.0 632.0,74.0 632.0,138"'
    ) in html
