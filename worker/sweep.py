"""The safety net of the grading contract: no submission row is ever left behind."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from sandbox.pool import remove_orphans
from sandbox.reaper import reap as reap_containers
from sandbox.result import SandboxUnavailable
from sandbox.runner import ENGINE_ERRORS, connect
from submissions import grading_queue
from submissions.models import Submission

from . import lifecycle

log = logging.getLogger(__name__)


def sweep(now=None) -> dict:
    """Re-enqueue `queued` rows older than the bound, `running` rows whose lease expired and
    `error` rows whose promised retry is overdue by the same bound; give up after the maximum attempts."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.GRADING_QUEUED_STALE_SECONDS)
    requeued = given_up = 0
    for submission in Submission.objects.expired_leases(now).select_related("exercise"):
        if submission.attempts >= settings.GRADING_MAX_ATTEMPTS:
            message = f"Grading stopped {submission.attempts} times without finishing; we gave up. Please submit again."
            given_up += lifecycle.give_up_expired(submission, now=now, message=message)
            continue
        if lifecycle.requeue_expired(submission, now=now):
            submission.refresh_from_db()
            grading_queue.enqueue(submission)
            requeued += 1
    for submission in Submission.objects.stale_queued(stale_before).select_related("exercise"):
        if lifecycle.touch_stale_queued(submission, now=now):
            grading_queue.enqueue(submission)
            requeued += 1
    # A promised retry whose task was lost (the worker died holding it): claim() takes it as is.
    for submission in Submission.objects.retry_due(stale_before).select_related("exercise"):
        if lifecycle.touch_overdue_retry(submission, now=now):
            grading_queue.enqueue(submission)
            requeued += 1
    if requeued or given_up:
        log.info("sweep: requeued %s, gave up on %s", requeued, given_up)
    return {"requeued": requeued, "given_up": given_up}


def reap() -> int:
    """Remove sandbox containers past their deadline, and idle warm containers of dead worker
    processes on this host (orphans of a killed worker)."""
    try:
        client = connect()
        return reap_containers(client) + remove_orphans(client)
    except (SandboxUnavailable, *ENGINE_ERRORS):
        return 0
