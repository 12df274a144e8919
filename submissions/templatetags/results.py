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
