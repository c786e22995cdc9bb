"""Shared pieces of the load and fault scripts: a throwaway PostgreSQL database, the site under
gunicorn with production settings on 127.0.0.1, and clean shutdown of everything started.

Loopback only; every process started here is stopped by `Stack.close()` (also on Ctrl-C).
"""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_SERVER = os.environ.get("PG_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
HOST = "127.0.0.1"
# The production settings redirect plain HTTP to HTTPS; on loopback we play the TLS proxy.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Host": HOST}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command, env=None, check=True, quiet=True):
    result = subprocess.run(
        command,
        cwd=BASE_DIR,
        env=env,
        capture_output=quiet,
        text=True,
        timeout=900,
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def psql(sql):
    run(["psql", f"{PG_SERVER}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql])


def fetch(port, path, timeout=10.0, headers=None):
    """(status, body, seconds) for one GET through the loopback 'proxy'."""
    start = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={**PROXY_HEADERS, **(headers or {})})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, body, time.monotonic() - start
    except (OSError, http.client.HTTPException) as exc:
        return 0, f"{exc.__class__.__name__}: {exc}", time.monotonic() - start
    finally:
        connection.close()


class Stack:
    """PostgreSQL database + migrated, seeded site + gunicorn, all torn down by close()."""

    def __init__(self, port, database, workers=4, extra_env=None):
        self.port = port
        self.database = database
        self.workers = workers
        self.tmp = Path(tempfile.mkdtemp(prefix="np-security-"))
        self.gunicorn = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "neuropain.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": f"{PG_SERVER}/{database}",
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }

    @property
    def log_file(self):
        return self.tmp / "gunicorn.log"

    def manage(self, *args):
        return run([PYTHON, "manage.py", *args], env=self.env)

    def create_database(self):
        log(f"creating database {self.database}")
        psql(f'DROP DATABASE IF EXISTS "{self.database}"')
        psql(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--noinput", "-v0")
        commands = self.manage("help", "--commands").stdout.split()
        for command in ("import_seed_content", "load_site_content"):
            if command in commands:
                log(f"running {command}")
                self.manage(command)
        run([PYTHON, "scripts/demo_content.py"], env=self.env)
        self.manage("collectstatic", "--noinput", "-v0")

    def start(self):
        log(f"starting gunicorn ({self.workers} workers) on {HOST}:{self.port}")
        output = self.log_file.open("a")
        self.gunicorn = subprocess.Popen(
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "neuropain.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--forwarded-allow-ips",
                HOST,
            ],  # fmt: skip
            cwd=BASE_DIR,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status, _, _ = fetch(self.port, "/healthz/", timeout=2)
            if status == 200:
                return
            if self.gunicorn.poll() is not None:
                break
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not become healthy; see {self.log_file}")

    def worker_pids(self):
        result = run(["pgrep", "-P", str(self.gunicorn.pid)], check=False)
        return sorted(int(pid) for pid in result.stdout.split())

    def close(self, drop=True):
        if self.gunicorn and self.gunicorn.poll() is None:
            log("stopping gunicorn")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.gunicorn.pid, signal.SIGTERM)
            try:
                self.gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.gunicorn.pid, signal.SIGKILL)
                self.gunicorn.wait()
        if drop:
            with contextlib.suppress(Exception):
                psql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.tmp, ignore_errors=True)


def page_urls(stack):
    """A mix of public URLs that exist in the seeded database."""
    script = (
        "import json\n"
        "from articles.models import ArticlePage\n"
        "from drugs.models import DrugPage, BrandName\n"
        "from quizzes.models import QuizPage\n"
        "from physicians.models import PhysicianSearchPage\n"
        "a = [p.url for p in ArticlePage.objects.live()[:6]]\n"
        "d = [p.url for p in DrugPage.objects.live()[:3]]\n"
        "b = ['/drugs/brand/%s/' % x.slug for x in BrandName.objects.all()[:2]]\n"
        "q = [p.url for p in QuizPage.objects.live()[:1]]\n"
        "f = PhysicianSearchPage.objects.live().first().url\n"
        "print(json.dumps(a + d + b + q + [f + '?zip_code=55905', '/drugs/', '/articles/', '/',"
        " '/search/?q=gabapentin', '/search/?q=nerve+pain', '/glossary/', '/quizzes/']))\n"
    )
    import json

    output = stack.manage("shell", "-c", script).stdout.strip().splitlines()[-1]
    return json.loads(output)


class LoadGenerator:
    """Threads requesting the URL mix in a loop, recording (start, status, seconds, body kind)."""

    FRIENDLY_503 = "NeuroPain is briefly unavailable"

    def __init__(self, port, urls, threads=8, pause=0.05):
        import threading

        self.port = port
        self.urls = urls
        self.pause = pause
        self.samples = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.loop, args=(n,)) for n in range(threads)]

    def loop(self, offset):
        n = offset
        while not self.stopping.is_set():
            url = self.urls[n % len(self.urls)]
            started = time.monotonic()
            status, body, seconds = fetch(self.port, url, timeout=30)
            friendly = status != 503 or self.FRIENDLY_503 in body
            with self.lock:
                self.samples.append((started, status, seconds, friendly, url))
            n += 1
            time.sleep(self.pause)

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return sorted(self.samples)


def summarise(samples, start, end):
    """Counts by status, worst latency and whether every 503 was the friendly page, for the
    requests that finished in [start, end) (one in flight when a fault began counts as during)."""
    window = [s for s in samples if start <= s[0] + s[2] < end]
    statuses = {}
    for _, status, _, _, _ in window:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "requests": len(window),
        "statuses": dict(sorted(statuses.items())),
        "max_s": round(max((s[2] for s in window), default=0), 3),
        "unfriendly_503": sum(1 for s in window if not s[3]),
    }
