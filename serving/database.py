"""Time limits on every PostgreSQL connection, so a hung database costs a visitor a few seconds
and the friendly 503 page (serving.health), never a worker blocked until gunicorn kills it.

Three layers, all set in DATABASES OPTIONS by `timeout_options()`:

- ``connect_timeout``: a new connection that does not complete in time fails.
- ``statement_timeout`` (sent as a startup option): PostgreSQL cancels a statement that runs
  too long (QueryCanceled), and the connection stays usable.
- A client-side deadline (`deadline_cursor`): when the server does not answer a query at all
  (stuck, or a network that swallows packets while still acknowledging them), PostgreSQL's own
  timeout never fires and libpq would wait forever. Each query on our cursors is watched by one
  thread per process; past its deadline the connection's socket is shut down, the query fails
  with an OperationalError, and Django opens a new connection for the next request. Django's
  connection health check (``CONN_HEALTH_CHECKS``, a ``SELECT 1`` at the start of a request)
  gets a short deadline of its own: a ping answers in milliseconds.

TCP keepalives and ``tcp_user_timeout`` also notice a peer that vanished from the network while
a connection sits idle in a worker, or while a COMMIT is under way (commits do not go through
a cursor, so they rely on these). Server-side cursors (``QuerySet.iterator()``) are bounded by
``statement_timeout`` only.
"""

import contextlib
import itertools
import os
import socket
import threading
import time
from functools import partial

import psycopg

from core.prepared import is_prepared

PING_QUERIES = {"SELECT 1"}  # Django's is_usable() and our health check
AUTOMATIC_PREPARE_NEVER = 2**31 - 1


class QueryDeadlineExceeded(psycopg.OperationalError):
    """The database did not answer within the client-side deadline."""


class Watchdog:
    """Shuts down the socket of a query still waiting past its deadline (one thread/process).

    The thread looks at the armed queries every `TICK` seconds rather than being woken for
    each one: arming a query is then a dictionary insert under an uncontended lock. Waking the
    thread per query cost a thread switch on every statement (about a millisecond an article
    under load); a deadline measured in seconds does not need better than a tenth of one."""

    TICK = 0.1

    def __init__(self):
        self._armed = {}  # token -> (deadline, socket fileno)
        self._expired = set()
        self._ids = itertools.count()
        self._lock = threading.Lock()
        self._pid = None

    def arm(self, fileno, seconds):
        with self._lock:
            if self._pid != os.getpid():  # first use, or after a fork: the thread is gone
                self._pid = os.getpid()
                self._armed.clear()
                self._expired.clear()
                threading.Thread(target=self._run, name="db-deadline", daemon=True).start()
            token = next(self._ids)
            self._armed[token] = (time.monotonic() + seconds, fileno)
            return token

    def disarm(self, token):
        """True if the deadline had passed (and the socket was shut down)."""
        with self._lock:
            self._armed.pop(token, None)
            if token in self._expired:
                self._expired.discard(token)
                return True
            return False

    def _run(self):
        while True:
            time.sleep(self.TICK)
            with self._lock:
                now = time.monotonic()
                for token, (deadline, fileno) in list(self._armed.items()):
                    if deadline <= now:
                        # Under the lock: the query is still waiting, so its socket is open.
                        del self._armed[token]
                        self._expired.add(token)
                        _shutdown(fileno)


def _shutdown(fileno):
    """Shut the connection down under libpq's feet: its wait returns and reports the error."""
    with contextlib.suppress(OSError):
        sock = socket.socket(fileno=os.dup(fileno))
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.close()


watchdog = Watchdog()


