"""Did you mean: the known term closest to a query that found little.

Known terms are page titles (articles, drugs, quizzes), brand names, glossary terms and lay
synonyms. PostgreSQL compares them with the pg_trgm extension (migration 0005 enables it and
indexes the columns); other databases use the same trigram measure in Python over the same
terms, read once per content generation.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField, CharField, F, FloatField, Func, Value

from wagtail.models import Page

from core.fragments import fragment

from .models import Synonym
from .registry import page_types
from .text import fold, similarity, words_of
from .vocabulary import lexicon

# pg_trgm's default threshold for its % operator: below it, no suggestion at all.
SUGGEST_SIMILARITY = 0.3
# At or above these, we search for the suggestion instead ("Showing results for ..."): a
# query that found little needs less to be called a misspelling than one that found plenty.
CONFIDENT_WHEN_FEW = 0.4
CONFIDENT_WHEN_MANY = 0.6
CANDIDATES = 8


@dataclass(frozen=True)
class Suggestion:
    text: str
    similarity: float

    def confident(self, few_results):
        return self.similarity >= (CONFIDENT_WHEN_FEW if few_results else CONFIDENT_WHEN_MANY)


class TrigramSimilar(Func):
    """`a % b`: pg_trgm's indexed "similar enough" test (case-insensitive)."""

    arg_joiner = " %% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class Similarity(Func):
    function = "similarity"
    output_field = FloatField()


def closest(text, request=None):
    """The best Suggestion for `text`, or None. A suggestion must change a word the reader
    typed (not add or drop words, or make a plural singular)."""
    typed = " ".join(words_of(text))
    if not typed:
        return None
    if connection.vendor == "postgresql":
        candidates = _trigram_candidates(typed)
    else:
        candidates = _python_candidates(typed, request)
    for label, score in sorted(candidates, key=lambda c: (-c[1], len(c[0]))):
        if score >= SUGGEST_SIMILARITY and _corrects(typed, label):
            return Suggestion(label, round(score, 3))
    return None


def _corrects(typed, label):
    """Same number of words, at least one of them different (not just a plural)."""
    suggested = [fold(word) for word in words_of(label)]
    typed_words = [fold(word) for word in typed.split()]
    return len(suggested) == len(typed_words) and suggested != typed_words


def _python_candidates(typed, request):
    return [(label, similarity(typed, label)) for label in _known_terms(request)]


def _known_terms(request):
    def build():
        titles = Page.objects.live().type(*[t.model for t in page_types()])
        return sorted(set(lexicon(request).labels()) | set(titles.values_list("title", flat=True)))

    return fragment("search-known-terms", build, request, per_page=True)


def _trigram_candidates(typed):
    """One query: the closest few of every kind of known term, by pg_trgm similarity."""
    value = Value(typed, output_field=CharField())

    def near(queryset, column):
        return (
            queryset.annotate(label=F(column))
            .filter(TrigramSimilar(F(column), value))
            .annotate(score=Similarity(F(column), value))
            .order_by("-score")
            .values_list("label", "score")[:CANDIDATES]
        )

    pages = Page.objects.live().type(*[t.model for t in page_types()])
    brands = apps.get_model("drugs.BrandName").objects.filter(page__live=True)
    glossary = apps.get_model("glossary.GlossaryTerm").objects.all()
    parts = [
        near(pages, "title"),
        near(brands, "name"),
        near(glossary, "term"),
        near(Synonym.objects.all(), "term"),
    ]
    return list(parts[0].union(*parts[1:], all=True))
