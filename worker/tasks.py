"""Celery tasks. Thin: the work is in worker.pipeline and worker.sweep."""

from celery import shared_task
from celery.signals import worker_ready

from . import pipeline, sweep


@shared_task(bind=True, name="worker.tasks.grade_submission", acks_late=True, reject_on_worker_lost=True,
             max_retries=None)
def grade_submission(self, submission_id: int) -> str:
    try:
        return pipeline.grade_submission(submission_id)
    except pipeline.RetryLater as exc:
        # The row is back to `queued`; retry with backoff (the sweep is the safety net).
        raise self.retry(countdown=min(60, 5 * 2 ** min(self.request.retries, 4)), exc=exc) from exc


@shared_task(name="worker.tasks.sweep_submissions")
def sweep_submissions() -> dict:
    return sweep.sweep()


@shared_task(name="worker.tasks.reap_containers")
def reap_containers() -> int:
    return sweep.reap()


@worker_ready.connect
def reap_on_start(**kwargs) -> None:
    """A worker that was killed may have left containers behind: remove them first."""
    sweep.reap()
