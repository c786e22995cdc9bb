from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.search.backends import get_search_backend

from core.sections import section_url, section_urls

from .registry import page_type_of, searchable_pages, snippet_types
from .vocabulary import MAX_QUERY_LENGTH, parse

RESULTS_PER_PAGE = 10
# Results ranked per searchable source: ten pages, more than anyone reads, and it bounds the
# work of a search that matches thousands of articles (the page then says "more than").
MAX_RESULTS_PER_SOURCE = 100
SNIPPET_WORDS = 40


@dataclass
class Result:
    """One hit. Up to MAX_RESULTS_PER_SOURCE are ranked but only one page of them is shown,
    so the link and the snippet are worked out when the template reads them."""

    label: str
    title: str
    link: Callable[[], str]
    source_text: str
    relevance: float = 0.0
    order: int = 0  # the source's own rank, for ties and backends that give no score
    note: str = ""
    pinned: bool = False

    @cached_property
    def url(self):
        return self.link()

    @cached_property
    def snippet(self):
        return Truncator(" ".join(strip_tags(self.source_text or "").split())).words(SNIPPET_WORDS)


def search(request):
    """Site search: pages and glossary terms, lay words and brand names understood, an exact
    drug name pinned first. The query length is capped (Wagtail CVE-2024-39317)."""
    query = clean_query(request.GET.get("q", ""))
    error = ""
    results, parsed, capped = [], None, False
    if len(query) > MAX_QUERY_LENGTH:
        error = (
            f"Your search is {len(query)} characters long. "
            f"Use {MAX_QUERY_LENGTH} characters or fewer, for example one or two words."
        )
    elif query:
        parsed = parse(query)
        results, capped = find(parsed, request)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page,
            "expansions": parsed.expansions if parsed else [],
            "error": error,
            "capped": capped,
            "max_query_length": MAX_QUERY_LENGTH,
            "sections": section_urls(),
        },
        status=400 if error else 200,
    )


def clean_query(text):
    """Whitespace collapsed, control characters (e.g. NUL) dropped."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def find(parsed, request):
    """(results, capped): the ranked results, and whether a source had more than were kept."""
    terms = parsed.search_terms
    if not terms:
        return [], False
    sign = _score_sign()
    results, drug_results = [], {}
    pages = (
        searchable_pages(request)
        .search(terms, operator="or")
        .annotate_score("_score")[:MAX_RESULTS_PER_SOURCE]
    )
    for rank, page in enumerate(pages):
        searchable = page_type_of(page)
        result = Result(
            label=searchable.label,
            title=page.title,
            link=partial(page.get_url, request),
            source_text=page.search_snippet,
            relevance=_relevance(page._score, sign) * searchable.boost,
            order=rank,
        )
        results.append(result)
        drug_results[page.pk] = result
    capped = len(results) == MAX_RESULTS_PER_SOURCE
    for searchable in snippet_types():
        base_url = section_url(searchable.section)
        hits = (
            get_search_backend()
            .search(terms, searchable.model.objects.all(), operator="or")
            .annotate_score("_score")[:MAX_RESULTS_PER_SOURCE]
        )
        hits = list(hits)
        capped = capped or len(hits) == MAX_RESULTS_PER_SOURCE
        for rank, hit in enumerate(hits):
            anchor = getattr(hit, searchable.anchor_field)
            results.append(
                Result(
                    label=searchable.label,
                    title=getattr(hit, searchable.title_field),
                    link=partial(_anchored, base_url, anchor),
                    source_text=getattr(hit, searchable.snippet_field),
                    relevance=_relevance(hit._score, sign) * searchable.boost,
                    order=rank,
                )
            )
    pinned = _pin_drugs(parsed, drug_results, request)
    rest = [result for result in results if not result.pinned]
    rest.sort(key=lambda result: (-result.relevance, result.order))
    return pinned + rest, capped


def _pin_drugs(parsed, drug_results, request):
    """An exact generic or brand name puts its drug first, whatever the full-text rank."""
    if not parsed.pinned_drugs:
        return []
    missing = [pk for pk, _brand in parsed.pinned_drugs if pk not in drug_results]
    if missing:  # not in the full-text results (e.g. the index is behind): fetch it
        for page in searchable_pages(request).filter(pk__in=missing):
            drug_results[page.pk] = Result(
                label=page_type_of(page).label,
                title=page.title,
                link=partial(page.get_url, request),
                source_text=page.search_snippet,
            )
    pinned = []
    for pk, brand in parsed.pinned_drugs:
        result = drug_results.get(pk)
        if result is None or result.pinned:
            continue
        result.pinned = True
        if brand:
            result.note = f"{brand} is a brand name of {result.title}."
        pinned.append(result)
    return pinned


def _anchored(base_url, anchor):
    return f"{base_url}#{anchor}" if base_url else ""


def _score_sign():
    """+1 where a higher score is more relevant (PostgreSQL's ts_rank); -1 for SQLite's bm25,
    where more negative is better. Scores of one backend are comparable across models."""
    return -1 if type(get_search_backend()).__name__ == "SQLiteSearchBackend" else 1


def _relevance(score, sign):
    return sign * score if score is not None else 0.0
