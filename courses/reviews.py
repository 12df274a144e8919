"""The learner's side of mentor reviews: asking for one. (The mentor queue lives elsewhere.)"""

from django.db import transaction

from .models import ReviewRequest, Submission


class ReviewRejected(ValueError):
    pass


def open_request(submission: Submission) -> ReviewRequest | None:
    return submission.review_requests.exclude(status=ReviewRequest.Status.CLOSED).first()


@transaction.atomic
def review_request_create(*, learner, submission: Submission, question: str) -> ReviewRequest:
    """One pending request per attempt: asking again while one is open updates its question."""
    if submission.user_id != learner.pk:
        raise ReviewRejected("You can ask for a review of your own attempts only.")
    Submission.objects.select_for_update().filter(
        pk=submission.pk
    ).first()  # serialise double clicks
    existing = open_request(submission)
    if existing:
        existing.question = question
        existing.save(update_fields=["question"])
        return existing
    return ReviewRequest.objects.create(
        submission=submission, learner=learner, question=question.strip()
    )
