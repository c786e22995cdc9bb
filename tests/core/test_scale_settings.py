"""Settings for running beyond one machine switch on by environment variable alone."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "neuropain.example"}
SHOW = """
import json
from django.conf import settings
print(json.dumps({
    "cache": settings.CACHES["default"],
    "page_cache": settings.PAGE_CACHE_ENABLED,
    "fragments": settings.FRAGMENT_CACHE_ENABLED,
    "media": settings.STORAGES["default"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"],
    "cdn": settings.WAGTAILFRONTENDCACHE,
    "apps": settings.INSTALLED_APPS,
    "middleware": settings.MIDDLEWARE,
    "databases": settings.DATABASES,
    "routers": settings.DATABASE_ROUTERS,
}, default=lambda value: f"{value.__module__}.{value.__qualname__}"))
"""


def load(module="production", **env):
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": f"neuropain.settings.{module}",
    }
    environment.update(env)
    code = SHOW  # settings only: S3 and Elasticsearch need packages installed to start
    output = subprocess.run(  # noqa: S603 - fixed command, this interpreter
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def test_one_machine_defaults():
    config = load(**PRODUCTION)
    assert config["cache"]["BACKEND"].endswith("LocMemCache")
    assert config["page_cache"] is False  # per-process memory cannot be purged everywhere
    assert config["media"]["BACKEND"].endswith("FileSystemStorage")
    assert config["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert config["search"]["BACKEND"] == "search.backends"
    assert config["cdn"] == {}
    assert "wagtail.contrib.frontend_cache" in config["apps"]
    # Cache hits are stored with the security headers and skip the rest of the stack;
    # only the request id, different for every response, is added above the cache.
    middleware = config["middleware"]
    cache = middleware.index("serving.page_cache.PageCacheMiddleware")
    assert middleware.index("serving.logs.RequestIDMiddleware") < cache
    for inner in (
        "django.middleware.security.SecurityMiddleware",
        "serving.security.ContentSecurityPolicyMiddleware",
        "django_permissions_policy.PermissionsPolicyMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
    ):
        assert cache < middleware.index(inner), inner


def test_database_replica_url_adds_a_replica_for_anonymous_reads():
    primary = "postgres://neuropain@db-primary.internal:5432/neuropain"
    replica = "postgres://neuropain@db-replica.internal:5432/neuropain"
    config = load(DATABASE_URL=primary, **PRODUCTION)
    assert list(config["databases"]) == ["default"]
    assert config["routers"] == []

    config = load(DATABASE_URL=primary, DATABASE_REPLICA_URL=replica, **PRODUCTION)
    default, replica = config["databases"]["default"], config["databases"]["replica"]
    assert (default["HOST"], replica["HOST"]) == ("db-primary.internal", "db-replica.internal")
    assert replica["OPTIONS"]["connect_timeout"] == 3  # an unreachable replica fails fast
    assert replica["OPTIONS"]["cursor_factory"] == "serving.database.DeadlineCursor"
    assert replica["CONN_HEALTH_CHECKS"] is True
    assert replica["TEST"]["MIRROR"] == "default"
    assert config["routers"] == ["serving.replica.ReplicaRouter"]
    middleware = config["middleware"]
    # Below the page cache: a hit needs no database, a miss knows the content generation.
    replica_middleware = middleware.index("serving.replica.ReadReplicaMiddleware")
    assert middleware.index("serving.page_cache.PageCacheMiddleware") < replica_middleware


def test_redis_url_shares_the_cache_and_turns_on_the_page_cache():
    config = load(REDIS_URL="redis://cache.internal:6379/0", **PRODUCTION)
    # django-redis behind a circuit breaker (serving/cache_backend.py): fails open, fast.
    assert config["cache"]["BACKEND"] == "serving.cache_backend.CircuitBreakerRedisCache"
    assert config["cache"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert config["cache"]["OPTIONS"]["SOCKET_TIMEOUT"] == 0.25
    assert config["cache"]["OPTIONS"]["BREAKER_SECONDS"] == 30
    assert config["page_cache"] is True
    assert config["fragments"] is True


def test_search_url_selects_elasticsearch_or_opensearch():
    config = load(SEARCH_URL="https://search.internal:9200", **PRODUCTION)
    assert config["search"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert config["search"]["URLS"] == ["https://search.internal:9200"]
    config = load(SEARCH_URL="https://os.internal", SEARCH_BACKEND="opensearch2", **PRODUCTION)
    assert config["search"]["BACKEND"] == "wagtail.search.backends.opensearch2"


def test_bucket_name_moves_media_to_s3():
    config = load(
        AWS_STORAGE_BUCKET_NAME="neuropain-media",
        AWS_S3_ENDPOINT_URL="https://s3.example",
        **PRODUCTION,
    )
    assert config["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["media"]["OPTIONS"]["bucket_name"] == "neuropain-media"
    assert config["media"]["OPTIONS"]["endpoint_url"] == "https://s3.example"


def test_cdn_purge_backends():
    config = load(
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_BEARER_TOKEN="token",
        **PRODUCTION,
    )
    assert config["cdn"]["http"]["LOCATION"] == "http://varnish.internal:6081"
    assert config["cdn"]["cloudflare"]["ZONEID"] == "zone"


def test_development_caches_pages_in_memory():
    config = load(module="dev")
    assert config["cache"]["BACKEND"].endswith("LocMemCache")
    assert config["page_cache"] is True
