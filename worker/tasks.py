"""Celery tasks. Thin: the work is in worker.pipeline and worker.sweep."""

from celery import shared_task
from celery.signals import (
    worker_init,
    worker_process_init,
    worker_process_shutdown,
    worker_ready,
    worker_shutdown,
)

from worker import exercise_checks, pipeline, sweep, warm_pool
from worker.models import RegradeBatch
from worker.regrade import regrade_batch_run


@shared_task(
    bind=True,
    name="worker.tasks.grade_submission",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
)
def grade_submission(self, submission_id: int) -> str:
    try:
        return pipeline.grade_submission(submission_id)
    except pipeline.RetryLater as exc:
        # The row is `error` with retry_at; this retry claims it then (the sweep is the safety net).
        raise self.retry(countdown=exc.countdown, exc=exc) from exc


@shared_task(name="worker.tasks.sweep_submissions")
def sweep_submissions() -> dict:
    return sweep.sweep()


@shared_task(name="worker.tasks.reap_containers")
def reap_containers() -> int:
    return sweep.reap()


@worker_ready.connect
def reap_on_start(sender=None, **kwargs) -> None:
    """A worker that was killed may have left containers behind: remove them first."""
    sweep.reap()
    if _runs_tasks_itself(sender):
        warm_pool.start()


def warm_the_pool(**kwargs) -> None:
    """Each prefork child grades in its own process, so it keeps its own warm pool."""
    warm_pool.start()


@worker_init.connect
def warm_each_child_after_celerys_own_set_up(**kwargs) -> None:
    """Connects `warm_the_pool` now, not at import: receivers run in the order they were
    connected, and Celery's Django fixup connects its own `worker_process_init` receiver on
    this signal. That one closes the database sockets a child inherited, by fd number; a pool
    that had started before it reused such a number for its Docker socket and saw it closed
    under it ("Bad file descriptor" at every start of the bench's worker, and the pool's
    first query could run on a connection the parent holds too)."""
    worker_process_init.connect(warm_the_pool, dispatch_uid="backprop.warm_the_pool")


@worker_shutdown.connect
@worker_process_shutdown.connect
def drain_the_pool(**kwargs) -> None:
    warm_pool.stop()


def _runs_tasks_itself(consumer) -> bool:
    """True for `--pool solo` and `--pool threads`, where no worker_process_init fires."""
    module = type(getattr(consumer, "pool", None)).__module__
    return module.endswith((".solo", ".thread"))


@shared_task(name="worker.tasks.regrade_batch", acks_late=True)
def regrade_batch(batch_id: int) -> str:
    """Regrade a batch created by the admin action; a redelivery resumes where it stopped."""
    batch = regrade_batch_run(RegradeBatch.objects.get(pk=batch_id))
    return f"{batch.done}/{batch.total}"


@shared_task(name="worker.tasks.check_exercise", acks_late=True)
def check_exercise(check_id: int) -> None:
    """Sent by name from the staff pages (curriculum.exercise_checks)."""
    exercise_checks.exercise_check_run(check_id)
