"""An optional read replica (`DATABASE_REPLICA_URL`) for what anonymous readers ask for.

Only anonymous GET and HEAD requests for public pages read from the replica; editors, the
admin, every POST, management commands and anything inside a transaction use the primary, and
every write goes to the primary. A replica is a little behind its primary, so for
`REPLICA_LAG_SECONDS` after content changes (the content versions say when, see
core.fragments) pages are read from the primary too: otherwise a page rendered from the
replica just after a publish could be kept by the page cache or by Varnish and stay stale. A replica
that cannot be reached is skipped for `REPLICA_RETRY_SECONDS` and the primary serves instead.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from core.fragments import changed_at, request_generation

from .requests import is_admin_or_file, is_anonymous_request

logger = logging.getLogger(__name__)

REPLICA = "replica"

_reading_from_replica = ContextVar("reading_from_replica", default=False)


@contextmanager
def reads_from_replica():
    """Within this block (outside transactions) reads go to the replica."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    """Reads go to the replica only while a request has been marked replica-safe."""

    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, whichever copy they were read from

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReadReplicaMiddleware:
    """Marks anonymous page views as safe to read from the replica (below the page cache)."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.down_until = 0.0

    def __call__(self, request):
        if not (self.replica_safe(request) and self.replica_up()):
            return self.get_response(request)
        with reads_from_replica():
            return self.get_response(request)

    @staticmethod
    def replica_safe(request):
        if request.method not in ("GET", "HEAD"):
            return False
        # The admin reads from the primary; static and media files read nothing at all.
        if is_admin_or_file(request.path_info):
            return False
        if not is_anonymous_request(request):
            return False
        # Varnish or a CDN may keep what is rendered now, as may the page cache: read the
        # primary while the site or this address changed within the replica's lag.
        generation = request_generation(request, per_page=True)
        if generation is None:
            return True  # the versions cannot be read: nothing is kept
        changed = changed_at(generation)  # None: cannot tell, so treat it as a recent change
        return changed is not None and time.time() - changed >= settings.REPLICA_LAG_SECONDS

    def replica_up(self):
        if time.monotonic() < self.down_until:
            return False
        replica = connections[REPLICA]
        try:
            replica.close_if_health_check_failed()  # a connection kept from an earlier request
            replica.ensure_connection()
        except DatabaseError as exc:
            self.down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
            logger.warning(
                "Read replica unreachable (%s); reading from the primary for %d s",
                exc.__class__.__name__,
                settings.REPLICA_RETRY_SECONDS,
            )
            return False
        return True
