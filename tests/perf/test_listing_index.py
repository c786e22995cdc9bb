"""The A–Z listings read their first page in title order from an index, not by sorting every
article (core/migrations/0005)."""

import pytest

from django.db import connection

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.postgres


def test_the_article_list_reads_titles_in_index_order(db, article_index):
    if connection.vendor != "postgresql":
        pytest.skip("query plans: run with DATABASE_URL=postgres://...")
    ArticlePageFactory.create_batch(3, parent=article_index)
    listing = ArticlePage.objects.child_of(article_index).live().order_by("title")[:20]
    sql, params = listing.query.sql_with_params()
    with connection.cursor() as cursor:
        # Few rows here, so make the planner show whether the index can serve the order.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "core_page_title" in plan
    assert "Sort" not in plan
