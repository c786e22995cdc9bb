"""An optional read replica serves anonymous page views; everything else uses the primary."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from django.db import transaction
from django.test import RequestFactory, override_settings

from wagtail.models import Page

from core.fragments import new_generation, use_generation
from serving.replica import ReadReplicaMiddleware, ReplicaRouter, reads_from_replica

BASE_DIR = Path(__file__).resolve().parents[2]


def test_router_reads_from_the_replica_only_when_a_request_allows_it():
    router = ReplicaRouter()
    assert router.db_for_read(Page) == "default"
    with reads_from_replica():
        assert router.db_for_read(Page) == "replica"
        assert router.db_for_write(Page) == "default"
    assert router.db_for_read(Page) == "default"
    assert router.allow_migrate("default", "wagtailcore") is True
    assert router.allow_migrate("replica", "wagtailcore") is False


@pytest.mark.django_db
def test_router_reads_from_the_primary_inside_a_transaction():
    """A transaction reads its own uncommitted writes, which only the primary has."""
    with transaction.atomic(), reads_from_replica():
        assert ReplicaRouter().db_for_read(Page) == "default"


def request_with(generation="default", method="get", path="/conditions/", **extra):
    request = getattr(RequestFactory(), method)(path, **extra)
    if generation == "default":
        generation = f"{time.time() - 3600:.3f}-0123"  # content last changed an hour ago
    if generation is None:
        request._content_versions = None  # the versions could not be read
    else:
        use_generation(request, generation)  # as core.fragments.request_versions records them
    return request


@override_settings(PAGE_CACHE_ENABLED=True, REPLICA_LAG_SECONDS=10)
def test_only_anonymous_page_views_are_replica_safe():
    safe = ReadReplicaMiddleware.replica_safe
    assert safe(request_with()) is True
    assert safe(request_with(method="head")) is True
    assert safe(request_with(method="post")) is False
    assert safe(request_with(path="/admin/pages/")) is False
    assert safe(request_with(path="/static/css/site.css")) is False  # no database at all
    assert safe(request_with(HTTP_COOKIE="sessionid=abc")) is False
    assert safe(request_with(HTTP_AUTHORIZATION="Basic eDp5")) is False


@override_settings(PAGE_CACHE_ENABLED=True, REPLICA_LAG_SECONDS=10)
def test_pages_are_read_from_the_primary_just_after_content_changes():
    """Else a page rendered from a lagging replica would be kept by a cache after the purge."""
    safe = ReadReplicaMiddleware.replica_safe
    assert safe(request_with(new_generation())) is False
    assert safe(request_with(f"{time.time() - 11:.3f}-0123")) is True
    assert safe(request_with("0123abcd")) is False  # cannot tell when: treated as recent
    assert safe(request_with(None)) is True  # versions unreadable: nothing is stored
    # A change to this address alone counts as much as a change to the whole site.
    page_changed = request_with()
    use_generation(page_changed, f"{time.time() - 3600:.3f}-0123", new_generation())
    assert safe(page_changed) is False


@override_settings(PAGE_CACHE_ENABLED=False, FRAGMENT_CACHE_ENABLED=False)
def test_without_app_caches_a_recent_change_still_reads_the_primary():
    """Varnish or a CDN in front keeps what is rendered now, app caches or not."""
    assert ReadReplicaMiddleware.replica_safe(request_with(new_generation())) is False


SCENARIO = """
import json, shutil, sys
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from articles.models import ArticleIndexPage, ArticlePage
from tests.factories import ArticlePageFactory

copy = json.loads(sys.argv[1])  # how to make the replica, or null: it exists already


