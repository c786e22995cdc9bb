"""Time limits on PostgreSQL connections (serving/database.py): connect timeout, statement
timeout, and a client-side deadline for a database that stops answering altogether."""

import os
import subprocess
import sys
import time

import psycopg
import pytest

from django.conf import settings
from django.db import OperationalError, connection, transaction

from bench.tcp_proxy import TCPProxy
from neuropain.settings.base import _database
from serving.database import (
    AUTOMATIC_PREPARE_NEVER,
    DeadlineCursor,
    QueryDeadlineExceeded,
    add_time_limits,
    timeout_options,
)
from serving.health import is_database_outage
from tests.helpers import ROOT

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def test_sqlite_gets_no_postgresql_options():
    assert _database("sqlite:///tmp/example.sqlite3").get("OPTIONS", {}) == {}


def test_postgresql_urls_get_every_limit_and_keep_their_own_options():
    database = _database("postgres://u@db.example:5432/site?options=-c%20search_path%3Dsite")
    options = database["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert options["keepalives"] == 1 and options["tcp_user_timeout"] == 10_000
    assert options["options"] == "-c search_path=site -c statement_timeout=5000"
    assert issubclass(options["cursor_factory"], DeadlineCursor)
    assert options["cursor_factory"].query_seconds == 6.0  # the statement limit + 1 s grace
    assert options["cursor_factory"].ping_seconds == 1.0


@pytest.mark.parametrize(
    ("argv", "environ", "statement"),
    [
        (["gunicorn", "neuropain.wsgi"], {}, "-c statement_timeout=5000"),
        (["manage.py", "runserver"], {"DB_STATEMENT_TIMEOUT": "2.5"}, "-c statement_timeout=2500"),
        (["/srv/site/manage.py", "migrate"], {"DB_STATEMENT_TIMEOUT": "2"}, None),
        (
            ["manage.py", "import_seed_content"],
            {"DB_COMMAND_STATEMENT_TIMEOUT": "600"},
            "-c statement_timeout=600000",
        ),
    ],
)
def test_web_processes_get_the_statement_limit_and_commands_their_own(argv, environ, statement):
    options = add_time_limits({}, environ, argv)
    assert options.get("options") == statement
    assert options["cursor_factory"].query_seconds == (
        int(statement.rsplit("=", 1)[1]) / 1000 + 1 if statement else 0
    )


def test_no_statement_limit_means_no_query_deadline():
    options = timeout_options(connect=3, statement=0, ping=1)
    assert "options" not in options
    assert options["cursor_factory"].query_seconds == 0


@pytest.mark.postgres
@postgres_only
def test_web_connections_carry_the_statement_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"


@pytest.mark.django_db
@pytest.mark.postgres
@postgres_only
def test_a_statement_cancelled_by_the_timeout_counts_as_an_outage():
    with pytest.raises(OperationalError) as raised, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 100")
            cursor.execute("SELECT pg_sleep(2)")
    assert isinstance(raised.value.__cause__, psycopg.errors.QueryCanceled)
    assert is_database_outage(raised.value)


@pytest.mark.django_db
@pytest.mark.postgres
@postgres_only
def test_management_commands_run_without_the_web_statement_limit():
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('SHOW statement_timeout')\n"
        "    print(c.fetchone()[0])\n"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="neuropain.settings.test")
    env["DATABASE_URL"] = database_url()

    def shell(**extra):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert shell() == "0"
    assert shell(DB_COMMAND_STATEMENT_TIMEOUT="120") == "2min"


def database_url(host=None, port=None):
    s = connection.settings_dict
    host = host or s["HOST"] or "127.0.0.1"
    return f"postgres://{s['USER']}@{host}:{port or s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def pg_proxy(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    s = connection.settings_dict
    with TCPProxy(s["HOST"] or "127.0.0.1", s["PORT"] or 5432) as proxy:
        yield proxy


