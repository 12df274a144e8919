"""Regrade every finished submission of an exercise against the current package, as a batch."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from curriculum.content.exercise_packages import find_package
from curriculum.models import Exercise
from sandbox.result import SandboxUnavailable
from submissions.models import Submission

from . import lifecycle
from .models import RegradeBatch, RegradeEntry
from .pipeline import grade_now

REGRADABLE = lifecycle.REGRADABLE


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
        _regrade_entry(batch, entry)
        batch.done = batch.entries.filter(regraded_at__isnull=False).count()
        batch.changed = sum(1 for e in batch.entries.filter(regraded_at__isnull=False) if e.changed)
        batch.save(update_fields=["done", "changed"])
        if on_progress:
            on_progress(entry)
    batch.state, batch.finished_at = RegradeBatch.State.FINISHED, timezone.now()
    batch.save(update_fields=["state", "finished_at"])
    return batch


def _regrade_entry(batch: RegradeBatch, entry: RegradeEntry) -> None:
    """Grade the entry's submission again; the row takes the new result only if it is still as
    the batch read it, the entry records what the regrade did."""
    try:
        status, score, result, message = grade_now(entry.submission)
    except SandboxUnavailable:
        raise
    except Exception as exc:  # a broken reference or package: recorded, the row left alone
        entry.problem = f"{type(exc).__name__}: {exc}"[:2000]
        _close_entry(entry, entry.previous_status, entry.previous_score)
        return
    # The row and its entry change together: a batch resumed after a crash finds both or neither.
    with transaction.atomic():
        recorded = lifecycle.record_regrade(
            entry.submission,
            expected_status=entry.previous_status,
            status=status,
            score=score,
            result=result,
            message=message,
            package_hash=batch.package_hash,
        )
        if recorded:
            _close_entry(entry, status, score)
        else:  # graded or regraded meanwhile: what the row has now is newer than our read
            entry.problem = (
                f"The submission changed while it was regraded (it was {entry.previous_status}); "
                "it was left alone."
            )
            _close_entry(entry, entry.previous_status, entry.previous_score)


def _close_entry(entry: RegradeEntry, status: str, score: float | None) -> None:
    entry.new_status, entry.new_score, entry.regraded_at = status, score, timezone.now()
    entry.save(update_fields=["new_status", "new_score", "regraded_at", "problem"])
