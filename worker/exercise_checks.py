"""The body of the exercise-check task that the staff pages send by name."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from curriculum.models import ExerciseCheck

MAX_OUTPUT = 20_000


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
