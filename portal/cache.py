"""Django's Redis cache back end, made to survive every kind of Redis failure.

Redis holds copies (pages, fragments, counts) and counters (rate limits); the database holds
what decides freshness (portal/page_cache.py). So when Redis is down, hung, full or read-only
the site answers from the database: any Redis error makes a read a miss and a write a skipped
write, and counters start again from nothing, so rate limits let requests through (`add`
reports the key as added, `incr` counts from zero). A Redis that cannot be reached (or does not
answer within the socket timeout) is left alone for RETRY_SECONDS, so it costs one request a
timeout per interval, not every request. Each failure is logged once per interval, and
`failure()` names it for the health check.
"""

import logging

import redis
from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from .outage import Outage

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.unreachable = Outage(RETRY_SECONDS)  # calls skip Redis while this is current
        self.refusing = Outage(RETRY_SECONDS)  # errors Redis answered with: logged once per interval

    def failure(self):
        """What went wrong with Redis lately, or None: for the health check."""
        return self.unreachable.current() or self.refusing.current()

    def _tolerant(self, fallback, operation, *args):
        if self.unreachable.current() is not None:
            return fallback
        try:
            return operation(*args)
        except redis.exceptions.RedisError as error:
            outage = self.unreachable if isinstance(error, UNREACHABLE) else self.refusing
            if outage.current() is None:
                logger.warning("Redis failed (%s): serving without it for %s s", error, RETRY_SECONDS)
            outage.record(error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._tolerant(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._tolerant({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._tolerant(False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(True, super().add, key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        try:
            return self._tolerant(delta, super().incr, key, delta, version)
        except ValueError:  # no such key: when Redis refused the add() before, count from zero
            if self.failure() is None:
                raise
            return delta

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._tolerant(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._tolerant(None, super().delete_many, keys, version)

    def clear(self):
        return self._tolerant(False, super().clear)
