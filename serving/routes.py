"""Route memory: which Site a host maps to and which page each URL routes to, remembered per
process and content generation (core.fragments), so an uncached page request needs one query
to find its page instead of one per URL segment.

Wagtail's own per-request caches are read and primed through serving.internals.
"""

from django.apps import apps

from wagtail.models import Page

from core.fragments import fragment, recall, remember

from . import internals


def _site_key(host):
    return f"site:{host}"


ROOT_PATHS_KEY = "site-root-paths"


def route_key(host, path):
    return f"route:{host}:{path}"


def restore(request, host, key, generation):
    """Give Wagtail this request's Site, site root paths and route if remembered; True if the
    route was."""
    site = recall(_site_key(host), generation)
    if site is not None:
        internals.use_site(request, site)
    root_paths = recall(ROOT_PATHS_KEY, generation)
    if root_paths is not None:
        # Wagtail would read these from the cache once per request to build URLs.
        internals.use_site_root_paths(request, root_paths)
    return _restore_route(request, key, generation)


def record(request, host, key, generation, routed):
    """After the response: remember what Wagtail found for this request."""
    site = internals.found_site(request)
    if site is not None:
        fragment(_site_key(host), lambda: site, request)
    root_paths = internals.found_site_root_paths(request)
    if root_paths is not None:
        fragment(ROOT_PATHS_KEY, lambda: root_paths, request)
    if not routed:
        _remember_route(request, key, generation)


def _restore_route(request, key, generation):
    value = recall(key, generation)
    if value is None:
        return False
    label, pk, subpath, unrestricted, ancestors = value
    model = apps.get_model(label)
    queryset = model._default_manager.filter(pk=pk, live=True)
    related = getattr(model, "serve_select_related", ())
    if related:
        queryset = queryset.select_related(*related)
    page = queryset.first()
    if page is None:
        return False
    if unrestricted:
        # The route was recorded with no view restriction on the page or its ancestors,
        # and any change to restrictions, aliases or the tree replaces the generation.
        internals.skip_view_restrictions(page)
    internals.attach_ancestors(page, ancestors)
    if subpath is None:
        internals.use_route(request, page)
    else:
        match = page.resolve_subpage(subpath)
        request.routable_resolver_match = match
        internals.use_route(request, page, args=(match.func, match.args, match.kwargs))
    return True


def _remember_route(request, key, generation):
    result = internals.found_route(request)
    site = internals.found_site(request)
    if result is None or site is None:
        return
    page, args, kwargs = result
    if kwargs:
        return
    requested = [part for part in request.path_info.split("/") if part]
    root_url_path = site.root_page.url_path
    if not page.url_path.startswith(root_url_path):
        return
    own = [part for part in page.url_path[len(root_url_path) :].split("/") if part]
    if requested[: len(own)] != own:
        return
    remaining = requested[len(own) :]
    if args:
        if getattr(request, "routable_resolver_match", None) is None:
            return  # a custom route() we cannot replay
        subpath = "/" + "".join(f"{part}/" for part in remaining)
    elif remaining:
        return
    else:
        subpath = None
    unrestricted = not page.get_view_restrictions().exists()
    ancestors = tuple(Page.objects.ancestor_of(page).order_by("path"))
    remember(key, (page._meta.label, page.pk, subpath, unrestricted, ancestors), generation)
