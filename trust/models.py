"""Pages about the site itself (About, how we write and review, contact, privacy,
accessibility) and the sitemap for people: what readers check before they trust a health site.

These describe NeuroPain, not medicine, so they are not in the "Medical review" workflow.
`load_site_content` creates them from trust/data/ and never overwrites an editor's change.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.fragments import exclude_private
from core.loading import LoadOwnedPage
from review.permissions import GovernedPageMixin

BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
# Pages listed per section on the sitemap; a section with more links to its own listing.
SITEMAP_SECTION_LIMIT = 100


class InfoPage(GovernedPageMixin, LoadOwnedPage, Page):
    """A page about the site, linked from the footer in page-tree order (editors reorder
    the home page's children to reorder the links)."""

    summary = models.CharField(
        max_length=255, blank=True, help_text="One sentence shown in search and the sitemap."
    )
    body = RichTextField(features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "information page"


class SitemapPage(GovernedPageMixin, Page):
    """Every public page, grouped by section, for people (sitemap.xml is for search engines)."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        sections = list(
            exclude_private(Page.objects.child_of(home).live().public(), request)
            .exclude(pk=self.pk)
            .order_by("path")
            .only("title", "url_path", "path", "depth", "numchild")
        )
        children = {}
        for section in sections:
            if section.numchild:
                pages = (
                    Page.objects.child_of(section)
                    .live()
                    .public()
                    .order_by("title")
                    .only("title", "url_path", "path")
                )
                children[section.pk] = list(pages[: SITEMAP_SECTION_LIMIT + 1])
        context["sections"] = [
            (
                section,
                children.get(section.pk, [])[:SITEMAP_SECTION_LIMIT],
                len(children.get(section.pk, [])) > SITEMAP_SECTION_LIMIT,
            )
            for section in sections
        ]
        return context
