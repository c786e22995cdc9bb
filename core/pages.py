"""What every section page shares (articles, drugs A–Z, quizzes, glossary, find a physician):
one per site, under the home page, a title and an intro (templates/section_page.html)."""

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
