"""Our result document converted down to the formats other graders speak.

Exercism's test-runner results.json (version 3) and Gradescope's autograder results.json:
both are subsets of ours, so a course can be exported to either without re-grading.
"""

from __future__ import annotations

from typing import Any

EXERCISM_STATUS = {"pass": "pass", "fail": "fail", "skipped": "fail", "error": "error"}


def _message(check: dict) -> str:
    parts = [check.get("message") or ""]
    if check.get("hint") and check.get("status") != "pass":
        parts.append(f"Hint: {check['hint']}")
    return "\n".join(p for p in parts if p)


def to_exercism(result: dict) -> dict:
    """results.json v3: top-level status pass|fail|error, one test per check, in order."""
    document: dict[str, Any] = {
        "version": 3,
        "status": EXERCISM_STATUS.get(result["status"], "error"),
        "tests": [
            {
                "name": check["name"],
                "status": EXERCISM_STATUS.get(check["status"], "error"),
                **({"message": _message(check)} if check["status"] != "pass" else {}),
            }
            for check in result["checks"]
        ],
    }
    if result["status"] == "error" or result.get("message"):
        document["message"] = result.get("message") or "The grader could not run your code."
    if result.get("stdout") and document["tests"]:
        document["tests"][0]["output"] = result["stdout"][:500]  # v3 caps output at 500 characters
    return document


def to_gradescope(result: dict, *, points: float) -> dict:
    """Gradescope results.json: scores in points, one test per check, execution time in seconds."""
    total_weight = sum(c["max_score"] for c in result["checks"]) or 1.0
    scale = points / total_weight
    return {
        "score": round(result["score"] * points, 4),
        "max_score": points,
        "execution_time": round(float((result.get("resources") or {}).get("wall_seconds") or 0), 3),
        "output": result.get("message", ""),
        "stdout_visibility": "visible",
        "visibility": "visible",
        "tests": [
            {
                "number": str(index),
                "name": check["name"],
                "score": round(check["score"] * scale, 4),
                "max_score": round(check["max_score"] * scale, 4),
                "status": "passed" if check["status"] == "pass" else "failed",
                "output": _message(check),
                "visibility": "visible",
            }
            for index, check in enumerate(result["checks"], start=1)
        ],
        "extra_data": {
            "metrics": result.get("metrics", {}),
            "provenance": result.get("provenance", {}),
        },
    }
