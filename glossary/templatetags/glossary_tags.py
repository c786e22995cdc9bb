from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from wagtail.rich_text import RichText, expand_db_html

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
    if isinstance(value, RichText):
        # What RichText renders through Wagtail's "wagtailcore/shared/richtext.html" (the
        # expanded HTML, unwrapped: tests/glossary check the template still adds nothing),
        # without a template render per paragraph and list item.
        html = expand_db_html(value.source)
    else:
        html = str(conditional_escape(value))
    page = context.get("page")
    if page is None:
        return mark_safe(html)  # noqa: S308 - conditional_escape made it safe
    return mark_safe(mark_terms(html, state_for(page)))  # noqa: S308 - re-escaped by mark_terms


def _spelling_key(name):
    """A name with case, spaces, hyphens and British/US spelling pairs ironed out."""
    key = "".join(ch for ch in name.casefold() if ch.isalnum())
    return key.replace("ae", "e").replace("oe", "e").replace("disk", "disc")


def _variant_of(key, other):
    """True if `key` is `other` in another form: plural, adjective, a word added or left off
    (they differ only in their last two letters or one extends the other)."""
    shared = 0
    for a, b in zip(key, other, strict=False):
        if a != b:
            break
        shared += 1
    shortest = min(len(key), len(other))
    return shortest >= 4 and shared >= shortest - 2


@register.filter
def also_called(term):
    """The aliases a reader would call the term, without the forms kept only for matching
    (plurals, adjectives, hyphenated or British spellings, the term with a word added).

    A term's aliases exist so that its popover and search find "painkillers" and "pinched
    nerve" alike; the glossary page names only the genuinely different words.
    """
    kept, keys = [], [_spelling_key(term.term)]
    for alias in term.alias_list:
        key = _spelling_key(alias)
        if key and not any(_variant_of(key, other) for other in keys):
            kept.append(alias)
        keys.append(key)
    return kept
