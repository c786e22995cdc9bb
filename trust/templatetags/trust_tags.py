from django import template

from core.fragments import fragment

register = template.Library()


def _footer_links():
    from trust.models import InfoPage, SitemapPage

    pages = list(InfoPage.objects.live().public().order_by("footer_order", "title"))
    pages += list(SitemapPage.objects.live().public())
    return [(page.title, page.get_url()) for page in pages]


@register.simple_tag(takes_context=True)
def trust_links(context):
    """[(title, url)] of the live pages about the site, for the footer (one query, then
    remembered until content changes)."""
    return fragment("trust-links", _footer_links, context.get("request"))
