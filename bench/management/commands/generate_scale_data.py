import time

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import ArticleIndexPage
from bench import demo, scale
from core import fragments
from drugs.models import DrugIndexPage


class Command(BaseCommand):
    help = (
        "Add synthetic articles, drugs and physicians (recorded in bench.SyntheticObject) for "
        "benchmarks, or remove them with --purge."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--drugs", type=int, default=1_000)
        parser.add_argument("--physicians", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2024, help="Same seed, same content.")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Skip adding the pages to the search and reference indexes.",
        )
        parser.add_argument(
            "--purge", action="store_true", help="Delete all synthetic content and stop."
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Add the small fixed set the load and fault scripts serve instead (idempotent).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["demo"]:
            demo.create_demo_content()
            fragments.invalidate()
            self.stdout.write(self.style.SUCCESS("Demo content ready."))
            return
        if options["purge"]:
            counts = scale.purge()
            fragments.invalidate()
            summary = ", ".join(f"{count} {label}" for label, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Deleted synthetic content: {summary}."))
            return
        for name in ("articles", "drugs", "physicians"):
            if options[name] < 0:
                raise CommandError(f"--{name} must be 0 or more.")
        article_index = ArticleIndexPage.objects.first()
        drug_index = DrugIndexPage.objects.first()
        if article_index is None or drug_index is None:
            raise CommandError("The articles and drugs sections are missing: run migrate first.")

        rng = scale.make_rng(options["seed"])
        show = options["verbosity"] > 0
        with transaction.atomic():
            drugs, articles = self.create(options, rng, article_index, drug_index, show)
        fragments.invalidate()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(articles)} articles, {len(drugs)} drugs and "
                f"{options['physicians']} physicians (synthetic) in {elapsed:.0f} s."
            )
        )

    def create(self, options, rng, article_index, drug_index, show):
        index = not options["no_index"]
        with tqdm(total=options["drugs"], desc="drugs", unit="page", disable=not show) as bar:
            drugs = scale.create_drugs(drug_index, options["drugs"], rng, progress=bar, index=index)
        people = scale.synthetic_people(rng)
        with tqdm(total=options["articles"], desc="articles", unit="page", disable=not show) as bar:
            articles = scale.create_articles(
                article_index,
                options["articles"],
                rng,
                drugs=drugs,
                people=people,
                progress=bar,
                index=index,
            )
        with tqdm(
            total=options["physicians"], desc="physicians", unit="row", disable=not show
        ) as bar:
            scale.create_physicians(options["physicians"], rng, progress=bar)
        return drugs, articles
