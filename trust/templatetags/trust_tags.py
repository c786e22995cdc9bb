from django import template

from core.sections import site_page_links

register = template.Library()


@register.simple_tag
def trust_links():
    """[(title, url)] of the live pages about the site, for the footer (cached until the page
    tree changes: core.sections)."""
    return [(title, url) for title, url, _slug in site_page_links()]


@register.simple_tag
def trust_page_url(slug):
    """The address of the live page about the site with this slug, or ""."""
    return next((url for _t, url, found in site_page_links() if found == slug), "")
