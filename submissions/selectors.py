"""What the exercise pages show of a learner's own work: the editor's code, the attempts."""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.models import Exercise, UnitExercise
from submissions import drafts
from submissions.charts import score_history_chart
from submissions.models import Submission


@dataclass
class Workspace:
    code: str
    code_source: str  # draft | attempt | starter
    attempts: list[Submission]
    units: list[UnitExercise]


def exercise_workspace(user, exercise: Exercise) -> Workspace:
    attempts = list(exercise.submissions.for_user(user)[:10]) if user.is_authenticated else []
    code, source = drafts.editor_code(user, exercise, attempts[0] if attempts else None)
    units = list(
        UnitExercise.objects.live()
        .filter(exercise=exercise, unit__path__is_archived=False)
        .select_related("unit__path")
    )
    return Workspace(code=code, code_source=source, attempts=attempts, units=units)


@dataclass
class History:
    attempts: list[Submission]
    chart: dict | None  # a chart spec for {% chart %}


def attempt_history(user, exercise: Exercise) -> History:
    attempts = list(exercise.submissions.for_user(user)[:50])
    return History(attempts=attempts, chart=score_history_chart(attempts))
