"""The harness plan for a package: `call` steps for probe and metric checks, `http` steps for http
checks, in check order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    steps = [_load_step([module, *oracles], import_seconds)]
    for check in package.checks:
        steps_of_kind = STEPS.get(check["kind"])
        if steps_of_kind is not None:
            base = _call_base(check, module, for_reference=for_reference)
            steps += steps_of_kind(package, check, grader, base, module)
    _fit_to_budget(steps[1:], budget - import_seconds)
    plan: dict[str, Any] = {"seed": seed, "steps": steps}
    if any(check["kind"] == "figure" for check in package.checks):
        plan["figures"] = dict(FIGURES)  # the supervisor collects what the code saved there
    if not for_reference:  # the reference and its oracles may use what the learner may not
        bans = runtime_bans(package)
        if bans["imports"] or bans["calls"]:
            plan["bans"] = bans
    return plan


def runtime_bans(package: Package) -> dict[str, list[str]]:
    """The static checks' forbidden imports and calls, for the harness to enforce at run time
    (sandbox.harness.bans): source can hide a name, the running process cannot."""
    imports: set[str] = set()
    calls: set[str] = set()
    for check in package.checks:
        if check["kind"] == "static":
            imports.update(check.get("forbid_imports", []))
            calls.update(c for c in check.get("forbid_calls", []) if "." in c)
    # `np.linalg.solve` is the source check's alias spelling; at run time only real names count.
    calls = {c for c in calls if c.split(".")[0] not in ALIASES}
    return {"imports": sorted(imports), "calls": sorted(calls)}


ALIASES = {"np", "pd", "tf", "F", "nn"}


def _load_step(modules: list[str], import_seconds: float) -> dict:
    """The first step: import the learner's module (and, for the reference, the oracles)."""
    return {
        "kind": "call",
        "id": LOAD_STEP,
        "module": HELPER_MODULE,
        "function": "load_module",
        "args": modules,
        "kwargs": {},
        "timeout_seconds": import_seconds,
    }


def _call_base(check: dict, module: str, *, for_reference: bool) -> dict:
    """What every call step of a check shares: the function (the oracle's, for the reference
    run, when the check has one) and its timeout."""
    base = {
        "kind": "call",
        "module": check.get("module", module),
        "function": check.get("call"),
        "timeout_seconds": float(check.get("timeout_seconds", DEFAULT_STEP_TIMEOUT)),
    }
    if check.get("construct"):
        base["construct"] = check["construct"]
    if for_reference and check.get("oracle"):
        oracle_module, _, oracle_function = check["oracle"].partition(":")
        base.update(module=oracle_module, function=oracle_function)
        base.pop("construct", None)
    return base


def _probe_steps(package: Package, check: dict, grader, base: dict, module: str) -> list[dict]:
    """One call per case."""
    return [
        {
            **base,
            "id": step_id(check["id"], index),
            "args": case["args"],
            "kwargs": case["kwargs"],
        }
        for index, case in enumerate(cases_for(package, check, grader))
    ]


def _metric_steps(package: Package, check: dict, grader, base: dict, module: str) -> list[dict]:
    """One call per repeat (the median of their scores counts)."""
    return [
        {
            **base,
            "id": step_id(check["id"], repeat),
            "args": check.get("args", []),
            "kwargs": check.get("kwargs", {}),
        }
        for repeat in range(int(check.get("repeats", 1)))
    ]


def _http_steps(package: Package, check: dict, grader, base: dict, module: str) -> list[dict]:
    """One harness `http` step: the learner process serves the app, the supervisor (a process
    learner code cannot touch) sends the requests and keeps the answers."""
    app_ref = check.get("app", f"{module}:app")
    requests = [_request_only(r) for r in check["requests"]]
    return [
        {
            "kind": "http",
            "id": step_id(check["id"], 0),
            "app": app_ref,
            "requests": requests,
            "timeout_seconds": base["timeout_seconds"],
        }
    ]


# The steps of each check kind that runs code in the container (static and resource
# checks run none).
STEPS: dict[str, Callable[[Package, dict, Any, dict, str], list[dict]]] = {
    "probe": _probe_steps,
    "metric": _metric_steps,
    "http": _http_steps,
    "figure": _probe_steps,  # one call per case; the figure it saves is judged in the worker
}
# Where learner code saves figures, how many are kept and how large each may be.
FIGURES = {"dir": "figures", "max_files": 4, "max_bytes": 256 * 1024}


def _fit_to_budget(steps: list[dict], budget: float) -> None:
    """Shrink every step's timeout alike when together they pass `budget` seconds."""
    total = sum(step["timeout_seconds"] for step in steps)
    if total > budget:
        for step in steps:
            step["timeout_seconds"] = round(step["timeout_seconds"] * budget / total, 3)


def helper_files(package: Package) -> dict[str, str]:
    """Files the plan needs in the container besides the learner's (they replace same-named uploads)."""
    return {f"{HELPER_MODULE}.py": HELPER_SOURCE.read_text()}


def _request_only(request: dict) -> dict:
    """What the container may see of a request: never its expectations."""
    return {
        k: v for k, v in request.items() if k in {"method", "path", "json", "body", "content_type"}
    }
