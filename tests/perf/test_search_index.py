"""Site search on PostgreSQL uses a full-text index instead of scanning every entry."""

import pytest

from django.db import connection

from wagtail.models import Page

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search: run with DATABASE_URL=postgres://...")


def test_search_matches_through_the_title_body_index(postgres, article_index):
    for n in range(5):
        ArticlePageFactory(parent=article_index, title=f"Gabapentin and sleep {n}")
    assert len(Page.objects.live().search("gabapentin")) == 5
    with connection.cursor() as cursor:
        # Few rows here, so make the planner show whether the index can serve the match.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('gabapentin')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan


def test_search_results_do_not_carry_each_match_vector(postgres, article_index):
    """Wagtail's backend SELECTs the whole tsvector of every match; ours only matches on it."""
    from django.test.utils import CaptureQueriesContext

    ArticlePageFactory(parent=article_index, title="Gabapentin and sleep")
    ArticlePageFactory(parent=article_index, title="Pregabalin and gabapentin compared")
    ArticlePageFactory(parent=article_index, title="Walking with numb feet")
    with CaptureQueriesContext(connection) as queries:
        results = list(Page.objects.live().search("gabapentin").annotate_score("_score"))
    assert sorted(page.title for page in results) == [
        "Gabapentin and sleep",
        "Pregabalin and gabapentin compared",
    ]
    assert all(page._score > 0 for page in results)
    sql = queries.captured_queries[-1]["sql"]
    assert "@@" in sql
    assert 'AS "_vector_"' not in sql


def test_drug_names_are_found_through_the_lower_title_index(postgres, drug_index):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM wagtailcore_page WHERE LOWER(title) = 'gabapentin'")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_page_title_lower" in plan
