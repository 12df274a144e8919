"""In-app notifications (the header's unread count), optionally mirrored by email.

`notification_send` is the one entry point for every sender: the grading hook
(`submissions.services.submission_graded_notify`), mentors replying to a review, cohort invites.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.state import user_state_bump
from notifications.models import Notification

log = logging.getLogger(__name__)


@transaction.atomic(savepoint=False)  # inside a caller's transaction it is part of it
def notification_send(*, user, kind: str, text: str, url: str = "") -> Notification:
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


@transaction.atomic
def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of `user` as read."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    marked = unread.update(read_at=timezone.now())
    if marked:
        user_state_bump(user.pk)  # the header's unread count; an update sends no signal
    return marked
