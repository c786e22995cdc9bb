"""The site under faults, as production serves it: gunicorn (started by the test) reaching
PostgreSQL or Redis through a TCP proxy of the test's own (tests/serving/tcp_proxy.py), which
makes the shared server hang or vanish for this site alone. Checked over HTTP only:

- PostgreSQL hangs: every page is the friendly 503 within 5 s, /healthz/ answers 503 quickly,
  and the same workers serve pages again once the database answers;
- Redis is silent: pages keep coming in under a second (one short timeout, then the circuit
  breaker skips Redis);
- a publish or unpublish made while Redis is unreachable is not served stale once it is back.
"""

import contextlib
import json
import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from django.db import connection

from bench.harness import ROOT, Server, fetch
from bench.tcp_proxy import TCPProxy
from tests.factories import ArticlePageFactory
from tests.helpers import redis_test_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="gunicorn needs a database it can share"
    ),
    # gunicorn reads what the test wrote: committed data, the site tree restored afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FRIENDLY_503 = "NeuroPain is briefly unavailable"
REDIS = ("127.0.0.1", 6379)
REDIS_TEST_URL = redis_test_url(1)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(proxy=None):
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return proxy.url(url) if proxy else url


@contextlib.contextmanager
def served(tmp_path, database, settings_module="tests.serving.fault_settings", **extra_env):
    """gunicorn (2 sync workers) serving the site from `database`, stopped afterwards."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REDIS_", "DB_", "PAGE_CACHE", "FRAGMENT_CACHE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=database,
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        **extra_env,
    )
    log = tmp_path / "gunicorn.log"
    server = Server(
        "neuropain.wsgi:application",
        free_port(),
        env,
        workers=2,
        options=("--timeout", "30", "--graceful-timeout", "2"),
        log_file=log,
    )
    try:
        try:
            server.wait_ready("/healthz/", timeout=90)
        except RuntimeError as exc:
            raise AssertionError(f"{exc}\n{log.read_text()[-3000:]}") from exc
        yield server
    finally:
        server.stop()


def warm(url, rounds=3):
    """Requests in parallel, so every worker has served the page (and met its caches) before."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(rounds):
            assert {page.status for page in pool.map(fetch, [url] * 8)} == {200}


def wait_for(check, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.1)
    return None


@pytest.fixture
def article(article_index):
    return ArticlePageFactory(parent=article_index, title="Trigeminal neuralgia")


@pytest.fixture
def pg_proxy():
    s = connection.settings_dict
    with TCPProxy(s["HOST"] or "127.0.0.1", s["PORT"] or 5432) as proxy:
        yield proxy


@pytest.fixture
def redis_proxy():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    prefix = f"faults{os.getpid()}x{free_port()}"
    with TCPProxy(*REDIS) as proxy:
        proxy.location = proxy.url(REDIS_TEST_URL)
        proxy.prefix = prefix
        yield proxy
    client = redis.Redis.from_url(REDIS_TEST_URL)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def test_a_hung_database_gives_the_503_page_within_5_s_and_healthz_answers(
    tmp_path, pg_proxy, article
):
    # No page cache: every request needs the database.
    with served(tmp_path, database_url(pg_proxy), "neuropain.settings.test") as server:
        page_url = server.url + article.url
        warm(page_url)  # both workers now hold a persistent connection
        workers = server.worker_pids()

        pg_proxy.hang()
        for _ in range(3):
            page = fetch(page_url, timeout=30)
            assert page.status == 503, page.body[:300]
            assert FRIENDLY_503 in page.body
            assert page.headers["Retry-After"] == "30"
            assert page.seconds < 5, page.seconds
        health = fetch(server.url + "/healthz/", timeout=30)
        assert health.status == 503
        assert health.seconds < 3, health.seconds
        body = json.loads(health.body)
        assert body["status"] == "error"
        assert body["checks"]["database"]["ok"] is False

        pg_proxy.pass_through()
        assert wait_for(lambda: fetch(page_url).status == 200, 10)
        assert all(fetch(page_url).status == 200 for _ in range(4))
        assert fetch(server.url + "/healthz/").status == 200
        assert server.worker_pids() == workers  # no worker was killed for hanging


def test_a_silent_redis_costs_an_article_less_than_a_second(tmp_path, redis_proxy, article):
    with served(
        tmp_path,
        database_url(),
        REDIS_URL=redis_proxy.location,
        CACHE_KEY_PREFIX=redis_proxy.prefix,
    ) as server:
        page_url = server.url + article.url
        warm(page_url)
        assert redis.Redis.from_url(REDIS_TEST_URL).keys(
            f"{redis_proxy.prefix}*"
        )  # it did use Redis

        redis_proxy.hang()  # accepts connections, never answers
        urls = [article.url] * 6 + ["/", "/articles/", "/search/?q=neuralgia"] + [article.url] * 3
        pages = [(url, fetch(server.url + url, timeout=30)) for url in urls]
        for url, page in pages:
            assert page.status == 200, (url, page.status)
            assert page.seconds < 1, (url, page.seconds)
        assert "Trigeminal neuralgia" in pages[0][1].body
        # Each worker paid one short timeout at most, then skipped Redis: without the breaker
        # every request would wait out a timeout per cache call (seconds each).
        assert sum(page.seconds for _url, page in pages) < 3

        health = fetch(server.url + "/healthz/", timeout=30)
        assert health.status == 200 and health.seconds < 1
        assert json.loads(health.body)["status"] == "degraded"

        redis_proxy.pass_through()
        health = fetch(server.url + "/healthz/")
        assert json.loads(health.body)["status"] == "ok"


@pytest.mark.parametrize("outage", ["close", "hang"])
def test_a_publish_during_a_redis_outage_is_not_stale_after_it(
    tmp_path, settings, redis_proxy, article_index, outage
):
    changed = ArticlePageFactory(parent=article_index, title="Diabetic neuropathy")
    withdrawn = ArticlePageFactory(parent=article_index, title="Nerve pain myths")
    # This process publishes as an editor would, through the same (proxied) Redis.
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {
            "BACKEND": "serving.cache_backend.CircuitBreakerRedisCache",
            "LOCATION": redis_proxy.location,
            "KEY_PREFIX": redis_proxy.prefix,
            "OPTIONS": {"SOCKET_TIMEOUT": 0.25, "SOCKET_CONNECT_TIMEOUT": 0.25},
        }
    }
    with served(
        tmp_path,
        database_url(),
        REDIS_URL=redis_proxy.location,
        CACHE_KEY_PREFIX=redis_proxy.prefix,
        REDIS_BREAKER_SECONDS="1",
    ) as server:
        for _ in range(4):  # cached by now, wherever the site caches pages
            assert "Diabetic neuropathy" in fetch(server.url + changed.url).body
            assert fetch(server.url + withdrawn.url).status == 200

        redis_proxy.set_mode(outage)
        changed.title = "Painful diabetic neuropathy"
        changed.save_revision().publish()
        withdrawn.unpublish()
        during = fetch(server.url + changed.url, timeout=30)
        assert during.status == 200 and "Painful diabetic neuropathy" in during.body

        # Whatever was held while Redis was silent is lost, as over a network that dropped it
        # (a stalled Redis would run it late, which would hide the bug).
        redis_proxy.close()
        redis_proxy.pass_through()
        time.sleep(1.5)  # past the breaker period: every worker uses Redis again
        for _ in range(6):
            page = fetch(server.url + changed.url)
            assert page.status == 200
            assert "Painful diabetic neuropathy" in page.body, page.headers.get("X-Page-Cache")
            assert fetch(server.url + withdrawn.url).status == 404
