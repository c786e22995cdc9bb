"""Site search: pages and glossary terms, lay words and brand names, pinned exact drug names."""

import re

import pytest

from wagtail.models import PageViewRestriction

from search.models import Synonym
from search.registry import SEARCHABLE_TYPES
from tests.factories import (
    ArticlePageFactory,
    BrandNameFactory,
    DrugPageFactory,
    GlossaryTermFactory,
    QuizPageFactory,
)
from tests.helpers import elements

RESULT_RE = re.compile(
    r'<p class="search-result__type">(?P<label>[^<]*)</p>\s*'
    r'<h[23] class="card__title">(?:<a href="(?P<url>[^"]*)">)?(?P<title>[^<]*)'
)


def results(response):
    """(type label, title, url) of each result, in order."""
    return [(m["label"], m["title"], m["url"]) for m in RESULT_RE.finditer(response.text)]


@pytest.fixture
def content(article_index, drug_index, quiz_index, glossary_index):
    gabapentin = DrugPageFactory(
        parent=drug_index,
        title="gabapentin",
        description="<p>A seizure medicine also used for neuropathic pain after shingles.</p>",
    )
    BrandNameFactory(page=gabapentin, name="Neurontin")
    pregabalin = DrugPageFactory(
        parent=drug_index,
        title="pregabalin",
        description="<p>Closely related to gabapentin; approved for diabetic neuropathy.</p>",
    )
    BrandNameFactory(page=pregabalin, name="Lyrica")
    article = ArticlePageFactory(
        parent=article_index,
        title="Neuropathic Pain",
        summary="Neuropathic pain results from damage to the nerves themselves.",
        body=[("paragraph", "<p>Neuropathic pain may be burning or tingling.</p>")],
    )
    quiz = QuizPageFactory(
        parent=quiz_index, title="Neuropathic pain quiz", intro="<p>Six questions.</p>"
    )
    GlossaryTermFactory(
        term="paresthesia",
        slug="paresthesia",
        definition="An abnormal feeling such as tingling or prickling.",
        aliases="paraesthesia, pins and needles",
    )
    Synonym.objects.create(term="nerve pain", expands_to="neuropathic pain")
    Synonym.objects.create(term="pins and needles", expands_to="paresthesia")
    return {"gabapentin": gabapentin, "pregabalin": pregabalin, "article": article, "quiz": quiz}


