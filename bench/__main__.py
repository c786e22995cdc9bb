"""`make bench`: the site under gunicorn against PostgreSQL with scale data, measured by wrk.

Creates a throwaway database (DATABASE_URL's name + "_bench"), loads the seed and scale
content, then serves, in one run: the floor (bench/floor.py) and each page uncached and
page-cached, through the same gunicorn configuration on 127.0.0.1; the article with every
app cache off; and the cache tier (bench/caching.py): the article through Varnish beside
nginx serving its bytes from a file, and an editorial day. Prints one table, writes it to
bench/results/, checks the targets, stops every process it started and drops the database.
"""

import argparse
import os
import shutil
import sys
import time
import urllib.parse

from bench import caching
from bench.harness import (
    HOST,
    ROOT,
    Server,
    create_database,
    drop_database,
    fetch,
    log,
    manage,
    manage_json,
    prepare_site,
    site_env,
    with_database,
    wrk,
)
from bench.report import SINGLE, check_targets, table, tier_rows, tier_table

RESULTS = ROOT / "bench" / "results"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/neuropain"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"
OPTIONS = ("--worker-class", "sync", "--backlog", "2048", "--log-level", "warning")

LATENCY_PAGES = (
    "search gabapentin",
    "search brand",
    "search suggestions",
    "brand address",
    "physician ZIP",
)


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
    parser.add_argument(
        "--editorial-seconds", type=int, default=30, help="length of the editorial day"
    )
    parser.add_argument(
        "--publish-every", type=int, default=10, help="seconds between editorial-day publishes"
    )
    parser.add_argument(
        "--baseline-url",
        default=os.environ.get("BENCH_BASELINE_URL", ""),
        help="a page of another site already serving on this machine (README: bakerydemo's "
        "blog page), measured right after the article with every app cache off",
    )
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
    return with_database(url, f"{name}_bench")


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


def prepare(env, args):
    started = time.monotonic()
    prepare_site(
        env,
        f"--articles={args.articles}",
        f"--drugs={args.drugs}",
        f"--physicians={args.physicians}",
        quiet=False,
    )
    print(f"Data ready in {time.monotonic() - started:.0f} s.")


PICK_PAGES = """
import json
from articles.models import ArticleIndexPage, ArticlePage
from bench.models import synthetic
from django.db.models import Count
from drugs.models import BrandName, DrugPage

article = (
    synthetic(ArticlePage).live()
    .annotate(refs=Count("references", distinct=True), drug_count=Count("drug_links", distinct=True))
    .filter(refs__gte=4, drug_count__gte=4).order_by("pk").first()
)
real_drug = DrugPage.objects.live().filter(title__iexact="gabapentin").first()
drug = real_drug or DrugPage.objects.live().annotate(n=Count("brand_names")).order_by("-n").first()
brand = BrandName.objects.filter(page=drug).order_by("sort_order").first()
print(json.dumps({
    "article": article.url,
    "article index": ArticleIndexPage.objects.get().url,
    "drug A-Z": drug.get_parent().url,
    "drug page": drug.url,
    "search gabapentin": "/search/?q=gabapentin",
    "search brand": "/search/?q=" + brand.name.replace(" ", "+"),
    "search suggestions": "/search/suggestions/?q=gab",
    "brand address": drug.get_parent().url + "brand/" + brand.slug + "/",
    # A ZIP code the ZIP table knows (Rochester, MN): an unknown one is a 400 page.
    "physician ZIP": "/find-a-physician/?zip_code=55905",
    "home": "/",
}))
"""


def measure(base_url, path, args, connections=None):
    url = base_url + path
    options = {"threads": args.threads, "connections": connections or args.connections}
    if args.warmup:
        wrk(url, duration=args.warmup, **options)
    return wrk(url, duration=args.duration, **options)


def serve(app, port, env, args, cwd=ROOT):
    return Server(app, port, env, workers=args.workers, options=OPTIONS, cwd=cwd)


