"""The production cache: Django's Redis backend, failing open.

The cache holds only counters (the API's throttles, the login and sign-up throttles). While
Redis restarts, a page must not answer 500 for want of a counter: every call that cannot reach
Redis is logged and answered as a miss, so the limits pause and everything else goes on.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache
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


class FailOpenRedisCache(RedisCache):
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
