"""Import benchmark: 1,000 and 10,000 generated documents of both shapes, on PostgreSQL.

    DATABASE_URL=postgres://user@host:5432/neuropain .venv/bin/python -m bench.import_bench

The database named in DATABASE_URL is never written to: the benchmark creates throwaway
databases beside it on the same server (`<name>_import_bench*`), migrates one, copies it for each
run and drops them all at the end. It refuses to reuse one that already holds tables.

Prints documents/second per size and the 10x/1x time ratio (target: >= 50 documents/s, ratio
<= 12, i.e. no quadratic work such as per-document link resolution).
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SIZES = (1_000, 10_000)
TARGET_RATE = 50
TARGET_RATIO = 12

TOPICS = [
    "Peripheral Neuropathy", "Sciatica", "Trigeminal Neuralgia", "Postherpetic Neuralgia",
    "Carpal Tunnel Syndrome", "Diabetic Neuropathy", "Phantom Limb Pain", "Spinal Stenosis",
    "Complex Regional Pain Syndrome", "Ulnar Nerve Entrapment", "Tarsal Tunnel Syndrome",
    "Meralgia Paresthetica", "Occipital Neuralgia", "Radiculopathy", "Pudendal Neuralgia",
    "Chemotherapy Neuropathy", "Small Fiber Neuropathy", "Brachial Plexus Injury",
]  # fmt: skip
AUTHORS = [
    ("Alice M. Park", "MD", "Northfield University School of Medicine"),
    ("Rahul K. Mehta", "MD, PhD", "Lakeside Medical College"),
    ("Sofia L. Moreno", "DO", "Riverside Pain Institute"),
    ("Thomas J. Becker", "MBBS", "Harbor Clinical Neuroscience Center"),
    ("Grace H. Liu", "PharmD", "Eastgate College of Pharmacy"),
]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
DRUG_ROWS = [
    "Neurontin, Gralise, Horizant",
    "Lyrica, Lyrica CR",
    "Cymbalta, Drizalma Sprinkle",
    "Elavil, Tryptanol",
    "Tegretol, Tegretol XR, Carbatrol",
    "Lidoderm, ZTlido, Salonpas Lidocaine",
    "Qutenza, Zostrix HP",
    "Ultram, ConZip",
    "Nucynta, Nucynta ER",
    "Zelbrex Nerve Relief, Calmora",  # matches no known drug: reported, never guessed
]
SENTENCES = [
    "Nerve pain can feel like burning, tingling, or electric shocks.",
    "Symptoms often get worse at night and may disturb sleep.",
    "A doctor asks about the symptoms and examines the affected area.",
    "Blood tests can look for diabetes, vitamin deficiencies, and infections.",
    "Treating the underlying cause may slow further nerve damage.",
    "Many people improve with a combination of medicine and physical therapy.",
    "Regular gentle exercise helps keep muscles strong and joints flexible.",
    "Pain that spreads or causes weakness should be checked promptly.",
]


def _sentences(rng, count):
    return " ".join(rng.sample(SENTENCES, count))


def _month(rng):
    return f"{rng.choice(MONTHS)} {rng.randint(2015, 2025)}"


def merck_document(rng, title, topic, links):
    name, credentials, affiliation = rng.choice(AUTHORS)
    dates = f"Reviewed/Revised {_month(rng)}"
    if rng.random() < 0.6:
        dates += f" | Modified {_month(rng)}"
    lines = [
        "Merck Manual",
        "Please confirm that you are not located inside the Russian Federation",
    ]
    lines += ["honeypot link", title]
    if rng.random() < 0.5:
        lines.append("By")
    lines += [name, f", {credentials}, {affiliation}", dates]
    if rng.random() < 0.5:
        lines += ["VIEW PROFESSIONAL VERSION", "GET THE QUICK FACTS"]
    lines += [f"{topic} is a kind of nerve pain. {_sentences(rng, 2)}"]
    if rng.random() < 0.5:
        lines.append(f"{topic} may result from")  # a lead-in whose list was lost
    lines += [f"Symptoms of {topic}", _sentences(rng, 3)]
    lines.append(
        "Doctors may test the nerves with electromyography Electromyography Electromyography "
        "records the electrical activity of muscles to help find nerve damage... read more "
        f"Electromyography (EMG). {_sentences(rng, 1)}"
    )
    lines += [f"Treatment of {topic}", "  • Drugs such as gabapentin\n\n  • Physical therapy"]
    lines += [_sentences(rng, 2), f"See {links[0]}" if rng.random() < 0.3 else _sentences(rng, 1)]
    rows = rng.sample(DRUG_ROWS, rng.randint(1, 3))
    lines += [
        "Drugs Mentioned In This Article",
        "Generic Name Select Brand Names\n" + "\n".join(rows),
    ]
    if rng.random() < 0.2:
        lines += ["quiz link", "Test your knowledge", "Take a Quiz!"]
    return "\n\n".join(lines) + "\n"


def spine_document(rng, topic, links):
    video = (
        f"Watch: {topic} Explained Video"
        if rng.random() < 0.5
        else f"Video: Living With {topic}\n\nA short guide to daily life with {topic.lower()}. Watch Now"
    )
    citation = (
        f"{rng.randint(1, 3)} Doe JA, Smith RB. A study of {topic.lower()} in adults. "
        f"J Pain Res. {rng.randint(2005, 2024)};{rng.randint(1, 40)}({rng.randint(1, 12)}):"
        f"{rng.randint(10, 400)}-{rng.randint(401, 900)}."
    )
    parts = [
        f"{topic} is nerve pain with many possible causes. {_sentences(rng, 2)}",
        f"See {links[0]}",
        f"Common causes of {topic.lower()} include:",
        "  • Pressure on a nerve from a bulging disc or a tight passage\n"
        "    that narrows with age.\n"
        "  • Diabetes and other conditions that damage small nerves.\n"
        f"  • See {links[1]}",
        video,
        "Article continues below",
        f"Treating {topic}",
        f"Most people improve with time. {citation} {_sentences(rng, 1)}",
        f"Read about {links[2]}",
        "Find a Physician Near You",
        "Search for a Doctor",
    ]
    return "\n\n".join(parts) + "\n"


def generate(folder, count, seed=2024):
    """Write `count` documents (alternating shapes) and a manifest to `folder`."""
    rng = random.Random(seed)
    folder = Path(folder)
    titles = [f"{TOPICS[n % len(TOPICS)]} Guide {n:05d}" for n in range(count)]
    manifest = {}
    for n, title in enumerate(titles):
        topic = TOPICS[n % len(TOPICS)]
        # Links to articles earlier and later in the run, and to one that does not exist.
        links = [rng.choice(titles), rng.choice(titles), f"{topic} Questions {n}"]
        name = f"doc_{n:05d}.txt"
        if n % 2:
            text = spine_document(rng, topic, links)
            manifest[name] = {"title": title, "publisher": "Spine-health"}
        else:
            text = merck_document(rng, title, topic, links)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return count


# Throwaway databases ----------------------------------------------------------------------------


def _with_db(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection(url):
    import psycopg

    return psycopg.connect(_with_db(url, "postgres"), autocommit=True)


def _has_tables(url):
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        ).fetchone()[0]


@contextmanager
def throwaway_databases(url):
    """(template URL, run URL): a migrated template and a run database copied from it."""
    import psycopg
    from psycopg import sql

    base = urlsplit(url).path.lstrip("/") or "postgres"
    template, run = f"{base}_import_bench_tpl", f"{base}_import_bench"
    with _admin_connection(url) as admin:
        for name in (template, run):
            exists = admin.execute(
                "select 1 from pg_database where datname = %s", [name]
            ).fetchone()
            if exists and _has_tables(_with_db(url, name)):
                raise SystemExit(
                    f"Refusing to run: database {name} already exists and holds tables. "
                    "Drop it if it is a leftover benchmark database."
                )
            if exists:
                admin.execute(sql.SQL("drop database {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("create database {}").format(sql.Identifier(template)))
    try:
        yield _with_db(url, template), _with_db(url, run), (template, run)
    finally:
        with _admin_connection(url) as admin:
            for name in (run, template):
                try:
                    admin.execute(
                        sql.SQL("drop database if exists {} with (force)").format(
                            sql.Identifier(name)
                        )
                    )
                except psycopg.Error as error:
                    print(f"Could not drop {name}: {error}", file=sys.stderr)


def _recreate(url, names):
    from psycopg import sql

    template, run = names
    with _admin_connection(url) as admin:
        admin.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(run))
        )
        admin.execute(
            sql.SQL("create database {} template {}").format(
                sql.Identifier(run), sql.Identifier(template)
            )
        )


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

    with throwaway_databases(url) as (template_url, run_url, names):
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
                    _recreate(url, names)
                    connections["default"].settings_dict["NAME"] = names[1]
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
