"""Notifications: grading notifies, the header counts unread, e-mail only when asked."""

from django.urls import reverse

from notifications.models import Notification
from notifications.services import notification_send
from submissions.services import submission_graded_notify
from tests.factories import passed_attempt


def test_grading_notifies_and_the_header_counts_unread(as_alice, alice, matmul):
    submission = passed_attempt(alice, matmul)
    submission_graded_notify(submission=submission)
    page = as_alice.get(reverse("learning:dashboard")).content.decode()
    assert 'data-testid="unread-count">1<' in page
    note = Notification.objects.get()
    assert "passed" in note.text and note.url == submission.get_absolute_url()
    response = as_alice.post(reverse("notifications:read"), {"id": note.pk, "go": note.url})
    assert response["Location"] == note.url
    assert (
        'data-testid="unread-count"'
        not in as_alice.get(reverse("learning:dashboard")).content.decode()
    )


def test_email_is_sent_only_to_learners_who_asked(
    alice, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    alice.email_notifications = True
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(user=alice, kind="review", text="Bob replied", url="/x/")
        notification_send(user=charlie, kind="review", text="Bob replied", url="/x/")
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]
