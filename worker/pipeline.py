"""Grade one submission: claim it, run it in the sandbox, judge the outputs, record the result.

Learner faults end in a terminal status with a message; platform faults (no Docker engine,
a broken reference) are told apart: the engine's absence ends the attempt in `error` with
"grading is unavailable, we will retry" and a `retry_at` (see worker/lifecycle.py).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from curriculum.content.exercise_packages import find_package
from sandbox.harness import codec
from sandbox.result import SandboxUnavailable
from sandbox.runner import removals_deferred
from submissions.models import Status, Submission
from submissions.services import SubmissionRejected, submission_graded_notify, validate_files

from . import lifecycle
from .job_spec import limits_for
from .judge.cases import grader_expectations, load_grader
from .judge.grade import Observation, judge
from .judge.plan import build_plan
from .reference import ReferenceBroken, reference_outputs
from .sandbox_jobs import run_files

log = logging.getLogger(__name__)

OUR_FAULT = "Something went wrong on our side while grading; we will retry automatically."
UNAVAILABLE = "Grading is unavailable right now; we will retry automatically."
STATUS_FOR = {"pass": Status.PASSED, "fail": Status.FAILED, "error": Status.ERROR}


class RetryLater(Exception):
    """The platform could not grade now; the row is `error` with `retry_at`, the task retries then."""

    def __init__(self, reason: str, *, countdown: float):
        super().__init__(reason)
        self.countdown = countdown


def grade_submission(submission_id: int) -> str:
    """Returns the final status, or 'skipped' when another delivery owns (or finished) it."""
    submission = lifecycle.claim(submission_id)
    if submission is None:
        return "skipped"
    if submission.attempts > settings.GRADING_MAX_ATTEMPTS:
        message = f"We could not grade this after {settings.GRADING_MAX_ATTEMPTS} tries. Please submit again later."
        lifecycle.finish(submission, status=Status.ERROR, message=message)
        return Status.ERROR
    timings = {"received": submission.started_at.timestamp()} if submission.started_at else {}
    with removals_deferred():  # the learner's result is stored before its containers go
        return _grade_and_store(submission, timings)


def _grade_and_store(submission: Submission, timings: dict[str, float]) -> str:
    try:
        status, score, result, message = _grade(submission, timings=timings)
    except SandboxUnavailable as exc:
        log.warning(
            "sandbox unavailable for submission %s (attempt %s): %s",
            submission.pk,
            submission.attempts,
            exc,
        )
        return _retry_later(submission, UNAVAILABLE, exc, reason="grading was unavailable")
    except ReferenceBroken as exc:
        log.error("reference broken for %s: %s", submission.graded_exercise.slug, exc)
        status, score, result = Status.ERROR, None, None
        message = "The grader for this exercise is broken; this is our fault and the attempt does not count."
    except Exception as exc:  # a bug or a passing outage of ours: never the learner's fault
        log.exception("grading submission %s failed unexpectedly", submission.pk)
        return _retry_later(submission, OUR_FAULT, exc, reason="an error on our side")
    with transaction.atomic():  # whoever sees the final status also sees its notification
        finished = lifecycle.finish(
            submission, status=status, score=score, result=result, message=message, timings=timings
        )
        if finished:
            submission_graded_notify(submission=submission)
    return status


def _retry_later(submission: Submission, message: str, exc: Exception, *, reason: str) -> str:
    """`error` with `retry_at` and a retry with backoff; a final `error` after the last attempt."""
    final = f"We gave up after {submission.attempts} tries ({reason}). Please submit again later."
    countdown = lifecycle.defer_or_give_up(submission, message=message, final_message=final)
    if countdown is None:
        return Status.ERROR
    raise RetryLater(str(exc), countdown=countdown) from exc


def _grade(
    submission: Submission, *, timings: dict[str, float] | None = None
) -> tuple[str, float | None, dict | None, str]:
    package = find_package(settings.CONTENT_DIR / "exercises", submission.graded_exercise.slug)
    sources = dict(submission.files)
    try:
        validate_files(sources)  # rows written before a rule existed, or not through the web
    except SubmissionRejected as rejected:
        return Status.REJECTED, None, None, str(rejected)
    if package.entrypoint not in sources:
        return (
            Status.REJECTED,
            None,
            None,
            f"The submission has no {package.entrypoint}; that is the file we grade.",
        )
    result, exit_reason = grade_files(
        submission.exercise,
        package,
        sources,
        seed=submission.seed,
        labels={"backprop.submission": str(submission.pk)},
        timings=timings,
    )
    status = STATUS_FOR[result["status"]]
    if exit_reason == "timeout":
        status = Status.TIMED_OUT
    return status, result["score"], result, result["message"]


def grade_files(
    exercise,
    package,
    sources: dict[str, str],
    *,
    seed: int,
    labels: dict[str, str],
    timings: dict[str, float] | None = None,
) -> tuple[dict, str]:
    """Run and judge any set of files against a package: learners', starters, wrong solutions."""
    return grade_prepared(
        prepare_grading(exercise, package, seed=seed), sources, labels=labels, timings=timings
    )


@dataclass(frozen=True)
class PreparedGrading:
    """What judging needs besides the learner's run: the plan and the expected values."""

    package: Any
    plan: dict
    reference: dict[str, dict]
    limits: Any
    seed: int


def prepare_grading(exercise, package, *, seed: int) -> PreparedGrading:
    """The plan and the expected values (the cached reference run; it runs once if missing)."""
    limits = limits_for(package)
    plan = build_plan(package, seed=seed, wall_seconds=limits.wall_seconds)
    reference_plan = build_plan(
        package, seed=seed, wall_seconds=limits.wall_seconds, for_reference=True
    )
    reference = _decoded(reference_outputs(exercise, package, reference_plan))
    reference.update(grader_expectations(package, plan, load_grader(package)))
    return PreparedGrading(package, plan, reference, limits, seed)


def grade_prepared(
    prepared: PreparedGrading,
    sources: dict[str, str],
    *,
    labels: dict[str, str],
    timings: dict[str, float] | None = None,
) -> tuple[dict, str]:
    """Run the files and judge them; touches no database, so several may run side by side.
    `timings`, when given, gets the run's phases and the moment judging ended."""
    run = run_files(
        prepared.package, sources, plan=prepared.plan, seed=prepared.seed, labels=labels
    )
    observation = Observation.from_run(run)
    result = judge(
        package=prepared.package,
        plan=prepared.plan,
        sources=sources,
        learner=observation,
        reference=prepared.reference,
        seed=prepared.seed,
        limits=prepared.limits.as_dict(),
    )
    if timings is not None:
        timings.update(run.phases)
        timings["judged"] = time.time()
    return result, run.exit_reason


def _decoded(reference: dict[str, dict]) -> dict[str, dict]:
    return {
        sid: {**step, "value": codec.decode(step.get("value"))} for sid, step in reference.items()
    }


def grade_now(submission: Submission) -> tuple[str, float | None, dict | None, str]:
    """(status, score, result, message) for a submission's files against the current package,
    without claiming or finishing it: the regrade path."""
    return _grade(submission)
