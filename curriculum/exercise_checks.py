"""Ask a worker to run `check_exercises` for one exercise, from the staff pages.

Why a Celery task and not `call_command` in the request: a check grades the reference,
the starter and every wrong solution in the sandbox (seconds to minutes), and the web
process has no Docker engine in production; the grading workers do. The row is written
first and the task is sent by name after the commit, like a submission; the task body is
`worker.exercise_checks.exercise_check_run`.
"""

from celery import current_app
from django.db import transaction
from django.utils import timezone

from curriculum.models import Exercise, ExerciseCheck

TASK_NAME = "worker.tasks.check_exercise"


@transaction.atomic
def exercise_check_request(*, exercise: Exercise, user) -> ExerciseCheck:
    check = ExerciseCheck.objects.create(exercise=exercise, requested_by=user)
    transaction.on_commit(lambda: _enqueue(check))
    return check


def _enqueue(check: ExerciseCheck) -> None:
    try:
        current_app.send_task(TASK_NAME, args=[check.pk], queue=check.exercise.queue)
    except Exception as exc:  # a broker outage: say so on the page instead of waiting forever
        ExerciseCheck.objects.filter(pk=check.pk).update(
            state=ExerciseCheck.State.FAILED,
            output=f"Could not reach the task queue: {exc}",
            finished_at=timezone.now(),
        )
