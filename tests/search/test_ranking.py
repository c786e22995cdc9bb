"""Ranking rules the relevance set relies on, on small made-up content."""

import pytest

from search import engine
from tests.factories import ArticlePageFactory, DrugPageFactory, GlossaryTermFactory, mention_drugs


def ranked(query):
    return [(r.label, r.title) for r in engine.run(query).results]


@pytest.fixture
def articles(article_index):
    body = "<p>Some people need a diagnosis from a specialist, after other tests.</p>"
    ArticlePageFactory(
        parent=article_index,
        title="Living with nerve pain",
        summary="Everyday tips.",
        body=[("paragraph", body)],
    )
    ArticlePageFactory(
        parent=article_index,
        title="Seeing your doctor",
        summary="What to expect.",
        body=[
            ("heading", {"text": "Getting a diagnosis", "level": "h2"}),
            ("paragraph", "<p>Your doctor asks about your symptoms.</p>"),
        ],
    )


def test_a_heading_match_outranks_a_body_match(articles):
    assert ranked("diagnosis")[0] == ("Article", "Seeing your doctor")


def test_a_title_match_outranks_both(articles, article_index):
    ArticlePageFactory(parent=article_index, title="Diagnosis", summary="Tests.")
    assert ranked("diagnosis")[0] == ("Article", "Diagnosis")


def test_glossary_ranks_above_articles_only_on_an_exact_title(articles, glossary_index):
    GlossaryTermFactory(term="diagnosis", slug="diagnosis", definition="Finding the cause.")
    GlossaryTermFactory(term="differential", slug="differential", definition="A diagnosis list.")
    order = ranked("diagnosis")
    assert order[0] == ("Glossary", "diagnosis")
    assert order.index(("Glossary", "differential")) > order.index(
        ("Article", "Seeing your doctor")
    )


def test_articles_listing_a_named_drug_follow_it(
    article_index, drug_index, django_capture_on_commit_callbacks
):
    drug = DrugPageFactory(parent=drug_index, title="gabapentin", description="<p>x</p>")
    DrugPageFactory(parent=drug_index, title="pregabalin", description="<p>Like gabapentin.</p>")
    article = ArticlePageFactory(parent=article_index, title="Treatments", summary="Options.")
    with django_capture_on_commit_callbacks(execute=True):  # as an editor publishes
        mention_drugs(article, drug)
        article.save_revision().publish()
    assert ranked("gabapentin")[:3] == [
        ("Drug", "gabapentin"),
        ("Article", "Treatments"),
        ("Drug", "pregabalin"),
    ]
