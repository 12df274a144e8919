"""Compare-and-set status transitions: the database is the truth, so a task can always be redelivered.

This module is the one owner of a submission's status: every transition is one UPDATE guarded
by what the caller read (the status and the attempt counter, and where it matters the lease,
the enqueue time or the retry time), so two deliveries of the same task, or a task and the
sweep, or a regrade and a grading, can never both record a result. Each returns whether it
applied.

queued ──claim──▶ running ──finish──▶ passed | failed | error | timed_out | rejected
  ▲                  │  ▲                               │
  └── release, ──────┤  │ claim (once retry_at          │ record_regrade: graded again,
    requeue_expired  │  │ has passed)                   ▼ only while the row is unchanged
                defer│  │                     passed | failed | error | timed_out
                     ▼  │
     error with retry_at set ("grading is unavailable, we will retry")

A row in `error` with `retry_at` set is not terminal: the platform, not the learner,
failed, and the task's retry (or the sweep) claims it again. `finish` clears `retry_at`.

The sweep's transitions: `give_up_expired` (running past its lease after the last attempt →
error), `requeue_expired` (running past its lease → queued), `touch_stale_queued` (a queued
row whose task was lost gets a fresh `enqueued_at`) and `touch_overdue_retry` (a promised
retry whose task was lost becomes due now); the caller enqueues the task when one applied.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from accounts.state import user_state_bump
from submissions.models import Status, Submission

# Finished rows a regrade may grade again (not `rejected`: those were never graded).
REGRADABLE = [Status.PASSED, Status.FAILED, Status.ERROR, Status.TIMED_OUT]


def _changed(updated: int, submission: Submission) -> bool:
    """Whether the transition applied; if it did, the learner's cached pages (their attempt's
    status) are stale: a queryset update sends no signal, so this says so."""
    if updated:
        user_state_bump(submission.user_id)
    return bool(updated)


def claimable(now) -> Q:
    return (
        Q(status=Status.QUEUED)
        | Q(status=Status.RUNNING, lease_expires_at__lt=now)
        | Q(status=Status.ERROR, retry_at__isnull=False, retry_at__lte=now)
    )


def claim(submission_id: int) -> Submission | None:
    """queued, running with an expired lease, or a due retry → running; None if someone else owns it."""
    now = timezone.now()
    updated = Submission.objects.filter(claimable(now), pk=submission_id).update(
        status=Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        retry_at=None,
        lease_expires_at=now + timedelta(seconds=settings.GRADING_LEASE_SECONDS),
    )
    if not updated:
        return None
    submission = Submission.objects.select_related("exercise", "user").get(pk=submission_id)
    _changed(updated, submission)
    return submission


def _this_attempt(submission: Submission):
    """The row as long as it is still running the attempt `submission` claimed."""
    return Submission.objects.filter(
        pk=submission.pk, status=Status.RUNNING, attempts=submission.attempts
    )


def finish(
    submission: Submission,
    *,
    status: str,
    score: float | None = None,
    result: dict | None = None,
    message: str = "",
    timings: dict[str, float] | None = None,
) -> bool:
    """running → terminal, only for the attempt that claimed it; `timings` (the phases seen by
    the worker, epoch seconds) is kept with the moment the result was stored."""
    now = timezone.now()
    fields = {
        "status": status,
        "score": score,
        "result": result,
        "message": message,
        "timings": {**(timings or {}), "stored": now.timestamp()},
        "finished_at": now,
        "lease_expires_at": None,
        "retry_at": None,
    }
    updated = _this_attempt(submission).update(**fields)
    if updated:  # the caller's instance says what the row now says (no re-read to notify)
        for name, value in fields.items():
            setattr(submission, name, value)
    return _changed(updated, submission)


def defer(submission: Submission, *, message: str, retry_in: float) -> bool:
    """running → error with `retry_at`: the platform failed; grade again in `retry_in` seconds."""
    now = timezone.now()
    updated = _this_attempt(submission).update(
        status=Status.ERROR,
        message=message,
        lease_expires_at=None,
        finished_at=None,
        retry_at=now + timedelta(seconds=retry_in),
    )
    return _changed(updated, submission)


def defer_or_give_up(submission: Submission, *, message: str, final_message: str) -> float | None:
    """The platform failed this attempt: `defer` it with backoff and return the countdown, or,
    after the last attempt, running → error for good (`final_message`) and return None."""
    if submission.attempts >= settings.GRADING_MAX_ATTEMPTS:
        finish(submission, status=Status.ERROR, message=final_message)
        return None
    countdown = retry_delay(submission.attempts)
    defer(submission, message=message, retry_in=countdown)
    return countdown


def release(submission: Submission, *, message: str) -> bool:
    """running → queued, for a retry as soon as a worker is free."""
    updated = _this_attempt(submission).update(
        status=Status.QUEUED, message=message, lease_expires_at=None, enqueued_at=timezone.now()
    )
    return _changed(updated, submission)


def retry_delay(attempts: int) -> float:
    """Backoff after the platform failed `attempts` times: 5, 10, 20, 40, then every 60 s."""
    return float(
        min(
            settings.GRADING_RETRY_MAX_SECONDS,
            settings.GRADING_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1),
        )
    )


# --- The sweep: rows whose task was lost ------------------------------------------------------


def _expired_attempt(submission: Submission, now: datetime):
    """The row as long as it still runs the attempt the sweep read, with its lease expired."""
    return _this_attempt(submission).filter(lease_expires_at__lt=now)


def give_up_expired(submission: Submission, *, now: datetime, message: str) -> bool:
    """running with an expired lease (the last attempt died) → error, final."""
    updated = _expired_attempt(submission, now).update(
        status=Status.ERROR, finished_at=now, lease_expires_at=None, message=message
    )
    return _changed(updated, submission)


def requeue_expired(submission: Submission, *, now: datetime) -> bool:
    """running with an expired lease (its worker died) → queued, to be enqueued again."""
    updated = _expired_attempt(submission, now).update(
        status=Status.QUEUED, enqueued_at=now, lease_expires_at=None
    )
    return _changed(updated, submission)


def touch_stale_queued(submission: Submission, *, now: datetime) -> bool:
    """queued → queued with `enqueued_at` now, once: the caller enqueues its task again."""
    updated = Submission.objects.filter(
        pk=submission.pk,
        status=Status.QUEUED,
        attempts=submission.attempts,
        enqueued_at=submission.enqueued_at,
    ).update(enqueued_at=now)
    return _changed(updated, submission)


def touch_overdue_retry(submission: Submission, *, now: datetime) -> bool:
    """error with an overdue `retry_at` → the same, due now, once: the caller enqueues its task
    again and `claim` takes it as it is."""
    updated = Submission.objects.filter(
        pk=submission.pk,
        status=Status.ERROR,
        attempts=submission.attempts,
        retry_at=submission.retry_at,
    ).update(retry_at=now)
    return _changed(updated, submission)


# --- Regrades: a finished row graded again ------------------------------------------------


def record_regrade(
    submission: Submission,
    *,
    expected_status: str,
    status: str,
    score: float | None,
    result: dict | None,
    message: str,
    package_hash: str,
) -> bool:
    """finished → finished with a new result, only while the row is still `expected_status`
    (the status the regrade batch read), at the attempt count it was read with, and not
    waiting for a retry: a row that was graded or changed meanwhile keeps what it has. Never
    applies to a row that is not finished (REGRADABLE)."""
    updated = Submission.objects.filter(
        pk=submission.pk,
        status__in=REGRADABLE,
        status=expected_status,
        attempts=submission.attempts,
        retry_at__isnull=True,
    ).update(
        status=status,
        score=score,
        result=result,
        message=message,
        package_hash=package_hash,
        finished_at=timezone.now(),
    )
    return _changed(updated, submission)
