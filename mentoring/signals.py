"""Mentoring reacts to new attempts: a resubmission after "changes requested" joins its thread,
and a project attempt (submissions.projects) opens a review thread of its own."""

from django.db.models import Q

from accounts.state import user_state_follows, user_state_follows_members
from mentoring.models import Cohort, LineComment, Review, ReviewRequest
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


def follow_learner_state() -> None:
    """A learner's pages show their threads' states, verdicts and comments, and their cohorts."""

    def learner_of(request_id: int | None) -> list[int]:
        if request_id is None:
            return []
        return list(
            ReviewRequest.objects.filter(pk=request_id).values_list("learner_id", flat=True)
        )

    def members(through):
        """The users of one cohort in `through` (its learners' or its mentors' table)."""
        return lambda cohort_id: list(
            through.objects.filter(cohort_id=cohort_id).values_list("user_id", flat=True)
        )

    learners = members(Cohort.learners.through)
    user_state_follows(ReviewRequest, lambda row: [row.learner_id])
    user_state_follows(Review, lambda row: learner_of(row.request_id))
    user_state_follows(LineComment, lambda row: learner_of(row.request_id))
    user_state_follows(Cohort, lambda row: learners(row.pk) if row.pk else [])
    user_state_follows_members(Cohort.learners.through, learners)
    user_state_follows_members(Cohort.mentors.through, members(Cohort.mentors.through))
