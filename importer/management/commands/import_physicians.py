"""manage.py import_physicians PATH: load the NPPES monthly data file into the directory."""

import os
import time

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.fragments import invalidate
from importer.nppes import TAXONOMY_MAP, NppesError, load_taxonomy_map
from importer.physicians import PhysicianLoader, retire_samples


class Command(BaseCommand):
    help = (
        "Create or update physician listings from the NPPES data file (npidata_pfile_*.csv, "
        "unzipped): individual providers whose taxonomy codes map to our specialties. "
        "All or nothing; editors' changes kept; deactivated NPIs unlisted."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The NPPES data file (CSV).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and count everything; change nothing."
        )
        parser.add_argument(
            "--taxonomy-map",
            default=str(TAXONOMY_MAP),
            help="JSON of NUCC taxonomy code -> specialty (default: the importer's own).",
        )

    def handle(self, path, dry_run=False, taxonomy_map=None, verbosity=1, **options):
        started = time.monotonic()
        try:
            mapping = load_taxonomy_map(taxonomy_map or TAXONOMY_MAP)
            with open(path, "rb") as handle, transaction.atomic():
                size = os.fstat(handle.fileno()).st_size
                with tqdm(
                    total=size, unit="B", unit_scale=True, desc="NPPES", disable=verbosity < 1
                ) as bar:
                    counts = PhysicianLoader(mapping, index=not dry_run).load(handle, bar)
                samples = retire_samples()
                if dry_run:
                    transaction.set_rollback(True)
                elif counts.created or counts.updated or counts.unlisted or samples:
                    invalidate()  # cached search pages show the old listings
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        except NppesError as exc:
            raise CommandError(f"{path}: {exc}; nothing was changed.") from None
        elapsed = time.monotonic() - started
        skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(counts.skipped.items()))
        summary = (
            f"{'Dry run, nothing saved: ' if dry_run else ''}{counts.rows} rows in "
            f"{elapsed:.1f} s: {counts.created} created, {counts.updated} updated, "
            f"{counts.unchanged} unchanged, {counts.kept_edits} kept as an editor changed them, "
            f"{counts.deactivated} unlisted as deactivated, {counts.no_longer_matching} unlisted "
            f"as no longer in a listed specialty; {samples} sample listings retired. "
            f"Not kept: {skipped or 'none'}."
        )
        self.stdout.write(self.style.SUCCESS(summary))
