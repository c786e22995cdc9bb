"""`make bench`: the site under gunicorn against PostgreSQL with scale data, measured by wrk.

Creates a throwaway database (DATABASE_URL's name + "_bench"), loads the seed and scale
content, then serves, in one run: the floor (bench/floor.py) and each page uncached and
page-cached, through the same gunicorn configuration on 127.0.0.1. Prints one table, writes it
to bench/results/, checks the targets, stops every process it started and drops the database.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/neuropain"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

SINGLE = "uncached, 1 connection"
LATENCY_PAGES = ("search gabapentin", "search brand", "brand address")


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--drugs", type=int, default=1_000)
    parser.add_argument("--physicians", type=int, default=5_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn worker processes (default: gunicorn's advice, 2 x cores + 1)",
    )
    parser.add_argument("--port", type=int, default=8150, help="site; the floor uses port+1")
    parser.add_argument("--reuse-db", action="store_true", help="keep data from a kept run")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    return parser.parse_args()


# --- Database ---------------------------------------------------------------------------


def bench_database_url():
    url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL=postgres://...")
    name = parts.path.lstrip("/") or "neuropain"
    return parts._replace(path=f"/{name}_bench").geturl()


def psql_admin(url, sql):
    import psycopg

    admin = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


def database_name(url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit(f"Unexpected database name {name!r}")
    return name


def redis_url():
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    parts = urllib.parse.urlsplit(url)
    import socket

    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        print(f"Redis not reachable at {url}: page cache uses each worker's own memory.")
        return ""
    return url


def forget_cached(url, prefix):
    """Remove this run's pages and generation from Redis."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def commands_available(env):
    output = subprocess.run(
        [PYTHON, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(output.split())


def prepare(env, args):
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    available = commands_available(env)
    for command in ("import_seed_content", "load_site_content"):
        if command in available:
            manage(env, command)
    manage(
        env,
        "generate_scale_data",
        f"--articles={args.articles}",
        f"--drugs={args.drugs}",
        f"--physicians={args.physicians}",
    )
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )
    print(f"Data ready in {time.monotonic() - started:.0f} s.")


PICK_PAGES = """
import json
from articles.models import ArticleIndexPage, ArticlePage
from django.db.models import Count
from drugs.models import BrandName, DrugPage
from physicians.models import Physician

article = (
    ArticlePage.objects.live().filter(is_synthetic=True)
    .annotate(refs=Count("references", distinct=True), drug_count=Count("drugs", distinct=True))
    .filter(refs__gte=4, drug_count__gte=4).order_by("pk").first()
)
real_drug = DrugPage.objects.live().filter(title__iexact="gabapentin").first()
drug = real_drug or DrugPage.objects.live().annotate(n=Count("brand_names")).order_by("-n").first()
brand = BrandName.objects.filter(page=drug).order_by("sort_order").first()
zip_code = Physician.objects.filter(state="MN").values_list("zip_code", flat=True).first() or "55905"
print(json.dumps({
    "article": article.url,
    "article index": ArticleIndexPage.objects.get().url,
    "drug A-Z": drug.get_parent().url,
    "drug page": drug.url,
    "search gabapentin": "/search/?q=gabapentin",
    "search brand": "/search/?q=" + brand.name.replace(" ", "+"),
    "brand address": drug.get_parent().url + "brand/" + brand.slug + "/",
    "physician ZIP": "/find-a-physician/?zip_code=" + zip_code,
    "home": "/",
}))
"""


def pick_pages(env):
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", PICK_PAGES],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- Servers ----------------------------------------------------------------------------


class Server:
    """One gunicorn, stopped (with its workers) on exit whatever happens."""

    def __init__(self, app, port, env, args, cwd=ROOT):
        self.url = f"http://127.0.0.1:{port}"
        command = [
            PYTHON, "-m", "gunicorn", app,
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers),
            "--worker-class", "sync",
            "--backlog", "2048",
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)

    def wait_ready(self, path="/", timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                fetch(self.url + path)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"{self.url} did not answer within {timeout} s")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def fetch(url):
    request = urllib.request.Request(url, headers=PROXY_HEADERS)  # noqa: S310 - loopback http
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


# --- wrk --------------------------------------------------------------------------------


def wrk(url, args, duration, connections=None):
    connections = connections or args.connections
    wrk_headers = [f"--header={name}: {value}" for name, value in PROXY_HEADERS.items()]
    threads = min(args.threads, connections)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            *wrk_headers,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 30,
    ).stdout
    return parse_wrk(output)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in match.groups())
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors}


def measure(base_url, path, args, connections=None):
    url = base_url + path
    if args.warmup:
        wrk(url, args, args.warmup, connections)
    return wrk(url, args, args.duration, connections)


# --- Report -----------------------------------------------------------------------------


