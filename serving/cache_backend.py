"""The shared Redis cache with a circuit breaker, so a sick Redis costs one short timeout, not
one per cache call.

django-redis with ``IGNORE_EXCEPTIONS`` already fails open, but pays the socket timeout on every
call: a Redis that accepts connections and never answers made a page wait out a dozen timeouts
in a row. Here the first connection error or timeout *opens* the breaker: for
``BREAKER_SECONDS`` every call is skipped at once (a read is a miss, a write does nothing) and
the site is served from the database. Then one call is let through as a probe; if it succeeds
the breaker closes, otherwise it stays open for another period. The state is per process
(shared by its threads and by every cache object on the same LOCATION), so each gunicorn worker
pays at most one timeout per period. `/healthz/` probes Redis directly (`probe()`), so it tells
the truth and closes the breaker as soon as Redis is back.

    CACHES = {"default": {"BACKEND": "serving.cache_backend.CircuitBreakerRedisCache",
                          "LOCATION": "redis://...",
                          "OPTIONS": {"SOCKET_TIMEOUT": 0.25, "SOCKET_CONNECT_TIMEOUT": 0.25,
                                      "BREAKER_SECONDS": 30}}}
"""

import logging
import socket
import threading
import time
import uuid

from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DEFAULT_BREAKER_SECONDS = 30.0
# Errors that say "Redis is not answering", as opposed to a bad command.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, socket.timeout, OSError)


class CircuitBreaker:
    """Closed (calls go through) until a failure; then open for `seconds`, then half-open: the
    first caller after that is the probe (and re-arms the period for everyone else meanwhile)."""

    def __init__(self, name, seconds=DEFAULT_BREAKER_SECONDS):
        self.name = name
        self.seconds = float(seconds)
        self._open_until = None  # monotonic time; None while closed
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return self._open_until is not None

    def retry_in(self):
        """Seconds until the next probe (0 when closed or due)."""
        until = self._open_until
        return 0.0 if until is None else max(0.0, until - time.monotonic())

    def allow(self):
        """Whether a call may go to Redis now."""
        if self._open_until is None:
            return True
        with self._lock:
            if self._open_until is None:
                return True
            now = time.monotonic()
            if now < self._open_until:
                return False
            self._open_until = now + self.seconds  # this caller probes; the rest still skip
            return True

    def succeeded(self):
        if self._open_until is None:
            return
        with self._lock:
            was_open = self._open_until is not None
            self._open_until = None
        if was_open:
            logger.warning("Cache %s answers again; using it", self.name)

    def failed(self, exc):
        with self._lock:
            was_open = self._open_until is not None
            self._open_until = time.monotonic() + self.seconds
        if not was_open:
            logger.warning(
                "Cache %s unreachable (%s); skipping it for %.0f s and serving from the database",
                self.name,
                exc.__class__.__name__,
                self.seconds,
            )

    def reset(self):
        with self._lock:
            self._open_until = None


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location, seconds):
    """One breaker per process and Redis location (Django makes a cache object per thread)."""
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = CircuitBreaker(location, seconds)
        breaker.seconds = float(seconds)
        return breaker


class CircuitBreakerRedisCache(RedisCache):
    """django-redis's cache, failing open through a circuit breaker (see the module docstring)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        seconds = options.pop("BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS)
        # Errors reach _guarded (which fails open) instead of being swallowed one by one.
        options["IGNORE_EXCEPTIONS"] = False
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(str(server), seconds)

    def _guarded(self, fallback, method, *args, **kwargs):
        if not self.breaker.allow():
            return fallback
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as exc:
            self.breaker.failed(exc)
            return fallback
        except RedisError:
            # Redis answered, with an error: not an outage, but a cache must not fail a page.
            logger.warning("Cache command failed; ignored", exc_info=True)
            return fallback
        self.breaker.succeeded()
        return result

    def probe(self):
        """A real round trip, whatever the breaker says (for /healthz/); raises if it fails and
        closes the breaker if it works."""
        key = f"healthz:{uuid.uuid4().hex}"
        try:
            super().set(key, "1", timeout=10)
            answer = super().get(key)
            super().delete(key)
        except UNREACHABLE as exc:
            self.breaker.failed(exc)
            raise
        if answer != "1":
            raise ConnectionError("cache did not return what was stored")
        self.breaker.succeeded()

    # Django's cache API (and what django-redis adds that this project uses), each failing open.

    def get(self, key, default=None, version=None, client=None):
        return self._guarded(default, super().get, key, default, version=version, client=client)

    def get_many(self, *args, **kwargs):
        return self._guarded({}, super().get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guarded(False, super().has_key, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._guarded(False, super().set, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._guarded(False, super().add, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._guarded(list(data), super().set_many, data, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guarded(False, super().touch, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._guarded(None, super().incr, *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._guarded(None, super().decr, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guarded(False, super().delete, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guarded(None, super().delete_many, *args, **kwargs)

    def delete_pattern(self, *args, **kwargs):
        return self._guarded(0, super().delete_pattern, *args, **kwargs)

    def clear(self):
        return self._guarded(None, super().clear)

    def keys(self, *args, **kwargs):
        return self._guarded([], super().keys, *args, **kwargs)

    def ttl(self, *args, **kwargs):
        return self._guarded(None, super().ttl, *args, **kwargs)

    def expire(self, *args, **kwargs):
        return self._guarded(False, super().expire, *args, **kwargs)
