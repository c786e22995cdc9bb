"""Running a search: candidates from the search backend (pages) and the glossary, ranked,
with a misspelt query corrected when a known term is close enough.

Queries per search: one page search (plus what exclude_private and URLs need), and, when
nothing matched exactly, one for the closest known term and one more page search for it.
The vocabulary and the glossary are read from the per-process cache.
"""

import hashlib
from dataclasses import dataclass, field
from functools import partial

from wagtail.search.backends import get_search_backend

from core.fragments import shared_fragment
from core.sections import section_url

from .ranking import Result, rank
from .registry import page_type_of, searchable_pages, snippet_types
from .spelling import closest
from .text import concepts, covered, key_of
from .vocabulary import lexicon, parse

# Results ranked per searchable source: ten pages, more than anyone reads, and it bounds the
# work of a search that matches thousands of articles (the page then says "more than").
MAX_RESULTS_PER_SOURCE = 100
# Fewer results than this, and nothing matched exactly: look for a better spelling.
FEW_RESULTS = 3


@dataclass
class Outcome:
    parsed: object = None
    results: list = field(default_factory=list)
    capped: bool = False
    suggestion: object = None  # a Suggestion offered as "Did you mean", not searched


def run(text, request=None, correct=True):
    """Search for `text`; with `correct`, a confident spelling correction is searched instead
    when the reader's own words found nothing exact (without, it is only offered).

    The outcome (links resolved) is kept in the shared cache until content changes: readers
    search for the same few things, and a common word matches most of 10,000 articles.
    """
    host = request.META.get("HTTP_HOST", "") if request is not None else ""
    digest = hashlib.sha256(f"{host}|{correct}|{text.lower()}".encode()).hexdigest()
    return shared_fragment(
        f"search:{digest}", lambda: _resolved(_run(text, request, correct)), request
    )


def _resolved(outcome):
    for result in outcome.results:
        result.resolve()
    return outcome


def _run(text, request, correct):
    parsed = parse(text, request)
    outcome = Outcome(parsed, *find(parsed, request))
    if parsed.known or _has_exact(outcome.results, parsed):
        return outcome
    few = len(outcome.results) < FEW_RESULTS
    if not few and not _unmatched_word(outcome.results, parsed):
        return outcome
    suggestion = closest(text, request)
    if suggestion is None:
        return outcome
    if correct and suggestion.confident(few):
        corrected = parse(suggestion.text, request, corrected_from=text)
        results, capped = find(corrected, request)
        if results:
            return Outcome(corrected, results, capped)
    if few:
        outcome.suggestion = suggestion
    return outcome


def _has_exact(results, parsed):
    keys = parsed.exact_keys
    return any(r.pinned or ({key_of(r.title), *r.names} & keys) for r in results[:5])


def _unmatched_word(results, parsed):
    """Whether a word the reader typed is in none of the results' titles or snippets: the
    sign of a misspelling among correctly spelt words ("trigeminal neuralga"). Exact words
    only: "neuralga" shares its first letters with "neuralgia"."""
    seen = set()
    for result in results:
        seen |= concepts(result.title) | concepts(result.source_text or "")
    return bool(concepts(parsed.text) - seen)


def find(parsed, request=None, max_results=None):
    """(ranked results, whether a source had more than were kept)."""
    limit = max_results or MAX_RESULTS_PER_SOURCE
    terms = parsed.search_terms
    if not terms:
        return [], False
    sign = _score_sign()
    results, drug_results = [], {}
    pages = searchable_pages(request).search(terms, operator="or").annotate_score("search_score")
    for position, page in enumerate(pages[:limit]):
        searchable = page_type_of(page)
        result = Result(
            label=searchable.label,
            title=page.title,
            link=partial(page.get_url, request),
            source_text=page.search_snippet,
            marker=page.search_marker,
            relevance=_relevance(page.search_score, sign) * searchable.boost,
            order=position,
        )
        results.append(result)
        drug_results[page.pk] = result
    capped = len(results) == limit
    results.extend(_glossary_results(parsed, request))
    results.extend(_pin_drugs(parsed, drug_results, request))
    return rank(results, parsed), capped


def _glossary_results(parsed, request):
    """Glossary entries whose names or definition have the query's words, scored by how many
    (names count three times, as the backend's boost did)."""
    searchable = next(t for t in snippet_types() if t.model_label == "glossary.GlossaryTerm")
    base_url = section_url(searchable.section)
    words = parsed.concepts
    found = []
    for position, entry in enumerate(lexicon(request).glossary):
        in_names = covered(words, set().union(*(concepts(name) for name in entry.names)))
        in_definition = covered(words, concepts(entry.definition))
        if in_names or in_definition:
            found.append(
                Result(
                    label=searchable.label,
                    title=entry.term,
                    link=partial(_anchored, base_url, entry.slug),
                    source_text=entry.definition,
                    relevance=(3 * in_names + in_definition) * searchable.boost,
                    order=position,
                    names=entry.names,
                )
            )
    return found


def _pin_drugs(parsed, drug_results, request):
    """An exact generic or brand name puts its drug first, whatever the full-text rank.
    Returns the drugs fetched because the full-text search missed them."""
    fetched = []
    missing = [pk for pk, _brand in parsed.pinned_drugs if pk not in drug_results]
    if missing:  # not in the full-text results (e.g. the index is behind): fetch it
        for page in searchable_pages(request).filter(pk__in=missing):
            drug_results[page.pk] = result = Result(
                label=page_type_of(page).label,
                title=page.title,
                link=partial(page.get_url, request),
                source_text=page.search_snippet,
                marker=page.search_marker,
            )
            fetched.append(result)
    for pk, brand in parsed.pinned_drugs:
        result = drug_results.get(pk)
        if result is None or result.pinned:
            continue
        result.pinned = True
        if brand:
            result.note = f"{brand} is a brand name of {result.title}."
    return fetched


def _anchored(base_url, anchor):
    return f"{base_url}#{anchor}" if base_url else ""


def _score_sign():
    """+1 where a higher score is more relevant (PostgreSQL's ts_rank); -1 for SQLite's bm25,
    where more negative is better. Scores of one backend are comparable across models."""
    return -1 if type(get_search_backend()).__name__ == "SQLiteSearchBackend" else 1


def _relevance(score, sign):
    return sign * score if score is not None else 0.0
