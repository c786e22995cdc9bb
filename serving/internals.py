"""The ONE place the request path touches private Wagtail, treebeard and Django internals.

The route memory (serving.routes) lets an uncached page request skip Wagtail's site lookup
(one query per request) and its page routing (one query per URL segment), plus the view
restriction and ancestor queries a page makes while it is served. No public API accepts a
site, a route, a restriction set or an ancestor list found earlier, so these names are used:

- ``request._wagtail_site``: ``Site.find_for_request`` returns it when set and caches its own
  answer there. Read to remember a host's Site; set to give it back without a query.
- ``request._wagtail_cached_site_root_paths``: ``Page.get_url_parts`` (through
  ``Page._get_site_root_paths``) reads it before asking the cache for the site root paths.
- ``request._wagtail_route_for_request``: ``Page.route_for_request`` (called by Wagtail's
  ``serve`` view) returns it when set. Read to remember the route; set to replay it.
- ``page.get_view_restrictions`` replaced by one that returns no restriction: Wagtail's
  ``check_view_restrictions`` hook calls it on every page served. Only done for routes
  recorded with no restriction on the page or its ancestors; any change to restrictions
  replaces the content generation and with it the remembered route.
- ``page.get_ancestors`` replaced by one returning an already evaluated queryset:
  ``QuerySet._result_cache`` holds the remembered ancestors and ``_prefetch_done`` stops
  Django from prefetching again, so breadcrumbs and structured data iterate them without a
  query while chaining (``.live()``, ...) still queries afresh. treebeard's
  ``page._cached_parent_obj`` is what ``get_parent()`` returns without a query.

tests/serving/test_internals_contract.py fails loudly if a Wagtail, treebeard or Django
upgrade changes any of these.
"""

from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

# --- Wagtail's per-request site and route -------------------------------------------------


def found_site(request):
    """The Site Wagtail found for this request, or None if it has not looked yet."""
    return getattr(request, "_wagtail_site", None)


def use_site(request, site):
    """Make ``Site.find_for_request(request)`` return `site` without a query."""
    request._wagtail_site = site


def found_site_root_paths(request):
    """The site root paths Wagtail read for this request, or None."""
    return getattr(request, "_wagtail_cached_site_root_paths", None)


def use_site_root_paths(request, root_paths):
    """Make Wagtail build this request's page URLs from `root_paths` without a cache read."""
    request._wagtail_cached_site_root_paths = root_paths


def found_route(request):
    """The RouteResult (page, args, kwargs) Wagtail routed this request to, or None."""
    return getattr(request, "_wagtail_route_for_request", None)


def use_route(request, page, args=None):
    """Make ``Page.route_for_request`` return `page` (with `args` for a routable subpage)."""
    request._wagtail_route_for_request = RouteResult(page, args=args)


# --- Queries a page makes while it is served ----------------------------------------------


def _no_view_restrictions():
    return PageViewRestriction.objects.none()


def skip_view_restrictions(page):
    """The page and its ancestors have no view restriction: don't query for them."""
    page.get_view_restrictions = _no_view_restrictions


def evaluated_queryset(queryset, rows):
    """`queryset`, already evaluated to `rows`: iterating it runs no query."""
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset


def attach_ancestors(page, ancestors):
    """Give a page loaded from a remembered route its remembered ancestors (breadcrumbs,
    parent links) as an already-evaluated queryset: chaining on it still queries afresh."""
    if not ancestors:
        return
    original = page.get_ancestors

    def get_ancestors(inclusive=False):
        if inclusive:
            return original(inclusive=True)
        queryset = Page.objects.filter(pk__in=[a.pk for a in ancestors]).order_by("path")
        return evaluated_queryset(queryset, ancestors)

    page.get_ancestors = get_ancestors
    page._cached_parent_obj = ancestors[-1]
