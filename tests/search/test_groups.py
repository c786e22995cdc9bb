"""Results grouped by kind, with totals and a link to all of a group."""

import pytest

from tests.factories import ArticlePageFactory, DrugPageFactory, GlossaryTermFactory
from tests.helpers import elements


@pytest.fixture
def mixed(article_index, drug_index, glossary_index):
    DrugPageFactory(parent=drug_index, title="gabapentin", description="<p>For nerve pain.</p>")
    for n in range(12):
        ArticlePageFactory(parent=article_index, title=f"Gabapentin story {n}", summary="Pain.")
    GlossaryTermFactory(term="anticonvulsant", definition="Such as gabapentin.")


def test_groups_with_totals_best_first(client, mixed):
    response = client.get("/search/", {"q": "gabapentin"})
    html = response.text
    medicines = html.index('id="search-group-medicines"')
    articles = html.index('id="search-group-articles"')
    assert medicines < articles  # the named drug is the best match, so its group leads
    assert 'Medicines <span class="search-group__count">(1)</span>' in html
    assert 'Conditions and articles <span class="search-group__count">(12)</span>' in html
    see_all = elements(html, "a", href="/search/?q=gabapentin&group=articles")
    assert see_all and "See all 12 conditions and articles" in html


def test_see_all_of_one_group(client, mixed):
    response = client.get("/search/", {"q": "gabapentin", "group": "articles", "page": "2"})
    assert response.status_code == 200
    assert "12 results for “gabapentin” in conditions and articles, page 2 of 2." in response.text
    assert 'class="search-result__type">Drug<' not in response.text
    assert response.text.count('class="search-result__type">Article<') == 2


def test_unknown_group_is_a_400(client, mixed):
    response = client.get("/search/", {"q": "gabapentin", "group": "bogus"})
    assert response.status_code == 400
    assert "Choose a group of results from the list." in response.text
