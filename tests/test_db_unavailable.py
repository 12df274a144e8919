"""While the database is away, pages answer a styled 503 (config/db_unavailable.py), not a 500."""

from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client


@contextmanager
def queries_failing(error: Exception):
    """Every query fails, as when PostgreSQL restarts under a live connection; undone before
    the test database is rolled back."""

    def fail(*args, **kwargs):
        raise error

    with mock.patch.object(CursorWrapper, "execute", fail):
        with mock.patch.object(CursorWrapper, "executemany", fail):
            yield


LOST = OperationalError("server closed the connection unexpectedly")


def test_a_page_answers_503_with_our_page_while_the_database_is_away(db):
    with queries_failing(LOST):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "Backprop is briefly unavailable" in body
    assert "Nothing you submitted is lost" in body


def test_a_logged_in_learner_also_gets_503_when_the_session_cannot_be_read(db, alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)  # before the database goes: force_login itself writes the session
    with queries_failing(LOST):
        response = client.get("/dashboard/")
    assert response.status_code == 503, response.content[:300]


def test_another_error_stays_a_500(db):
    with queries_failing(ValueError("a bug, not the database")):
        response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