def table(rows):
    lines = [
        "| page | mode | req/s | p50 ms | p99 ms | errors | ratio to floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, mode, result, floor in rows:
        lines.append(
            f"| {name} | {mode} | {result['rps']:.0f} | {result['p50']:.1f} | "
            f"{result['p99']:.1f} | {result['errors']} | {result['rps'] / floor['rps']:.0%} |"
        )
    return "\n".join(lines)


def check_targets(results, floor, adjacent_floors):
    article = results[("article", "uncached")]
    cached = results[("article", "page-cached")]
    search = results[("search gabapentin", SINGLE)]
    brand_search = results[("search brand", SINGLE)]
    brand = results[("brand address", SINGLE)]
    checks = [
        (
            "uncached article >= 200 req/s, p99 <= 100 ms",
            article["rps"] >= 200 and article["p99"] <= 100,
        ),
        (
            "page-cached article >= 80% of the floor measured just before it",
            cached["rps"] >= 0.8 * adjacent_floors["article"]["rps"],
        ),
        ('search "gabapentin" p50 <= 50 ms (one connection)', search["p50"] <= 50),
        ("search for a brand name p50 <= 50 ms (one connection)", brand_search["p50"] <= 50),
        (
            "brand lookup (/drugs/brand/<name>/ to its drug) p50 <= 20 ms (one connection)",
            brand["p50"] <= 20,
        ),
    ]
    return [f"- {'PASS' if ok else 'MISS'}: {label}" for label, ok in checks]


def check_page(url, page, cached):
    status, _headers, _body = fetch(url)
    if status != 200:
        raise RuntimeError(f"{page} {url} answered {status}")
    if cached:
        fetch(url)
        _status, headers, _body = fetch(url)
        if headers.get("X-Page-Cache") != "HIT":
            print(f"  note: {page} is not served from the page cache")


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    db_url = bench_database_url()
    name = database_name(db_url)
    cache_url = redis_url()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "neuropain.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": db_url,
        "REDIS_URL": cache_url,
        "CACHE_KEY_PREFIX": f"bench{os.getpid()}",
        "PYTHONPATH": str(ROOT),
        # As behind the TLS-terminating proxy production runs behind: requests say they came
        # over HTTPS, so nothing is redirected and every security header is sent.
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    }
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    if not args.reuse_db:
        psql_admin(db_url, f'DROP DATABASE IF EXISTS "{name}"')
        psql_admin(db_url, f'CREATE DATABASE "{name}"')
    servers = []
    try:
        if not args.reuse_db:
            prepare(env, args)
        pages = pick_pages(env)
        raw = Server("floor:raw_application", args.port + 2, env, args, cwd=ROOT / "bench")
        floor = Server("floor:application", args.port + 1, env, args, cwd=ROOT / "bench")
        servers += [raw, floor]
        raw.wait_ready()
        floor.wait_ready()
        print("Measuring the floor ...")
        raw_result = measure(raw.url, "/", args)
        raw.stop()
        floor_result = measure(floor.url, "/", args)

        results, adjacent_floors = {}, {}
        modes = {
            "uncached": {"PAGE_CACHE": "0", "FRAGMENT_CACHE": "1"},
            "page-cached": {"PAGE_CACHE": "1", "FRAGMENT_CACHE": "1"},
        }
        for mode, flags in modes.items():
            site = Server("neuropain.wsgi", args.port, {**env, **flags}, args)
            servers.append(site)
            site.wait_ready("/")
            for page, path in pages.items():
                check_page(site.url + path, page, cached=mode == "page-cached")
                if mode == "page-cached":
                    # The machine is shared: compare with the floor measured just before.
                    adjacent_floors[page] = measure(floor.url, "/", args)
                print(f"Measuring {page} ({mode}) {path}")
                results[(page, mode)] = measure(site.url, path, args)
                if mode == "uncached" and page in LATENCY_PAGES:
                    print(f"Measuring {page} ({mode}, one connection) {path}")
                    results[(page, SINGLE)] = measure(site.url, path, args, connections=1)
            site.stop()
        floor.stop()

        rows = [
            ("floor: 20 KB from a bare Django view", "-", floor_result, floor_result),
            ("the same bytes, plain WSGI (no Django)", "-", raw_result, floor_result),
        ]
        for page in pages:
            rows.append((page, "uncached", results[(page, "uncached")], floor_result))
            if (page, SINGLE) in results:
                rows.append((page, SINGLE, results[(page, SINGLE)], floor_result))
            cached = results[(page, "page-cached")]
            rows.append((page, "page-cached", cached, adjacent_floors[page]))
    finally:
        for server in servers:
            server.stop()
        if cache_url:
            forget_cached(cache_url, env["CACHE_KEY_PREFIX"])
        if not args.keep_db:
            psql_admin(db_url, f'DROP DATABASE IF EXISTS "{name}"')

    report = table(rows)
    verdicts = check_targets(results, floor_result, adjacent_floors)
    header = (
        f"{args.articles} articles, {args.drugs} drugs, {args.physicians} physicians; "
        f"gunicorn {args.workers} sync workers; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.duration} s per page; "
        f"cache: {'Redis' if cache_url else 'local memory'}; {os.cpu_count()} CPUs; "
        f"load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after"
    )
    text = f"{header}\n\n{report}\n\nTargets:\n" + "\n".join(verdicts) + "\n"
    print()
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for path in (RESULTS / f"bench-{stamp}.md", RESULTS / "latest.md"):
        path.write_text(text)
    print(f"Written to bench/results/bench-{stamp}.md in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
