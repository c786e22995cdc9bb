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
