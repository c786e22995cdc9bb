from django import template
from django.utils import timezone

from core.structured_data import review_status as status_of

register = template.Library()


@register.inclusion_tag("includes/review_status.html")
def review_status(page):
    """The page's medical review in one line: who and when, that nobody has yet, or that the
    next review date has passed."""
    return {"status": status_of(page, timezone.localdate()), "page": page}
