"""Assemble the result document from the checks of a package and one sandbox run.

The document is a versioned superset of Exercism's results.json v3 and Gradescope's
results.json (see worker/judge/formats.py for both conversions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.harness import codec

from .compare import compare
from .describe import describe_call
from .static import judge_static

RESULT_VERSION = 1
GRADER_VERSION = "1"
EXIT_MESSAGES = {
    "timeout": "Your code ran past the {wall:g} s time limit and was stopped.",
    "memory": "Your code used more than the {memory:g} MB memory limit and was stopped.",
    "output_limit": "Your code printed more output than we keep; the rest was cut.",
    "crash": "Your code crashed the Python process (exit {code}).",
    "harness_lost": "Your code stopped the grading harness, so its results cannot be trusted.",
}


@dataclass
class CheckResult:
    id: str
    name: str
    kind: str
    status: str  # pass | fail | error | skipped
    score: float
    max_score: float
    message: str = ""
    hint: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Observation:
    """What one sandbox run of the learner's code produced, decoded."""

    exit_reason: str
    steps: dict[str, dict]
    metrics: list[dict] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    wall_seconds: float = 0.0
    cpu_seconds: float | None = None
    peak_memory_bytes: int | None = None
    exit_code: int | None = None
    image: str = ""
    image_id: str = ""
    versions: dict = field(default_factory=dict)

    @classmethod
    def from_run(cls, run: Any) -> Observation:
        result = run.result or {}
        steps = {}
        for outcome in result.get("steps", []):
            outcome = dict(outcome)
            if "value" in outcome:
                outcome["value"] = codec.decode(outcome["value"])
            steps[outcome["id"]] = outcome
        child = result.get("child", {})
        return cls(
            exit_reason=run.exit_reason,
            steps=steps,
            metrics=list(result.get("metrics", [])),
            stdout=result.get("stdout", run.stdout or ""),
            stderr=result.get("stderr", run.stderr or ""),
            stdout_truncated=bool(result.get("stdout_truncated", getattr(run, "stdout_truncated", False))),
            stderr_truncated=bool(result.get("stderr_truncated", getattr(run, "stderr_truncated", False))),
            wall_seconds=float(run.wall_seconds or 0.0),
            cpu_seconds=child.get("cpu_seconds"),
            peak_memory_bytes=run.peak_memory_bytes or child.get("peak_rss_bytes"),
            exit_code=run.exit_code,
            image=getattr(run, "image", ""),
            image_id=getattr(run, "image_id", "") or "",
            versions=result.get("versions", {}),
        )


def judge_probe(check: dict, plan_steps: list[dict], learner: Observation, reference: dict[str, dict]) -> CheckResult:
    mine = [s for s in plan_steps if s["id"].split("#")[0] == check["id"]]
    weight = float(check.get("weight", 1))
    failures = []
    for index, step in enumerate(mine):
        expected = reference.get(step["id"])
        if expected is None:
            return _platform_error(check, "the reference solution produced no value for this case")
        actual = learner.steps.get(step["id"])
        if actual is None:
            actual = {"status": "skipped", "message": _missing_reason(learner)}
        actual.setdefault("timeout_seconds", step.get("timeout_seconds"))
        problem = compare(expected, actual, check.get("compare", {}))
        if problem:
            failures.append((index, step, problem))
    passed = len(mine) - len(failures)
    score = weight * passed / len(mine) if mine else 0.0
    if not failures:
        return CheckResult(check["id"], _name(check), "probe", "pass", weight, weight)
    index, step, problem = failures[0]
    call = describe_call(step["function"], step["args"], step["kwargs"])
    message = f"Case {index + 1} of {len(mine)}: {call} {problem}."
    if len(failures) > 1:
        message += f" ({len(failures)} of {len(mine)} cases failed.)"
    return CheckResult(check["id"], _name(check), "probe", "fail", round(score, 4), weight, message, check.get("hint", ""))


