"""Wagtail's database search backend, with PostgreSQL's match vector left out of the results.

Wagtail's PostgreSQL backend (modelsearch 1.3) matches with
``.annotate(_vector_=title || body).filter(_vector_=query)``. The annotation also puts every
result's whole tsvector in the SELECT list, where nothing reads it: for a common drug name
at 10,000 articles that was half the query's time, plus decoding the vectors in Python.
Masking the annotation keeps the same WHERE clause (as ``.alias()`` would) without selecting
it. Every other database gets Wagtail's backend unchanged.
"""

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from django.db import connection

MATCH_ANNOTATION = "_vector_"


class UnselectedVectorQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, *args, **kwargs):
        queryset = super().search(*args, **kwargs)
        query = queryset.query
        if MATCH_ANNOTATION in query.annotation_select:
            query.set_annotation_mask(set(query.annotation_select) - {MATCH_ANNOTATION})
        return queryset


class PostgresBackend(PostgresSearchBackend):
    query_compiler_class = UnselectedVectorQueryCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return PostgresBackend(params)
    return DatabaseSearchBackend(params)
