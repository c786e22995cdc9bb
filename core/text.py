"""Small text helpers shared by page types."""

from django.utils.text import slugify


def heading_anchor(text):
    """Stable id for a section heading, used by the on-page contents and quiz links."""
    return slugify(text) or "section"