@pytest.mark.parametrize("query", ["Neurontin", "neurontin", "NEURONTIN", "  neurontin  "])
def test_brand_name_puts_its_generic_first(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    first = results(response)[0]
    assert first == ("Drug", "Gabapentin", content["gabapentin"].url)
    assert "Neurontin is a brand name of gabapentin." in response.text
    assert "Also searched for: gabapentin (for “Neurontin”)" in response.text


def test_generic_name_is_pinned_first(client, content):
    # pregabalin's description mentions gabapentin too; the exact match still comes first.
    assert results(client.get("/search/", {"q": "gabapentin"}))[0][1] == "Gabapentin"


def test_lyrica_finds_pregabalin(client, content):
    response = client.get("/search/", {"q": "Lyrica"})
    assert results(response)[0] == ("Drug", "Pregabalin", content["pregabalin"].url)


def test_lay_term_is_expanded(client, content):
    response = client.get("/search/", {"q": "nerve pain"})
    titles = [title for _label, title, _url in results(response)]
    assert "Neuropathic Pain" in titles
    assert "Also searched for: neuropathic pain (for “nerve pain”)" in response.text


def test_glossary_terms_are_results_with_their_definition(client, content):
    response = client.get("/search/", {"q": "pins and needles"})
    assert ("Glossary", "Paresthesia", "/glossary/#paresthesia") in results(response)
    assert "An abnormal feeling such as tingling or prickling." in response.text


def test_every_registered_type_is_labelled(client, content):
    response = client.get("/search/", {"q": "neuropathic pain"})
    labels = {label for label, _title, _url in results(response)}
    assert labels == {"Article", "Drug", "Quiz"}
    assert {t.label for t in SEARCHABLE_TYPES} == {"Article", "Drug", "Quiz", "Glossary"}
    # The words that matched are marked: compare the snippet's text.
    assert "Neuropathic pain results from damage to the nerves themselves." in re.sub(
        r"</?mark>", "", response.text
    )


def test_a_brand_name_added_later_is_found(client, content):
    amitriptyline = DrugPageFactory(
        parent=content["gabapentin"].get_parent(), title="amitriptyline"
    )
    BrandNameFactory(page=amitriptyline, name="Elavil")
    assert results(client.get("/search/", {"q": "elavil"}))[0][1] == "Amitriptyline"


def test_unpublished_and_restricted_pages_are_not_found(client, content, article_index):
    ArticlePageFactory(parent=article_index, title="Neuropathic draft", live=False)
    secret = ArticlePageFactory(parent=article_index, title="Neuropathic secret")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    titles = [title for _l, title, _u in results(client.get("/search/", {"q": "neuropathic"}))]
    assert "Neuropathic Pain" in titles
    assert "Neuropathic draft" not in titles and "Neuropathic secret" not in titles


def test_pagination(client, article_index):
    for number in range(25):
        ArticlePageFactory(parent=article_index, title=f"Sciatica {number}", summary="Leg pain.")
    first = client.get("/search/", {"q": "sciatica"})
    assert len(results(first)) == 10
    assert "25 results for “sciatica”, page 1 of 3." in first.text
    third = client.get("/search/", {"q": "sciatica", "page": "3"})
    assert len(results(third)) == 5
    titles = {
        t
        for _l, t, _u in results(first)
        + results(client.get("/search/", {"q": "sciatica", "page": 2}))
        + results(third)
    }
    assert len(titles) == 25
    for junk in ["x", "-4", "0", "9999999999999999999999", "1e3", ""]:
        response = client.get("/search/", {"q": "sciatica", "page": junk})
        assert response.status_code == 200, junk
        assert len(results(response)) in (5, 10)


def test_a_search_matching_more_than_are_ranked_says_so(client, article_index, monkeypatch):
    monkeypatch.setattr("search.engine.MAX_RESULTS_PER_SOURCE", 12)
    for number in range(15):
        ArticlePageFactory(parent=article_index, title=f"Sciatica {number}", summary="Leg pain.")
    response = client.get("/search/", {"q": "sciatica"})
    assert "More than 12 results for “sciatica”, the most relevant first, page 1 of 2." in (
        response.text
    )
    assert len(results(client.get("/search/", {"q": "sciatica", "page": 2}))) == 2


def test_empty_query_gives_guidance(client, site):
    response = client.get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert "Type a word such as" in response.text
    assert not results(response)


def test_zero_results_suggest_drugs_and_articles(client, content):
    response = client.get("/search/", {"q": "xylophone"})
    assert response.status_code == 200
    assert "No results for “xylophone”." in response.text
    assert elements(response.text, "a", href="/drugs/")
    assert elements(response.text, "a", href="/articles/")


def test_query_of_100_characters_is_accepted(client, content):
    assert client.get("/search/", {"q": "a" * 100}).status_code == 200


def test_overlong_query_is_a_400_tied_to_the_field(client, content):
    response = client.get("/search/", {"q": "neurontin " * 20})
    assert response.status_code == 400
    assert "Use 100 characters or fewer" in response.text
    field = elements(response.text, "input", id="search-q")[0][1]
    assert field["aria-invalid"] == "true"
    assert "search-q-error" in field["aria-describedby"].split()
    assert elements(response.text, "p", id="search-q-error")
    assert not results(response)


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "pain\x00killer",
        "NEAR(pain OR) AND NOT *",
        "pain' OR 1=1 --",
        "%%%%",
        "ü ñ 漢字 🙂",
        "\u202e\u200b",
    ],
)
def test_junk_queries_never_fail_or_reflect_markup(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text


@pytest.mark.parametrize("size", [2, 30])
def test_search_queries_do_not_grow_with_results(
    client, article_index, glossary_index, size, django_assert_max_num_queries
):
    """Site, navigation, the vocabulary, one page search and one glossary search."""
    for number in range(size):
        ArticlePageFactory(parent=article_index, title=f"Neuralgia {number}")
        GlossaryTermFactory(definition=f"A kind of neuralgia, number {number}.")
    client.get("/search/", {"q": "warm"})  # per-process caches: content types, site paths
    with django_assert_max_num_queries(6):
        response = client.get("/search/", {"q": "neuralgia", "page": "2"})
    assert response.status_code == 200
    # 2 * size results: page 2 of 60, or (past the end) the only page of 4.
    assert len(results(response)) == (10 if size == 30 else 4)
