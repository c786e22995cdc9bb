"""Did you mean: the trigram measure, and corrections shown to the reader."""

import pytest

from search.spelling import closest
from search.text import highlight, similarity
from tests.factories import BrandNameFactory, DrugPageFactory, GlossaryTermFactory


@pytest.mark.parametrize(
    "a,b,expected",
    # Values PostgreSQL's pg_trgm gives: SELECT similarity(a, b)
    [("word", "two words", 4 / 11), ("gabapenten", "gabapentin", 8 / 14), ("abc", "xyz", 0.0)],
)
def test_python_trigrams_match_pg_trgm(a, b, expected):
    assert similarity(a, b) == pytest.approx(expected)


@pytest.fixture
def drugs(drug_index, glossary_index):
    gabapentin = DrugPageFactory(parent=drug_index, title="gabapentin", description="<p>x</p>")
    BrandNameFactory(page=gabapentin, name="Neurontin")
    GlossaryTermFactory(term="sciatica", slug="sciatica", definition="Leg pain.")
    return gabapentin


def test_closest_known_term(drugs):
    assert closest("gabapenten").text == "gabapentin"
    assert closest("neurotin").text == "Neurontin"
    assert closest("siatica").text == "sciatica"
    assert closest("xylophone") is None
    # Adding or dropping words, or a plural, is not a correction.
    assert closest("gabapentins") is None


def test_a_misspelt_drug_shows_results_for_the_drug(client, drugs):
    response = client.get("/search/", {"q": "gabapenten"})
    assert "Showing results for <strong>gabapentin</strong>." in response.text
    assert "exact=1" in response.text and "Search instead for gabapenten" in response.text
    assert drugs.url in response.text
    plain = client.get("/search/", {"q": "gabapenten", "exact": "1"})
    assert "No results for “gabapenten”." in plain.text
    assert "Did you mean" in plain.text and "?q=gabapentin" in plain.text


def test_snippets_mark_the_match_and_escape_the_rest():
    html = highlight('Burning <b>pain</b> & "tingling" feet', {"tingling"})
    assert html == "Burning &lt;b&gt;pain&lt;/b&gt; &amp; <mark>&quot;tingling&quot;</mark> feet"


def test_marked_snippet_in_results(client, article_index):
    from tests.factories import ArticlePageFactory

    ArticlePageFactory(
        parent=article_index, title="Feet", summary="Why <script>x</script> feet tingle."
    )
    response = client.get("/search/", {"q": "feet"})
    assert "<mark>feet</mark>" in response.text
    assert "<script>x</script>" not in response.text
