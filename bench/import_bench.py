"""Import benchmark: 1,000 and 10,000 generated documents of both shapes, on PostgreSQL.

    DATABASE_URL=postgres://user@host:5432/neuropain .venv/bin/python -m bench.import_bench

The database named in DATABASE_URL is never written to: the benchmark creates throwaway
databases beside it on the same server (`<name>_import_bench*`), migrates one, copies it for each
run and drops them all at the end. It refuses to reuse one that already holds tables.

Prints documents/second per size and the 10x/1x time ratio (target: >= 50 documents/s, ratio
<= 12, i.e. no quadratic work such as per-document link resolution).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

from bench.documents import generate
from bench.harness import (
    create_database,
    database_name,
    drop_database,
    holds_tables,
    with_database,
)

SIZES = (1_000, 10_000)
TARGET_RATE = 50
TARGET_RATIO = 12


@contextmanager
def throwaway_databases(url):
    """(template URL, run URL): a migrated template and a run database copied from it."""
    base = urlsplit(url).path.lstrip("/") or "postgres"
    template, run = (with_database(url, f"{base}_import_bench{tail}") for tail in ("_tpl", ""))
    for name in (template, run):
        if holds_tables(name):
            raise SystemExit(
                f"Refusing to run: database {database_name(name)} already exists and holds "
                "tables. Drop it if it is a leftover benchmark database."
            )
    create_database(template)
    try:
        yield template, run
    finally:
        for name in (run, template):
            try:
                drop_database(name)
            except Exception as error:  # noqa: BLE001 - report and carry on dropping
                print(f"Could not drop {database_name(name)}: {error}", file=sys.stderr)


def _django(url):
    """Set Django up against `url` (DEBUG off: no query log growing through the run)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "neuropain.settings.test")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each smaller size")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (postgres://...).")

    with throwaway_databases(url) as (template_url, run_url):
        _django(template_url)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        connections.close_all()
        results = {}
        for size in args.sizes:
            # Short runs are noisy on a shared machine: time the smaller sizes a few times and
            # keep the median; the 10,000-document run is long enough to average out on its own.
            repeats = args.repeat if size < max(args.sizes) else 1
            timings = []
            with tempfile.TemporaryDirectory() as folder:
                generate(folder, size)
                for _ in range(repeats):
                    create_database(run_url, template=database_name(template_url))
                    connections["default"].settings_dict["NAME"] = database_name(run_url)
                    started = time.perf_counter()
                    call_command("import_seed_content", folder, verbosity=0)
                    timings.append(time.perf_counter() - started)
                    again = time.perf_counter()
                    call_command("import_seed_content", folder, verbosity=0)
                    rerun = time.perf_counter() - again
                    connections.close_all()
            elapsed = statistics.median(timings)
            results[size] = elapsed
            print(
                f"{size:>6} documents: {elapsed:7.1f} s, {size / elapsed:6.1f} documents/s"
                + (f" (median of {repeats})" if repeats > 1 else "")
                + f"; unchanged second run: {rerun:.1f} s, {size / rerun:.0f} documents/s"
            )
        sizes = sorted(results)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            ratio = results[large] / results[small]
            print(
                f"{large // small}x the documents took {ratio:.1f}x the time "
                f"(target <= {TARGET_RATIO}x for 10x)"
            )
        slowest = min(size / seconds for size, seconds in results.items())
        verdict = "meets" if slowest >= TARGET_RATE else "misses"
        print(f"Slowest rate {slowest:.1f} documents/s {verdict} the target of {TARGET_RATE}/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
