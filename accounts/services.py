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


@transaction.atomic
def api_token_regenerate(*, user) -> str:
    """A fresh API key for the user; the old one stops working at once."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key
