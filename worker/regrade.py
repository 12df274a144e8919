"""Regrade every finished submission of an exercise against the current package, as a batch."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from curriculum.content.exercise_packages import find_package
from curriculum.models import Exercise
from sandbox.result import SandboxUnavailable
from submissions.models import Status, Submission

from .models import RegradeBatch, RegradeEntry
from .pipeline import grade_now

REGRADABLE = [Status.PASSED, Status.FAILED, Status.ERROR, Status.TIMED_OUT]


@transaction.atomic
def regrade_batch_create(*, exercise: Exercise, started_by=None) -> RegradeBatch:
    """A batch with one entry per finished submission, each holding the result it has now."""
    package = find_package(settings.CONTENT_DIR / "exercises", exercise.slug)
    batch = RegradeBatch.objects.create(
        exercise=exercise, started_by=started_by, package_hash=package.hash
    )
    submissions = Submission.objects.filter(
        exercise=exercise, status__in=REGRADABLE, retry_at__isnull=True
    ).order_by("pk")
    entries = [
        RegradeEntry(
            batch=batch,
            submission=s,
            previous_status=s.status,
            previous_score=s.score,
            previous_result=s.result,
            previous_package_hash=s.package_hash,
        )
        for s in submissions
    ]
    RegradeEntry.objects.bulk_create(entries)
    batch.total = len(entries)
    batch.save(update_fields=["total"])
    return batch


def regrade_batch_run(
    batch: RegradeBatch, *, on_progress: Callable[[RegradeEntry], None] | None = None
) -> RegradeBatch:
    """Grade each pending entry's submission again; safe to call again after a crash (done entries are skipped).

    SandboxUnavailable propagates: the batch stays `running` and a later run resumes it.
    """
    RegradeBatch.objects.filter(pk=batch.pk).update(state=RegradeBatch.State.RUNNING)
    for entry in batch.entries.filter(regraded_at__isnull=True).select_related(
        "submission__exercise"
    ):
        submission = entry.submission
        try:
            status, score, result, message = grade_now(submission)
        except SandboxUnavailable:
            raise
        except (
            Exception
        ) as exc:  # a broken reference or package: recorded, the submission is left alone
            entry.problem = f"{type(exc).__name__}: {exc}"[:2000]
            status, score = entry.previous_status, entry.previous_score
        else:
            Submission.objects.filter(pk=submission.pk).update(
                status=status,
                score=score,
                result=result,
                message=message,
                package_hash=batch.package_hash,
                finished_at=timezone.now(),
            )
        entry.new_status, entry.new_score, entry.regraded_at = status, score, timezone.now()
        entry.save(update_fields=["new_status", "new_score", "regraded_at", "problem"])
        batch.done = batch.entries.filter(regraded_at__isnull=False).count()
        batch.changed = sum(1 for e in batch.entries.filter(regraded_at__isnull=False) if e.changed)
        batch.save(update_fields=["done", "changed"])
        if on_progress:
            on_progress(entry)
    batch.state, batch.finished_at = RegradeBatch.State.FINISHED, timezone.now()
    batch.save(update_fields=["state", "finished_at"])
    return batch
