"""Account writes that touch other apps' rows."""

from django.contrib.auth import get_user_model
from django.db import transaction


@transaction.atomic
def user_delete(*, user) -> None:
    """Delete a learner and everything that is theirs.

    Submissions reference exercises with PROTECT, not users, so they go with the user through
    the CASCADE foreign keys (progress, drafts, enrollments, notifications, review requests).
    """
    get_user_model().objects.filter(pk=user.pk).delete()
