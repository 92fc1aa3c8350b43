"""The shared cache: Django's Redis back end, made cheaper per call and tolerant of an outage.

When Redis cannot be reached, the site keeps answering from the database instead of failing:
reads miss, writes are dropped, and counters start again from nothing, so rate limits let
requests through (`add` reports the key as added, `incr` counts from zero). After a failure
this process leaves Redis alone for RETRY_SECONDS, so a Redis that is down or unreachable
costs one request per interval a connection timeout, not every request. `ping()` is the one
call that still raises: the health check reports the outage with its reason.
"""

import logging

import redis
from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from .outage import Outage

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class _SharedClientRedisCacheClient(django_redis.RedisCacheClient):
    """Keeps one redis.Redis handle per connection pool instead of building one per call.

    Django's client creates a new redis.Redis object for every cache operation, which costs
    about a tenth of a millisecond each time; the object only wraps the thread-safe pool.
    """

    def get_client(self, key=None, *, write=False):
        clients = self.__dict__.setdefault("_clients", {})
        index = self._get_connection_pool_index(write)
        if index not in clients:
            clients[index] = super().get_client(key, write=write)
        return clients[index]


class RedisCache(django_redis.RedisCache):
    """Django's Redis cache back end with a reused client, degrading when Redis is away."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClientRedisCacheClient
        self.outage = Outage(RETRY_SECONDS)

    def ping(self):
        """Raises when Redis does not answer; for the health check, which wants the reason."""
        self._cache.get_client(write=True).ping()
        self.outage.clear()

    def _tolerant(self, fallback, operation, *args, **kwargs):
        if self.outage.current() is not None:
            return fallback
        try:
            return operation(*args, **kwargs)
        except UNREACHABLE as error:
            self.outage.record(error)
            logger.warning("The cache is unreachable (%s); serving without it for %s s", error, RETRY_SECONDS)
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
        return self._tolerant(delta, super().incr, key, delta, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._tolerant(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._tolerant(None, super().delete_many, keys, version)

    def clear(self):
        return self._tolerant(False, super().clear)
