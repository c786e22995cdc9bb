"""Suggestions while typing: a small JSON endpoint, validated, cached, two queries at most."""

import pytest

from tests.factories import (
    ArticlePageFactory,
    BrandNameFactory,
    DrugPageFactory,
    GlossaryTermFactory,
)

URL = "/search/suggestions/"


@pytest.fixture
def names(article_index, drug_index, glossary_index):
    gabapentin = DrugPageFactory(parent=drug_index, title="gabapentin")
    BrandNameFactory(page=gabapentin, name="Gabarone")
    BrandNameFactory(page=gabapentin, name="Neurontin")
    GlossaryTermFactory(term="neuralgia", slug="neuralgia")
    ArticlePageFactory(parent=article_index, title="Living with neuropathic pain")


def test_names_that_start_with_the_text_come_first(client, names):
    response = client.get(URL, {"q": "gab"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["suggestions"] == [
        {"label": "Gabarone", "kind": "Brand name of gabapentin"},
        {"label": "gabapentin", "kind": "Medicine"},
    ]
    labels = [s["label"] for s in client.get(URL, {"q": "neur"}).json()["suggestions"]]
    assert labels == ["neuralgia", "Neurontin", "Living with neuropathic pain"]


@pytest.mark.parametrize("query", ["", "a", "x" * 101])
def test_bad_input_is_a_400_not_a_500(client, names, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.parametrize("query", ["<script>", "%%", "' OR 1=1 --", "\x00\x00gab", "漢字🙂"])
def test_junk_never_fails(client, names, query):
    assert client.get(URL, {"q": query}).status_code == 200


def test_only_get(client, names):
    assert client.post(URL, {"q": "gab"}).status_code == 405


@pytest.mark.parametrize("articles", [1, 30])
def test_two_queries_at_most_then_cached(
    settings, client, names, article_index, articles, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_ENABLED = True
    for n in range(articles):
        ArticlePageFactory(parent=article_index, title=f"Neuropathy guide {n}")
    client.get(URL, {"q": "warm"})
    with django_assert_max_num_queries(3):  # with the content versions (core.fragments)
        first = client.get(URL, {"q": "neuropathy"})
    with django_assert_max_num_queries(1):  # the content versions only
        again = client.get(URL, {"q": "Neuropathy"})
    assert first.json()["suggestions"] == again.json()["suggestions"]
    assert len(first.json()["suggestions"]) == min(articles, 8)
    assert "max-age" in first["Cache-Control"]