def judge_resource(check: dict, plan_steps: list[dict], learner: Observation) -> CheckResult:
    weight = float(check.get("weight", 1))
    problems = []
    if learner.exit_reason == "timeout":
        problems.append("the run hit the time limit")
    if "max_seconds" in check:
        spent = sum(float(s.get("seconds") or 0) for s in learner.steps.values())
        if spent > float(check["max_seconds"]):
            problems.append(f"your functions took {spent:.2f} s in all; the limit is {check['max_seconds']} s")
    if "max_memory_mb" in check and learner.peak_memory_bytes:
        used = learner.peak_memory_bytes / 2**20
        if used > float(check["max_memory_mb"]):
            problems.append(f"peak memory was {used:.0f} MB; the limit is {check['max_memory_mb']} MB")
    if learner.exit_reason == "memory":
        problems.append("the run was stopped for using too much memory")
    if problems:
        return CheckResult(check["id"], _name(check), "resource", "fail", 0.0, weight, "; ".join(problems).capitalize() + ".", check.get("hint", ""))
    return CheckResult(check["id"], _name(check), "resource", "pass", weight, weight)


def judge_static_check(check: dict, sources: dict[str, str]) -> CheckResult:
    weight = float(check.get("weight", 1))
    score, message = judge_static(check, sources)
    status = "pass" if score >= 1 else "fail"
    return CheckResult(check["id"], _name(check), "static", status, weight * score, weight, message, "" if status == "pass" else check.get("hint", ""))


def _name(check: dict) -> str:
    return check.get("name") or check["id"].replace("_", " ").capitalize()


def _platform_error(check: dict, why: str) -> CheckResult:
    return CheckResult(check["id"], _name(check), check["kind"], "error", 0.0, float(check.get("weight", 1)), f"Grader problem: {why}. This is our fault; the attempt is kept.")


def _missing_reason(learner: Observation) -> str:
    if learner.exit_reason == "timeout":
        return "not run: the time limit was reached first"
    if learner.exit_reason == "memory":
        return "not run: the memory limit was reached first"
    if learner.exit_reason == "harness_lost":
        return "not run: the grading harness was stopped by the code under test"
    return "not run"


def curves_from(metrics: list[dict]) -> dict[str, list[list[float]]]:
    """Per-name series from report.log(...) records, indexed by step/epoch when given."""
    curves: dict[str, list[list[float]]] = {}
    for index, record in enumerate(metrics):
        if not isinstance(record, dict):
            continue
        x = record.get("step", record.get("epoch", index))
        for key, value in record.items():
            if key in {"step", "epoch"} or isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            if isinstance(x, (int, float)):
                curves.setdefault(key, []).append([float(x), float(value)])
    return curves


def judge(*, package, plan: dict, sources: dict[str, str], learner: Observation, reference: dict[str, dict],
          seed: int, limits: dict) -> dict:
    checks: list[CheckResult] = []
    for check in package.checks:
        kind = check["kind"]
        if kind == "probe":
            checks.append(judge_probe(check, plan["steps"], learner, reference))
        elif kind == "static":
            checks.append(judge_static_check(check, sources))
        elif kind == "resource":
            checks.append(judge_resource(check, plan["steps"], learner))
        else:
            checks.append(_platform_error(check, f"check kind '{kind}' is not supported by this grader"))
    total = sum(c.max_score for c in checks) or 1.0
    score = round(sum(c.score for c in checks) / total, 4)
    platform_fault = any(c.status == "error" for c in checks)
    if platform_fault:
        status = "error"
    elif all(c.status == "pass" for c in checks):
        status = "pass"
    else:
        status = "fail"
    message = ""
    if learner.exit_reason in EXIT_MESSAGES:
        message = EXIT_MESSAGES[learner.exit_reason].format(
            wall=limits.get("wall_seconds", 0), memory=limits.get("memory_mb", 0), code=learner.exit_code
        )
    return {
        "version": RESULT_VERSION,
        "status": status,
        "score": score,
        "gradable": not platform_fault,
        "exit_reason": learner.exit_reason,
        "message": message,
        "checks": [c.as_dict() for c in checks],
        "metrics": {},
        "curves": curves_from(learner.metrics),
        "stdout": learner.stdout,
        "stderr": learner.stderr,
        "stdout_truncated": learner.stdout_truncated,
        "stderr_truncated": learner.stderr_truncated,
        "resources": {
            "wall_seconds": learner.wall_seconds,
            "cpu_seconds": learner.cpu_seconds,
            "peak_memory_bytes": learner.peak_memory_bytes,
        },
        "provenance": {
            "seed": seed,
            "image": learner.image,
            "image_id": learner.image_id,
            "versions": learner.versions,
            "exercise": package.slug,
            "exercise_hash": package.hash,
            "grader_version": f"{GRADER_VERSION}.{package.spec.get('grader_version', 1)}",
        },
    }
