"""Mentoring reacts to new attempts: a resubmission after "changes requested" joins its thread."""

from django.db.models import Q

from mentoring.models import Review
from mentoring.reviews import review_resubmission_record


def tell_mentor_about_resubmission(sender, instance, created, **kwargs):
    """Connected to Submission's post_save in MentoringConfig.ready()."""
    if not created:
        return
    waiting = Review.objects.filter(
        Q(verdict=Review.Verdict.CHANGES_REQUESTED),
        request__learner_id=instance.user_id,
        request__submission__exercise_id=instance.exercise_id,
    ).select_related("mentor", "request")
    for review in waiting:
        review_resubmission_record(review=review, submission=instance)
