"""A learner asks a mentor for a review of one attempt."""

from django.urls import reverse

from mentoring.models import ReviewRequest
from submissions.models import Status
from tests.factories import passed_attempt


def test_requesting_a_review_shows_the_requested_state(as_alice, alice, matmul):
    submission = passed_attempt(alice, matmul, status=Status.FAILED, score=0.5)
    page = as_alice.get(submission.get_absolute_url()).content.decode()
    assert "Request mentor review" in page
    as_alice.post(
        reverse("mentoring:review-request", args=[submission.pk]),
        {"question": "Why is shape wrong?"},
    )
    as_alice.post(
        reverse("mentoring:review-request", args=[submission.pk]), {"question": "Still stuck"}
    )
    request = ReviewRequest.objects.get()
    assert (request.status, request.question, request.learner) == ("open", "Still stuck", alice)
    assert "Review requested" in as_alice.get(submission.get_absolute_url()).content.decode()
