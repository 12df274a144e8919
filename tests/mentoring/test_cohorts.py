"""Cohorts: creating one, inviting by pasted text or CSV (invalid rows reported), joining, progress."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from learning.models import Enrollment
from mentoring import cohorts
from mentoring.models import Cohort, CohortInvite
from notifications.models import Notification
from tests.factories import attempt, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(matmul, bob):
    return cohorts.cohort_create(
        name="Spring", path=make_path(matmul), starts_on=timezone.localdate(), mentors=[bob]
    )


def test_parse_emails_keeps_valid_rows_and_reports_the_rest():
    text = "name,email\nAlice,alice@example.com\nBob,not-an-email@\n\n<Carol@Example.com>\njust a name\n"
    valid, invalid = cohorts.parse_emails(text)
    assert valid == [(2, "alice@example.com"), (5, "carol@example.com")]
    assert invalid == [
        (3, "not-an-email@", "not a valid email address"),
        (6, "just a name", "no email address"),
    ]


def test_inviting_adds_existing_accounts_and_invites_the_others(
    cohort, alice, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = cohorts.cohort_invite(
            cohort=cohort,
            text="alice@example.com\nnew@example.com\nnew@example.com\nbad",
            invited_by=admin_user,
        )
    assert report.added == ["alice@example.com"] and report.invited == ["new@example.com"]
    assert report.skipped == ["new@example.com"] and [r for r, _, _ in report.invalid] == [4]
    assert list(cohort.learners.all()) == [alice]
    assert Enrollment.objects.filter(user=alice, path=cohort.path).exists()
    assert Notification.objects.filter(user=alice, text__contains="Spring").exists()
    assert mail.outbox[0].to == ["new@example.com"]
    assert CohortInvite.objects.get(email="new@example.com").token in mail.outbox[0].body


def test_an_invite_link_is_used_once(cohort, charlie, alice):
    invite = CohortInvite.objects.create(cohort=cohort, email="c@example.com")
    assert cohorts.invite_accept(user=charlie, token=invite.token) == cohort
    assert charlie in cohort.learners.all()
    with pytest.raises(cohorts.InviteRefused):
        cohorts.invite_accept(user=alice, token=invite.token)
    with pytest.raises(cohorts.InviteRefused):
        cohorts.invite_accept(user=alice, token="nope")


def test_the_admin_creates_a_cohort_and_uploads_a_csv(client, admin_user, bob, matmul, alice):
    path = make_path(matmul)
    client.force_login(admin_user)
    response = client.post(
        reverse("mentoring:cohort-create"),
        {"name": "Autumn", "path": path.pk, "starts_on": "2026-09-01", "mentors": [bob.pk]},
    )
    cohort = Cohort.objects.get(name="Autumn")
    assert response["Location"] == reverse("mentoring:cohort-invite", args=[cohort.pk])
    upload = SimpleUploadedFile(
        "people.csv", b"email\nalice@example.com\nnobody\nfresh@example.com\n"
    )
    response = client.post(
        reverse("mentoring:cohort-invite", args=[cohort.pk]), {"emails": "", "csv_file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "1</strong> joined" in html and "1</strong> invited" in html
    assert "nobody" in html and "no email address" in html


def test_the_progress_table_lists_each_learner(client, cohort, bob, alice, matmul):
    cohort.learners.add(alice)
    attempt(alice, matmul, status="passed", score=1.0)
    client.force_login(bob)
    response = client.get(reverse("mentoring:cohort", args=[cohort.pk]))
    rows = cohorts.cohort_progress(cohort)
    assert rows[0].progress.verified_done == 1
    assert response.status_code == 200 and "alice" in response.content.decode()
