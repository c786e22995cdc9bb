import sys

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from importer.attention import AttentionKind
from importer.drugs import ReferenceDataError
from importer.parsers import ParseError, parse_document
from importer.plan import ImportConflict
from importer.sources import SourceError, read_sources
from importer.writer import ArticleImporter, ImportSetupError, pause_cycle_collection

PROGRESS_FROM = 20  # files; fewer import too fast for a progress bar to help
LIST_LIMIT = 20  # lines per summary section unless -v 2


class Command(BaseCommand):
    help = (
        "Import scraped health articles (.txt files or folders of them; by default the seed "
        "articles in importer/seed/) as structured article pages, with their drugs, references, "
        "links and calls to action. Safe to run again: unchanged articles are left alone and an "
        "editor's changes are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help=".txt files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report, but write nothing."
        )
        parser.add_argument(
            "--draft", action="store_true", help="Save new content as drafts instead of publishing."
        )

    def handle(self, *args, paths, dry_run, draft, verbosity, **options):
        self.verbosity = verbosity
        try:
            sources = read_sources(paths)
            with pause_cycle_collection():
                report = self._import(sources, dry_run=dry_run, draft=draft)
        except (SourceError, ImportSetupError, ImportConflict, ReferenceDataError) as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self._summary(report, dry_run=dry_run, draft=draft)

    def _import(self, sources, *, dry_run, draft):
        """Parse every document (a bad one stops the run here), then write them all at once."""
        documents = [
            (str(source.path), self._parse(source))
            for source in self._progress(sources, desc="Parsing", unit="file")
        ]
        with transaction.atomic():
            report = ArticleImporter(publish=not draft, progress=self._progress).run(documents)
            if dry_run:
                transaction.set_rollback(True)
        return report

    def _parse(self, source):
        try:
            return parse_document(
                source.text,
                title=source.title,
                publisher=source.publisher,
                url=source.url,
                fallback_title=source.fallback_title,
            )
        except ParseError as error:
            raise SourceError(f"{source.path}: {error}") from error

    def _progress(self, iterable, **kwargs):
        items = list(iterable)
        if self.verbosity and len(items) >= PROGRESS_FROM:
            return tqdm(items, file=sys.stderr, leave=False, **kwargs)
        return items

    def _lines(self, lines):
        limit = None if self.verbosity > 1 else LIST_LIMIT
        for line in lines[:limit]:
            self.stdout.write(f"  {line}")
        if limit is not None and len(lines) > limit:
            self.stdout.write(f"  … and {len(lines) - limit} more (-v 2 lists them all)")

    def _section(self, lines, heading):
        """A heading and its lines, only when there are any."""
        if lines:
            self.stdout.write(heading)
            self._lines(lines)

    def _summary(self, report, *, dry_run, draft):
        out = self.stdout.write
        would = "would be " if dry_run else ""
        out(f"Documents read: {report.documents}")
        out(
            f"Articles {would}created: {len(report.created)}, updated: {len(report.updated)}, "
            f"unchanged: {len(report.unchanged)}, skipped: {len(report.skipped)}"
            + (" (saved as drafts)" if draft else "")
        )
        if self.verbosity > 1:
            for label, titles in (("created", report.created), ("updated", report.updated)):
                self._lines([f"{label}: {title}" for title in titles])
        self._lines(report.skipped)
        self._section(
            report.proposed,
            self.style.WARNING(
                f"Articles changed by an editor since their last import: {len(report.proposed)}"
                " (the editor's version stays; the import is a proposal to apply or dismiss in "
                "Reports → Import attention)"
            ),
        )
        self._section(
            report.relinked, f"Earlier articles whose links now resolve: {len(report.relinked)}"
        )
        out(
            f"Drugs {would}created: {len(report.drugs_created)}, "
            f"updated: {len(report.drugs_updated)}"
        )
        self._section(
            report.drugs_drafted,
            self.style.WARNING(
                f"Drug pages changed by an editor: {len(report.drugs_drafted)} "
                "(new brand names saved as a draft revision)"
            ),
        )
        self._section(
            report.quizzes_created,
            f"Draft quizzes {would}created: {len(report.quizzes_created)}",
        )
        out(f"Unresolved links: {len(report.unresolved)} (they link to a site search for now)")
        self._lines([f"{article}: {title}" for article, title in report.unresolved])
        if report.unidentified:
            out(
                self.style.WARNING(
                    f"Brand-name rows not added to a drug page: {len(report.unidentified)} "
                    "(no known drug, or names the drug reference data does not list)"
                )
            )
            self._lines([f"{article}: {', '.join(row)}" for article, row in report.unidentified])
        needing = [
            item for item in report.attention if item[1]["kind"] != AttentionKind.UNRESOLVED_LINK
        ]
        out(f"Warnings needing editor attention: {len(needing)}")
        self._lines(
            [
                f"{article}: {item['message']}"
                + (f" “{item['excerpt']}”" if item["excerpt"] else "")
                for article, item in needing
            ]
        )
        if dry_run:
            out(self.style.SUCCESS("Dry run: nothing was written."))
        else:
            out(self.style.SUCCESS("Import finished."))
