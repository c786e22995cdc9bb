"""The page cache on a real Redis (db 1), failing open when Redis is down, and the CDN purge."""

import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from django.core.cache import cache
from django.test import Client

from core.fragments import GENERATION_KEY, clear_fragments, current_generation
from serving import push
from serving.page_cache import CACHE_HEADER
from tests.factories import ArticlePageFactory

REDIS_URL = "redis://127.0.0.1:6379/1"


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def redis_caches(location):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test{os.getpid()}",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


@pytest.fixture
def enabled(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_PUSH = True
    clear_fragments()
    yield settings
    push.listener.stop()
    push.local_pages.clear()
    clear_fragments()


def wait_for(condition, seconds=3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def redis_cache(enabled):
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    enabled.CACHES = redis_caches(REDIS_URL)
    cache.delete_pattern("*")  # only this run's keys (KEY_PREFIX), not the whole db
    yield cache
    cache.delete_pattern("*")


@pytest.fixture
def article(article_index):
    return ArticlePageFactory(parent=article_index, title="Shingles pain")


def test_pages_are_cached_in_redis_and_purged_on_publish(redis_cache, article):
    from django_redis import get_redis_connection

    reader = Client()
    assert reader.get(article.url)[CACHE_HEADER] == "MISS"
    assert reader.get(article.url)[CACHE_HEADER] == "HIT"
    redis = get_redis_connection("default")
    assert redis.exists(redis_cache.make_key(GENERATION_KEY))
    assert len(redis.keys(redis_cache.make_key("neuropain:page:*"))) == 1

    article.title = "Pain after shingles"
    article.save_revision().publish()
    fresh = reader.get(article.url)
    assert fresh[CACHE_HEADER] == "MISS"
    assert b"Pain after shingles" in fresh.content


def test_workers_hear_of_a_change_made_elsewhere_and_serve_hits_from_memory(redis_cache, article):
    from django_redis import get_redis_connection

    reader = Client()
    assert reader.get(article.url)[CACHE_HEADER] == "MISS"  # starts the subscription
    assert wait_for(lambda: push.listener.current() == current_generation())
    assert reader.get(article.url)[CACHE_HEADER] == "HIT"  # from Redis, now kept here too
    redis = get_redis_connection("default")
    for key in redis.keys(redis_cache.make_key("neuropain:page:*")):
        redis.delete(key)
    # Gone from Redis, still in this worker's memory under the current generation.
    assert reader.get(article.url)[CACHE_HEADER] == "HIT"

    # Another host publishes: Redis holds the new generation and tells every worker.
    redis_cache.set(GENERATION_KEY, "from-another-host", None)
    redis.publish(push.CHANNEL, "from-another-host")
    assert wait_for(lambda: push.listener.current() == "from-another-host")
    assert reader.get(article.url)[CACHE_HEADER] == "MISS"


def test_site_keeps_serving_when_redis_is_down(enabled, article):
    # Nothing listens on port 1: every cache call fails, and is ignored.
    enabled.CACHES = redis_caches("redis://127.0.0.1:1/1")
    reader = Client()
    first = reader.get(article.url)
    assert first.status_code == 200
    assert first[CACHE_HEADER] == "BYPASS"
    assert b"Shingles pain" in first.content
    article.title = "Shingles nerve pain"
    article.save_revision().publish()
    second = reader.get(article.url)
    assert second.status_code == 200
    assert b"Shingles nerve pain" in second.content


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_publishing_purges_the_page_its_listing_and_home_from_the_cdn(settings, article_index):
    # Port 0: the system picks a free one, so parallel runs never collide.
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.purged = []
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    try:
        page = ArticlePageFactory(parent=article_index, title="Sciatica", live=False)
        page.save_revision().publish()
    finally:
        server.shutdown()
        server.server_close()
    assert "/articles/sciatica/" in PurgeRecorder.purged
    assert "/articles/" in PurgeRecorder.purged
    assert "/" in PurgeRecorder.purged


def wsgi_get(path, **environ):
    """A request through the WSGI application gunicorn serves, not the test client."""
    import io
    import sys

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from neuropain.wsgi import application

    base = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # As Django's test client does: the test's database connection (inside the test's
    # transaction) must not be closed by the handler's request signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application({**base, **environ}, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


def test_a_worker_replays_pages_it_holds_before_django(redis_cache, article, monkeypatch):
    first = wsgi_get(article.url)
    assert first[1][CACHE_HEADER] == "MISS"
    assert wait_for(lambda: push.listener.current() == current_generation())
    assert wsgi_get(article.url)[1][CACHE_HEADER] in ("HIT", "MISS")  # kept in memory now

    # Django is not involved in a replay: not even the request handler runs.
    from django.core.handlers.wsgi import WSGIHandler

    def no_django(*args, **kwargs):
        raise AssertionError("Django handled a page held in memory")

    monkeypatch.setattr(WSGIHandler, "__call__", no_django)
    status, headers, body = wsgi_get(article.url, HTTP_X_REQUEST_ID="replay-request-01")
    assert status == "200 OK"
    assert headers[CACHE_HEADER] == "HIT"
    assert headers["X-Request-ID"] == "replay-request-01"
    assert headers["Content-Security-Policy"] == first[1]["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body == first[2]
    head = wsgi_get(article.url, REQUEST_METHOD="HEAD")
    assert head[0] == "200 OK" and head[2] == b""
    monkeypatch.undo()

    # Signed-in readers, other methods, other query strings go to Django.
    assert wsgi_get(article.url, HTTP_COOKIE="sessionid=abc")[1][CACHE_HEADER] == "BYPASS"
    assert wsgi_get(article.url, QUERY_STRING="page=2")[1][CACHE_HEADER] != "HIT"

    # A publish elsewhere: the pushed generation changes and the copy in memory is stale.
    article.title = "Pain after shingles"
    article.save_revision().publish()
    assert wait_for(lambda: push.listener.current() == current_generation())
    status, headers, body = wsgi_get(article.url)
    assert headers[CACHE_HEADER] == "MISS"
    assert b"Pain after shingles" in body
