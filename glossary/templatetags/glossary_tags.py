from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from glossary.markup import mark_terms, state_for

register = template.Library()


@register.simple_tag(takes_context=True)
def glossarize(context, value):
    """Rich text with the first occurrence in this article of each glossary term marked.

    Usage in a body block template: ``{% glossarize value %}``. The blocks of one article share
    the state kept on the page in the context, so each term is marked once per article. It is
    a tag rather than a filter because it reads `page` from the context: where there is no
    page (block previews, plain-text rendering for reading time) the text is left unmarked.
    """
    if value is None:
        return ""
    html = str(conditional_escape(value))
    page = context.get("page")
    if page is None:
        return mark_safe(html)  # noqa: S308 - conditional_escape made it safe
    return mark_safe(mark_terms(html, state_for(page)))  # noqa: S308 - re-escaped by mark_terms
