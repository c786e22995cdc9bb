from django import template

from core.fragments import fragment

register = template.Library()


def _links():
    from trust.models import InfoPage, SitemapPage

    pages = list(InfoPage.objects.live().public().order_by("footer_order", "title"))
    pages += list(SitemapPage.objects.live().public())
    return [(page.title, page.get_url(), page.slug) for page in pages]


def _remembered(context):
    return fragment("trust-links", _links, context.get("request"))


@register.simple_tag(takes_context=True)
def trust_links(context):
    """[(title, url)] of the live pages about the site, for the footer (one query, then
    remembered until content changes)."""
    return [(title, url) for title, url, _slug in _remembered(context)]


@register.simple_tag(takes_context=True)
def trust_page_url(context, slug):
    """The address of the live page about the site with this slug, or ""."""
    return next((url for _t, url, found in _remembered(context) if found == slug), "")
