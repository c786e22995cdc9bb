"""The one harness of the benchmarks and the load and fault scripts: throwaway PostgreSQL
databases, the site prepared and served by gunicorn on 127.0.0.1 (bench settings: production
plus the bench app), requests through a loopback "TLS proxy", wrk, and clean shutdown of
everything started.

Loopback only. Every gunicorn started here runs in its own process group and is stopped, with
its workers, by `Server.stop()` (also on exceptions and Ctrl-C through `with` / `finally`).
"""

import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import namedtuple
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
SETTINGS = "neuropain.settings.bench"
PG_SERVER = os.environ.get("PG_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
# Production settings redirect plain HTTP to HTTPS; on loopback we play the TLS proxy.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
SEED_COMMANDS = ("import_seed_content", "load_site_content")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command, env=None, check=True, quiet=True, timeout=1800):
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=quiet, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        output = f"\n{result.stdout}\n{result.stderr}" if quiet else ""
        raise RuntimeError(f"{' '.join(command)} failed with {result.returncode}{output}")
    return result


# --- Databases --------------------------------------------------------------------------


def with_database(url, name):
    """`url` pointing at database `name` on the same server."""
    scheme, netloc, _path, query, fragment = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((scheme, netloc, f"/{name}", query, fragment))


def database_name(url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit(f"Unexpected database name {name!r}")
    return name


def _admin(url):
    import psycopg

    return psycopg.connect(with_database(url, "postgres"), autocommit=True)


def _execute(url, statement, *names):
    from psycopg import sql

    identifiers = [sql.Identifier(name) for name in names]
    with _admin(url) as admin:
        return admin.execute(sql.SQL(statement).format(*identifiers))


def drop_database(url):
    _execute(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", database_name(url))


def create_database(url, template=None):
    """A new, empty database at `url` (or a copy of the database `template`); any database of
    that name is dropped first."""
    drop_database(url)
    if template:
        _execute(url, "CREATE DATABASE {} TEMPLATE {}", database_name(url), template)
    else:
        _execute(url, "CREATE DATABASE {}", database_name(url))


def holds_tables(url):
    """Whether the database at `url` exists and has tables (so is not ours to drop)."""
    import psycopg

    with _admin(url) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    if not exists:
        return False
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]


# --- The site ---------------------------------------------------------------------------


def site_env(database_url, **extra):
    """Environment for manage.py and gunicorn: bench settings against `database_url`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        # As behind the TLS-terminating proxy production runs behind: requests say they came
        # over HTTPS, so nothing is redirected and every security header is sent.
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def manage(env, *args, quiet=True):
    return run([PYTHON, "manage.py", *args], env=env, quiet=quiet)


def prepare_site(env, *content_args, quiet=True):
    """Migrate, collect static files, load the seed content, then
    `generate_scale_data *content_args` (e.g. "--demo", or the scale) and ANALYZE."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    available = manage(env, "help", "--commands").stdout.split()
    for command in SEED_COMMANDS:
        if command in available:
            log(f"running {command}")
            manage(env, command, quiet=quiet)
    log(f"running generate_scale_data {' '.join(content_args)}")
    manage(env, "generate_scale_data", *content_args, quiet=quiet)
    manage(
        env, "shell", "-c", "from django.db import connection as c; c.cursor().execute('ANALYZE')"
    )


def manage_json(env, script):
    """Run `script` in `manage.py shell`; its last printed line, read as JSON."""
    import json

    output = manage(env, "shell", "-c", script).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- HTTP -------------------------------------------------------------------------------

Response = namedtuple("Response", "status headers body seconds")


def fetch(url, timeout=10.0, headers=None):
    """One GET through the loopback 'proxy'; status 0 (and the error as body) on failure."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    start = time.monotonic()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", path or "/", headers={**PROXY_HEADERS, **(headers or {})})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return Response(response.status, response.headers, body, time.monotonic() - start)
    except (OSError, http.client.HTTPException) as exc:
        return Response(0, {}, f"{exc.__class__.__name__}: {exc}", time.monotonic() - start)
    finally:
        connection.close()


# --- Servers ----------------------------------------------------------------------------


class Server:
    """One gunicorn on 127.0.0.1:`port`, stopped (with its workers) by stop() or on leaving
    a `with` block, whatever happens."""

    def __init__(self, app, port, env, *, workers, options=(), cwd=ROOT, log_file=None):
        self.url = f"http://{HOST}:{port}"
        command = [
            PYTHON, "-m", "gunicorn", app,
            "--bind", f"{HOST}:{port}",
            "--workers", str(workers),
            *options,
        ]  # fmt: skip
        output = open(log_file, "a") if log_file else None
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            start_new_session=True,
        )
        if output:
            output.close()  # the child holds its own copy

    def wait_ready(self, path="/", timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if fetch(self.url + path, timeout=2).status == 200:
                return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.url}{path} did not answer 200 within {timeout} s")

    def worker_pids(self):
        result = run(["pgrep", "-P", str(self.process.pid)], check=False)
        return sorted(int(pid) for pid in result.stdout.split())

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Stack:
    """A throwaway database on PG_SERVER, the site prepared in it with the demo content, and
    gunicorn serving it; close() stops gunicorn and drops the database."""

    OPTIONS = ("--timeout", "30", "--graceful-timeout", "5", "--forwarded-allow-ips", HOST)

    def __init__(self, port, database, workers=4, extra_env=None):
        self.port = port
        self.url = f"http://{HOST}:{port}"
        self.database_url = with_database(PG_SERVER, database)
        self.workers = workers
        self.tmp = Path(tempfile.mkdtemp(prefix="np-bench-"))
        self.server = None
        self.env = site_env(self.database_url, **(extra_env or {}))

    @property
    def log_file(self):
        return self.tmp / "gunicorn.log"

    def manage(self, *args):
        return manage(self.env, *args)

    def create_database(self):
        log(f"creating database {database_name(self.database_url)}")
        create_database(self.database_url)
        prepare_site(self.env, "--demo")

    def start(self):
        log(f"starting gunicorn ({self.workers} workers) on {self.url}")
        self.server = Server(
            "neuropain.wsgi",
            self.port,
            self.env,
            workers=self.workers,
            options=self.OPTIONS,
            log_file=self.log_file,
        )
        self.server.wait_ready("/healthz/", timeout=60)

    def worker_pids(self):
        return self.server.worker_pids()

    def close(self, drop=True):
        if self.server:
            log("stopping gunicorn")
            self.server.stop()
        if drop:
            with contextlib.suppress(Exception):
                drop_database(self.database_url)
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- wrk --------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, *, duration, connections, threads=2, script=None, timeout=None):
    """Run wrk against `url` with the proxy headers; its figures (see parse_wrk)."""
    command = [
        "wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s",
        "--latency", *[f"--header={name}: {value}" for name, value in PROXY_HEADERS.items()],
    ]  # fmt: skip
    if timeout:
        command += ["--timeout", f"{timeout}s"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], check=True, capture_output=True, text=True, timeout=duration + 60
    ).stdout
    return parse_wrk(output)


def _millis(output, percent):
    match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    return float(match.group(1)) * UNITS[match.group(2)] if match else None


def parse_wrk(output):
    """requests, rps, p50/p90/p99 (ms), non-2xx/3xx, socket errors and their sum, errors."""
    requests = re.search(r"(\d+) requests in", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    figures = {
        "requests": int(requests.group(1)) if requests else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": _millis(output, 50),
        "p90": _millis(output, 90),
        "p99": _millis(output, 99),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
        # Which kind, when there were any: "connect 0, read 12, write 0, timeout 0".
        "socket_detail": sockets.group(0).removeprefix("Socket errors: ") if sockets else "",
    }
    figures["errors"] = figures["non_2xx_3xx"] + figures["socket_errors"]
    figures["output"] = output
    return figures
