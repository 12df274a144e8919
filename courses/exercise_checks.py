"""Run `check_exercises` for one exercise from the staff pages, on a worker.

Why a Celery task and not `call_command` in the request: a check grades the reference,
the starter and every wrong solution in the sandbox (seconds to minutes), and the web
process has no Docker engine in production; the grading workers do. The row is written
first and the task is sent after the commit, like a submission.
"""

import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from .models import Exercise, ExerciseCheck

TASK_NAME = "courses.tasks.check_exercise"
MAX_OUTPUT = 20_000


@transaction.atomic
def exercise_check_request(*, exercise: Exercise, user) -> ExerciseCheck:
    check = ExerciseCheck.objects.create(exercise=exercise, requested_by=user)
    transaction.on_commit(lambda: _enqueue(check))
    return check


def _enqueue(check: ExerciseCheck) -> None:
    from config.celery import app

    try:
        app.send_task(TASK_NAME, args=[check.pk], queue=check.exercise.queue)
    except Exception as exc:  # a broker outage: say so on the page instead of waiting forever
        ExerciseCheck.objects.filter(pk=check.pk).update(
            state=ExerciseCheck.State.FAILED,
            output=f"Could not reach the task queue: {exc}",
            finished_at=timezone.now(),
        )


def exercise_check_run(check_id: int) -> ExerciseCheck:
    """The task body: queued → running → ok | failed, output captured."""
    claimed = ExerciseCheck.objects.filter(pk=check_id, state=ExerciseCheck.State.QUEUED).update(
        state=ExerciseCheck.State.RUNNING
    )
    check = ExerciseCheck.objects.select_related("exercise").get(pk=check_id)
    if not claimed:
        return check  # a redelivered task: already taken
    out = io.StringIO()
    try:
        call_command("check_exercises", check.exercise.slug, stdout=out, stderr=out)
        state = ExerciseCheck.State.OK
    except CommandError as error:
        out.write(f"\n{error}")
        state = ExerciseCheck.State.FAILED
    except Exception as error:  # noqa: BLE001 - the admin sees the platform failure, the row never hangs
        out.write(f"\nThe check could not run: {error!r}")
        state = ExerciseCheck.State.FAILED
    check.state, check.output, check.finished_at = (
        state,
        out.getvalue()[-MAX_OUTPUT:],
        timezone.now(),
    )
    check.save(update_fields=["state", "output", "finished_at"])
    return check
