"""Compare-and-set status transitions: the database is the truth, so a task can always be redelivered.

Each transition is one UPDATE guarded by the expected status (and, once running, by the
attempt counter), so two deliveries of the same task can never both record a result.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from courses.models import Status, Submission


def claim(submission_id: int) -> Submission | None:
    """queued (or running with an expired lease) → running; None if someone else owns it."""
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, lease_expires_at__lt=now)
    updated = Submission.objects.filter(claimable, pk=submission_id).update(
        status=Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        lease_expires_at=now + timedelta(seconds=settings.GRADING_LEASE_SECONDS),
    )
    if not updated:
        return None
    return Submission.objects.select_related("exercise", "user").get(pk=submission_id)


def finish(submission: Submission, *, status: str, score: float | None = None, result: dict | None = None,
           message: str = "") -> bool:
    """running → terminal, only for the attempt that claimed it."""
    updated = Submission.objects.filter(
        pk=submission.pk, status=Status.RUNNING, attempts=submission.attempts
    ).update(status=status, score=score, result=result, message=message, finished_at=timezone.now(),
             lease_expires_at=None)
    return bool(updated)


def release(submission: Submission, *, message: str) -> bool:
    """running → queued, for a retry later (the platform, not the learner, failed)."""
    updated = Submission.objects.filter(
        pk=submission.pk, status=Status.RUNNING, attempts=submission.attempts
    ).update(status=Status.QUEUED, message=message, lease_expires_at=None, enqueued_at=timezone.now())
    return bool(updated)
