"""API test helpers: a token client per persona; throttle counters reset between tests."""

import pytest
from rest_framework.test import APIClient

from accounts.services import api_token_regenerate


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache, keyed by user id; ids repeat from test to test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_regenerate(user=user)}")
    return client


@pytest.fixture
def alice_api(alice):
    return token_client(alice)


@pytest.fixture
def bob_api(bob):
    return token_client(bob)


@pytest.fixture
def charlie_api(charlie):
    return token_client(charlie)


@pytest.fixture
def ada_api(admin_user):
    return token_client(admin_user)
