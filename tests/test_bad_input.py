"""Whatever a visitor or a bot sends to a public page, the answer is never a server error,
and markup they send is never echoed back unescaped."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticlePageFactory, DrugPageFactory, QuizPageFactory

# Any text, including control characters, lone surrogates are not sendable over HTTP.
junk = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
PAYLOAD = '<script>alert("np")</script>'


@pytest.fixture
def pages(article_index, drug_index, quiz_index, physician_search_page):
    ArticlePageFactory(parent=article_index, title="Neuropathic Pain")
    DrugPageFactory(parent=drug_index, title="gabapentin")
    quiz = QuizPageFactory(parent=quiz_index)
    return {
        "search": ("/search/", ["q", "page"]),
        "articles": (article_index.url, ["topic", "page"]),
        "drugs": (drug_index.url, ["letter", "class", "page"]),
        "physicians": (physician_search_page.url, ["zip_code", "city", "state", "specialty", "sort", "page"]),
        "quiz_result": (f"{quiz.url}result/", ["a"]),
        "quiz": (quiz.url, []),
    }  # fmt: skip


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=junk)
def test_junk_in_any_parameter_is_never_a_server_error(client, pages, value):
    for url, params in pages.values():
        for param in params:
            response = client.get(url, {param: value})
            assert response.status_code < 500, (url, param, value)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.text(min_size=1, max_size=20), junk, max_size=5))
def test_junk_quiz_posts_are_refused_not_failed(client, pages, data):
    url, _params = pages["quiz"]
    response = client.post(url, data)
    valid = set(data) == {"q1"} and data["q1"] in {"1", "2", "3"}
    assert response.status_code == (303 if valid else 400)


def test_markup_is_never_reflected(client, pages):
    for url, params in pages.values():
        for param in params:
            response = client.get(url, {param: PAYLOAD})
            assert response.status_code < 500
            assert PAYLOAD not in response.text, (url, param)
    url, _params = pages["quiz"]
    assert PAYLOAD not in client.post(url, {"q1": PAYLOAD}).text


def test_very_long_values_are_refused_politely(client, pages):
    long_value = "9" * 10_000
    for url, params in pages.values():
        for param in params:
            assert client.get(url, {param: long_value}).status_code < 500, (url, param)
