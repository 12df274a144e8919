"""Rows for the mentor tests: graded attempts and review requests without a worker."""

from django.utils import timezone

from courses.models import ReviewRequest, Status, Submission

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
