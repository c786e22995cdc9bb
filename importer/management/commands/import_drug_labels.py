"""manage.py import_drug_labels PATH ...: FDA labels (openFDA drug-label files) onto drug pages."""

import time

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from importer.label_store import import_labels
from importer.labels import LabelFileError, check_path, file_size


class Command(BaseCommand):
    help = (
        "Put the newest FDA label of each drug on its page, from openFDA drug-label files "
        "(.json or .json.zip, streamed). Labels are matched by generic name, brand or RxNorm "
        "code; others are skipped and counted. All or nothing; an editor's page gets a draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="openFDA drug-label files.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and match everything; change nothing."
        )
        parser.add_argument(
            "--skip-unnamed",
            action="store_true",
            help="Skip (and count) labels with no names in 'openfda' instead of refusing the "
            "file: openFDA's bulk downloads hold labels it has not harmonised.",
        )

    def handle(self, paths, dry_run=False, skip_unnamed=False, verbosity=1, **options):
        started = time.monotonic()
        try:
            for path in paths:
                check_path(path)
            total = sum(file_size(path) for path in paths)
            with (
                transaction.atomic(),
                tqdm(
                    total=total,
                    unit="B",
                    unit_scale=True,
                    desc="FDA labels",
                    disable=verbosity < 1 or total < (8 << 20),
                ) as bar,
            ):
                counts = import_labels(
                    paths, progress=bar, dry_run=dry_run, skip_unnamed=skip_unnamed
                )
        except OSError as exc:
            raise CommandError(f"{exc.filename or paths[0]}: {exc.strerror or exc}") from None
        except LabelFileError as exc:
            raise CommandError(f"{exc}; nothing was changed.") from None
        elapsed = time.monotonic() - started
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(counts.skipped.items()))
        summary = (
            f"{'Dry run, nothing saved: ' if dry_run else ''}{counts.labels} labels in "
            f"{counts.files} file{'s' if counts.files != 1 else ''} ({elapsed:.2f} s), "
            f"{counts.matched} for our drugs: {len(counts.added)} added, "
            f"{len(counts.updated)} updated, {len(counts.unchanged)} unchanged, "
            f"{len(counts.drafted)} saved as drafts for review (pages an editor changed), "
            f"{len(counts.kept_newer)} kept as the page's label is newer. "
            f"Skipped: {skipped or 'none'}."
        )
        self.stdout.write(self.style.SUCCESS(summary))
        if verbosity >= 1:
            for kind in ("added", "updated", "drafted"):
                for title in getattr(counts, kind):
                    self.stdout.write(f"  {kind}: {title}")
