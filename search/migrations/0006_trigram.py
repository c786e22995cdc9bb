"""pg_trgm for "Did you mean" and suggestions while typing (PostgreSQL only).

Trigram indexes on the names search compares with a misspelt query (page titles, brand names,
glossary terms, synonyms): the `%` operator and `ILIKE '%...%'` become index scans instead of
reading every row. On the columns themselves, not LOWER(...): pg_trgm ignores case anyway, and
an expression index on LOWER(title) would stand beside 0004's, which the drug-name lookup
must keep using. pg_trgm is a trusted extension (PostgreSQL 13+): the database
owner may create it. Other databases compare in Python (search.spelling) and need nothing.
"""

from django.db import migrations

INDEXES = {
    "search_page_title_trgm": ("wagtailcore_page", "title"),
    "search_brandname_trgm": ("drugs_brandname", "name"),
    "search_glossaryterm_trgm": ("glossary_glossaryterm", "term"),
    "search_synonym_trgm": ("search_synonym", "term"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_load_owned"),
        ("drugs", "0001_initial"),
        ("glossary", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
