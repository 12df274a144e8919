"""The harness plan for a package: `call` steps for probe, metric and http checks, in check order."""

from __future__ import annotations

from pathlib import Path

from curriculum.content.exercise_packages import Package

from .cases import cases_for, load_grader

DEFAULT_STEP_TIMEOUT = 10.0
DEFAULT_IMPORT_SECONDS = 20.0
HELPER_MODULE = "_backprop_helpers"
HELPER_SOURCE = Path(__file__).with_name("in_container.py")
LOAD_STEP = "_load#0"


def step_id(check_id: str, index: int) -> str:
    return f"{check_id}#{index}"


def check_of(step_or_id) -> str:
    sid = step_or_id["id"] if isinstance(step_or_id, dict) else step_or_id
    return sid.split("#")[0]


def build_plan(
    package: Package, *, seed: int, wall_seconds: float, for_reference: bool = False
) -> dict:
    """A first step imports the learner's module on its own clock (`import_seconds`); the other
    steps keep their timeouts unless together they pass the rest of 80% of the wall clock, then
    all shrink alike.

    For the reference run, a check with `oracle: module:function` calls that trusted function
    (shipped from the package's oracle/ folder into the reference run only) instead.
    """
    grader = load_grader(package)
    module = package.entrypoint.removesuffix(".py")
    budget = 0.8 * wall_seconds
    import_seconds = float(
        package.spec.get("import_seconds", min(DEFAULT_IMPORT_SECONDS, 0.3 * budget))
    )
    oracles = (
        sorted({c["oracle"].split(":")[0] for c in package.checks if c.get("oracle")})
        if for_reference
        else []
    )
    steps = [
        {
            "kind": "call",
            "id": LOAD_STEP,
            "module": HELPER_MODULE,
            "function": "load_module",
            "args": [module, *oracles],
            "kwargs": {},
            "timeout_seconds": import_seconds,
        }
    ]
    for check in package.checks:
        timeout = float(check.get("timeout_seconds", DEFAULT_STEP_TIMEOUT))
        base = {
            "kind": "call",
            "module": check.get("module", module),
            "function": check.get("call"),
            "timeout_seconds": timeout,
        }
        if check.get("construct"):
            base["construct"] = check["construct"]
        if for_reference and check.get("oracle"):
            oracle_module, _, oracle_function = check["oracle"].partition(":")
            base.update(module=oracle_module, function=oracle_function)
            base.pop("construct", None)
        if check["kind"] == "probe":
            for index, case in enumerate(cases_for(package, check, grader)):
                steps.append(
                    {
                        **base,
                        "id": step_id(check["id"], index),
                        "args": case["args"],
                        "kwargs": case["kwargs"],
                    }
                )
        elif check["kind"] == "metric":
            for repeat in range(int(check.get("repeats", 1))):
                steps.append(
                    {
                        **base,
                        "id": step_id(check["id"], repeat),
                        "args": check.get("args", []),
                        "kwargs": check.get("kwargs", {}),
                    }
                )
        elif check["kind"] == "http":
            app_ref = check.get("app", f"{module}:app")
            requests = [_request_only(r) for r in check["requests"]]
            steps.append(
                {
                    "kind": "call",
                    "id": step_id(check["id"], 0),
                    "module": HELPER_MODULE,
                    "function": "exchange",
                    "args": [app_ref, requests],
                    "kwargs": {},
                    "timeout_seconds": timeout,
                }
            )
    rest = budget - import_seconds
    total = sum(step["timeout_seconds"] for step in steps[1:])
    if total > rest:
        for step in steps[1:]:
            step["timeout_seconds"] = round(step["timeout_seconds"] * rest / total, 3)
    return {"seed": seed, "steps": steps}


def helper_files(package: Package) -> dict[str, str]:
    """Files the plan needs in the container besides the learner's (they replace same-named uploads)."""
    return {f"{HELPER_MODULE}.py": HELPER_SOURCE.read_text()}


def _request_only(request: dict) -> dict:
    """What the container may see of a request: never its expectations."""
    return {
        k: v for k, v in request.items() if k in {"method", "path", "json", "body", "content_type"}
    }
