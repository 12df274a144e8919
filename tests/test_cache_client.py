"""config/cache.py: one redis client per process for writes and one for reads, and the cache
and the sessions still answer while Redis is away."""

import pytest
from django.core.cache.backends.redis import RedisCacheClient
from django.urls import reverse

from config.cache import FailOpenRedisCache, PooledClientRedisCacheClient

REDIS = "redis://127.0.0.1:6379/15"  # the machine's Redis (CI starts it); a database no one uses


def test_the_client_is_built_once_and_still_talks_to_redis():
    cache = FailOpenRedisCache(REDIS, {})
    client = cache._cache
    assert isinstance(client, PooledClientRedisCacheClient)
    assert client.get_client(write=True) is client.get_client(write=True)
    assert client.get_client() is client.get_client()
    django_own = RedisCacheClient([REDIS])
    assert django_own.get_client() is not django_own.get_client()  # what this saves
    cache.set("pooled-client-test", {"a": 1}, 5)
    assert cache.get("pooled-client-test") == {"a": 1}
    cache.delete("pooled-client-test")


@pytest.mark.django_db
def test_while_redis_is_away_a_logged_in_page_is_read_from_the_database(client, alice, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.USER_ROW_CACHE = True
    client.force_login(alice)
    for _ in range(2):
        response = client.get(reverse("learning:dashboard"))
        assert response.status_code == 200 and b"alice" in response.content
