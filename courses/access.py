"""Every lookup of something a user owns goes through here: strangers get a 404."""

from django.shortcuts import get_object_or_404

from .models import Exercise, Path, Submission


def get_submission_for_user(user, pk: int) -> Submission:
    queryset = Submission.objects.select_related("exercise", "user")
    if not (user.is_authenticated and user.is_platform_admin):
        queryset = queryset.filter(user_id=user.pk)
    return get_object_or_404(queryset, pk=pk)


def get_live_exercise(slug: str) -> Exercise:
    return get_object_or_404(Exercise, slug=slug, is_archived=False)


def get_live_path(slug: str) -> Path:
    return get_object_or_404(Path, slug=slug, is_archived=False, is_published=True)


def get_own_submission(user, pk: int) -> Submission:
    """Only the learner's own attempt: for actions (diff, review request) admins do not take for them."""
    return get_object_or_404(Submission.objects.select_related("exercise", "user"), pk=pk, user_id=user.pk)
