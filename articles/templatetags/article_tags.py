from django import template
from django.utils.safestring import mark_safe

from articles.citations import add_citation_anchors

register = template.Library()


@register.filter(is_safe=True)
def citation_anchors(html):
    """{% filter citation_anchors %}...{% endfilter %} around an article body."""
    return mark_safe(add_citation_anchors(str(html)))  # noqa: S308 - adds an id to trusted HTML