def timed_failure(call):
    start = time.monotonic()
    with pytest.raises(psycopg.OperationalError) as raised:
        call()
    return raised.value, time.monotonic() - start


@pytest.mark.postgres
def test_a_hung_database_fails_a_query_at_its_deadline(pg_proxy):
    options = timeout_options(connect=3, statement=1, ping=0.5)
    url = pg_proxy.url(database_url())
    with psycopg.connect(url, **options) as hung, psycopg.connect(url, **options) as healthy:
        assert hung.execute("SELECT 2").fetchone() == (2,)
        pg_proxy.hang()
        # Django's health check ping: a short deadline of its own.
        error, seconds = timed_failure(lambda: hung.cursor().execute("SELECT 1"))
        assert isinstance(error, QueryDeadlineExceeded)
        assert 0.45 <= seconds < 1.5
        assert hung.broken  # Django replaces it
        error, seconds = timed_failure(lambda: healthy.execute("SELECT 2"))
        assert isinstance(error, QueryDeadlineExceeded)
        assert 1.9 <= seconds < 3  # 1 s statement limit + 1 s grace
        # A new connection to a server that never answers: the connect timeout.
        error, seconds = timed_failure(lambda: psycopg.connect(url, **options))
        assert 2.5 <= seconds < 4.5
    pg_proxy.pass_through()
    with psycopg.connect(url, **options) as again:
        assert again.execute("SELECT 3").fetchone() == (3,)


@pytest.mark.postgres
def test_settings_pick_the_deadline_cursor_for_postgresql(pg_proxy):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert issubclass(options["cursor_factory"], DeadlineCursor)
    assert options["connect_timeout"] == 3


@pytest.mark.parametrize(
    ("environ", "prepared"),
    [
        ({}, True),
        ({"DB_PREPARED_STATEMENTS": "1"}, True),
        ({"DB_PREPARED_STATEMENTS": "0"}, False),
    ],
)
def test_statements_bind_on_the_server_unless_turned_off(environ, prepared):
    options = add_time_limits({}, environ, ["gunicorn", "neuropain.wsgi"])
    cursor = options["cursor_factory"]
    assert issubclass(cursor, DeadlineCursor) and cursor.query_seconds == 6.0
    if prepared:
        # psycopg's automatic preparing never comes: only core.prepared's statements are.
        assert options["server_side_binding"] is True
        assert options["prepare_threshold"] == AUTOMATIC_PREPARE_NEVER
        assert issubclass(cursor, psycopg.Cursor) and cursor.binds_on_server
        assert not issubclass(cursor, psycopg.ClientCursor)
    else:
        assert "server_side_binding" not in options and "prepare_threshold" not in options
        assert issubclass(cursor, psycopg.ClientCursor) and not cursor.binds_on_server


@pytest.mark.postgres
@postgres_only
def test_only_the_compiled_statements_are_prepared_and_still_watched(db, monkeypatch):
    """A statement core.prepared compiled is parsed and planned once per connection, from its
    first run, through the deadline cursor; any other statement is never prepared, however
    often it runs (a generic plan would lose the tree path's index for ``path LIKE $1``)."""
    monkeypatch.setattr("core.prepared._STATEMENTS", {"SELECT %s::int + 1"})
    options = timeout_options(connect=3, statement=5, ping=1, prepared=True)
    options.pop("server_side_binding")  # Django's switch for the cursor class chosen above
    dsn = connection.get_connection_params()
    params = {key: dsn[key] for key in ("dbname", "user", "host", "port") if dsn.get(key)}
    with psycopg.connect(**params, **options) as prepared:
        assert isinstance(prepared.cursor(), DeadlineCursor)
        prepared.cursor().execute("SELECT %s::int + 1", [41]).fetchone()
        for _ in range(8):
            prepared.cursor().execute("SELECT %s::int + 2", [41]).fetchone()
        statements = [
            row[0]
            for row in prepared.execute("SELECT statement FROM pg_prepared_statements").fetchall()
        ]
    assert statements == ["SELECT $1::int + 1"]
