"""A page view reads its page and ancestors by URL path, and the main navigation the pages at
one depth, from indexes (core/migrations/0009), not by scanning every page."""

import pytest

from django.db import connection

from wagtail.models import Page

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.postgres


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Few rows here, so make the planner show whether an index can serve the filter.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("query plans: run with DATABASE_URL=postgres://...")


def test_a_page_and_its_ancestors_are_read_by_url_path_from_an_index(
    db, postgres_only, article_index
):
    article = ArticlePageFactory(parent=article_index)
    # The test tree is too small for the planner to prefer it over the path index when both
    # apply (at 10,000 articles it does: README "Performance"); alone, it must serve.
    lookup = Page.objects.filter(url_path__in=[article_index.url_path, article.url_path]).order_by()
    assert "core_page_url_path" in plan(lookup)


def test_the_navigation_reads_one_depth_from_an_index(db, postgres_only, article_index):
    ArticlePageFactory.create_batch(3, parent=article_index)
    root = article_index.get_parent()
    assert "core_page_depth" in plan(Page.objects.filter(depth=root.depth + 1).order_by())
