"""Compare-and-set status transitions: the database is the truth, so a task can always be redelivered.

Each transition is one UPDATE guarded by the expected status (and, once running, by the
attempt counter), so two deliveries of the same task can never both record a result.

queued ──claim──▶ running ──finish──▶ passed | failed | error | timed_out | rejected
                     │  ▲
               defer │  │ claim (once retry_at has passed)
                     ▼  │
     error with retry_at set ("grading is unavailable, we will retry")

A row in `error` with `retry_at` set is not terminal: the platform, not the learner,
failed, and the task's retry (or the sweep) claims it again. `finish` clears `retry_at`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from submissions.models import Status, Submission


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
    return Submission.objects.select_related("exercise", "user").get(pk=submission_id)


def finish(
    submission: Submission,
    *,
    status: str,
    score: float | None = None,
    result: dict | None = None,
    message: str = "",
) -> bool:
    """running → terminal, only for the attempt that claimed it."""
    updated = Submission.objects.filter(
        pk=submission.pk, status=Status.RUNNING, attempts=submission.attempts
    ).update(
        status=status,
        score=score,
        result=result,
        message=message,
        finished_at=timezone.now(),
        lease_expires_at=None,
        retry_at=None,
    )
    return bool(updated)


def defer(submission: Submission, *, message: str, retry_in: float) -> bool:
    """running → error with `retry_at`: the platform failed; grade again in `retry_in` seconds."""
    now = timezone.now()
    updated = Submission.objects.filter(
        pk=submission.pk, status=Status.RUNNING, attempts=submission.attempts
    ).update(
        status=Status.ERROR,
        message=message,
        lease_expires_at=None,
        finished_at=None,
        retry_at=now + timedelta(seconds=retry_in),
    )
    return bool(updated)


def release(submission: Submission, *, message: str) -> bool:
    """running → queued, for a retry as soon as a worker is free."""
    updated = Submission.objects.filter(
        pk=submission.pk, status=Status.RUNNING, attempts=submission.attempts
    ).update(
        status=Status.QUEUED, message=message, lease_expires_at=None, enqueued_at=timezone.now()
    )
    return bool(updated)


def retry_delay(attempts: int) -> float:
    """Backoff after the platform failed `attempts` times: 5, 10, 20, 40, then every 60 s."""
    return float(
        min(
            settings.GRADING_RETRY_MAX_SECONDS,
            settings.GRADING_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1),
        )
    )
