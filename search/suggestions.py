"""Suggestions while typing: drug and brand names, glossary terms and article titles that
contain what the reader has typed so far, names that start with it first.

Drug, brand and glossary names come from the per-process vocabulary; article titles from one
query (a trigram index makes LIKE '%...%' an index scan on PostgreSQL). Each answer is kept in
the shared cache until content changes, so a prefix typed by many readers costs nothing.
"""

from django.apps import apps
from django.db.models import BooleanField, CharField, F, Func, Value

from core.fragments import exclude_private, shared_fragment

from .text import words_of
from .vocabulary import lexicon

MIN_PREFIX = 2
MAX_SUGGESTIONS = 8
KIND_LABELS = {"generic": "Medicine", "brand": "Brand name", "glossary": "Glossary"}


class Contains(Func):
    """Case-insensitive `column LIKE pattern`: ILIKE on PostgreSQL, which its trigram index on
    the column serves; SQLite's LIKE ignores case already."""

    arg_joiner = " LIKE "
    template = "(%(expressions)s)"
    output_field = BooleanField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, arg_joiner=" ILIKE ", **extra_context)


def suggestions_for(prefix, request=None):
    needle = " ".join(words_of(prefix))
    if not needle:
        return []
    return shared_fragment(f"search-suggest:{needle}", lambda: _build(needle, request), request)


def _build(needle, request):
    found = {}
    vocabulary = lexicon(request)
    for entries in vocabulary.entries.values():
        for entry in entries:
            if entry.kind in KIND_LABELS:
                kind = KIND_LABELS[entry.kind]
                if entry.kind == "brand":
                    kind = f"Brand name of {entry.target}"
                _add(found, entry.label, kind, needle)
    for item in vocabulary.glossary:
        _add(found, item.term, KIND_LABELS["glossary"], needle)
    for title in _article_titles(needle, request):
        _add(found, title, "Article", needle)
    ordered = sorted(
        found.values(), key=lambda s: (s.pop("_rank"), len(s["label"]), s["label"].lower())
    )
    return ordered[:MAX_SUGGESTIONS]


def _add(found, label, kind, needle):
    lowered = " ".join(words_of(label))
    if needle not in lowered or lowered in found:
        return
    if lowered.startswith(needle):
        rank = 0
    elif f" {needle}" in f" {lowered}":
        rank = 1
    else:
        rank = 2
    found[lowered] = {"label": label, "kind": kind, "_rank": rank}


def _article_titles(needle, request):
    # The needle is letters, digits and spaces only (words_of): nothing to escape for LIKE.
    articles = exclude_private(apps.get_model("articles.ArticlePage").objects.live(), request)
    matches = articles.filter(
        Contains(F("title"), Value(f"%{needle}%", output_field=CharField()))
    ).order_by("title")
    return list(matches.values_list("title", flat=True)[:MAX_SUGGESTIONS])
