"""Assemble the result document from the checks of a package and one sandbox run.

The document is a versioned superset of Exercism's results.json v3 and Gradescope's
results.json (see worker/judge/formats.py for both conversions).
"""

from __future__ import annotations

import logging
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sandbox.gpu import gpu_facts, out_of_memory_message

from . import figures as figure_files
from . import untrusted
from .cases import load_grader
from .compare import TIMED_OUT_CALL, compare, raised
from .describe import describe, describe_call
from .dockerfile import judge_dockerfile_text
from .hints import choose_hint
from .metrics import METRICS, credit_for, full_marks_tier
from .plan import LOAD_STEP, check_of
from .static import judge_static

log = logging.getLogger(__name__)
RESULT_VERSION = 1
GRADER_VERSION = "1"
EXIT_MESSAGES = {
    "timeout": "Your code ran past the {wall} s time limit of the whole run and was stopped.",
    "memory": "Your code used more than the {memory:g} MB memory limit and was stopped.",
    "output_limit": "Your code printed more output than we keep; the rest was cut.",
    "crash": "Your code ended the Python process (exit {code}) before every check could run.",
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
    gpu: dict | None = None  # device, driver and CUDA versions, GPU memory, time on the device
    figures: list[dict] = field(default_factory=list)  # saved under figures/: name, type, data
    figures_skipped: list[dict] = field(default_factory=list)  # name, why it was not kept

    @classmethod
    def from_run(cls, run: Any) -> Observation:
        result = run.result or {}
        # Outcomes, metrics and texts were shaped by learner code: bounded and decoded first.
        steps = untrusted.outcomes(result.get("steps"))
        child = result.get("child") if isinstance(result.get("child"), dict) else {}
        figures, figures_skipped = figure_files.from_result(result.get("figures"))
        return cls(
            figures=figures,
            figures_skipped=figures_skipped,
            exit_reason=run.exit_reason,
            steps=steps,
            metrics=untrusted.metrics(result.get("metrics")),
            stdout=untrusted.text(result.get("stdout", run.stdout or "")),
            stderr=untrusted.text(result.get("stderr", run.stderr or "")),
            stdout_truncated=bool(
                result.get("stdout_truncated", getattr(run, "stdout_truncated", False))
            ),
            stderr_truncated=bool(
                result.get("stderr_truncated", getattr(run, "stderr_truncated", False))
            ),
            wall_seconds=float(run.wall_seconds or 0.0),
            # The whole container's, from its cgroup: the learner process's own rusage
            # misses its grandchildren, so it is only a fallback for CPU time, never for memory.
            cpu_seconds=(
                getattr(run, "cpu_seconds", None)
                if getattr(run, "cpu_seconds", None) is not None
                else (child or {}).get("cpu_seconds")
            ),
            peak_memory_bytes=run.peak_memory_bytes,
            exit_code=run.exit_code,
            image=getattr(run, "image", ""),
            image_id=getattr(run, "image_id", "") or "",
            versions=untrusted.versions(result.get("versions")),
            gpu=gpu_facts(result.get("gpu")),
        )


def judge_probe(
    check: dict, plan_steps: list[dict], learner: Observation, reference: dict[str, dict]
) -> CheckResult:
    mine = [s for s in plan_steps if check_of(s) == check["id"]]
    weight = float(check.get("weight", 1))
    failures = []
    not_run = 0
    for index, step in enumerate(mine):
        expected = reference.get(step["id"])
        if expected is None:
            return _platform_error(check, "the reference solution produced no value for this case")
        actual = learner.steps.get(step["id"])
        if actual is None:
            actual = {"status": "skipped", "message": _missing_reason(learner)}
        not_run += actual["status"] == "skipped"
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
    ran_and_failed = len(failures) - not_run
    if not_run and len(failures) > 1:
        message += f" ({ran_and_failed} of {len(mine)} cases failed, {not_run} were not run.)"
    elif len(failures) > 1:
        message += f" ({len(failures)} of {len(mine)} cases failed.)"
    return _failed(check, "probe", round(score, 4), weight, message)


def judge_metric(
    check: dict, plan_steps: list[dict], learner: Observation, reference: dict[str, dict], package
) -> tuple[CheckResult, dict]:
    """Score the learner's predictions on held-out inputs; the median over repeats meets tiered thresholds."""
    weight = float(check.get("weight", 1))
    metric = METRICS[check["metric"]]
    labels = _judge_file(package, check.get("labels"))
    features = _judge_file(package, check.get("features"))
    if labels is not None:
        rows = len(labels)
    else:
        assert features is not None  # the package check requires labels or features
        rows = len(features)
    mine = [s for s in plan_steps if check_of(s) == check["id"]]
    call = (
        describe_call(mine[0]["function"], mine[0]["args"], mine[0]["kwargs"])
        if mine
        else check.get("call", "")
    )

    def score(predictions: np.ndarray) -> float:
        return metric.score(labels, predictions, features)

    values, problems = _scores([_learner_outcome(learner, step) for step in mine], rows, score)
    reference_values, _ = _scores(
        [reference.get(step["id"]) or {"status": "skipped"} for step in mine], rows, score
    )
    thresholds = check["thresholds"]
    full = full_marks_tier(thresholds)
    record = {
        "name": metric.name,
        "metric": check["metric"],
        "value": None,
        "values": values,
        "threshold": full["at"],
        "higher_is_better": metric.higher_is_better,
        "reference": statistics.median(reference_values) if reference_values else None,
        "rows": rows,
    }
    if not values:
        message = f"{call} {problems[0]}." if problems else f"{call} was not run."
        return _failed(check, "metric", 0.0, weight, message), record
    value = statistics.median(values)
    credit, tier = credit_for(value, thresholds, metric.higher_is_better)
    record.update(value=value, credit=credit)
    if credit >= 1:
        line = _metric_line(record, len(values))
        return CheckResult(
            check["id"], _name(check), "metric", "pass", weight, weight, line
        ), record
    message = _partial_credit_message(record, credit, tier)
    if problems:
        message += f" {len(problems)} of {len(mine)} runs failed: {problems[0]}."
    return _failed(check, "metric", round(weight * credit, 4), weight, message), record


def _learner_outcome(learner: Observation, step: dict) -> dict:
    """The learner's outcome of a plan step, or why the step never ran."""
    return learner.steps.get(step["id"]) or {
        "status": "skipped",
        "message": _missing_reason(learner),
    }


def _scores(
    outcomes: list[dict], rows: int, score: Callable[[np.ndarray], float]
) -> tuple[list[float], list[str]]:
    """The metric of each outcome's predictions, and why the others have none."""
    values: list[float] = []
    problems: list[str] = []
    for outcome in outcomes:
        predictions, problem = _predictions(outcome, rows)
        if problem:
            problems.append(problem)
        elif predictions is not None:
            try:
                values.append(score(predictions))
            except (ValueError, TypeError, OverflowError, FloatingPointError) as error:
                # e.g. scikit-learn refusing continuous values as class labels
                problems.append(f"returned predictions that cannot be scored ({error})")
    return values, problems


def _partial_credit_message(record: dict, credit: float, tier: dict | None) -> str:
    """What the learner's value earns short of full marks, beside what full marks need."""
    sign = "≥" if record["higher_is_better"] else "≤"
    message = _metric_line(record, len(record["values"]))
    message += f"; full marks need {sign} {record['threshold']:g}"
    if record["reference"] is not None:
        message += f" (the reference solution reaches {record['reference']:.4g})"
    message += f". This earns {credit:.0%} of the check" + (
        f" (tier {sign} {tier['at']:g})." if tier else "."
    )
    return message


def _metric_line(record: dict, runs: int) -> str:
    spread = (
        f" (median of {runs} runs: {', '.join(f'{v:.4g}' for v in record['values'])})"
        if runs > 1
        else ""
    )
    return f"{record['name']} over {record['rows']} rows was {record['value']:.4g}{spread}"


def _predictions(outcome: dict, rows: int) -> tuple[np.ndarray | None, str | None]:
    if outcome["status"] == "timeout":
        return None, TIMED_OUT_CALL
    if outcome["status"] == "raised":
        return None, raised(outcome.get("exception") or {})
    if outcome["status"] != "ok":
        return None, outcome.get("message") or f"ended with status {outcome['status']}"
    value = outcome.get("value")
    try:
        predictions = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int such as 10 ** 400
        return None, f"returned {describe(value)}, not a list of numbers"
    if predictions.size != rows:
        return (
            None,
            f"returned {predictions.size} predictions; expected {rows}, one per held-out row",
        )
    if not np.isfinite(predictions).all():
        return None, "returned predictions that contain NaN or infinity"
    return predictions, None


def _judge_file(package, relative: str | None) -> np.ndarray | None:
    """Hidden labels and features: read in the worker only, from the package folder."""
    if not relative:
        return None
    return np.load(package.root / relative, allow_pickle=False)


def judge_http(
    check: dict, plan_steps: list[dict], learner: Observation, reference: dict[str, dict]
) -> CheckResult:
    """Compare each response of the learner's server with the reference server's response."""
    weight = float(check.get("weight", 1))
    sid = f"{check['id']}#0"
    requests = check["requests"]
    actual = learner.steps.get(sid) or {"status": "skipped", "message": _missing_reason(learner)}
    expected = (reference.get(sid) or {}).get("value") or [{} for _ in requests]
    if actual["status"] != "ok":
        problem = compare({"status": "ok"}, actual, {})
        message = f"Your server could not be started or asked: {problem}."
        return _failed(check, "http", 0.0, weight, message)
    responses = actual.get("value")
    responses = responses if isinstance(responses, list) else []
    failures = []
    for index, request in enumerate(requests):
        got = (
            responses[index] if index < len(responses) else {"status": None, "error": "no response"}
        )
        if not isinstance(got, dict):
            got = {"status": None, "error": "an unreadable response"}
        problem = _response_problem(request, expected[index] if index < len(expected) else {}, got)
        if problem:
            failures.append((index, request, problem))
    if not failures:
        return CheckResult(check["id"], _name(check), "http", "pass", weight, weight)
    index, request, problem = failures[0]
    sent = f" with {describe(request['json'], 40)}" if "json" in request else ""
    message = f"Request {index + 1} of {len(requests)}: {request.get('method', 'GET')} {request['path']}{sent}: {problem}."
    if len(failures) > 1:
        message += f" ({len(failures)} of {len(requests)} requests failed.)"
    score = weight * (len(requests) - len(failures)) / len(requests)
    return _failed(check, "http", round(score, 4), weight, message)


def _response_problem(request: dict, expected: dict, got: dict) -> str | None:
    if got.get("status") is None:
        return f"no answer ({got.get('error', 'connection failed')})"
    want_status = request.get("expect_status", expected.get("status"))
    if want_status is not None and got["status"] != want_status:
        body = got.get("json", got.get("text", ""))
        return f"expected status {want_status}, got {got['status']} (body: {describe(body, 80)})"
    body = got.get("json")
    for key in request.get("expect_keys", []):
        if not isinstance(body, dict) or key not in body:
            return f"expected a JSON object with the key '{key}', got {describe(body if body is not None else got.get('text'), 80)}"
    spec = request.get("compare")
    if spec:
        field_name = spec["field"]
        want = (expected.get("json") or {}).get(field_name)
        value = body.get(field_name) if isinstance(body, dict) else None
        problem = compare({"status": "ok", "value": want}, {"status": "ok", "value": value}, spec)
        if problem:
            return f"'{field_name}': {problem}"
    return None


def judge_resource(check: dict, plan_steps: list[dict], learner: Observation) -> CheckResult:
    weight = float(check.get("weight", 1))
    if learner.exit_reason == "timeout":
        # The result's message names the limit that stopped it; a second figure here (the
        # seconds spent until then) would only contradict it.
        message = "Not measured: your code was stopped at a time limit before it finished."
        return _failed(check, "resource", 0.0, weight, message)
    problems = []
    if "max_seconds" in check:
        # Each step's seconds are the supervisor's own measure (learner code can patch any
        # clock in its process, never the supervisor's).
        spent = sum(
            float(s.get("seconds") or 0) for sid, s in learner.steps.items() if sid != LOAD_STEP
        )
        if spent > float(check["max_seconds"]):
            problems.append(
                f"your functions took {spent:.2f} s in all; the limit is {check['max_seconds']} s"
            )
    if "max_memory_mb" in check and learner.peak_memory_bytes:
        # The peak of the whole container (its cgroup), so memory hidden in a grandchild counts.
        used = learner.peak_memory_bytes / 2**20
        if used > float(check["max_memory_mb"]):
            problems.append(
                f"peak memory was {used:.0f} MB; the limit is {check['max_memory_mb']} MB"
            )
    elif "max_memory_mb" in check and not problems and learner.exit_reason != "memory":
        if learner.exit_reason in ("ok", "output_limit", "crash"):
            return _platform_error(check, "the run's peak memory could not be measured")
        problems.append("the peak memory was not measured: the run did not finish")
    if learner.exit_reason == "memory":
        problems.append("the run was stopped for using too much memory")
    if "speedup" in check:
        speedup_problem, speedup_line = _speedup(check["speedup"], learner)
        if speedup_problem:
            problems.append(speedup_problem)
        elif not problems:
            return CheckResult(
                check["id"], _name(check), "resource", "pass", weight, weight, speedup_line
            )
    if problems:
        text = "; ".join(problems)
        return _failed(check, "resource", 0.0, weight, text[:1].upper() + text[1:] + ".")
    return CheckResult(check["id"], _name(check), "resource", "pass", weight, weight)


def _speedup(spec: dict, learner: Observation) -> tuple[str | None, str]:
    """(problem, line): how much faster the steps of check ``of`` ran than those of ``over``,
    each side its fastest step (the first repeat pays for warming up, CUDA's above all), by
    the supervisor's clock. Both sides are the learner's own functions: only a slower
    baseline could fake a speed-up, and its outputs are judged by their own check."""

    def fastest(check_id: str) -> float | None:
        seconds = [
            float(s["seconds"])
            for sid, s in learner.steps.items()
            if check_of(sid) == check_id and s.get("status") == "ok" and s.get("seconds")
        ]
        return min(seconds) if seconds else None

    fast, slow = fastest(spec["of"]), fastest(spec["over"])
    if fast is None or slow is None:
        which = spec["of"] if fast is None else spec["over"]
        return f"the speed-up was not measured: the steps of {which} did not all finish", ""
    ratio = slow / max(fast, 1e-6)
    line = (
        f"{spec['of']} took {fast:.3f} s, {spec['over']} {slow:.3f} s: a {ratio:.2f}x speed-up"
        f" (at least {float(spec['at_least']):g}x needed)"
    )
    if ratio < float(spec["at_least"]):
        return f"{line[:1].lower()}{line[1:]}", line
    return None, line


def judge_static_check(check: dict, sources: dict[str, str]) -> CheckResult:
    weight = float(check.get("weight", 1))
    score, message = judge_static(check, sources)
    status = "pass" if score >= 1 else "fail"
    return CheckResult(
        check["id"],
        _name(check),
        "static",
        status,
        weight * score,
        weight,
        message,
        "" if status == "pass" else check.get("hint", ""),
    )


def _name(check: dict) -> str:
    return check.get("name") or check["id"].replace("_", " ").capitalize()


def _failed(check: dict, kind: str, score: float, weight: float, message: str) -> CheckResult:
    return CheckResult(
        check["id"], _name(check), kind, "fail", score, weight, message, check.get("hint", "")
    )


def _platform_error(check: dict, why: str) -> CheckResult:
    return CheckResult(
        check["id"],
        _name(check),
        check["kind"],
        "error",
        0.0,
        float(check.get("weight", 1)),
        f"Grader problem: {why}. This is our fault; the attempt is kept.",
    )


def _missing_reason(learner: Observation) -> str:
    load = learner.steps.get(LOAD_STEP) or {}
    if load.get("status") == "timeout":
        return "not run: importing your code took longer than its time limit"
    if learner.exit_reason == "timeout":
        return "not run: the time limit was reached first"
    if learner.exit_reason == "memory":
        return "not run: the memory limit was reached first"
    if learner.exit_reason == "harness_lost":
        return "not run: the grading harness was stopped by the code under test"
    return "not run"


def curves_from(metrics: list[dict]) -> dict[str, list[list[float]]]:
    """Per-name series from report.log(...) records, indexed by step/epoch when given.

    When the step goes back (a metric check trains again for its next repeat), a new series
    starts: `loss`, then `loss (run 2)`, ...
    """
    curves: dict[str, list[list[float]]] = {}
    runs: dict[str, int] = {}
    for index, record in enumerate(metrics):
        if not isinstance(record, dict):
            continue
        # Finite floats only: a point such as 10 ** 400 or NaN is left out, never float()ed.
        x = untrusted.number(record.get("step", record.get("epoch", index)))
        if x is None:
            continue
        for key, raw in record.items():
            value = untrusted.number(raw)
            if key in {"step", "epoch"} or not isinstance(key, str) or value is None:
                continue
            run = runs.setdefault(key, 1)
            name = key if run == 1 else f"{key} (run {run})"
            if curves.get(name) and x <= curves[name][-1][0]:
                runs[key] = run = run + 1
                name = f"{key} (run {run})"
            curves.setdefault(name, []).append([x, value])
    return curves


# --- One judge per check kind ----------------------------------------------------------------


@dataclass(frozen=True)
class JudgeInputs:
    """What any check is judged on: the package, the plan, the learner's files and run, and the
    expected values."""

    package: Any
    plan_steps: list[dict]
    sources: dict[str, str]
    learner: Observation
    reference: dict[str, dict]


Judged = tuple[CheckResult, dict | None]  # a check's result, and its metric record if it has one


def _judge_probe(check: dict, inputs: JudgeInputs) -> Judged:
    if (check.get("compare") or {}).get("mode") == "property":
        return judge_property(check, inputs.plan_steps, inputs.learner, inputs.package), None
    return judge_probe(check, inputs.plan_steps, inputs.learner, inputs.reference), None


def judge_property(
    check: dict, plan_steps: list[dict], learner: Observation, package
) -> CheckResult:
    """Each case's value must have the properties that grader.py's `compare.function` asks of
    it (called with the value and the case's arguments; it returns None or what is wrong).
    For answers with many right values (any stratified split), so none is compared with the
    reference's own."""
    weight = float(check.get("weight", 1))
    grader = load_grader(package)
    holds = getattr(grader, check["compare"]["function"])
    mine = [s for s in plan_steps if check_of(s) == check["id"]]
    failures = []
    for index, step in enumerate(mine):
        actual = _learner_outcome(learner, step)
        if actual["status"] != "ok":  # raised, timed out, not run: said as a probe says it
            problem = compare({"status": "ok", "value": None}, actual, {"mode": "exact"})
        else:
            args = _plan_values(package, step.get("args", []))
            kwargs = _plan_values(package, step.get("kwargs", {}))
            problem = holds(actual.get("value"), *args, **kwargs)
        if problem:
            failures.append((index, step, problem))
    if not failures:
        return CheckResult(check["id"], _name(check), "probe", "pass", weight, weight)
    index, step, problem = failures[0]
    call = describe_call(step["function"], step["args"], step["kwargs"])
    message = f"Case {index + 1} of {len(mine)}: {call} {problem}."
    if len(failures) > 1:
        message += f" ({len(failures)} of {len(mine)} cases failed.)"
    score = weight * (len(mine) - len(failures)) / len(mine) if mine else 0.0
    return _failed(check, "probe", round(score, 4), weight, message)


def _judge_static(check: dict, inputs: JudgeInputs) -> Judged:
    """The source check, then what the harness's run-time bans saw (a name the source hid)."""
    result = judge_static_check(check, inputs.sources)
    if result.status == "pass" and (check.get("forbid_imports") or check.get("forbid_calls")):
        tripped = runtime_ban(inputs.learner, check.get("forbid_imports", []))
        if tripped:
            weight = float(check.get("weight", 1))
            message = f"While your code ran it hit a ban: {tripped}."
            return _failed(check, "static", 0.0, weight, message), None
    return result, None


BAN_MARK = "this exercise forbids"
# How Python words an import stopped by a None entry in sys.modules (the ban's halt).
HALTED = re.compile(
    r"import of ([\w.]+) halted|No module named '[\w.]+'; '([\w.]+)' is not a package"
)


def runtime_ban(learner: Observation, banned_imports: list[str] = ()) -> str | None:  # type: ignore[assignment]
    """The first run-time ban among the learner's outcomes (sandbox.harness.bans), in words."""
    for outcome in learner.steps.values():
        exception = outcome.get("exception") if isinstance(outcome, dict) else None
        if not isinstance(exception, dict):
            continue
        kind, message = exception.get("type"), str(exception.get("message", ""))
        halted = HALTED.search(message) if kind == "ModuleNotFoundError" else None
        module = (halted.group(1) or halted.group(2)) if halted else None
        if module and any(module == b or module.startswith(b + ".") for b in banned_imports):
            return f"it imported {module}, which {BAN_MARK}"
        if kind == "ForbiddenByExercise" or (kind == "ModuleNotFoundError" and BAN_MARK in message):
            return message[:300]
    return None


def _judge_resource(check: dict, inputs: JudgeInputs) -> Judged:
    return judge_resource(check, inputs.plan_steps, inputs.learner), None


def _judge_metric(check: dict, inputs: JudgeInputs) -> Judged:
    return judge_metric(check, inputs.plan_steps, inputs.learner, inputs.reference, inputs.package)


def _judge_http(check: dict, inputs: JudgeInputs) -> Judged:
    return judge_http(check, inputs.plan_steps, inputs.learner, inputs.reference), None


def judge_figure(check: dict, plan_steps: list[dict], learner: Observation, package) -> CheckResult:
    """Each case's call must return, and save a figure at its `path` that is a readable,
    non-blank image showing what the package's `shows` function asks of it."""
    weight = float(check.get("weight", 1))
    grader = load_grader(package) if check.get("shows") else None
    shows = getattr(grader, check["shows"]) if grader is not None else None
    mine = [s for s in plan_steps if check_of(s) == check["id"]]
    failures = []
    for index, step in enumerate(mine):
        actual = _learner_outcome(learner, step)
        args = _plan_values(package, step.get("args", []))
        kwargs = _plan_values(package, step.get("kwargs", {}))
        if actual["status"] != "ok":  # raised, timed out, not run: said as a probe says it
            problem = compare({"status": "ok", "value": None}, actual, {"mode": "exact"})
        else:
            problem = figure_files.case_problem(
                actual, kwargs, args, learner.figures, learner.figures_skipped, shows
            )
        if problem:
            failures.append((index, step, problem))
    if not failures:
        return CheckResult(check["id"], _name(check), "figure", "pass", weight, weight)
    index, step, problem = failures[0]
    call = describe_call(step["function"], step["args"], step["kwargs"])
    message = f"Case {index + 1} of {len(mine)}: {call} {problem}."
    if len(failures) > 1:
        message += f" ({len(failures)} of {len(mine)} cases failed.)"
    score = weight * (len(mine) - len(failures)) / len(mine) if mine else 0.0
    return _failed(check, "figure", round(score, 4), weight, message)


def _plan_values(package, encoded):
    """A step's arguments as the learner received them (data files read from the package)."""
    from sandbox.harness import codec

    return codec.decode(
        encoded, load_file=lambda relative: np.load(package.root / relative, allow_pickle=False)
    )


def _judge_figure(check: dict, inputs: JudgeInputs) -> Judged:
    return judge_figure(check, inputs.plan_steps, inputs.learner, inputs.package), None


def _judge_dockerfile(check: dict, inputs: JudgeInputs) -> Judged:
    weight = float(check.get("weight", 1))
    name = check.get("file", "Dockerfile")
    problems = judge_dockerfile_text(
        inputs.sources.get(name), name, check["rules"], check.get("port")
    )
    if not problems:
        return CheckResult(check["id"], _name(check), "dockerfile", "pass", weight, weight), None
    rules = len(check["rules"])
    passed = max(0, rules - len(problems))
    message = f"{name}: " + "; ".join(problems) + "."
    return _failed(check, "dockerfile", round(weight * passed / rules, 4), weight, message), None


JUDGES: dict[str, Callable[[dict, JudgeInputs], Judged]] = {
    "probe": _judge_probe,
    "static": _judge_static,
    "resource": _judge_resource,
    "metric": _judge_metric,
    "http": _judge_http,
    "figure": _judge_figure,
    "dockerfile": _judge_dockerfile,
}


def judge_check(check: dict, inputs: JudgeInputs) -> Judged:
    """The check judged by the judge of its kind; a kind this grader lacks is our fault."""
    kind = check["kind"]
    judge_kind = JUDGES.get(kind)
    if judge_kind is None:
        return _platform_error(check, f"check kind '{kind}' is not supported by this grader"), None
    try:
        return judge_kind(check, inputs)
    except Exception:
        # Judging is deterministic: running the sandbox again would fail the same way, so a
        # bug here ends this check in `error` (ours, said so) instead of a platform retry.
        log.exception("judging check %s of %s failed", check.get("id"), inputs.package.slug)
        return _platform_error(check, "this check could not be judged"), None


# --- The result document ----------------------------------------------------------------------


def judge(
    *,
    package,
    plan: dict,
    sources: dict[str, str],
    learner: Observation,
    reference: dict[str, dict],
    seed: int,
    limits: dict,
) -> dict:
    """The result document of one learner run: each check judged by the judge of its kind."""
    inputs = JudgeInputs(package, plan["steps"], sources, learner, reference)
    checks: list[CheckResult] = []
    metrics: dict[str, dict] = {}
    for check in package.checks:
        result, record = judge_check(check, inputs)
        checks.append(result)
        if record is not None:
            metrics[check["id"]] = record
    if learner.exit_reason == "timeout":
        _count_nothing(checks)
    _choose_hints(package.checks, checks, sources)
    status, score = _overall(checks)
    return {
        "version": RESULT_VERSION,
        "status": status,
        "score": score,
        "gradable": status != "error",
        "exit_reason": learner.exit_reason,
        "message": _exit_message(learner, limits, plan["steps"]),
        "checks": [c.as_dict() for c in checks],
        "metrics": metrics,
        "curves": curves_from(learner.metrics),
        "figures": learner.figures,
        "figures_skipped": learner.figures_skipped,
        "stdout": learner.stdout,
        "stderr": learner.stderr,
        "stdout_truncated": learner.stdout_truncated,
        "stderr_truncated": learner.stderr_truncated,
        "resources": {
            "wall_seconds": learner.wall_seconds,
            "cpu_seconds": learner.cpu_seconds,
            "peak_memory_bytes": learner.peak_memory_bytes,
            **({"gpu": learner.gpu} if learner.gpu else {}),
        },
        "provenance": _provenance(package, seed, learner),
    }


def _choose_hints(specs: list[dict], checks: list[CheckResult], sources: dict[str, str]) -> None:
    """A failed check's hint, chosen from the whole result (worker/judge/hints.py)."""
    statuses = {c.id: c.status for c in checks}
    by_id = {spec["id"]: spec for spec in specs}
    for check in checks:
        spec = by_id.get(check.id) or {}
        if check.status == "fail" and spec.get("hints"):
            check.hint = choose_hint(spec, statuses, sources)


def _overall(checks: list[CheckResult]) -> tuple[str, float]:
    """(status, score 0–1): `error` when any check is our fault, else pass only if all passed."""
    total = sum(c.max_score for c in checks) or 1.0
    score = round(sum(c.score for c in checks) / total, 4)
    if any(c.status == "error" for c in checks):
        return "error", score
    if all(c.status == "pass" for c in checks):
        return "pass", score
    return "fail", score


NOT_COUNTED = "Not counted: a run that times out scores 0."


def _count_nothing(checks: list[CheckResult]) -> None:
    """A timed-out run scores 0 (the attempt is `timed_out`, as Gradescope and Exercism end a
    run past its limit), and its checks say so, so that their points add up to the score."""
    for check in checks:
        if check.score > 0:
            check.score = 0.0
            check.message = f"{check.message} {NOT_COUNTED}".strip()


def timeout_message(learner: Observation, limits: dict, plan_steps: list[dict]) -> str:
    """Which limit stopped the run and its figure: one call's (the first step that timed out,
    its limit from our plan) or, when none did, the whole run's wall clock."""
    step = next(
        (s for s in plan_steps if (learner.steps.get(s["id"]) or {}).get("status") == "timeout"),
        None,
    )
    if step is None or not step.get("timeout_seconds"):
        return EXIT_MESSAGES["timeout"].format(wall=seconds_text(limits.get("wall_seconds", 0)))
    limit = seconds_text(step["timeout_seconds"])
    if step["id"] == LOAD_STEP:
        return f"Importing your code took longer than its {limit} s time limit, so no check ran."
    if step.get("kind") == "http":
        return (
            f"Your server did not answer within {limit} s, the time limit of its requests, "
            "and was stopped."
        )
    return (
        f"A call of {step.get('function') or 'your code'} did not return within {limit} s, "
        "the time limit of one call, and was stopped; nothing after it ran."
    )


def seconds_text(value: float) -> str:
    """1.244 → '1.24', 20.0 → '20': what a person reads of a limit in seconds."""
    return f"{round(float(value), 2):g}"


def _exit_message(learner: Observation, limits: dict, plan_steps: list[dict]) -> str:
    """Why the run ended early, if it did, for the learner: the limit that stopped it, once."""
    if learner.exit_reason == "timeout":
        return f"{timeout_message(learner, limits, plan_steps)} A run that times out scores 0."
    if learner.exit_reason not in EXIT_MESSAGES:
        return ""
    if learner.exit_reason == "memory" and (learner.gpu or {}).get("out_of_memory"):
        return out_of_memory_message(int(limits.get("gpu_memory_mb") or 0) or None)
    return EXIT_MESSAGES[learner.exit_reason].format(
        wall=limits.get("wall_seconds", 0),
        memory=limits.get("memory_mb", 0),
        code=learner.exit_code,
    )


def _provenance(package, seed: int, learner: Observation) -> dict:
    """What the result was computed from, so that it can be reproduced."""
    return {
        "seed": seed,
        "image": learner.image,
        "image_id": learner.image_id,
        "versions": learner.versions,
        "exercise": package.slug,
        "exercise_hash": package.hash,
        "grader_version": f"{GRADER_VERSION}.{package.spec.get('grader_version', 1)}",
    }
