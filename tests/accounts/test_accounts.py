"""Sign up with email, log in with it, reset the password by email, edit the profile, delete the account."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from learning.models import Enrollment
from submissions.models import Draft, Submission

User = get_user_model()
PASSWORD = "a-long-unusual-pass-42"


def test_signing_up_with_email_logs_in_and_derives_a_username(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "Dana@Example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.email, user.username, user.role) == ("dana@example.com", "dana", "learner")
    assert client.get(reverse("learning:dashboard")).status_code == 200


def test_a_taken_email_is_refused(client, alice):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "alice@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert b"already exists" in response.content and User.objects.count() == 1


def test_usernames_stay_unique(client, alice):
    client.post(
        reverse("accounts:signup"),
        {"email": "alice@elsewhere.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert User.objects.filter(username="alice-2").exists()


def test_logging_in_with_the_email(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": "ALICE@example.com", "password": "pw-alice-12345"}
    )
    assert response.status_code == 302
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200 and b"correct" in response.content


def test_password_reset_by_email(client, alice, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mailoutbox[0].body).group(
        1
    )
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_the_profile_saves_time_zone_goal_and_email_choice(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Alice L.",
            "time_zone": "Europe/Paris",
            "weekly_hours_goal": 6,
            "email_notifications": "on",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (
        alice.display_name,
        alice.time_zone,
        alice.weekly_hours_goal,
        alice.email_notifications,
    ) == ("Alice L.", "Europe/Paris", 6, True)
    response = client.post(
        reverse("accounts:profile"), {"time_zone": "Mars/Olympus", "weekly_hours_goal": 6}
    )
    assert response.status_code == 200 and b"Select a valid choice" in response.content


def test_deleting_the_account_needs_the_password_and_removes_the_data(client, alice, bob, matmul):
    from tests.factories import make_path

    path = make_path(matmul)
    Enrollment.objects.create(
        user=alice, path=path, started_on=timezone.localdate(), weekly_hours=8
    )
    Draft.objects.create(user=alice, exercise=matmul, code="x")
    Submission.objects.create(user=alice, exercise=matmul, files={}, seed=1)
    client.force_login(alice)
    response = client.post(reverse("accounts:delete"), {"password": "nope", "confirm": "on"})
    assert b"not your password" in response.content and User.objects.filter(pk=alice.pk).exists()
    client.post(reverse("accounts:delete"), {"password": "pw-alice-12345", "confirm": "on"})
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not (
        Enrollment.objects.exists() or Draft.objects.exists() or Submission.objects.exists()
    )
    assert User.objects.filter(pk=bob.pk).exists()
