"""The production cache: Django's Redis backend, failing open, with one client per pool.

The cache holds the throttles' counters (the API's, the login and sign-up throttles), the page
cache's pages (curriculum/page_cache.py) and the sessions (read through to the database).
While Redis restarts, a page must not answer 500 for want of any of them: every call that
cannot reach Redis is logged and answered as a miss, so the limits pause, pages are rendered
and sessions are read from the database, and everything else goes on.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _fail_open(method, default):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            log.warning("cache unreachable (%s); %s answered as a miss", error, method.__name__)
            return default(*args, **kwargs) if callable(default) else default

    return call


def _get_default(key, default=None, version=None):
    return default


def _incr_default(key, delta=1, version=None):
    return delta


class PooledClientRedisCacheClient(RedisCacheClient):
    """Django builds a new `redis.Redis` for every call, and each one fills a table of some
    170 response callbacks: a fifth of a millisecond, twice per cached page. A client holds
    nothing but its pool and that table, and is safe to share between threads, so one for
    writing and one for reading are kept (with several servers, a process keeps reading from
    the replica it first chose)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[bool, object] = {}

    def get_client(self, key=None, *, write=False):
        client = self._clients.get(write)
        if client is None:
            client = self._clients.setdefault(write, super().get_client(key, write=write))
        return client


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient  # Django sets its own here

    get = _fail_open(RedisCache.get, _get_default)
    get_many = _fail_open(RedisCache.get_many, lambda *a, **k: {})
    has_key = _fail_open(RedisCache.has_key, False)
    add = _fail_open(RedisCache.add, False)
    set = _fail_open(RedisCache.set, None)
    set_many = _fail_open(RedisCache.set_many, lambda *a, **k: [])
    touch = _fail_open(RedisCache.touch, False)
    incr = _fail_open(RedisCache.incr, _incr_default)
    delete = _fail_open(RedisCache.delete, False)
    delete_many = _fail_open(RedisCache.delete_many, None)
