"""The site root: what NeuroPain is and where to go next.

The home page was created by the core app; its tables keep their names (``db_table``).
"""

from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from articles.models import ArticlePage
from core.models import INTRO_FEATURES
from core.sections import section_urls
from review.permissions import GovernedPageMixin


class HomePage(GovernedPageMixin, Page):
    """The site root: what NeuroPain is and where to go next."""

    intro = RichTextField(features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_articles", label="Featured articles", max_num=6),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.ArticleIndexPage",
        "drugs.DrugIndexPage",
        "physicians.PhysicianSearchPage",
        "quizzes.QuizIndexPage",
        "glossary.GlossaryIndexPage",
        "trust.InfoPage",
        "trust.SitemapPage",
    ]
    max_count = 1

    class Meta:
        db_table = "core_homepage"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = [item.page for item in self.featured_articles.select_related("page")]
        featured = [page for page in featured if page.live]
        if not featured:
            featured = list(ArticlePage.objects.live().public().order_by("-first_published_at")[:6])
        context.update(featured_articles=featured, sections=section_urls())
        return context


class HomePageFeaturedArticle(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    page = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        db_table = "core_homepagefeaturedarticle"
