"""Static SVG charts drawn at build time, each with a text equivalent for screen readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .text import attr

_SERIES = "var(--md-primary-fg-color, #4051b5)"
_MUTED = "var(--md-default-fg-color--lighter, #999)"


def _figure(svg: str, caption: str, description: str, css: str) -> str:
    """An HTML block Markdown passes through untouched: the SVG plus its text equivalent."""
    return (
        f'<figure class="kb-chart {css}">'
        f"{svg}"
        f'<figcaption>{attr(caption)}<span class="kb-sr-only"> {attr(description)}</span>'
        "</figcaption></figure>"
    )


def line_chart(
    dates: Sequence[dt.date],
    values: Sequence[float],
    title: str,
    width: int = 640,
    height: int = 160,
    top: float | None = None,
) -> str:
    """A line chart of values over dates (monthly points), labelled at the first and last."""
    if not values:
        return ""
    pad_l, pad_r, pad_t, pad_b = 36, 8, 10, 22
    top = top if top is not None else max(max(values), 1.0)
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    step = inner_w / max(1, len(values) - 1)

    def y(v: float) -> float:
        return pad_t + inner_h * (1 - min(v, top) / top)

    points = " ".join(f"{pad_l + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    base = pad_t + inner_h
    area = f"{pad_l},{base} {points} {pad_l + (len(values) - 1) * step:.1f},{base}"
    first, last = dates[0], dates[-1]
    description = (
        f"{title}: {values[0]:g} in {first:%B %Y}, {max(values):g} at the highest, "
        f"{min(values):g} at the lowest, {values[-1]:g} now ({last})."
    )
    svg = (
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{attr(description)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{attr(title)}</title>"
        f'<line x1="{pad_l}" y1="{pad_t + inner_h}" x2="{width - pad_r}" y2="{pad_t + inner_h}" '
        f'stroke="{_MUTED}"/>'
        f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end" font-size="10" '
        f'fill="currentColor">{top:g}</text>'
        f'<text x="{pad_l - 4}" y="{pad_t + inner_h}" text-anchor="end" font-size="10" '
        f'fill="currentColor">0</text>'
        f'<polygon points="{area}" fill="{_SERIES}" fill-opacity="0.12"/>'
        f'<polyline points="{points}" fill="none" stroke="{_SERIES}" stroke-width="2"/>'
        f'<text x="{pad_l}" y="{height - 6}" font-size="10" fill="currentColor">'
        f"{first:%b %Y}</text>"
        f'<text x="{width - pad_r}" y="{height - 6}" text-anchor="end" font-size="10" '
        f'fill="currentColor">{last:%b %Y}</text>'
        "</svg>"
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
