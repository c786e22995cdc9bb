"""Wagtail's page-serving view, with each address's route remembered per process.

Wagtail finds a page by walking the tree from the site's root, one query per level and one
for each page's specific type. This view asks Wagtail once (``Page.route_for_request``) and
remembers which page (type and id) and which remaining path components an address led to,
until the site's content version or that address's version changes (core.fragments: a
publish, unpublish or move bumps them). The next request loads that page by id in one
query and lets the page route the rest (``Page.route``, which also refuses a page that is
no longer live). Then it serves the page exactly as ``wagtail.views.serve`` does: the
``on_serve_page`` chain and the ``before_serve_page`` hooks, except that Wagtail's view
restriction check is left out for a route remembered with no restriction on the page or
its ancestors (any change to restrictions bumps the site version, and with it the route).

Public Wagtail APIs only; tests/serving/test_routing.py holds them to what is used here.
"""

from django.apps import apps
from django.conf import settings
from django.http import Http404, HttpResponse

from wagtail import hooks
from wagtail.models import Page
from wagtail.wagtail_hooks import check_view_restrictions

from core.fragments import recall, remember, request_generation


def _key(request, path):
    return f"route:{request.get_host()}:{path}"


def serve(request, path):
    """Replaces ``wagtail.views.serve`` (same URL pattern and name, ``wagtail_serve``)."""
    generation = None
    if settings.FRAGMENT_CACHE_ENABLED:
        generation = request_generation(request, per_page=True)
    route, unrestricted = _remembered(request, path, generation) if generation else (None, False)
    remembered = route is not None
    if route is None:
        route = Page.route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if not (unrestricted and fn is check_view_restrictions):
            on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    response = on_serve_chain(page, request, args, kwargs)
    if generation and not remembered:
        _remember(request, path, page, generation)
    return response


def _remembered(request, path, generation):
    value = recall(_key(request, path), generation)
    if value is None:
        return None, False
    label, pk, remaining, unrestricted = value
    model = apps.get_model(label)
    queryset = model._default_manager.filter(pk=pk)
    related = getattr(model, "serve_select_related", ())
    if related:
        queryset = queryset.select_related(*related)
    page = queryset.first()
    if page is None:
        return None, False
    try:
        return page.route(request, list(remaining)), unrestricted
    except Http404:
        return None, False


def _remember(request, path, page, generation):
    """Remember the page and what it routed itself (a routable page's sub-path)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return
    own = [part for part in parts[2].split("/") if part]
    requested = [part for part in path.split("/") if part]
    if requested[: len(own)] != own:
        return  # reached another way (an alias, another site): ask Wagtail every time
    remaining = tuple(requested[len(own) :])
    unrestricted = not page.get_view_restrictions().exists()
    remember(_key(request, path), (page._meta.label, page.pk, remaining, unrestricted), generation)
