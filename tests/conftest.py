"""Shared fixtures. Importable without Django so `tests/sandbox` runs with `-p no:django`."""

import pytest


@pytest.fixture
def alice(db, django_user_model):
    """A learner."""
    return django_user_model.objects.create_user("alice", "alice@example.com", "pw-alice-12345")


@pytest.fixture
def bob(db, django_user_model):
    """A mentor."""
    return django_user_model.objects.create_user("bob", "bob@example.com", "pw-bob-12345", role="mentor")


@pytest.fixture
def charlie(db, django_user_model):
    """A stranger: another learner."""
    return django_user_model.objects.create_user("charlie", "charlie@example.com", "pw-charlie-12345")


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_user("ada", "ada@example.com", "pw-ada-12345", role="admin")
