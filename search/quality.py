"""The relevance set: queries patients type, with what they should see first.

search/data/relevance.json holds the queries and expectations, written for the seed content
(`make seed`). `evaluate()` runs each through the real search and scores it; the test
(tests/search/test_relevance.py) and `make search-quality` both use it.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from . import engine

RELEVANCE_FILE = Path(__file__).resolve().parent / "data" / "relevance.json"


def load_cases():
    return json.loads(RELEVANCE_FILE.read_text(encoding="utf-8"))["queries"]


@dataclass
class Outcome:
    case: dict
    ranked: list  # "Label: title" of the results, best first
    corrected_to: str

    @property
    def hit(self):
        return bool(self.ranked) and self.ranked[0] in self.case["first"]

    @property
    def reciprocal_rank(self):
        for position, name in enumerate(self.ranked, start=1):
            if name in self.case["first"]:
                return 1 / position
        return 0.0

    @property
    def top3_ok(self):
        return all(name in self.ranked[:3] for name in self.case.get("top3", []))

    @property
    def correction_ok(self):
        expected = self.case.get("corrected")
        return expected is None or self.corrected_to.lower() in [e.lower() for e in expected]

    @property
    def passed(self):
        return self.hit and self.top3_ok and self.correction_ok


def evaluate(cases=None):
    """Each case searched as a reader would (no request: links as for the default site)."""
    outcomes = []
    for case in cases or load_cases():
        result = engine.run(case["query"])
        parsed = result.parsed
        outcomes.append(
            Outcome(
                case,
                [f"{r.label}: {r.title}" for r in result.results],
                parsed.text if parsed.corrected_from else "",
            )
        )
    return outcomes


def summary(outcomes):
    count = len(outcomes)
    return {
        "queries": count,
        "top1": sum(o.hit for o in outcomes) / count,
        "mrr": sum(o.reciprocal_rank for o in outcomes) / count,
        "top3_ok": sum(o.top3_ok for o in outcomes),
        "top3_cases": sum(1 for o in outcomes if o.case.get("top3")),
        "misspellings": sum(1 for o in outcomes if o.case.get("corrected")),
        "corrected": sum(1 for o in outcomes if o.case.get("corrected") and o.correction_ok),
    }
