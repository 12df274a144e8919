"""The harness plan for a package: one `call` step per probe case, in check order."""

from __future__ import annotations

from courses.content.exercise_packages import Package

from .cases import cases_for, load_grader

DEFAULT_STEP_TIMEOUT = 10.0


def step_id(check_id: str, index: int) -> str:
    return f"{check_id}#{index}"


def build_plan(package: Package, *, seed: int, wall_seconds: float) -> dict:
    """Steps share 80% of the wall clock, so the container deadline is the last resort."""
    grader = load_grader(package)
    module = package.entrypoint.removesuffix(".py")
    steps = []
    for check in package.checks:
        if check["kind"] != "probe":
            continue
        for index, case in enumerate(cases_for(package, check, grader)):
            steps.append(
                {
                    "kind": "call",
                    "id": step_id(check["id"], index),
                    "module": check.get("module", module),
                    "function": check["call"],
                    "args": case["args"],
                    "kwargs": case["kwargs"],
                    "timeout_seconds": float(check.get("timeout_seconds", DEFAULT_STEP_TIMEOUT)),
                }
            )
    if steps:
        share = 0.8 * wall_seconds / len(steps)
        for step in steps:
            step["timeout_seconds"] = round(min(step["timeout_seconds"], share), 3)
    return {"seed": seed, "steps": steps}
