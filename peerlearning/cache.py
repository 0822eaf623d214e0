"""The cache: Redis in production, and never a reason for a page to fail.

The cache holds only what can be lost (allauth's sign-in rate limits, today): with Redis down,
`POST /accounts/login/` used to fail with a 500, so nobody could sign in, sign up or reset a
password until Redis was back. Here a connection error or timeout counts as a miss: reads give
the default, writes are dropped, `add` succeeds (the key is not there, as far as anyone can tell),
and each failure is logged. Rate limits are not enforced while Redis is down; sign-in goes on.
"""

import functools
import logging

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

_UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _miss(value_when_unavailable):
    def decorate(method):
        @functools.wraps(method)
        def forgiving(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _UNAVAILABLE as error:
                logger.warning(
                    "Cache unavailable, %s treated as a miss: %s", method.__name__, error
                )
                return value_when_unavailable(*args, **kwargs)

        return forgiving

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, for which an unreachable Redis is an empty cache that keeps
    nothing."""

    get = _miss(_default)(RedisCache.get)
    add = _miss(lambda *args, **kwargs: True)(RedisCache.add)
    set = _miss(lambda *args, **kwargs: None)(RedisCache.set)
    touch = _miss(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _miss(lambda *args, **kwargs: False)(RedisCache.delete)
    has_key = _miss(lambda *args, **kwargs: False)(RedisCache.has_key)
    get_many = _miss(lambda *args, **kwargs: {})(RedisCache.get_many)
    set_many = _miss(lambda *args, **kwargs: [])(RedisCache.set_many)
    delete_many = _miss(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _miss(lambda *args, **kwargs: False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except _UNAVAILABLE as error:
            logger.warning("Cache unavailable, incr treated as a miss: %s", error)
            raise ValueError(f"Key '{key}' not found") from error