def measure_tier(env, args, article, servers):
    """The article with every app cache off; then, with the fragment cache on as in
    production, the article through Varnish, nginx serving its bytes, an editorial day."""
    tier = {}
    bare = serve(
        "neuropain.wsgi", args.port, {**env, "PAGE_CACHE": "0", "FRAGMENT_CACHE": "0"}, args
    )
    servers.append(bare)
    bare.wait_ready("/")
    log(f"Measuring article (every app cache off) {article}")
    tier["no caches"] = measure(bare.url, article, args)
    bare.stop()
    if args.baseline_url:
        log(f"Measuring the baseline {args.baseline_url}")
        tier["baseline"] = measure(args.baseline_url, "", args)

    site_env = {**env, "PAGE_CACHE": "0", "FRAGMENT_CACHE": "1"}
    site = serve("neuropain.wsgi", args.port, site_env, args)
    servers.append(site)
    site.wait_ready("/")
    with caching.front_of(args.port) as cache:
        log(f"Measuring article through Varnish, and its bytes from nginx {article}")
        tier["varnish"], tier["static"] = caching.varnish_and_static(
            cache, article, lambda base, path: measure(base, path, args)
        )
        log(f"Editorial day: {args.editorial_seconds} s, a publish every {args.publish_every} s")
        tier["editorial"] = caching.editorial_day(
            cache,
            site_env,
            caching.article_paths(env, manage_json),
            seconds=args.editorial_seconds,
            every=args.publish_every,
            warmup=max(args.warmup, 5),
            connections=args.connections,
            threads=args.threads,
        )
    site.stop()
    return tier


def fetch_page(url):
    """GET `url`, following one redirect (the brand address leads to its drug's page)."""
    response = fetch(url, timeout=30)
    if response.status in (301, 302) and response.headers.get("Location"):
        response = fetch(urllib.parse.urljoin(url, response.headers["Location"]), timeout=30)
    return response


def check_page(url, page, cached):
    status = fetch_page(url).status
    if status != 200:
        raise RuntimeError(f"{page} {url} answered {status}")
    if cached:
        fetch_page(url)
        if fetch_page(url).headers.get("X-Page-Cache") != "HIT":
            print(f"  note: {page} is not served from the page cache")


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    db_url = bench_database_url()
    cache_url = redis_url()
    env = site_env(db_url, REDIS_URL=cache_url, CACHE_KEY_PREFIX=f"bench{os.getpid()}")
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    if not args.reuse_db:
        create_database(db_url)
    servers = []
    try:
        if not args.reuse_db:
            prepare(env, args)
        # Readers ask for 127.0.0.1, and the Site record says so, as a production site's
        # readers use its Site's host name: the purges sent for that host then name the
        # copies Varnish keeps for readers (deploy/varnish/default.vcl).
        manage(env, "set_site_address", f"{HOST}:{args.port}")
        pages = manage_json(env, PICK_PAGES)
        raw = serve("floor:raw_application", args.port + 2, env, args, cwd=ROOT / "bench")
        floor = serve("floor:application", args.port + 1, env, args, cwd=ROOT / "bench")
        servers += [raw, floor]
        raw.wait_ready()
        floor.wait_ready()
        log("Measuring the floor ...")
        raw_result = measure(raw.url, "/", args)
        raw.stop()
        floor_result = measure(floor.url, "/", args)

        results, adjacent_floors = {}, {}
        modes = {
            "uncached": {"PAGE_CACHE": "0", "FRAGMENT_CACHE": "1"},
            "page-cached": {"PAGE_CACHE": "1", "FRAGMENT_CACHE": "1"},
        }
        for mode, flags in modes.items():
            site = serve("neuropain.wsgi", args.port, {**env, **flags}, args)
            servers.append(site)
            site.wait_ready("/")
            for page, path in pages.items():
                check_page(site.url + path, page, cached=mode == "page-cached")
                if mode == "page-cached":
                    # The machine is shared: compare with the floor measured just before.
                    adjacent_floors[page] = measure(floor.url, "/", args)
                log(f"Measuring {page} ({mode}) {path}")
                results[(page, mode)] = measure(site.url, path, args)
                if mode == "uncached" and page in LATENCY_PAGES:
                    log(f"Measuring {page} ({mode}, one connection) {path}")
                    results[(page, SINGLE)] = measure(site.url, path, args, connections=1)
            site.stop()
        floor.stop()
        tier = measure_tier(env, args, pages["article"], servers)

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
            drop_database(db_url)

    report = table(rows) + "\n\n" + tier_table(tier_rows(tier))
    verdicts = check_targets(results, tier)
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