class DeadlineCursor:
    """A deadline on every query of a psycopg cursor. `deadline_cursor` mixes it into psycopg's
    client-side-binding cursor (Django's default) or, for prepared statements, its server-side
    binding one, and sets the two limits (seconds, 0 = none). With server-side binding, the
    statements core.prepared compiled are prepared."""

    query_seconds = 0.0
    ping_seconds = 0.0
    binds_on_server = False

    def _deadline(self, seconds, run):
        if not seconds:
            return run()
        token = watchdog.arm(self.connection.pgconn.socket, seconds)
        try:
            return run()
        except psycopg.OperationalError as exc:
            if watchdog.disarm(token):
                raise QueryDeadlineExceeded(
                    f"the database did not answer within {seconds:g} s"
                ) from exc
            raise
        finally:
            watchdog.disarm(token)

    def execute(self, query, params=None, **kwargs):
        seconds = self.ping_seconds if query in PING_QUERIES else self.query_seconds
        if self.binds_on_server:
            # core.prepared's statements are parsed and planned once per connection; others never.
            kwargs.setdefault("prepare", is_prepared(query))
        return self._deadline(seconds, partial(super().execute, query, params, **kwargs))

    def executemany(self, query, params_seq, **kwargs):
        run = partial(super().executemany, query, params_seq, **kwargs)
        return self._deadline(self.query_seconds, run)


def deadline_cursor(query_seconds, ping_seconds, prepared=False):
    return type(
        "DeadlineCursor",
        (DeadlineCursor, psycopg.Cursor if prepared else psycopg.ClientCursor),
        {
            "query_seconds": float(query_seconds),
            "ping_seconds": float(ping_seconds),
            "binds_on_server": prepared,
        },
    )


def running_command(argv):
    """Whether this process is a manage.py command other than runserver (migrate, the
    importers, generate_scale_data: long statements are normal there)."""
    names = {"manage.py", "django-admin"}
    return bool(argv) and os.path.basename(argv[0]) in names and argv[1:2] != ["runserver"]


def add_time_limits(options, environ, argv):
    """Fill a PostgreSQL DATABASES entry's OPTIONS from the environment (README "Reliability");
    what the URL already sets is kept, and its own startup ``options`` come first."""
    if running_command(argv):
        statement = float(environ.get("DB_COMMAND_STATEMENT_TIMEOUT", "0"))
    else:
        statement = float(environ.get("DB_STATEMENT_TIMEOUT", "5"))
    limits = timeout_options(
        connect=float(environ.get("DB_CONNECT_TIMEOUT", "3")),
        statement=statement,
        ping=float(environ.get("DB_PING_TIMEOUT", "1")),
        prepared=environ.get("DB_PREPARED_STATEMENTS", "1") == "1",
    )
    if "options" in options and "options" in limits:
        limits["options"] = f"{options.pop('options')} {limits['options']}"
    for name, value in limits.items():
        options.setdefault(name, value)
    return options


def timeout_options(
    *, connect, statement, ping, prepared=False, grace=1.0, keepalive_idle=30, user_timeout=10
):
    """OPTIONS for a PostgreSQL entry of DATABASES (all in seconds; statement 0 = no limit).

    The client-side deadline of a query is the statement timeout plus `grace`, so PostgreSQL's
    own cancellation (which keeps the connection) normally comes first.

    `prepared` (DB_PREPARED_STATEMENTS, on unless set to 0): server-side parameter binding, and
    the statements core.prepared compiled (an article's route, rows and navigation) prepared
    the first time a connection runs them, so PostgreSQL stops parsing and planning them on
    every request: at 10,000 articles, with every app cache off, PostgreSQL's CPU for an
    article fell from 2.3 to 1.2 ms and the article went from 144 to 163 requests/s. Nothing
    else is prepared (psycopg's automatic threshold is never reached): a generic plan cannot
    use the page tree's index for ``path LIKE $1``, whose prefix it does not know, and
    preparing every statement after its fifth run made the listings cost PostgreSQL half as
    much again. Set it to 0 behind a pooler that shares server connections between
    transactions (PgBouncer in transaction mode before 1.21).
    """
    options = {
        "connect_timeout": max(1, round(connect)),
        "keepalives": 1,
        "keepalives_idle": keepalive_idle,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": int(user_timeout * 1000),
        "cursor_factory": deadline_cursor(
            statement + grace if statement else 0, ping, prepared=prepared
        ),
    }
    if prepared:
        # psycopg prepares a statement when told to, or after this many runs: never, here
        # (None would turn preparing off altogether).
        options.update(server_side_binding=True, prepare_threshold=AUTOMATIC_PREPARE_NEVER)
    if statement:
        options["options"] = f"-c statement_timeout={int(statement * 1000)}"
    return options
