"""The session's user row from the shared cache: every change to the user reaches the session
at once, as it does when the row is read from the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.state import user_state_bump

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.USER_ROW_CACHE = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def profile(client):
    return client.get(reverse("accounts:profile"))


def test_the_second_request_reads_the_user_from_the_cache(client, alice):
    client.force_login(alice)
    assert profile(client).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert profile(client).status_code == 200
    assert not [q for q in ctx.captured_queries if '"accounts_user"' in q["sql"]]


def test_a_role_change_shows_on_the_next_page(client, alice):
    client.force_login(alice)
    profile(client)
    alice.role = Role.MENTOR
    alice.save()
    assert b"Review queue" in profile(client).content


def test_a_deactivated_or_deleted_user_is_logged_out_at_once(client, alice, bob):
    for who in (alice, bob):
        client.force_login(who)
        assert profile(client).status_code == 200
        if who is alice:
            who.is_active = False
            who.save()
        else:
            who.delete()
        response = profile(client)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_password_change_ends_the_other_sessions(client, alice):
    client.force_login(alice)
    profile(client)
    alice.set_password("a whole new secret")
    alice.save()
    assert profile(client).status_code == 302


def test_a_state_bump_reaches_the_cached_row(client, alice):
    client.force_login(alice)
    profile(client)
    user_state_bump(alice.pk)
    alice.refresh_from_db()
    response = profile(client)
    assert response.wsgi_request.user.state_token == alice.state_token
