from django import template

from core.fragments import fragment

register = template.Library()


def _links():
    from wagtail.models import Page

    from trust.models import InfoPage, SitemapPage

    pages = Page.objects.live().type(InfoPage, SitemapPage).order_by("path")
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
