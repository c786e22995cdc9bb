"""Query budgets for search results, including a misspelling searched again when corrected.

Counted as in tests/perf/test_query_budgets.py: a reader's second request, with the
per-process fragments on as in production.
"""

import pytest

from tests.factories import ArticlePageFactory, DrugPageFactory, GlossaryTermFactory

RESULTS_BUDGET = 6


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize("query", ["gabapentin", "gabapenten", "neuralgia", "xylophone"])
def test_results_budget(
    client, article_index, drug_index, glossary_index, size, query,
    django_assert_max_num_queries,
):  # fmt: skip
    DrugPageFactory(parent=drug_index, title="gabapentin")
    for n in range(size):
        ArticlePageFactory(parent=article_index, title=f"Gabapentin and neuralgia {n}")
        GlossaryTermFactory(definition=f"A kind of neuralgia, number {n}.")
    # Warms the per-process vocabulary, not this query's results (kept in the shared cache).
    client.get("/search/", {"q": "warm"})
    with django_assert_max_num_queries(RESULTS_BUDGET):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    if query == "gabapenten":
        assert "Showing results for <strong>gabapentin</strong>." in response.text
    with django_assert_max_num_queries(2):  # the same search again comes from the cache
        assert client.get("/search/", {"q": query}).text == response.text