def copy_primary_to_replica():
    connections.close_all()
    if copy["kind"] == "file":
        shutil.copyfile(copy["primary"], copy["replica"])
    else:
        import psycopg
        with psycopg.connect(copy["server"], autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{copy["replica"]}" TEMPLATE "{copy["primary"]}"')


results = {"databases": sorted(settings.DATABASES), "routers": settings.DATABASE_ROUTERS}
if copy:
    call_command("migrate", verbosity=0)
    page = ArticlePageFactory(parent=ArticleIndexPage.objects.get(), title="Replica copy")
    page.save_revision().publish()
    get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    copy_primary_to_replica()  # the replica, caught up to here
    page.title = "Primary copy"  # a change the replica has not received yet
    page.save_revision().publish()
page = ArticlePage.objects.get()
url = page.url

def title(client, **extra):
    response = client.get(url, **extra)
    text = response.content.decode()
    return response.status_code, "Primary copy" in text, "Replica copy" in text

anonymous = Client()
results["anonymous"] = title(anonymous)
editor = Client()
editor.force_login(get_user_model().objects.get(username="editor"))
results["editor"] = title(editor)
results["admin_edit"] = editor.get(f"/admin/pages/{page.pk}/edit/").status_code
with override_settings(PAGE_CACHE_ENABLED=True, REPLICA_LAG_SECONDS=60):
    from core.fragments import invalidate
    invalidate()  # content changed a moment ago
    results["just_changed"] = title(anonymous)
results["healthz"] = anonymous.get("/healthz/").json()
print(json.dumps(results))
"""


class SQLiteFiles:
    """Two files stand in for a primary and its replica."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.primary = f"sqlite:///{tmp_path / 'primary.sqlite3'}"
        self.replica = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
        self.missing = f"sqlite:///{tmp_path / 'missing' / 'replica.sqlite3'}"
        self.copy = {
            "kind": "file",
            "primary": str(tmp_path / "primary.sqlite3"),
            "replica": str(tmp_path / "replica.sqlite3"),
        }

    def close(self):
        pass


class PostgresDatabases:
    """Two databases on the suite's PostgreSQL server; the replica made as a copy."""

    def __init__(self, url):
        self.server = url.rsplit("/", 1)[0]
        names = [f"np_replica_{os.getpid()}_{role}" for role in ("primary", "replica")]
        self.primary, self.replica = (f"{self.server}/{name}" for name in names)
        self.missing = f"{self.server}/np_replica_{os.getpid()}_missing"
        self.copy = {
            "kind": "postgres",
            "server": self.maintenance_url(),
            "primary": names[0],
            "replica": names[1],
        }
        self.names = names
        self.execute(f'CREATE DATABASE "{names[0]}"')

    def maintenance_url(self):
        return f"{self.server}/postgres".replace("postgres://", "postgresql://", 1)

    def execute(self, sql):
        with psycopg.connect(self.maintenance_url(), autocommit=True) as server:
            server.execute(sql)

    def close(self):
        for name in self.names:
            self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path):
    if request.param == "sqlite":
        pair = SQLiteFiles(tmp_path)
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            pytest.skip("a PostgreSQL replica: run with DATABASE_URL=postgres://...")
        pair = PostgresDatabases(url)
    yield pair
    pair.close()


def run_scenario(primary, replica, copy=None):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neuropain.settings.test",
        "DATABASE_URL": primary,
        "DATABASE_REPLICA_URL": replica,
        "REPLICA_LAG_SECONDS": "0",
    }
    completed = subprocess.run(  # noqa: S603 - fixed command, this interpreter
        [sys.executable, "-c", f"import django; django.setup()\n{SCENARIO}", json.dumps(copy)],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_anonymous_readers_get_the_replica_and_editors_the_primary(databases):
    """The replica is one publish behind its primary, so each reader shows which they got."""
    results = run_scenario(databases.primary, databases.replica, databases.copy)
    assert results["databases"] == ["default", "replica"]
    assert results["routers"] == ["serving.replica.ReplicaRouter"]
    # status, shows the primary's title, shows the replica's title
    assert results["anonymous"] == [200, False, True]
    assert results["editor"] == [200, True, False]
    assert results["admin_edit"] == 200
    assert results["just_changed"] == [200, True, False]
    assert results["healthz"]["status"] == "ok"
    assert results["healthz"]["checks"]["replica"]["ok"] is True

    # The replica gone: anonymous readers get the primary, and the site stays up.
    results = run_scenario(databases.primary, databases.missing)
    assert results["anonymous"] == [200, True, False]
    assert results["editor"] == [200, True, False]
    assert results["healthz"]["status"] == "degraded"
    assert results["healthz"]["checks"]["replica"]["ok"] is False
    assert results["healthz"]["checks"]["database"]["ok"] is True
