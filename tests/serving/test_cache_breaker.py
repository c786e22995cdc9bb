"""The Redis cache's circuit breaker: a silent Redis costs one short timeout, then is skipped
(reads miss, writes do nothing) and the site is served from the database; /healthz/ tells."""

import os
import socket
import time

import pytest

from django.core.cache import cache
from django.test import Client

from bench.tcp_proxy import TCPProxy
from serving.cache_backend import CircuitBreaker
from tests.factories import ArticlePageFactory
from tests.helpers import redis_test_url

TIMEOUT = 0.25


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def breaker_caches(location, breaker_seconds=30):
    return {
        "default": {
            "BACKEND": "serving.cache_backend.CircuitBreakerRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"breaker{os.getpid()}",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": TIMEOUT,
                "SOCKET_TIMEOUT": TIMEOUT,
                "BREAKER_SECONDS": breaker_seconds,
            },
        }
    }


@pytest.fixture
def redis_proxy():
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    with TCPProxy("127.0.0.1", 6379) as proxy:
        yield proxy


@pytest.fixture
def proxied_cache(settings, redis_proxy):
    settings.CACHES = breaker_caches(redis_proxy.url(redis_test_url(1)), 1)
    cache.breaker.reset()
    yield cache
    redis_proxy.pass_through()
    cache.breaker.reset()
    cache.delete_pattern("*")  # only this run's keys (KEY_PREFIX)
    cache.breaker.reset()


def timed(call):
    start = time.monotonic()
    result = call()
    return result, time.monotonic() - start


def test_the_breaker_opens_on_failure_lets_one_probe_through_later_and_closes():
    breaker = CircuitBreaker("test", seconds=0.2)
    assert breaker.allow() and not breaker.is_open
    breaker.failed(TimeoutError())
    assert breaker.is_open and not breaker.allow()
    assert 0 < breaker.retry_in() <= 0.2
    time.sleep(0.25)
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everyone else keeps skipping while it runs
    breaker.succeeded()
    assert not breaker.is_open and breaker.allow()


def test_a_silent_redis_costs_one_timeout_then_is_skipped(proxied_cache, redis_proxy):
    proxied_cache.set("greeting", "hello", 60)
    assert proxied_cache.get("greeting") == "hello"

    redis_proxy.hang()  # accepts, never answers
    value, first = timed(lambda: proxied_cache.get("greeting", "miss"))
    assert value == "miss"
    assert TIMEOUT * 0.8 <= first < TIMEOUT * 3
    assert proxied_cache.breaker.is_open

    # Skipped at once: reads miss, writes do nothing, nothing waits.
    results, rest = timed(
        lambda: [
            proxied_cache.get("greeting"),
            proxied_cache.get_many(["greeting", "other"]),
            proxied_cache.set("greeting", "changed", 60),
            proxied_cache.add("new", 1, 60),
            proxied_cache.delete("greeting"),
            proxied_cache.has_key("greeting"),
            proxied_cache.get_or_set("computed", lambda: "from the database", 60),
        ]
    )
    assert results == [None, {}, False, False, False, False, "from the database"]
    assert rest < 0.05

    # Redis answers again: after the breaker period one call probes, succeeds, closes it.
    redis_proxy.pass_through()
    time.sleep(1.1)
    assert proxied_cache.get("greeting") == "hello"  # the write during the outage was skipped
    assert not proxied_cache.breaker.is_open


def test_a_refused_connection_opens_the_breaker_without_waiting(proxied_cache, redis_proxy):
    redis_proxy.close()
    value, seconds = timed(lambda: proxied_cache.get("anything", "miss"))
    assert value == "miss" and seconds < TIMEOUT
    assert proxied_cache.breaker.is_open


def test_healthz_probes_redis_itself_and_closes_the_breaker(proxied_cache, redis_proxy, db):
    redis_proxy.hang()
    assert proxied_cache.get("anything") is None
    assert proxied_cache.breaker.is_open
    response, seconds = timed(lambda: Client().get("/healthz/"))
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["cache"] == {"ok": False, "error": "TimeoutError"}
    assert seconds < 1

    redis_proxy.pass_through()
    body = Client().get("/healthz/").json()
    assert body["status"] == "ok" and body["checks"]["cache"]["ok"] is True
    assert not proxied_cache.breaker.is_open  # closed by the probe, not after 30 s


def test_pages_stay_fast_with_a_silent_redis(settings, proxied_cache, redis_proxy, article_index):
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = True
    article = ArticlePageFactory(parent=article_index, title="Burning feet")
    reader = Client()
    assert reader.get(article.url).status_code == 200
    assert reader.get(article.url).status_code == 200

    redis_proxy.hang()
    for url in [article.url, article.url, "/", article_index.url, "/search/?q=burning"]:
        response, seconds = timed(lambda url=url: reader.get(url))
        assert response.status_code == 200, url
        assert seconds < 1, (url, seconds)
    assert b"Burning feet" in reader.get(article.url).content


def test_an_error_answer_is_ignored_but_is_not_an_outage(proxied_cache):
    from django_redis import get_redis_connection

    get_redis_connection("default").lpush(proxied_cache.make_key("queue"), "x")
    # GET on a list: Redis answers WRONGTYPE. A miss for the page, and Redis is still used.
    assert proxied_cache.get("queue", "fallback") == "fallback"
    assert not proxied_cache.breaker.is_open
    proxied_cache.set("word", "kept", 60)
    assert proxied_cache.get("word") == "kept"
