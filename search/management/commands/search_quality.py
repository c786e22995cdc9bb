from django.core.management.base import BaseCommand, CommandError

from search.quality import evaluate, summary


class Command(BaseCommand):
    help = (
        "Run the search relevance set (search/data/relevance.json) against this database, "
        "which should hold the seed content (make seed): top-1 accuracy and mean reciprocal rank."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-top1", type=float, default=0.0, help="Fail below this.")

    def handle(self, *args, min_top1, **options):
        outcomes = evaluate()
        for outcome in outcomes:
            if not outcome.passed:
                case = outcome.case
                self.stdout.write(
                    f"MISS {case['query']!r} ({case['kind']}): got {outcome.ranked[:3]}"
                    f"{' corrected to ' + repr(outcome.corrected_to) if outcome.corrected_to else ''}"
                    f"; expected first {case['first']}"
                    f"{', top three ' + str(case['top3']) if case.get('top3') else ''}"
                    f"{', corrected to ' + repr(case['corrected']) if case.get('corrected') else ''}"
                )
        figures = summary(outcomes)
        self.stdout.write(
            self.style.SUCCESS(
                f"{figures['queries']} queries: top-1 accuracy {figures['top1']:.1%}, "
                f"mean reciprocal rank {figures['mrr']:.3f}, "
                f"first three as expected {figures['top3_ok'] - (figures['queries'] - figures['top3_cases'])}"
                f"/{figures['top3_cases']}, misspellings corrected "
                f"{figures['corrected']}/{figures['misspellings']}"
            )
        )
        if figures["top1"] < min_top1:
            raise CommandError(f"Top-1 accuracy {figures['top1']:.1%} is below {min_top1:.0%}.")
