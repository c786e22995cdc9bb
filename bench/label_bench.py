"""FDA label import benchmark: a generated openFDA drug-label file (100 MB by default),
imported twice on PostgreSQL; prints labels per second and the import's peak memory.

    DATABASE_URL=postgres://user@host:5432/neuropain .venv/bin/python -m bench.label_bench
    .venv/bin/python -m bench.label_bench --megabytes 20 --write-only labels.json

The database named in DATABASE_URL is never written to: the benchmark creates a throwaway
database beside it (`<name>_label_bench`), loads the drug reference into it, runs
`manage.py import_drug_labels` in a child process (twice: the second run changes nothing) and
drops the database at the end. Peak RSS is the child's own (wait4), so it is the command's;
a run on a file with no labels gives what Django and Wagtail take before any label is read.
"import s" is the command's own time (reading, matching, writing), "process s" adds start-up.

The generated labels have the shape of real ones (numbered headings, bullets, a table per
label, about 25 KB each); one in `--match-every` names one of our drugs, the rest are for
drugs the site does not list, as in the real bulk file.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.harness import (
    PYTHON,
    ROOT,
    create_database,
    database_name,
    drop_database,
    holds_tables,
    site_env,
    with_database,
)
from bench.words import SENTENCES, SYLLABLES

OUR_DRUGS = ("GABAPENTIN", "PREGABALIN", "DULOXETINE HYDROCHLORIDE", "TRAMADOL HYDROCHLORIDE")
SECTION_FIELDS = (
    "indications_and_usage",
    "dosage_and_administration",
    "contraindications",
    "warnings_and_cautions",
    "adverse_reactions",
    "drug_interactions",
    "use_in_specific_populations",
    "overdosage",
)


def _paragraphs(rng, words):
    text, count = [], 0
    while count < words:
        sentence = rng.choice(SENTENCES)
        text.append(sentence)
        count += len(sentence.split())
    return " ".join(text)


def _generic(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).upper() + "INE"


def generated_label(rng, number, match_every=50):
    """One label in openFDA's shape: every `match_every`th for one of our drugs."""
    ours = number % match_every == 0
    generic = OUR_DRUGS[(number // match_every) % len(OUR_DRUGS)] if ours else _generic(rng)
    label = {
        "id": f"bench-{number}",
        "set_id": f"bench-set-{number:08d}",
        "version": str(rng.randint(1, 30)),
        "effective_time": f"20{rng.randint(10, 25):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
        "openfda": {
            "generic_name": [generic],
            "brand_name": [generic.title().split()[0] + "ex"],
            "manufacturer_name": ["Bench Labs"],
            # Eight digits: never one of our drugs' ingredient codes (RxCUIs have up to seven),
            # which would match a made-up label to a page.
            "rxcui": [str(rng.randint(10_000_000, 99_999_999))],
        },
    }
    for index, field in enumerate(SECTION_FIELDS, start=1):
        heading = field.replace("_", " ").upper()
        bullets = " • ".join(rng.choice(SENTENCES) for _ in range(3))
        label[field] = [
            f"{index} {heading} {index}.1 Part One {_paragraphs(rng, 220)} • {bullets} "
            f"{index}.2 Part Two {_paragraphs(rng, 150)}"
        ]
    rows = "".join(
        f"<tr><td>{rng.choice(SENTENCES)[:30]}</td><td>{rng.randint(1, 40)}</td>"
        f"<td>{rng.randint(1, 40)}</td></tr>"
        for _ in range(12)
    )
    label["adverse_reactions_table"] = [
        "<table><caption>Table 1</caption><thead><tr><th>Reaction</th><th>Drug %</th>"
        f"<th>Placebo %</th></tr></thead><tbody>{rows}</tbody></table>"
    ]
    return label


def write_label_file(path, megabytes, seed=1, match_every=50):
    """Write a drug-label file of about `megabytes` MB, one label at a time; returns the
    number of labels written."""
    rng, target, count = random.Random(seed), megabytes * 1_000_000, 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"meta": {"disclaimer": "Generated for a benchmark."}, "results": [\n')
        written = 0
        while written < target or count == 0:
            text = json.dumps(generated_label(rng, count + 1, match_every))
            out.write((",\n" if count else "") + text)
            written += len(text) + 2
            count += 1
        out.write("\n]}\n")
    return count


def timed_import(env, path):
    """(seconds, peak RSS in MB, stdout) of one `manage.py import_drug_labels` child."""
    started = time.monotonic()
    child = subprocess.Popen(
        [PYTHON, "manage.py", "import_drug_labels", str(path), "-v", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if child.returncode != 0:
        raise SystemExit(f"import_drug_labels failed ({child.returncode}): {output}")
    return seconds, usage.ru_maxrss / 1024, output.strip().splitlines()[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--match-every", type=int, default=50)
    parser.add_argument("--write-only", metavar="PATH", help="only write the generated file")
    args = parser.parse_args(argv)
    if args.write_only:
        count = write_label_file(args.write_only, args.megabytes, match_every=args.match_every)
        print(f"{count} labels written to {args.write_only}")
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (postgres://...).")
    base = urlsplit(url).path.lstrip("/") or "postgres"
    bench_url = with_database(url, f"{base}_label_bench")
    if holds_tables(bench_url):
        raise SystemExit(f"Refusing to run: {database_name(bench_url)} exists and holds tables.")
    create_database(bench_url)
    env = site_env(bench_url)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "drug-label.json"
            count = write_label_file(path, args.megabytes, match_every=args.match_every)
            size = path.stat().st_size / 1_000_000
            for command in (["migrate", "--noinput", "-v0"], ["import_seed_content", "-v0"]):
                subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
            empty = Path(folder) / "empty.json"
            empty.write_text('{"meta": {}, "results": []}', encoding="utf-8")
            print(f"{count} labels, {size:.0f} MB (one in {args.match_every} for our drugs)")
            print("| run | process s | import s | labels/s | peak RSS MB | summary |")
            print("| --- | ---: | ---: | ---: | ---: | --- |")
            for run, file, labels in (
                ("no labels (Django itself)", empty, 0),
                ("first", path, count),
                ("second", path, count),
            ):
                seconds, peak, summary = timed_import(env, file)
                inside = float(re.search(r"\(([0-9.]+) s\)", summary)[1])
                rate = f"{labels / inside:,.0f}" if labels and inside else "-"
                print(f"| {run} | {seconds:.1f} | {inside:.2f} | {rate} | {peak:.0f} | {summary} |")
    finally:
        try:
            drop_database(bench_url)
        except Exception as error:  # noqa: BLE001 - report, the run's figures still stand
            print(f"Could not drop {database_name(bench_url)}: {error}", file=sys.stderr)


if __name__ == "__main__":
    main()
