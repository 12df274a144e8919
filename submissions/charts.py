"""Chart specs for uPlot (drawn by static/js/charts.js): what a chart shows, decided on the server.

A spec is plain JSON sent with `json_script`, so learner values (series names, numbers) reach
the page as data the browser never parses as markup. Each spec also carries a short summary
for the no-JavaScript fallback table. The builders here know nothing about uPlot's options.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence

MAX_POINTS = 400  # rows of one chart; longer curves are thinned evenly, the last row kept
MAX_CHARTS = 6  # curve charts per result: a learner may log any number of names
_RUN = re.compile(r"^(?P<name>.+) \(run (?P<run>\d+)\)$")  # worker.judge.grade.curves_from


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _points(raw) -> list[tuple[float, float]]:
    """[[x, y], ...] with finite numbers only, x strictly increasing (as the worker stores it)."""
    points: list[tuple[float, float]] = []
    for point in raw if isinstance(raw, list) else []:
        if not isinstance(point, (list, tuple)) or len(point) != 2:
            continue
        x, y = _number(point[0]), _number(point[1])
        if x is None or y is None or (points and x <= points[-1][0]):
            continue
        points.append((x, y))
    return points


def _thin(rows: list) -> list:
    if len(rows) <= MAX_POINTS:
        return rows
    stride = len(rows) / MAX_POINTS
    return [rows[int(i * stride)] for i in range(MAX_POINTS - 1)] + [rows[-1]]


def runs_by_name(curves: dict) -> dict[str, list[list[tuple[float, float]]]]:
    """`loss`, `loss (run 2)`, ... grouped as the runs of `loss`, in run order."""
    grouped: dict[str, list[tuple[int, list[tuple[float, float]]]]] = {}
    for key, raw in (curves or {}).items():
        if not isinstance(key, str):
            continue
        match = _RUN.match(key)
        name, run = (match["name"], int(match["run"])) if match else (key, 1)
        points = _points(raw)
        if points:
            grouped.setdefault(name, []).append((run, points))
    return {name: [p for _, p in sorted(runs)] for name, runs in grouped.items()}


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.4g}"


def _summary_row(label: str, values: Sequence[float | None]) -> list[str]:
    present = [v for v in values if v is not None]
    if not present:
        return [label, "0", "–", "–", "–", "–"]
    return [
        label,
        str(len(present)),
        _fmt(present[0]),
        _fmt(present[-1]),
        _fmt(min(present)),
        _fmt(max(present)),
    ]


SUMMARY_HEAD = ["series", "points", "first", "last", "lowest", "highest"]


def curve_chart(name: str, runs: list[list[tuple[float, float]]]) -> dict:
    """One chart of a logged value: a line per distinct run is noise, so identical runs (the
    same seed) are drawn once, and differing runs as their median inside a min–max band."""
    xs = sorted({x for run in runs for x, _ in run})
    integer = all(x.is_integer() for x in xs)
    x_label = "Epoch" if integer else "Step"
    by_x = [dict(run) for run in runs]
    identical = all(run == runs[0] for run in runs[1:])
    rows: list[tuple[float, list[float | None]]]
    if identical:
        rows = [(x, [by_x[0].get(x)]) for x in xs]
        series = [{"label": name, "role": "line"}]
        note = (
            f"{len(runs)} runs logged identical values (the same seed), so they are drawn as one line."
            if len(runs) > 1
            else ""
        )
    else:
        rows = []
        for x in xs:
            values = [run[x] for run in by_x if x in run]
            rows.append((x, [statistics.median(values), max(values), min(values)]))
        series = [
            {"label": f"{name}, median of {len(runs)} runs", "role": "line"},
            {"label": "highest run", "role": "upper"},
            {"label": "lowest run", "role": "lower"},
        ]
        note = (
            f"{len(runs)} runs logged different values: the line is their median at each "
            f"{x_label.lower()}, the band spans the lowest to the highest run."
        )
    rows = _thin(rows)
    columns: list[list] = [[int(x) if integer else x for x, _ in rows]] + [
        [values[i] for _, values in rows] for i in range(len(series))
    ]
    return {
        "type": "line",
        "title": f"{name} by {x_label.lower()}",
        "x": {"label": x_label, "integer": integer},
        "y": {"label": name},
        "series": series,
        "data": columns,
        "note": note,
        "summary": {
            "head": SUMMARY_HEAD,
            "rows": [
                _summary_row(s["label"], col) for s, col in zip(series, columns[1:], strict=True)
            ],
        },
    }


def curve_charts(curves: dict) -> list[dict]:
    """The charts of a result's `curves`: one per logged name, its repeated runs together."""
    grouped = runs_by_name(curves)
    return [curve_chart(name, runs) for name, runs in list(grouped.items())[:MAX_CHARTS]]


def score_history_chart(attempts: Iterable) -> dict | None:
    """Scores (0–1) of graded attempts, oldest first, numbered 1, 2, …; passes marked apart."""
    graded = [a for a in sorted(attempts, key=lambda a: a.created_at) if a.score is not None]
    if not graded:
        return None
    numbers = list(range(1, len(graded) + 1))
    scores = [round(float(a.score), 4) for a in graded]
    passed = [s if a.status == "passed" else None for a, s in zip(graded, scores, strict=True)]
    return {
        "type": "line",
        "title": "Score of each attempt",
        "x": {
            "label": "Attempt",
            "integer": True,
            "names": [f"#{a.pk} · {a.created_at:%d %b %H:%M}" for a in graded],
        },
        "y": {"label": "Score (0–1)", "min": 0, "max": 1},
        "series": [
            {"label": "score", "role": "line", "points": True},
            {"label": "passed", "role": "points"},
        ],
        "data": [numbers, scores, passed],
        "note": "",
        "summary": {
            "head": ["attempt", "score", "status"],
            "rows": [
                [f"{n}. #{a.pk}", f"{s:.2f}", a.get_status_display()]
                for n, a, s in zip(numbers, graded, scores, strict=True)
            ],
        },
    }


def bar_chart(
    items: Sequence[tuple[str, float, str]],
    *,
    title: str,
    value_label: str,
    category_label: str = "",
    maximum: float | None = None,
    percent: bool = False,
) -> dict:
    """Horizontal bars: items are (label, value, text written at the bar's end)."""
    top = maximum or max((v for _, v, _ in items), default=0) or 1
    return {
        "type": "bar",
        "title": title,
        "x": {"label": category_label, "names": [label for label, _, _ in items]},
        "y": {"label": value_label, "min": 0, "max": top, "percent": percent},
        "series": [{"label": value_label, "role": "bar", "texts": [t for _, _, t in items]}],
        "data": [list(range(len(items))), [v for _, v, _ in items]],
        "note": "",
        "summary": {
            "head": [category_label, value_label],
            "rows": [[label, text] for label, _, text in items],
        },
    }
