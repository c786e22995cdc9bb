"""/healthz/ for load balancers, and a fast, friendly 503 while the database is unreachable."""

import json
import os
import socket
import sqlite3
import time

import pytest

from django.db import OperationalError
from django.test import override_settings

from serving.health import is_database_outage
from tests.helpers import python_json, redis_test_url

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
}


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    cache_control = response["Cache-Control"]
    for directive in ("no-cache", "no-store", "must-revalidate", "private"):
        assert directive in cache_control
    assert client.post("/healthz/").status_code == 405


@override_settings(ALLOWED_HOSTS=["neuropain.example"], SECURE_SSL_REDIRECT=True)
def test_healthz_answers_probes_by_ip_over_plain_http(client, db):
    """Load balancers probe by address and without TLS; pages would refuse both."""
    assert client.get("/healthz/", HTTP_HOST="10.0.0.5").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.5").status_code == 400


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_test_url(2),
        }
    }
)
def test_healthz_against_real_redis(client, db):
    assert client.get("/healthz/").json()["checks"]["cache"]["ok"] is True


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_cache_outage_is_degraded_not_down(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}
    assert body["checks"]["database"]["ok"] is True


def test_outage_detection_follows_exception_chains():
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as wrapped:
        assert is_database_outage(wrapped)
    assert not is_database_outage(ValueError("bad input"))
    assert not is_database_outage(None)


def test_a_bad_sqlite_query_is_a_500_not_an_outage():
    for message, outage in [
        ('fts5: syntax error near ">"', False),
        ("unable to open database file", True),
        ("database is locked", True),
    ]:
        try:
            try:
                raise sqlite3.OperationalError(message)
            except sqlite3.OperationalError as cause:
                raise OperationalError(message) from cause
        except OperationalError as exc:
            assert is_database_outage(exc) is outage, message


PROBE = """
import json, time
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
results = {}
for url in URLS:
    start = time.monotonic()
    response = client.get(url)
    results[url] = {
        "status": response.status_code,
        "seconds": time.monotonic() - start,
        "body": response.content.decode(),
        "retry_after": response.get("Retry-After"),
        "cache_control": response.get("Cache-Control", ""),
    }
print(json.dumps(results))
"""


def probe_with_database_at(port, urls):
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="neuropain.settings.test",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/neuropain",
    )
    return python_json(["-c", f"URLS = {urls!r}\n{PROBE}"], env, timeout=120)


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_down_gives_a_friendly_503_quickly():
    results = probe_with_database_at(unused_port(), ["/", "/articles/some-article/", "/healthz/"])
    for url in ["/", "/articles/some-article/"]:
        page = results[url]
        assert page["status"] == 503, url
        assert "NeuroPain is briefly unavailable" in page["body"]
        assert "Traceback" not in page["body"]
        assert page["retry_after"] == "30"
        assert "no-store" in page["cache_control"]
        assert page["seconds"] < 3
    health = results["/healthz/"]
    assert health["status"] == 503
    body = json.loads(health["body"])
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}


def test_a_database_that_never_answers_times_out_into_a_503():
    """A server that accepts the connection and then says nothing: connect_timeout bounds it."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        start = time.monotonic()
        results = probe_with_database_at(silent.getsockname()[1], ["/", "/healthz/"])
        elapsed = time.monotonic() - start
    assert results["/"]["status"] == 503
    assert 2.5 <= results["/"]["seconds"] < 7
    # The health check gives up after DB_HEALTH_TIMEOUT (2 s), whatever the connection does.
    health = results["/healthz/"]
    assert health["status"] == 503 and health["seconds"] < 3
    assert json.loads(health["body"])["checks"]["database"] == {
        "ok": False,
        "error": "TimeoutError",
    }
    assert elapsed < 20


@pytest.mark.parametrize("path", ["/healthz", "/healthz/"])
def test_healthz_needs_no_login_and_sets_no_cookie(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
