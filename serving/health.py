"""Staying honest when a dependency fails: a health endpoint and a 503 page for database outages
(connection failures, and the time limits of serving.database: statement and query timeouts)."""

import logging
import sqlite3
import sys
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

HEALTH_PATHS = {"/healthz", "/healthz/"}
RETRY_AFTER_SECONDS = 30


class HealthCheckMiddleware:
    """Answer /healthz/ before anything else runs.

    First in MIDDLEWARE so a load balancer's probe needs no allowed Host header, no HTTPS
    redirect, no session and no CSRF, and is never logged as a page view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS:
            return healthz(request)
        return self.get_response(request)


def _timed(check):
    start = time.perf_counter()
    try:
        check()
    except Exception as exc:  # noqa: BLE001 - any failure of a dependency is a failed check
        logger.warning("health check failed: %s", exc.__class__.__name__, exc_info=exc)
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "ms": round((time.perf_counter() - start) * 1000, 1)}


def _query_database(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connections[alias].close()


_checks_in_flight = {}
_checks_lock = threading.Lock()


def check_database(alias="default"):
    """SELECT 1 on a fresh connection, in a thread of its own so the probe answers within
    DB_HEALTH_TIMEOUT seconds even when the database hangs (the thread ends by itself within
    the connection's own time limits; one at a time per database)."""
    outcome = {}

    def run():
        try:
            _query_database(alias)
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            outcome["error"] = exc

    with _checks_lock:
        previous = _checks_in_flight.get(alias)
        if previous is not None and previous.is_alive():
            raise TimeoutError("the previous check is still waiting for the database")
        thread = threading.Thread(target=run, name=f"healthz-{alias}", daemon=True)
        _checks_in_flight[alias] = thread
        thread.start()
    thread.join(getattr(settings, "DB_HEALTH_TIMEOUT", 2.0))
    if "error" in outcome:
        raise outcome["error"]
    if thread.is_alive():
        raise TimeoutError("no answer from the database")


def check_cache():
    probe = getattr(cache, "probe", None)
    if probe is not None:  # serving.cache_backend: a real round trip, whatever its breaker says
        probe()
        return
    # A fail-open cache (errors ignored) answers None instead of raising: a round trip tells.
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise ConnectionError("cache did not return what was stored")
    cache.delete(key)


def healthz(request):
    """JSON for load balancers: 200 while the database answers, 503 when it does not.

    A cache or read-replica outage reports "degraded" with 200: pages are still served from the
    primary database, and taking every instance out of rotation because a shared cache or
    replica is down would be an outage.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    if "replica" in settings.DATABASES:
        checks["replica"] = _timed(lambda: check_database("replica"))
    if not checks["database"]["ok"]:
        status, code = "error", 503
    elif not all(check["ok"] for check in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    response = JsonResponse({"status": status, "checks": checks}, status=code)
    add_never_cache_headers(response)
    return response


# SQLite reports bad queries (e.g. FTS syntax) as OperationalError too; only these mean "down".
SQLITE_OUTAGE_MESSAGES = ("unable to open database", "database is locked", "disk i/o error")


def is_database_outage(exc):
    """True if the exception, or one it was raised from, means the database is unreachable."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, InterfaceError):
            return True
        if isinstance(exc, OperationalError):
            if isinstance(exc.__cause__, sqlite3.Error):
                return str(exc.__cause__).lower().startswith(SQLITE_OUTAGE_MESSAGES)
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def server_error(request, template_name="500.html"):
    """handler500: database outages get a 503 'back soon' page, everything else the 500 page."""
    if is_database_outage(sys.exc_info()[1]):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return defaults.server_error(request, template_name)
