"""The GPU grading queue as learners and staff see it: a submission's place, the queue's depth
and wait. GPU workers serve one job per device or MIG slice (worker.gpu_slots), so a GPU
submission may wait behind others; saying where it stands beats a bare "waiting"."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from curriculum.models import Exercise
from submissions.models import Status, Submission


def gpu_queue_position(submission: Submission) -> int | None:
    """1 for the next GPU submission to be graded; None unless it is a queued GPU submission.

    Earlier means enqueued earlier (a retried attempt keeps its new enqueue time), ties by id,
    as the broker hands them out."""
    if (
        submission.status != Status.QUEUED
        or submission.exercise is None
        or submission.exercise.device != Exercise.Device.GPU
    ):
        return None
    earlier = (
        Submission.objects.filter(status=Status.QUEUED, exercise__device=Exercise.Device.GPU)
        .filter(
            Q(enqueued_at__lt=submission.enqueued_at)
            | Q(enqueued_at=submission.enqueued_at, pk__lt=submission.pk)
        )
        .count()
    )
    return earlier + 1


@dataclass
class GpuQueueHealth:
    queued: int
    running: int
    oldest_wait_seconds: float | None  # the longest a queued GPU submission has waited so far
    p50_wait_seconds: float | None  # queued → started, GPU runs started in the last hour
    p95_wait_seconds: float | None
    started_last_hour: int


def gpu_queue_health(now=None) -> GpuQueueHealth:
    """Depth and wait of the GPU queue, for the staff grading-health card."""
    now = now or timezone.now()
    gpu = Submission.objects.filter(exercise__device=Exercise.Device.GPU)
    queued = list(gpu.filter(status=Status.QUEUED).values_list("enqueued_at", flat=True))
    running = gpu.filter(status=Status.RUNNING).count()
    waits = sorted(
        (started - enqueued).total_seconds()
        for enqueued, started in gpu.filter(started_at__gte=now - timedelta(hours=1)).values_list(
            "enqueued_at", "started_at"
        )
        if started is not None and started >= enqueued
    )
    return GpuQueueHealth(
        queued=len(queued),
        running=running,
        oldest_wait_seconds=max((now - t).total_seconds() for t in queued) if queued else None,
        p50_wait_seconds=statistics.median(waits) if waits else None,
        p95_wait_seconds=waits[min(len(waits) - 1, int(0.95 * len(waits)))] if waits else None,
        started_last_hour=len(waits),
    )
