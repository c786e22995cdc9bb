"""The relevance set (search/data/relevance.json) on the seed content: the right page first."""

import pytest

from search.quality import evaluate, load_cases, summary
from tests.browser.site_content import seed_site


@pytest.fixture
def seeded(site):
    seed_site()


def test_relevance_set_is_big_and_covers_what_patients_type():
    cases = load_cases()
    assert len(cases) >= 50
    kinds = {case["kind"] for case in cases}
    assert {"lay", "symptom", "treatment", "brand", "generic", "misspelling", "plural"} <= kinds


def test_the_right_page_comes_first(seeded):
    outcomes = evaluate()
    figures = summary(outcomes)
    misses = [
        f"{o.case['query']!r}: got {o.ranked[:3]}, corrected to {o.corrected_to!r}"
        for o in outcomes
        if not o.passed
    ]
    assert figures["top1"] >= 0.9, misses
    # Every misspelling is corrected, and to what the reader meant.
    assert figures["corrected"] == figures["misspellings"], misses
    assert figures["top3_ok"] == len(outcomes), misses
