from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from core.sections import section_urls

from . import engine
from .ranking import GROUP_SLUGS, grouped
from .suggestions import MIN_PREFIX, suggestions_for
from .vocabulary import MAX_QUERY_LENGTH

RESULTS_PER_PAGE = 10


def search(request):
    """Site search: pages and glossary terms grouped by kind, the best match first; lay words,
    brand names and misspellings understood. The query length is capped (Wagtail
    CVE-2024-39317); ?group= shows one group, paginated; ?exact=1 turns spelling correction
    off ("Search instead for ...")."""
    query = clean_query(request.GET.get("q", ""))
    group = GROUP_SLUGS.get(request.GET.get("group", ""))
    exact = request.GET.get("exact") == "1"
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = (
            f"Your search is {len(query)} characters long. "
            f"Use {MAX_QUERY_LENGTH} characters or fewer, for example one or two words."
        )
    elif request.GET.get("group") and group is None:
        error = "Choose a group of results from the list."
    outcome = engine.Outcome()
    if query and not error:
        outcome = engine.run(query, request, correct=not exact)
    results = outcome.results
    if group:
        results = [r for r in results if r.label in group.labels]
    # A page of the ranked results, shown under the headings of their groups (each with its
    # total and a link to all of it); one group, or ?group=, is a plain list.
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    sections = grouped(results, page.object_list)
    single = group is not None or len(sections) == 1
    parsed = outcome.parsed
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page,
            "groups": [] if single else sections,
            "group": group,
            "all_groups": GROUP_SLUGS.values(),
            "expansions": parsed.expansions if parsed else [],
            "corrected_to": parsed.text if parsed and parsed.corrected_from else "",
            "suggestion": outcome.suggestion,
            "error": error,
            "capped": outcome.capped,
            "max_query_length": MAX_QUERY_LENGTH,
            "sections": section_urls(),
        },
        status=400 if error else 200,
    )


def clean_query(text):
    """Whitespace collapsed, control characters (e.g. NUL) dropped."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


@require_GET
def suggestions(request):
    """Names to complete what a reader is typing, as JSON: {"q": ..., "suggestions": [{"label",
    "kind", "url"}]}. A missing, too short or too long prefix is a 400."""
    prefix = clean_query(request.GET.get("q", ""))
    if not MIN_PREFIX <= len(prefix) <= MAX_QUERY_LENGTH:
        return JsonResponse(
            {"error": f"q must be {MIN_PREFIX} to {MAX_QUERY_LENGTH} characters."}, status=400
        )
    response = JsonResponse({"q": prefix, "suggestions": suggestions_for(prefix, request)})
    response["Cache-Control"] = "public, max-age=300"
    return response
