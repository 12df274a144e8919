"""Factories shared by every app's tests: a small path, graded attempts, review requests.

The personas (alice the learner, bob the mentor, charlie the stranger, an admin) are
fixtures in tests/conftest.py; these build the rows around them without a worker.
"""

from django.utils import timezone

from curriculum.models import Path, Phase, Resource, Skill, Topic, Unit, UnitExercise, UnitReading
from mentoring.models import ReviewRequest
from submissions.models import Status, Submission


def make_path(matmul=None, slug="two-weeks", units=2) -> Path:
    path = Path.objects.create(
        slug=slug,
        title="Two weeks of ML",
        level="beginner",
        duration=f"{units} weeks",
        duration_weeks=units,
        weekly_hours_min=6,
        weekly_hours_max=10,
    )
    phase = Phase.objects.create(path=path, number=1, title="Foundations")
    previous = None
    for n in range(1, units + 1):
        unit = Unit.objects.create(
            path=path, phase=phase, number=n, title=f"Week {n} topic", estimated_hours=8, position=n
        )
        Topic.objects.create(unit=unit, number=f"{n}.1", title=f"Idea {n}.1", position=1)
        Topic.objects.create(unit=unit, number=f"{n}.2", title=f"Idea {n}.2", position=2)
        resource, _ = Resource.objects.get_or_create(
            slug=f"book-{n}", defaults={"kind": "book", "title": f"Book {n}"}
        )
        UnitReading.objects.create(unit=unit, resource=resource, position=1)
        if n == 1 and matmul is not None:
            UnitExercise.objects.create(
                unit=unit, title="Matrix multiplication", exercise=matmul, position=1
            )
        UnitExercise.objects.create(unit=unit, title=f"Write-up {n}", position=2)  # no autograder
        UnitExercise.objects.create(unit=unit, title=f"Project {n}", kind="project", position=3)
        skill = Skill.objects.create(path=path, slug=f"skill-{n}", title=f"Skill {n}", position=n)
        if previous:
            skill.requires.add(previous)
        previous = skill
    return path


CODE = "import numpy as np\n\n\ndef matmul(a, b):\n    return a @ b\n"


def attempt(
    user,
    exercise,
    *,
    status=Status.FAILED,
    score=0.5,
    code=CODE,
    checks=None,
    created_at=None,
    finished_after=None,
) -> Submission:
    """A terminal attempt, as the worker would have left it."""
    now = timezone.now()
    result = {
        "checks": checks
        or [
            {
                "id": "shape",
                "name": "Shapes",
                "status": "fail" if status != Status.PASSED else "pass",
                "score": 0,
                "max_score": 1,
                "message": "m",
            }
        ]
    }
    submission = Submission.objects.create(
        user=user,
        exercise=exercise,
        files={exercise.entrypoint: code},
        status=status,
        score=score,
        seed=1,
        result=result,
        started_at=now,
        finished_at=now,
    )
    if created_at is not None:
        finished = created_at + (finished_after or timezone.timedelta(seconds=2))
        Submission.objects.filter(pk=submission.pk).update(
            created_at=created_at, started_at=created_at, finished_at=finished
        )
        submission.refresh_from_db()
    return submission


def request_review(
    learner, exercise, question="Why is my shape check failing?", **kwargs
) -> ReviewRequest:
    submission = attempt(learner, exercise, **kwargs)
    return ReviewRequest.objects.create(submission=submission, learner=learner, question=question)


CORRECT = "def matmul(A, B):\n    return [[sum(a * b for a, b in zip(r, c)) for c in zip(*B)] for r in A]\n"


def passed_attempt(user, exercise, code=CORRECT, status=Status.PASSED, score=1.0) -> Submission:
    """A finished attempt with no result document: what the learner-page tests need."""
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        files={"solution.py": code},
        seed=1,
        status=status,
        score=score,
        finished_at=timezone.now(),
    )
