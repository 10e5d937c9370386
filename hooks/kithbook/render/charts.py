"""Static SVG charts drawn at build time, each with a text equivalent for screen readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .text import attr

_SERIES = "var(--md-primary-fg-color, #4051b5)"
_MUTED = "var(--md-default-fg-color--lighter, #999)"
CHAR_WIDTH = 6  # room for one character of the 10 px labels (digits are about 5.6 px wide)
PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 8, 10, 22  # the line chart's frame inside its margins


def _figure(svg: str, caption: str, description: str, css: str) -> str:
    """An HTML block Markdown passes through untouched: the SVG plus its text equivalent."""
    return (
        f'<figure class="kb-chart {css}">'
        f"{svg}"
        f'<figcaption>{attr(caption)}<span class="kb-sr-only"> {attr(description)}</span>'
        "</figcaption></figure>"
    )


def number_label(value: float) -> str:
    """A short label for a value: as written below a million, then in millions (M),
    billions (G) or trillions (T), to three digits."""
    for size, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:g}"


def _text(x: float, y: float, label: str, anchor: str = "") -> str:
    anchored = f' text-anchor="{anchor}"' if anchor else ""
    return (
        f'<text x="{x:g}" y="{y:g}"{anchored} font-size="10" fill="currentColor">'
        f"{attr(label)}</text>"
    )


def line_chart(
    dates: Sequence[dt.date],
    values: Sequence[float],
    title: str,
    width: int = 640,
    height: int = 160,
    top: float | None = None,
) -> str:
    """A line chart of values over dates (monthly points), labelled at the first and last.

    The scale runs from 0, or from the lowest value when one is below 0 (with a line at 0),
    to `top` (by default the highest value, at least 1); a value above `top` is drawn at
    the top. The left margin is as wide as its longest label needs. A single value is a dot.
    """
    if not values:
        return ""
    low = min(0.0, min(values))
    high = top if top is not None else max(max(values), 1.0)
    if not high > low:
        high = low + 1.0
    high_label, low_label = number_label(high), number_label(low)
    pad_l = max(36, 8 + CHAR_WIDTH * max(len(high_label), len(low_label)))
    pad_r, pad_t = PAD_RIGHT, PAD_TOP
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - PAD_BOTTOM
    base = pad_t + inner_h
    scale = max(abs(high), abs(low))  # divided by first: no overflow for any finite values

    def y(v: float) -> float:
        v = min(max(v, low), high)
        return pad_t + inner_h * ((high / scale - v / scale) / (high / scale - low / scale))

    step = inner_w / max(1, len(values) - 1)
    xs = [pad_l + i * step for i in range(len(values))]
    if len(values) == 1:
        xs = [pad_l + inner_w / 2]
    points = " ".join(f"{x:.1f},{y(v):.1f}" for x, v in zip(xs, values, strict=True))
    zero = base if low == 0 else round(y(0.0), 1)
    area = f"{pad_l if len(xs) > 1 else xs[0]:g},{zero:g} {points} {xs[-1]:.1f},{zero:g}"
    first, last = dates[0], dates[-1]
    description = (
        f"{title}: {values[0]:g} in {first:%B %Y}, {max(values):g} at the highest, "
        f"{min(values):g} at the lowest, {values[-1]:g} now ({last})."
    )
    parts = [
        f'<line x1="{pad_l}" y1="{base}" x2="{width - pad_r}" y2="{base}" stroke="{_MUTED}"/>',
        _text(pad_l - 4, pad_t + 8, high_label, "end"),
        _text(pad_l - 4, base, low_label, "end"),
    ]
    if low < 0:
        parts.append(
            f'<line x1="{pad_l}" y1="{zero:g}" x2="{width - pad_r}" y2="{zero:g}" '
            f'stroke="{_MUTED}" stroke-dasharray="4 3"/>'
        )
        if pad_t + 8 + 12 <= zero + 3 <= base - 12:  # clear of the other two labels
            parts.append(_text(pad_l - 4, zero + 3, "0", "end"))
    parts += [
        f'<polygon points="{area}" fill="{_SERIES}" fill-opacity="0.12"/>',
        f'<polyline points="{points}" fill="none" stroke="{_SERIES}" stroke-width="2"/>',
    ]
    if len(values) == 1:
        parts.append(f'<circle cx="{xs[0]:.1f}" cy="{y(values[0]):.1f}" r="3" fill="{_SERIES}"/>')
        parts.append(_text(xs[0], height - 6, f"{first:%b %Y}", "middle"))
    else:
        parts.append(_text(pad_l, height - 6, f"{first:%b %Y}"))
        parts.append(_text(width - pad_r, height - 6, f"{last:%b %Y}", "end"))
    svg = (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{attr(description)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{attr(title)}</title>" + "".join(parts) + "</svg>"
    )
    return _figure(svg, title, description, "kb-line")


def tier_circles(counts: Sequence[int], sizes: Sequence[int], names: Sequence[str]) -> str:
    """Concentric Dunbar circles: people per tier against the layer sizes (cumulative)."""
    width = height = 320
    centre = width / 2
    rings = len(sizes)
    parts = []
    cumulative = 0
    lines = []
    for i in reversed(range(rings)):
        radius = 20 + (centre - 24) * (i + 1) / rings
        parts.append(
            f'<circle cx="{centre}" cy="{centre}" r="{radius:.1f}" fill="{_SERIES}" '
            f'fill-opacity="{0.08 + 0.1 * (rings - i) / rings:.2f}" stroke="{_SERIES}" '
            'stroke-opacity="0.5"/>'
        )
    for i in range(rings):
        cumulative += counts[i]
        radius = 20 + (centre - 24) * (i + 1) / rings
        parts.append(
            f'<text x="{centre}" y="{centre - radius + 14:.1f}" text-anchor="middle" '
            f'font-size="11" fill="currentColor">T{i + 1}: {counts[i]} '
            f"({cumulative}/{sizes[i]})</text>"
        )
        lines.append(
            f"tier {i + 1}, {names[i]}: {counts[i]} {'person' if counts[i] == 1 else 'people'} "
            f"({cumulative} within this circle, Dunbar's layer holds about {sizes[i]})"
        )
    description = "People per tier: " + "; ".join(lines) + "."
    svg = (
        f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'aria-label="{attr(description)}" xmlns="http://www.w3.org/2000/svg">'
        "<title>Dunbar circles</title>" + "".join(parts) + "</svg>"
    )
    return _figure(svg, "People per tier, against Dunbar's layers", description, "kb-circles")
