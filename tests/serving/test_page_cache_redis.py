"""The page cache on a real Redis (db 1), failing open when Redis is down and never stale
once it is back, and the precise purges sent to a cache in front."""

import os
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from django.core.cache import cache
from django.test import Client

from core.fragments import clear_fragments
from serving.page_cache import CACHE_HEADER
from tests.factories import ArticlePageFactory
from tests.helpers import redis_test_url

REDIS_URL = redis_test_url(1)


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
    clear_fragments()
    yield settings
    clear_fragments()


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
    assert len(redis.keys(redis_cache.make_key("neuropain:page:*"))) == 1

    article.title = "Pain after shingles"
    article.save_revision().publish()
    fresh = reader.get(article.url)
    assert fresh[CACHE_HEADER] == "MISS"
    assert b"Pain after shingles" in fresh.content


def test_a_publish_while_redis_is_down_is_not_served_stale_once_it_is_back(
    enabled, redis_cache, article
):
    """The old copy is still in Redis after the outage; the version in the database says it
    is old."""
    reader = Client()
    reader.get(article.url)
    assert reader.get(article.url)[CACHE_HEADER] == "HIT"
    up = enabled.CACHES
    enabled.CACHES = redis_caches("redis://127.0.0.1:1/1")  # nothing listens on port 1
    try:
        article.title = "Unpublished during the outage"
        article.save_revision().publish()
        article.unpublish()
        assert reader.get(article.url).status_code == 404
    finally:
        enabled.CACHES = up
    response = reader.get(article.url)
    assert response.status_code == 404
    assert b"Shingles pain" not in response.content


def test_site_keeps_serving_when_redis_is_down(enabled, article):
    # Nothing listens on port 1: every cache call fails, and is ignored.
    enabled.CACHES = redis_caches("redis://127.0.0.1:1/1")
    reader = Client()
    first = reader.get(article.url)
    assert first.status_code == 200
    assert first[CACHE_HEADER] != "HIT"
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


def test_publishing_purges_the_addresses_that_show_the_page_and_no_other(
    settings, article_index, drug_index, django_capture_on_commit_callbacks
):
    from tests.factories import DrugPageFactory, mention_drugs

    # Port 0: the system picks a free one, so parallel runs never collide.
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    drug = DrugPageFactory(parent=drug_index, title="gabapentin")
    ArticlePageFactory(parent=article_index, title="Tingling hands")
    page = ArticlePageFactory(parent=article_index, title="Sciatica", live=False)
    mention_drugs(page, drug)
    PurgeRecorder.purged = []
    try:
        with django_capture_on_commit_callbacks() as after_commit:
            page.save_revision().publish()
        assert PurgeRecorder.purged in ([], ["/articles/sciatica/"])  # Wagtail's own, at once
        for callback in after_commit:  # ours, once the publish has committed
            callback()
    finally:
        server.shutdown()
        server.server_close()
    purged = set(PurgeRecorder.purged)
    assert {"/articles/sciatica/", "/articles/", "/drugs/gabapentin/", "/", "/search/"} <= purged
    assert "/articles/tingling-hands/" not in purged  # not the whole site
    assert not any("?" in path for path in purged)  # searches expire by their s-maxage
