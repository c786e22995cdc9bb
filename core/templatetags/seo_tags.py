from django import template

from core.pages import display_ancestors
from core.structured_data import SITE_NAME, breadcrumb_list, json_ld, plain_text

register = template.Library()


@register.inclusion_tag("core/page_meta.html", takes_context=True)
def page_meta(context, description="", og_type="website"):
    """Open Graph tags and JSON-LD (the page's own, plus its BreadcrumbList) for <head>.

    The page's schema.org data comes from `structured_data` in the template context (a list
    of dicts its get_context built); pages with a breadcrumb also get a BreadcrumbList, unless
    that data holds one already (an article's, kept with its shared fragment).
    """
    request = context.get("request")
    page = context.get("page")
    data = list(context.get("structured_data") or [])
    meta = {"request": request, "site_name": SITE_NAME, "og_type": og_type}
    if page is not None:
        meta.update(
            title=page.seo_title or page.title,
            description=page.search_description or plain_text(description, words=60),
            url=page.get_full_url(request),
        )
        has_breadcrumb = any(item.get("@type") == "BreadcrumbList" for item in data)
        if page.depth > 2 and not has_breadcrumb:
            data.append(breadcrumb_list(page, display_ancestors(page), request))
    meta["json_ld"] = [json_ld(item) for item in data]
    return meta
