"""{% load results %}: what the result report needs beyond the stored document.

`result|points` sums the checks' points (each check's weight is its points; the worker's score
of 0–1 is points earned over points available), and `result|metric_rows` names each metric
row after its check.
"""

from django import template

register = template.Library()


def _number(value) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


@register.filter
def points(result) -> dict:
    checks = [c for c in (result or {}).get("checks") or [] if isinstance(c, dict)]
    return {
        "earned": sum(_number(c.get("score")) for c in checks),
        "available": sum(_number(c.get("max_score")) for c in checks),
        "checks": len(checks),
        "passed": sum(1 for c in checks if c.get("status") == "pass"),
    }


@register.filter
def metric_rows(result) -> list[dict]:
    names = {
        c.get("id"): c.get("name") or c.get("id")
        for c in (result or {}).get("checks") or []
        if isinstance(c, dict)
    }
    metrics = (result or {}).get("metrics") or {}
    return [
        {**metric, "check": names.get(check_id, check_id)}
        for check_id, metric in metrics.items()
        if isinstance(metric, dict)
    ]


FIGURE_TYPES = {"image/png", "image/svg+xml"}
BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


@register.filter
def learner_figures(result) -> list[dict]:
    """The figures the learner's code saved, each with a `data:` URL for an <img>.

    Shown only through <img> (an SVG there runs no script and loads nothing); the type and
    the base64 text are checked again here, so a stored document cannot inject markup."""
    shown = []
    for figure in (result or {}).get("figures") or []:
        if not isinstance(figure, dict):
            continue
        kind, data, name = figure.get("type"), figure.get("data"), figure.get("name")
        if kind not in FIGURE_TYPES or not isinstance(data, str) or not isinstance(name, str):
            continue
        if not data or not set(data) <= BASE64:
            continue
        shown.append(
            {"name": name, "src": f"data:{kind};base64,{data}", "bytes": len(data) * 3 // 4}
        )
    return shown
