"""What every section page shares (articles, drugs A–Z, quizzes, glossary, find a physician):
one per site, under the home page, a title and an intro (templates/section_page.html); and
the ancestors every page's breadcrumb shows."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .models import INTRO_FEATURES


class SectionPage(Page):
    intro = RichTextField(features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


def display_ancestors(page):
    """The page's ancestors from the site's home page down (the tree's root left out), for
    breadcrumbs and their schema.org BreadcrumbList: read once per page object, or handed over
    by the serve view, which has just read them to route the request."""
    try:
        return page._neuropain_display_ancestors
    except AttributeError:
        set_display_ancestors(page, page.get_ancestors())
        return page._neuropain_display_ancestors


def set_display_ancestors(page, ancestors):
    page._neuropain_display_ancestors = [ancestor for ancestor in ancestors if ancestor.depth > 1]
