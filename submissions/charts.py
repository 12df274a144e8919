"""Server-rendered SVG line plots (loss curves): no JavaScript, no CDN, safe to cache.

Learner values end up in the SVG only as numbers and escaped text.
"""

from __future__ import annotations

import math
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"]
MAX_POINTS = 400


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    if high <= low:
        return [low]
    step = 10 ** math.floor(math.log10((high - low) / count))
    for factor in (1, 2, 5, 10):
        if (high - low) / (step * factor) <= count:
            step *= factor
            break
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _thin(points: list[list[float]]) -> list[list[float]]:
    if len(points) <= MAX_POINTS:
        return points
    stride = len(points) / MAX_POINTS
    return [points[int(i * stride)] for i in range(MAX_POINTS)] + [points[-1]]


def line_chart(
    series: dict[str, list[list[float]]], *, title: str = "", width: int = 520, height: int = 240
) -> SafeString:
    """One SVG with a line per series ({name: [[x, y], ...]}), shared axes, ticks and a legend."""
    clean = {
        name: _thin([p for p in pts if all(math.isfinite(v) for v in p)])
        for name, pts in series.items()
    }
    clean = {name: pts for name, pts in clean.items() if pts}
    if not clean:
        return mark_safe("")
    xs = [p[0] for pts in clean.values() for p in pts]
    ys = [p[1] for pts in clean.values() for p in pts]
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    y0, y1 = min(ys), max(ys) if max(ys) > min(ys) else min(ys) + 1
    left, right, top, bottom = 52, 12, 24 if title else 10, 30
    plot_w, plot_h = width - left - right, height - top - bottom - 18 * ((len(clean) + 2) // 3)

    def sx(x):
        return left + (x - x0) / (x1 - x0) * plot_w

    def sy(y):
        return top + plot_h - (y - y0) / (y1 - y0) * plot_h

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">'
    ]
    label = escape(title or ", ".join(clean))
    parts.append(f"<title>{label}</title>")
    if title:
        parts.append(f'<text x="{left}" y="15" font-weight="bold">{escape(title)}</text>')
    for y in _ticks(y0, y1):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{sy(y):.1f}" y2="{sy(y):.1f}" stroke="#e5e7eb"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">{y:.4g}</text>')
    for x in _ticks(x0, x1, 6):
        parts.append(
            f'<text x="{sx(x):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{x:.4g}</text>'
        )
    parts.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#9ca3af"/>'
    )
    for index, (name, pts) in enumerate(clean.items()):
        color = PALETTE[index % len(PALETTE)]
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
        parts.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="1.8" points="{path}"><title>{escape(name)}</title></polyline>'
        )
        lx = left + (index % 3) * (plot_w / 3)
        ly = top + plot_h + 34 + 18 * (index // 3)
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" fill="{color}"/>')
        parts.append(f'<text x="{lx + 14:.1f}" y="{ly}">{escape(name)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
