"""Patient-education articles and their index."""

import math

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import strip_tags

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.cache import exclude_private, fragment
from core.models import INTRO_FEATURES, MedicalReviewMixin

from .blocks import ArticleBodyBlock, heading_anchor

WORDS_PER_MINUTE = 200
ARTICLES_PER_PAGE = 20


class ArticleIndexPage(Page):
    intro = RichTextField(features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = exclude_private(ArticlePage.objects.child_of(self).live(), request)
        # Listings show titles and summaries: leave the bodies in the database.
        articles = articles.defer_streamfields().order_by("title")
        topics = fragment(
            "article-topics",
            lambda: sorted({tag.name for tag in ArticlePageTag.tags_for(ArticlePage)}),
            request,
        )
        topic = request.GET.get("topic", "")
        if topic in topics:
            articles = articles.filter(tags__name=topic)
        else:
            topic = ""
        page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        context.update(articles=page, topics=topics, topic=topic)
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(MedicalReviewMixin, Page):
    """One patient-education article, with who wrote and reviewed it and where it came from."""

    summary = models.TextField(
        max_length=500, help_text="One or two plain sentences shown in listings and search."
    )
    body = StreamField(ArticleBodyBlock())
    source_publisher = models.CharField(max_length=255, blank=True)
    source_url = models.URLField(blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name="topics")
    drugs = ParentalManyToManyField(
        "drugs.DrugPage", blank=True, related_name="mentioned_in", verbose_name="drugs mentioned"
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unidentified_brands = models.JSONField(
        default=list,
        blank=True,
        help_text="Brand-name rows from the source that matched no known drug; editors resolve them.",
    )

    # Import bookkeeping: which source document this page came from, and what the import
    # last wrote, so a re-import never overwrites an editor's changes.
    source_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    import_hash = models.CharField(max_length=64, blank=True, editable=False)
    imported_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attention = models.JSONField(
        default=list, blank=True, help_text="Import findings an editor should check."
    )
    is_synthetic = models.BooleanField(default=False, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("authors", label="Authors", min_num=0),
        InlinePanel("references", label="References"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("tags")]
    settings_panels = Page.settings_panels + [
        *MedicalReviewMixin.review_panels,
        MultiFieldPanel(
            [
                FieldPanel("source_publisher"),
                FieldPanel("source_url"),
                FieldPanel("drugs"),
                FieldPanel("unidentified_brands"),
                FieldPanel("quiz"),
            ],
            heading="Source and related content",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("is_synthetic"),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    # Joined when the page is loaded from a cached route (core.cache).
    serve_select_related = ("reviewer",)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query per relation the template shows, however many rows each has.
        from drugs.models import DrugPage

        prefetch_related_objects(
            [self],
            Prefetch("authors", queryset=ArticleAuthor.objects.select_related("person")),
            Prefetch("drugs", queryset=DrugPage.objects.prefetch_related("brand_names")),
            "references",
            "tags",
        )
        return context

    @property
    def headings(self):
        """(anchor, text) for each section heading, for the on-page contents."""
        return [
            (heading_anchor(block.value["text"]), block.value["text"])
            for block in self.body
            if block.block_type == "heading"
        ]

    @property
    def reading_time(self):
        """Whole minutes to read the body at an unhurried pace.

        Counted from the stored text, not the rendered HTML: rendering the body twice per
        request cost more than the rest of the page."""
        texts = []
        for block in self.body.raw_data:
            _collect_text(block["value"], texts)
        words = len(strip_tags(" ".join(texts)).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))


# Block fields that hold settings or links, not words a reader reads.
NON_TEXT_KEYS = frozenset({"level", "verb", "page", "url", "kind"})


def _collect_text(value, texts):
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NON_TEXT_KEYS:
                _collect_text(item, texts)
    elif isinstance(value, list):
        for item in value:
            _collect_text(item, texts)


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("person")]

    def __str__(self):
        return str(self.person)


class ArticleReference(Orderable):
    """A numbered citation; its number is its position in the list."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="references")
    authors = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=500)
    journal = models.CharField(max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=40, blank=True)
    doi = models.CharField(max_length=255, blank=True, verbose_name="DOI")
    pubmed_id = models.CharField(max_length=20, blank=True, verbose_name="PubMed ID")

    panels = [
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldPanel("journal"),
        FieldPanel("year"),
        FieldPanel("volume"),
        FieldPanel("issue"),
        FieldPanel("pages"),
        FieldPanel("doi"),
        FieldPanel("pubmed_id"),
    ]

    def __str__(self):
        return self.title

    @property
    def link(self):
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pubmed_id:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pubmed_id}/"
        return ""
