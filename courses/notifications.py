"""In-app notifications (the header's unread count), optionally mirrored by email.

`notify` is the one entry point for every sender: the grading hook (`notify_graded`) and,
later, mentors replying to a review.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification, Status, Submission

log = logging.getLogger(__name__)


@transaction.atomic
def notify(user, kind: str, text: str, url: str = "") -> Notification:
    """Store a notification; email it after commit when the learner asked for email."""
    note = Notification.objects.create(user=user, kind=kind, text=text[:300], url=url[:300])
    if user.email_notifications and user.email:
        transaction.on_commit(lambda: _email(user.email, text, url))
    return note


def _email(address: str, text: str, url: str) -> None:
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url else ""
    try:
        send_mail(f"Backprop: {text[:70]}", text + link, None, [address])
    except Exception:  # a mail outage must never undo or break the in-app notification
        log.exception("could not email a notification to %s", address)


def notify_graded(submission: Submission) -> Notification:
    """Called by the worker once a submission reached its terminal status."""
    submission.refresh_from_db(fields=["status", "score"])
    verdict = {
        Status.PASSED: "passed",
        Status.FAILED: "did not pass yet",
        Status.TIMED_OUT: "timed out",
        Status.REJECTED: "was not graded",
    }.get(submission.status, "ended with an error")
    score = f" (score {submission.score:.2f})" if submission.score is not None else ""
    text = f"Attempt #{submission.pk} at {submission.exercise.title} {verdict}{score}."
    return notify(submission.user, Notification.Kind.GRADED, text, submission.get_absolute_url())


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@transaction.atomic
def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` as read."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
