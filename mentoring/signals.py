"""Mentoring reacts to new attempts: a resubmission after "changes requested" joins its thread,
and a project attempt (submissions.projects) opens a review thread of its own."""

from django.db.models import Q

from mentoring.models import Review
from mentoring.reviews import (
    open_request,
    review_request_create,
    review_resubmission_record,
)

PROJECT_QUESTION = "Please review my project."


def tell_mentor_about_resubmission(sender, instance, created, **kwargs):
    """Connected to Submission's post_save in MentoringConfig.ready()."""
    if not created:
        return
    waiting = Review.objects.filter(
        Q(verdict=Review.Verdict.CHANGES_REQUESTED),
        request__learner_id=instance.user_id,
        request__submission__exercise_id=instance.exercise_id,
        request__submission__unit_item_id=instance.unit_item_id,
    ).select_related("mentor", "request")
    for review in waiting:
        review_resubmission_record(review=review, submission=instance)


def open_project_review(sender, instance, created, **kwargs):
    """A project has no grader: its attempt goes to the mentors. An attempt sent while the
    project's thread is still open (changes requested, or not yet answered) shows in that
    thread; otherwise a new thread asks the learner's note (or a plain request)."""
    if not created or not instance.unit_item_id:
        return
    if open_request(instance) is None:
        review_request_create(
            learner=instance.user,
            submission=instance,
            question=instance.note or PROJECT_QUESTION,
        )
