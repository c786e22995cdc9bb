"""Patient-education articles and their index."""

import math
import re

from django.db import models
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search import index

from core import structured_data as schema
from core.fragments import counted_paginator, exclude_private, fragment, shared_fragment
from core.loading import LoadOwnedPage
from core.pages import SectionPage, display_ancestors
from core.panels import ReadabilityPanel
from core.text import heading_anchor
from review.models import MedicalReviewMixin
from review.permissions import GovernedPageMixin

from . import queries
from .blocks import ArticleBodyBlock
from .citations import add_citation_anchors, cited_lead, cited_numbers, numbered
from .forms import ArticlePageForm, UnidentifiedBrandsPanel
from .inlines import ArticleAuthor, ArticleDrug, ArticleReference  # noqa: F401 - registered here
from .panels import BodyWarningsPanel
from .problems import TAG, find_problems, hidden_indexes, repeated_lead_index, trimmed_paragraphs
from .tables import drug_rows, reference_items

WORDS_PER_MINUTE = 200
ARTICLES_PER_PAGE = 20
# Keys of stored block values that hold settings or ids rather than words a reader reads.
NON_TEXT_KEYS = {"id", "type", "level", "kind", "verb", "url", "page"}


def _stored_text(value):
    """Every piece of reader-visible text in a StreamField's stored (JSON) form."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NON_TEXT_KEYS:
                yield from _stored_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from _stored_text(item)


class ArticleIndexPage(GovernedPageMixin, SectionPage):
    subpage_types = ["articles.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = exclude_private(ArticlePage.objects.child_of(self).live(), request)
        # Listings show titles and summaries: leave the bodies in the database.
        articles = articles.defer_streamfields().order_by("title")
        topics = fragment(
            "article-topics",
            lambda: sorted({tag.name for tag in ArticlePageTag.tags_for(ArticlePage)}),
            request,
            per_page=True,  # a new article brings its topics
        )
        topic = request.GET.get("topic", "").strip()
        topic_error = ""
        if topic and topic not in topics:
            topic_error = "Choose a topic from the list."
            topic, articles = "", articles.none()
        elif topic:
            articles = articles.filter(tags__name=topic)
        paginator = counted_paginator(
            articles, ARTICLES_PER_PAGE, f"article-count:{self.pk}:{topic}", request
        )
        page = paginator.get_page(request.GET.get("page"))
        context.update(articles=page, topics=topics, topic=topic, topic_error=topic_error)
        return context

    def serve(self, request, *args, **kwargs):
        """An unknown topic answers 400 with the list of topics, never an empty 200."""
        response = super().serve(request, *args, **kwargs)
        if response.context_data.get("topic_error"):
            response.status_code = 400
        return response


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(GovernedPageMixin, MedicalReviewMixin, LoadOwnedPage, Page):
    """One patient-education article, with who wrote and reviewed it and where it came from."""

    summary = models.TextField(
        max_length=500, help_text="One or two plain sentences shown in listings and search."
    )
    body = StreamField(ArticleBodyBlock())
    source_publisher = models.CharField(max_length=255, blank=True)
    source_url = models.URLField(blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name="topics")
    quiz = models.ForeignKey(
        "quizzes.QuizPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unidentified_brands = models.JSONField(
        default=list,
        blank=True,
        help_text="Brand-name rows from the source that matched no known drug; editors resolve them.",
    )

    # Import bookkeeping: which source document this page came from (what the import last
    # wrote is LoadOwnedPage's), so a re-import never overwrites an editor's changes.
    source_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    attention = models.JSONField(
        default=list, blank=True, help_text="Import findings an editor should check."
    )

    base_form_class = ArticlePageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        BodyWarningsPanel(),
        FieldPanel("body"),
        ReadabilityPanel(),
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
                # A page chooser (drug pages only) that takes several at once, then reorders.
                MultipleChooserPanel(
                    "drug_links", chooser_field_name="drug", heading="Drugs mentioned", label="Drug"
                ),
                UnidentifiedBrandsPanel(),
                FieldPanel("quiz"),
            ],
            heading="Source and related content",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "drug_links", [index.RelatedFields("drug", [index.SearchField("title")])]
        ),
        index.SearchField("headings", boost=2),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    # Joined when the page is loaded from a remembered route (serving.routing).
    serve_select_related = ("reviewer",)

    @classmethod
    def get_indexed_objects(cls):
        """With the titles of the drugs each article lists, in one query (the rest of a drug's
        row is long and not indexed with the article)."""
        drugs = ArticleDrug._meta.get_field("drug").related_model.objects.only("title")
        return super().get_indexed_objects().prefetch_related(Prefetch("drug_links__drug", drugs))

    def with_content_json(self, content):
        # Like the load bookkeeping (LoadOwnedPage), the source describes the live row.
        page = super().with_content_json(content)
        page.source_key = self.source_key
        return page

    @property
    def headings(self):
        """(anchor, text) for each section heading, for the on-page contents.

        Read from the stored data: iterating the body would load every block, including the
        pages that link blocks choose."""
        raw = list(self.body.raw_data)
        hidden = hidden_indexes(self.body_problems)
        return [
            (heading_anchor(block["value"]["text"]), block["value"]["text"])
            for index, block in enumerate(raw)
            if block["type"] == "heading" and index not in hidden
        ]

    @property
    def body_problems(self):
        """What in the body would read as broken text (articles.problems), in body order.

        Found once per body value: the contents list and the body's rendering both need it.
        A body assigned anew is scanned anew."""
        return self._per_body("problems", lambda body: find_problems(body.raw_data))

    @property
    def body_text(self):
        """The body's stored text (HTML of rich text included), without rendering any block."""
        return self._per_body("text", lambda body: "\n".join(_stored_text(body.get_prep_value())))

    def _per_body(self, name, build):
        """`build(body)`, kept on this object while its body is the same value: a render asks
        for the problems, the text and the reading time more than once. A body assigned anew
        (or grown or shrunk in place) is read anew."""
        body = self.body
        key = f"_body_memo_{name}"
        memo = self.__dict__.get(key)
        if memo is None or memo[0] is not body or memo[1] != len(body.raw_data):
            memo = (body, len(body.raw_data), build(body))
            self.__dict__[key] = memo
        return memo[2]

    @property
    def reading_time(self):
        """Whole minutes to read the body at an unhurried pace.

        Counted from the stored text, not the rendered HTML: rendering the body twice per
        request cost more than the rest of the page."""
        words = len(TAG.sub(" ", self.body_text).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        """The article and its schema.org data, built once per revision and content generation
        and shared by every worker: a cache read instead of a dozen queries and a template per
        block. Previews, and any request while the cache is unreachable, build it afresh."""
        context = super().get_context(request, *args, **kwargs)
        host = request.get_host() if request is not None else ""
        # The day is part of the key: "due for review" turns on when the date passes.
        key = f"article:{self.pk}:{self.live_revision_id}:{host}:{timezone.localdate()}"
        article_html, structured_data = shared_fragment(
            key, lambda: self.render_article(request), request
        )
        context.update(
            article_html=mark_safe(article_html),  # noqa: S308 - rendered by our templates
            structured_data=structured_data,
        )
        return context

    def render_article(self, request):
        """(HTML of the <article>, [schema.org dicts]): everything in it fetched at once, in a
        constant number of queries however many authors, references, drugs or brands."""
        authors = [
            author.person
            for author in queries.rows(self.authors, queries.authors, self.pk)
            if author.person.live
        ]
        drugs = self.mentioned_drugs(live=True)
        topics = self.topic_names()
        lead_html, body_html = self.render_body(request)
        context = {
            "page": self,
            "request": request,
            "lead_html": mark_safe(lead_html),  # noqa: S308 - the stored paragraph's rich text
            "body_html": mark_safe(body_html),  # noqa: S308 - rendered by our block templates
            "article_authors": authors,
            # Only markers readers see get a back-link (a hidden block's would lead nowhere).
            "reference_items": reference_items(
                numbered(queries.rows(self.references, queries.references, self.pk)),
                cited_numbers(lead_html + body_html),
            ),
            "drug_rows": drug_rows(drugs, queries.brand_names(drugs), request),
            "topics": topics,
            # The index links topics: the parent the breadcrumb shows.
            "topics_url": display_ancestors(self)[-1].get_url(request) if topics else "",
        }
        html = render_to_string("includes/article.html", context)
        # The BreadcrumbList travels with the article, so a page served from the fragment
        # does not read its ancestors again for it (core.templatetags.seo_tags.page_meta).
        crumbs = schema.breadcrumb_list(self, display_ancestors(self), request)
        return html, [self.medical_web_page(request, authors, drugs), crumbs]

    def topic_names(self):
        """The names of the article's tags; a preview's unsaved ones included."""
        if queries.saved(self.tagged_items):  # where the tags manager keeps a preview's tags
            return queries.topic_names(self.pk)
        return [tag.name for tag in self.tags.all()]

    def mentioned_drugs(self, live=False):
        """The drug pages under "Drugs mentioned", in the editor's order, each once; a preview's
        unsaved list included. Saved rows are read in one query of the two columns an article
        shows of a drug (its title and address): a drug page's leaflet and label are long."""
        links = self.drug_links.all()
        if isinstance(links, models.QuerySet):
            drugs = (queries.live_drugs if live else queries.mentioned_drugs)(self.pk)
        else:  # a preview's list, held in memory by the form (modelcluster)
            drugs = [link.drug for link in links if link.drug_id and (link.drug.live or not live)]
        return list({drug.pk: drug for drug in drugs}.values())

    def render_body(self, request):
        """(lead HTML, body HTML): the body's blocks through their templates, glossary terms
        and citation anchors marked. A plain context: the blocks need the page and the request,
        nothing else. A first paragraph repeating the summary is shown once, as the header's
        lead; the lead HTML is that paragraph when it carries citation markers (so they stay),
        else "" and the header shows the summary."""
        problems = self.body_problems
        hidden, trimmed = hidden_indexes(problems), trimmed_paragraphs(problems)
        lead_html = ""
        repeated = repeated_lead_index(self.body.raw_data, self.summary, hidden)
        if repeated is not None:
            lead_html = cited_lead(self.body.raw_data[repeated]["value"])
            if lead_html is not None:
                hidden = hidden | {repeated}
        blocks = [
            StreamValue.StreamChild(child.block, RichText(trimmed[index]), id=child.id)
            if index in trimmed
            else child
            for index, child in enumerate(self.body)
            if index not in hidden
        ]
        html = render_to_string(
            "includes/article_body.html", {"page": self, "request": request, "blocks": blocks}
        )
        anchored = set()  # the first marker of each reference, lead or body, gets its id
        lead_html = add_citation_anchors(lead_html or "", anchored)
        return lead_html, add_citation_anchors(html, anchored)

    def medical_web_page(self, request, authors, drugs):
        """schema.org MedicalWebPage: what the page is about, who wrote and reviewed it, when."""
        modified = self.last_modified or (self.last_published_at and self.last_published_at.date())
        return schema.without_empty(
            {
                "@context": schema.SCHEMA,
                "@type": "MedicalWebPage",
                "name": self.title,
                "headline": self.title,
                "description": self.search_description or self.summary,
                "url": self.get_full_url(request),
                "inLanguage": "en",
                # "Neuropathic Pain: Causes and Treatment" is about neuropathic pain.
                "about": {
                    "@type": "MedicalCondition",
                    "name": re.split(r"[:(]", self.title)[0].strip() or self.title,
                },
                "author": [schema.person(person) for person in authors],
                **schema.review_facts(self),
                "dateModified": schema.iso_date(modified),
                "datePublished": schema.iso_date(
                    self.first_published_at and self.first_published_at.date()
                ),
                "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
                "mentions": [
                    {"@type": "Drug", "name": drug.title, "url": drug.get_full_url(request)}
                    for drug in drugs
                ],
                "isBasedOn": self.source_url,
                "publisher": {"@type": "Organization", "name": schema.SITE_NAME},
            }
        )
