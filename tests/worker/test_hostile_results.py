"""Hostile values in a run's result end as the learner's outcome after one sandbox run.

Learner code can send any JSON on its result channel (with the step's id) and any JSON
object as a metric; before the judge parsed them defensively, each of these escaped as an
unexpected error, which the pipeline takes for ours: the sandbox ran five times and the
learner read "We gave up after 5 tries (an error on our side)". Here each is graded the way
the task would be, retries included (`graded_with_retries`), and must end after one run.

The fakes stand in for the sandbox; `test_hostile_solutions_in_the_real_sandbox_run_once`
sends solutions that write the same values on the real result channel.
"""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from sandbox.harness import codec
from sandbox.result import RunResult
from submissions import services
from submissions.models import Status, Submission
from worker import pipeline
from worker.judge.plan import LOAD_STEP

SOURCE = "def matmul(A, B):\n    return [[1.0]]\n"
GOOD = [[1.0]]


def nested(depth):
    value = 1.0
    for _ in range(depth):
        value = [value]
    return value


def _outcome(step: dict, hostile: dict) -> dict:
    if step["id"] == LOAD_STEP:
        return {"id": step["id"], "status": "ok", "value": True, "seconds": 0.01}
    if "shape_mismatch" in step["id"]:
        exception = {"type": "ValueError", "message": "shapes", "mro": ["ValueError"]}
        return {"id": step["id"], "status": "raised", "exception": exception, "seconds": 0.01}
    outcome = {"id": step["id"], "status": "ok", "value": codec.encode(GOOD), "seconds": 0.01}
    outcome.update(hostile.get("outcome", {}))
    return outcome


def _result(plan: dict, hostile: dict) -> dict:
    result = {
        "steps": [_outcome(step, hostile) for step in plan["steps"]],
        "metrics": [],
        "stdout": "",
        "stderr": "",
        "child": {"exit_code": 0, "cpu_seconds": 0.1},
        "versions": {"python": "3.11.2"},
    }
    result.update(hostile.get("result", {}))
    # What the host reads is what the supervisor signed: JSON, parsed again.
    return json.loads(json.dumps(result))


class FakeSandbox:
    """run_files for the pipeline: the reference gets plain values, the learner `hostile`."""

    def __init__(self, hostile: dict):
        self.hostile = hostile
        self.learner_runs = 0

    def __call__(self, package, files, *, plan, seed, labels):
        reference = "backprop.reference" in labels
        if not reference:
            self.learner_runs += 1
        result = _result(plan, {} if reference else self.hostile)
        return RunResult(exit_reason="ok", exit_code=0, result=result, wall_seconds=0.5)


def graded_with_retries(submission: Submission, settings) -> Submission:
    """grade_submission as the task runs it: again after each RetryLater, up to the cap."""
    for _ in range(settings.GRADING_MAX_ATTEMPTS + 1):
        try:
            pipeline.grade_submission(submission.pk)
        except pipeline.RetryLater:
            Submission.objects.filter(pk=submission.pk).update(retry_at=timezone.now())
            continue
        break
    submission.refresh_from_db()
    return submission


def _texts(submission: Submission) -> str:
    checks = (submission.result or {}).get("checks", [])
    return "\n".join([submission.message] + [c["message"] for c in checks])


