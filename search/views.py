from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def search(request):
    """Site search over every live page; query length capped (Wagtail CVE-2024-39317)."""
    query = request.GET.get("q", "").strip()
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Please use {MAX_QUERY_LENGTH} characters or fewer."
        query = ""
    elif query:
        results = Page.objects.live().public().specific().search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if error else 200
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page, "error": error},
        status=status,
    )
