from django import template

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The home page's live children that are shown in menus, marking the current section."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    root = site.root_page
    current = context.get("page")
    items = [
        {"title": "Home", "url": root.url, "active": current is not None and current.pk == root.pk}
    ]
    for child in root.get_children().live().in_menu():
        active = current is not None and current.path.startswith(child.path)
        items.append({"title": child.title, "url": child.url, "active": active})
    return {"items": items}
