"""Lookups of one attempt for a viewer: strangers get a 404, never a 403 that confirms it exists.

The owner always sees their attempt. Who else may (mentors of the learner's cohort, the
mentor of a review thread, admins) is mentoring's rule, asked through Django's object
permission `submissions.view_submission`: `mentoring.access.MentorAccessBackend` answers it.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from submissions.models import Submission

VIEW = "submissions.view_submission"


def get_submission_for_user(user, pk: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("exercise", "user"), pk=pk)
    if submission.user_id == user.pk or user.has_perm(VIEW, submission):
        return submission
    raise Http404


def get_own_submission(user, pk: int) -> Submission:
    """Only the learner's own attempt: for actions (diff, review request) admins do not take for them."""
    return get_object_or_404(
        Submission.objects.select_related("exercise", "user"), pk=pk, user_id=user.pk
    )
