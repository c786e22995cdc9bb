"""Wagtail's page-serving view, with each address's route found in two queries and
remembered per process.

Wagtail finds a page by walking the tree from the site's root, one query per level and one
for each page's specific type (five for an article). Where no page on the way routes its own
children (``route`` is Wagtail's own on every ancestor), the page an address leads to is the
one whose ``url_path`` it spells: `find_route` reads the page and its ancestors in one query
by their url_paths (with whether a view restriction sits on each), then the page's specific
row, and lets the page route itself with nothing left (``Page.route``, which refuses a page
that is not live). The ancestors it read serve the breadcrumb (core.pages.display_ancestors).
Anything else (a routable ancestor, a missing level, other locales) asks Wagtail.

With the fragment cache on, this view also asks once and
remembers which page (type and id) and which remaining path components an address led to,
until the site's content version or that address's version changes (core.fragments: a
publish, unpublish or move bumps them). The next request loads that page by id in one
query and lets the page route the rest (``Page.route``, which also refuses a page that is
no longer live). Then it serves the page exactly as ``wagtail.views.serve`` does: the
``on_serve_page`` chain and the ``before_serve_page`` hooks, except that Wagtail's view
restriction check is left out for a route remembered with no restriction on the page or
its ancestors (any change to restrictions bumps the site version, and with it the route).

Both queries are compiled once per process (core.prepared). Public Wagtail APIs only;
tests/serving/test_routing.py holds them to what is used here.
"""

from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.wagtail_hooks import check_view_restrictions

from core.fragments import recall, remember, request_generation
from core.pages import set_display_ancestors
from core.prepared import prepared

from .sites import attach_site

# The page lookup is compiled once per number of levels (core.prepared): deeper addresses,
# which no page of this site has, take Wagtail's walk (it stops at the first missing level)
# rather than adding a compiled statement per length a stranger cares to send.
DEEPEST_PREPARED = 8


def _key(request, path):
    return f"route:{request.get_host()}:{path}"


def serve(request, path):
    """Replaces ``wagtail.views.serve`` (same URL pattern and name, ``wagtail_serve``)."""
    attach_site(request)
    generation = None
    if settings.FRAGMENT_CACHE_ENABLED:
        generation = request_generation(request, per_page=True)
    route, unrestricted = _remembered(request, path, generation) if generation else (None, False)
    remembered = route is not None
    if route is None:
        route, unrestricted = find_route(request, path)
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


def find_route(request, path):
    """(RouteResult or None, unrestricted): what ``Page.route_for_request`` answers, in two
    queries where no ancestor routes its own children; ``unrestricted`` is True only when a
    query showed no view restriction on the page or its ancestors (or what they alias)."""
    site = Site.find_for_request(request)
    if site is None:
        return None, False
    root = site.root_page
    components = [component for component in path.split("/") if component]
    if (
        not components
        or len(components) > DEEPEST_PREPARED
        or getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    ):
        return Page.route_for_request(request, path), False
    url_paths = [
        root.url_path + "".join(f"{c}/" for c in components[:n]) for n in range(len(components) + 1)
    ]
    found = _pages_at(url_paths)
    if not found or found[0].pk != root.pk:
        return Page.route_for_request(request, path), False
    chain = found[1:]
    if not _is_plain_chain(root, chain, len(components)):
        return Page.route_for_request(request, path), False
    target = chain[-1]
    model = _model(target.content_type_id)
    if model is None:
        return Page.route_for_request(request, path), False
    pages = _specific_page(model)(target.pk)
    if not pages:
        return None, False
    page = pages[0]
    try:
        route = page.route(request, [])
    except Http404:
        return None, False
    set_display_ancestors(page, [root, *chain[:-1]])
    return route, not any(each.restricted for each in found)


@prepared
def _pages_at(url_paths):
    """The pages at `url_paths` (the root's and each level's below it), shallowest first, with
    what routing, the breadcrumb and its JSON-LD read of them (a page row has 30 columns) and
    whether a view restriction sits on each page or on what it aliases: the pages Wagtail's
    ``get_view_restrictions`` looks at, and a few more. A url_path is unique in the tree (slugs
    are unique among siblings); `_is_plain_chain` checks what was found is one line of pages."""
    restricted = PageViewRestriction.objects.filter(
        Q(page_id=OuterRef("pk")) | Q(page_id=OuterRef("alias_of_id"))
    )
    return (
        Page.objects.filter(url_path__in=url_paths)
        .only("path", "depth", "title", "url_path", "content_type_id", "alias_of_id")
        .annotate(restricted=Exists(restricted))
        .order_by("depth")
    )


@cache
def _specific_page(model):
    """The prepared query of a page of `model` by id, with what the model asks to be joined."""
    related = getattr(model, "serve_select_related", ())

    def build(pk):
        queryset = model._default_manager.filter(pk=pk)
        return queryset.select_related(*related) if related else queryset

    build.__qualname__ = f"specific_page[{model._meta.label}]"
    return prepared(build)


def _is_plain_chain(root, chain, levels):
    """Each level found once, each a child of the one before, and every page above the last
    routing its children the way Wagtail's ``Page.route`` does (by slug, nothing else)."""
    if len(chain) != levels:
        return False
    parent = root
    for page in chain:
        if page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
            return False
        model = _model(parent.content_type_id)
        if model is None or model.route is not Page.route:
            return False
        parent = page
    return True


def _model(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model if model is not None and issubclass(model, Page) else None


def _remembered(request, path, generation):
    value = recall(_key(request, path), generation)
    if value is None:
        return None, False
    label, pk, remaining, unrestricted = value
    pages = _specific_page(apps.get_model(label))(pk)
    if not pages:
        return None, False
    try:
        return pages[0].route(request, list(remaining)), unrestricted
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