CANNOT_READ = "returned a value the grader cannot read"
HOSTILE = {
    "metric-beyond-float": (
        {"result": {"metrics": [{"step": 0, "loss": 10**400}, {"step": 1, "loss": 0.5}]}},
        Status.PASSED,
        "",
    ),
    "metric-garbage": (
        {
            "result": {
                "metrics": [
                    {"step": 10**400, "loss": 1.0},
                    {"loss": {"__float__": "nan"}},
                    {"step": True, "acc": [1, 2]},
                    "not a record",
                    [1, 2],
                    None,
                ]
            }
        },
        Status.PASSED,
        "",
    ),
    "value-700-deep": (
        {"outcome": {"value": nested(700)}},
        Status.FAILED,
        f"{CANNOT_READ}: a value nested more than 64 levels deep",
    ),
    "value-file-reference": (
        {"outcome": {"value": {"__file__": "x"}}},
        Status.FAILED,
        f"{CANNOT_READ}: a {{'__file__': ...}}",
    ),
    "value-malformed-array": (
        {"outcome": {"value": {"__ndarray__": "!!", "dtype": "O", "shape": [1]}}},
        Status.FAILED,
        CANNOT_READ,
    ),
    "value-beyond-float-in-allclose": (
        {"outcome": {"value": [[10**400]]}},
        Status.FAILED,
        "a number too large to compare",
    ),
    "value-ragged": (
        {"outcome": {"value": [[1.0], [1.0, 2.0]]}},
        Status.FAILED,
        "Case 1 of",
    ),
    "forged-status": (
        {"outcome": {"status": "pass"}},
        Status.FAILED,
        "the step reported an invalid status",
    ),
    "forged-status-unhashable": (
        {"outcome": {"status": ["ok"], "message": {"not": "text"}}},
        Status.FAILED,
        "the step reported an invalid status",
    ),
    "forged-exception-and-seconds": (
        {
            "outcome": {
                "status": "raised",
                "exception": ["not", "a", "dict"],
                "seconds": "forever",
                "cpu_seconds": 10**400,
            }
        },
        Status.FAILED,
        "raised an exception",
    ),
    "forged-exception-fields": (
        {
            "outcome": {
                "status": "raised",
                "exception": {"type": ["x"], "message": 5, "mro": "ValueError"},
            }
        },
        Status.FAILED,
        "Case 1 of",
    ),
    "text-a-database-refuses": (
        {
            "outcome": {"status": "raised", "exception": {"type": "E\ud800", "message": "\x00"}},
            "result": {"stdout": "a\x00b", "stderr": "\udcff"},
        },
        Status.FAILED,
        "raised E?",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_result_ends_in_one_sandbox_run_with_the_learners_outcome(
    name, matmul, alice, settings, monkeypatch
):
    hostile, status, message = HOSTILE[name]
    sandbox = FakeSandbox(hostile)
    monkeypatch.setattr(pipeline, "run_files", sandbox)
    monkeypatch.setattr("worker.reference.run_files", sandbox)
    submission = services.submission_create(
        user=alice, exercise=matmul, files={"solution.py": SOURCE}
    )
    submission = graded_with_retries(submission, settings)
    assert sandbox.learner_runs == 1, (name, submission.status, submission.message)
    assert submission.is_terminal and submission.retry_at is None
    assert (submission.status, submission.attempts) == (status, 1), _texts(submission)
    assert message in _texts(submission)
    stored = json.dumps(submission.result)
    assert "\\u0000" not in stored and "\\ud800" not in stored and "\\udcff" not in stored


def test_curves_keep_only_finite_points(matmul, alice, settings, monkeypatch):
    sandbox = FakeSandbox(HOSTILE["metric-beyond-float"][0])
    monkeypatch.setattr(pipeline, "run_files", sandbox)
    monkeypatch.setattr("worker.reference.run_files", sandbox)
    submission = services.submission_create(
        user=alice, exercise=matmul, files={"solution.py": SOURCE}
    )
    submission = graded_with_retries(submission, settings)
    assert submission.result["curves"] == {"loss": [[1.0, 0.5]]}


# The result channel is the learner process's own pipe to the supervisor: any outcome it
# writes there with the current step's id is taken as that step's outcome.
FORGE = """
import json, os, sys

def _forge(value):
    frame, step, fd = sys._getframe(1), None, None
    while frame is not None:
        step = step or frame.f_locals.get("step")
        fd = frame.f_locals.get("result_fd", fd)
        frame = frame.f_back
    line = {"id": step["id"], "status": "ok", "value": value}
    os.write(fd, json.dumps(line).encode() + b"\\n")
"""
REAL = {
    "file-reference": (
        FORGE + 'def matmul(A, B):\n    _forge({"__file__": "x"})\n    return A\n',
        f"{CANNOT_READ}: a {{'__file__': ...}}",
    ),
    "700-deep": (
        FORGE + "def matmul(A, B):\n    _forge(json.loads('[' * 700 + ']' * 700))\n    return A\n",
        "nested more than 64 levels deep",  # the supervisor refuses it already
    ),
    "beyond-float": (
        "def matmul(A, B):\n    return [[10 ** 400] * len(B[0]) for _ in A]\n",
        "a number too large to compare",
    ),
    "metric-beyond-float": (
        "import report\n\ndef matmul(A, B):\n    report.log(step=0, loss=10 ** 400)\n"
        "    return [[10 ** 400]]\n",
        "a number too large to compare",
    ),
}


@pytest.mark.docker
@pytest.mark.parametrize("name", sorted(REAL))
def test_hostile_solutions_in_the_real_sandbox_run_once(
    name, matmul, alice, settings, sandbox_ready, monkeypatch
):
    settings.SANDBOX_IMAGE = sandbox_ready
    source, message = REAL[name]
    runs = []
    real = pipeline.run_files
    monkeypatch.setattr(pipeline, "run_files", lambda *a, **k: runs.append(1) or real(*a, **k))
    submission = services.submission_create(
        user=alice, exercise=matmul, files={"solution.py": source}
    )
    submission = graded_with_retries(submission, settings)
    assert len(runs) == 1, (name, submission.status, submission.message)
    assert (submission.status, submission.attempts) == (Status.FAILED, 1), _texts(submission)
    assert message in _texts(submission)
