"""Attempt history: score over time as a small SVG, and a diff between two attempts."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

W, H, PAD, LEFT = 560, 140, 24, 40  # LEFT leaves room for the axis labels


def score_chart_svg(attempts) -> SafeString:
    """Scores (0–1) of graded attempts, oldest to newest; passed ones are drawn as filled dots."""
    points = [a for a in sorted(attempts, key=lambda a: a.created_at) if a.score is not None]
    if not points:
        return mark_safe("")
    step = (W - LEFT - PAD) / max(len(points) - 1, 1)
    coords = [(LEFT + i * step, H - PAD - a.score * (H - 2 * PAD)) for i, a in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" class="dot-{escape(a.status)}">'
        f"<title>Attempt #{a.pk}: {a.score:.2f} ({escape(a.get_status_display())})</title></circle>"
        for (x, y), a in zip(coords, points, strict=True)
    )
    label = "Score over time: " + ", ".join(f"#{a.pk} {a.score:.2f}" for a in points)
    grid = "".join(
        f'<line x1="{LEFT}" x2="{W - PAD}" y1="{H - PAD - v * (H - 2 * PAD):.1f}" y2="{H - PAD - v * (H - 2 * PAD):.1f}" class="grid"/>'
        f'<text x="2" y="{H - PAD - v * (H - 2 * PAD) + 4:.1f}" class="axis">{v:.1f}</text>'
        for v in (0, 0.5, 1)
    )
    return mark_safe(  # noqa: S308 - all text escaped
        f'<svg class="score-chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {W} {H}" '
        f'xmlns="http://www.w3.org/2000/svg">{grid}<polyline points="{line}" class="score-line"/>{dots}</svg>'
    )


@dataclass
class DiffLine:
    kind: str  # add | del | ctx | hunk | file
    text: str


def attempt_diff(old_files: dict[str, str], new_files: dict[str, str]) -> list[DiffLine]:
    """A unified diff of every file, as typed lines the template colours (and marks with +/−)."""
    lines: list[DiffLine] = []
    for name in sorted(set(old_files) | set(new_files)):
        old, new = old_files.get(name, ""), new_files.get(name, "")
        if old == new:
            continue
        lines.append(DiffLine("file", name))
        for raw in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3):
            if raw.startswith(("---", "+++")):
                continue
            kind = (
                "hunk"
                if raw.startswith("@@")
                else "add"
                if raw.startswith("+")
                else "del"
                if raw.startswith("-")
                else "ctx"
            )
            lines.append(DiffLine(kind, raw))
    return lines
