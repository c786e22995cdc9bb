from django import template

from wagtail.models import Page, Site

from core.fragments import fragment
from core.pages import display_ancestors as _display_ancestors
from core.prepared import prepared

register = template.Library()


@register.filter
def display_ancestors(page):
    """The page's ancestors from the home page down, for its breadcrumb."""
    return _display_ancestors(page)


@prepared
def _menu_pages(depth, first_path, last_path):
    """The live pages shown in menus at `depth` with paths from `first_path` to `last_path`:
    a page's children (treebeard's path range), with only what a menu item and its URL need
    (Page.get_url reads url_path): a page row has thirty columns."""
    return (
        Page.objects.filter(
            depth=depth, path__range=(first_path, last_path), live=True, show_in_menus=True
        )
        .order_by("path")
        .only("path", "depth", "title", "url_path")
    )


def _menu(site, request):
    """(pk, path, title, url) for the home page and its live children shown in menus. URLs
    through the request, which holds the site root paths once for every page."""
    root = site.root_page
    last_child = root.path + Page.alphabet[-1] * Page.steplen
    children = _menu_pages(root.depth + 1, root.path, last_child)
    return (
        (root.pk, root.path, "Home", root.get_url(request)),
        *((child.pk, child.path, child.title, child.get_url(request)) for child in children),
    )


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The home page's live children that are shown in menus, marking the current section."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    (root_pk, _path, title, url), *sections = fragment(
        f"main-navigation:{site.pk}", lambda: _menu(site, request), request
    )
    items = [{"title": title, "url": url, "active": current is not None and current.pk == root_pk}]
    for _pk, path, title, url in sections:
        active = current is not None and current.path.startswith(path)
        items.append({"title": title, "url": url, "active": active})
    return {"items": items}
