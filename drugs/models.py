"""Drugs A–Z: one page per generic drug, with its brand names as inline rows."""

import string

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.text import slugify

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core import structured_data as schema
from core.drafts import ReviewedSnippetMixin, reviewed_snippet_relations
from core.fragments import counted_paginator, exclude_private, fragment
from core.loading import LoadOwnedPage
from core.models import INTRO_FEATURES
from core.pages import SectionPage
from review.forms import MedicalReviewPageForm
from review.models import MedicalReviewMixin
from review.permissions import GovernedPageMixin

from .labels import DrugLabel  # noqa: F401 - defined beside, registered with the app here
from .leaflet import SourceBlock, leaflet_block_counts, leaflet_block_types, shown_sections
from .panels import FdaLabelPanel

DRUGS_PER_PAGE = 100


class DrugClass(ReviewedSnippetMixin, index.Indexed, models.Model):
    workflow_states, revisions = reviewed_snippet_relations("drug_class")
    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "drug classes"

    def __str__(self):
        return self.name


class Route(models.Model):
    """How a drug is taken (oral, topical, ...): a fixed vocabulary created by migration."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DrugIndexPage(GovernedPageMixin, RoutablePageMixin, SectionPage):
    subpage_types = ["drugs.DrugPage"]

    @path("")
    def index_route(self, request):
        response = self.render(request)
        if response.context_data.get("filter_errors"):
            response.status_code = 400
        return response

    def route(self, request, path_components):
        """`/drugs/<brand>/` reaches the drug too, when no page has that slug."""
        try:
            return super().route(request, path_components)
        except Http404:
            brand = self.live and len(path_components) == 1 and self.find_brand(path_components[0])
            if not brand:
                raise
            # Not a routable path: serving.routes does not remember it (cannot replay it).
            return RouteResult(self, args=(self.brand_redirect, (brand,), {}))

    def find_brand(self, name):
        """The live brand name under this index whose slug matches `name`, in any case."""
        slug = slugify(name)[:255]
        if not slug:
            return None
        return (
            BrandName.objects.select_related("page")
            .filter(slug=slug, page__live=True, page__path__startswith=self.path)
            .order_by("page__title")
            .first()
        )

    @path("brand/<str:brand_slug>/", name="brand")
    def brand_route(self, request, brand_slug):
        """A brand name's URL sends the reader to its generic drug's page, which says why."""
        brand = self.find_brand(brand_slug)
        if brand is None:
            raise Http404("No drug has that brand name.")
        return self.brand_redirect(request, brand)

    def brand_redirect(self, request, brand):
        query = urlencode({"brand": brand.slug})
        return redirect(f"{brand.page.get_url(request)}?{query}", permanent=True)

    def get_context(self, request, *args, **kwargs):
        """Drugs A–Z, filtered by first letter and drug class. Unknown filter values are
        reported (the route answers 400) rather than silently ignored."""
        context = super().get_context(request, *args, **kwargs)
        classes = fragment(
            "drug-classes",
            lambda: tuple(DrugClass.objects.filter(live=True, drugs__live=True).distinct()),
            request,
        )
        letter = request.GET.get("letter", "").strip().upper()
        drug_class = request.GET.get("class", "").strip()
        errors = []
        if letter and (len(letter) != 1 or letter not in string.ascii_uppercase):
            errors.append(("letter", "Choose a single letter from A to Z."))
        if drug_class and drug_class not in {c.slug for c in classes}:
            errors.append(("class", "Choose a drug class from the list."))
        drugs = (
            exclude_private(DrugPage.objects.child_of(self).live(), request)
            .select_related("drug_class")
            .defer("leaflet", "leaflet_sources")
            .order_by("title")
        )
        if errors:
            drugs, letter, drug_class = drugs.none(), "", ""
        # Every letter A-Z; those with no drugs (in the chosen class) are shown, not linked.
        in_class = drugs.filter(drug_class__slug=drug_class) if drug_class else drugs
        used = fragment(
            f"drug-letters:{self.pk}:{drug_class}:{bool(errors)}",
            lambda: frozenset(
                title[:1].upper() for title in in_class.values_list("title", flat=True)
            ),
            request,
        )
        if letter:
            drugs = drugs.filter(title__istartswith=letter)
        if drug_class:
            drugs = drugs.filter(drug_class__slug=drug_class)
        count_key = f"drug-count:{self.pk}:{letter}:{drug_class}:{bool(errors)}"
        paginator = counted_paginator(drugs, DRUGS_PER_PAGE, count_key, request)
        page = paginator.get_page(request.GET.get("page"))
        # Brand names as plain strings, in one query: a hundred drugs' brand names as model
        # instances, through modelcluster's managers, took a quarter of the page's time.
        brands = {}
        for drug_id, name in (
            BrandName.objects.filter(page__in=[drug.pk for drug in page])
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "name")
        ):
            brands.setdefault(drug_id, []).append(name)
        for drug in page:
            drug.brand_list = brands.get(drug.pk, [])
        context.update(
            drugs=page,
            letters=[(each, each in used) for each in string.ascii_uppercase],
            letter=letter,
            drug_classes=classes,
            drug_class=drug_class,
            filter_errors=dict(errors),
        )
        return context


class DrugPage(GovernedPageMixin, MedicalReviewMixin, LoadOwnedPage, Page):
    """A generic drug. The page title is the generic name."""

    drug_class = models.ForeignKey(
        DrugClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="drugs"
    )
    routes = ParentalManyToManyField(Route, blank=True, related_name="drugs")
    description = RichTextField(
        features=INTRO_FEATURES, blank=True, help_text="Plain-language: what it is, what it treats."
    )
    rxcui = models.CharField(
        "RxNorm code",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^[0-9]+$", "An RxNorm code (RXCUI) is digits only.")],
        help_text="The RxNorm ingredient concept id (RXCUI), e.g. 25480 for gabapentin.",
    )
    leaflet = StreamField(
        leaflet_block_types(),
        block_counts=leaflet_block_counts(),
        blank=True,
        help_text=(
            "The patient leaflet, written from the sources below. Readers see the sections in a "
            "fixed order; empty ones are not shown."
        ),
    )
    leaflet_sources = StreamField(
        [("source", SourceBlock())],
        blank=True,
        help_text="Where the leaflet's facts come from. Required once the leaflet has text.",
    )
    # Whether the live page has a leaflet and an FDA label, kept by save() for the A–Z and
    # search markers (so listings never load leaflets or labels).
    has_leaflet = models.BooleanField(default=False, editable=False)
    has_label = models.BooleanField(default=False, editable=False)

    # Import bookkeeping, as on ArticlePage: the reference entry this page was made from (what
    # the import last wrote is LoadOwnedPage's), so a re-import never overwrites an editor.
    source_key = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    base_form_class = MedicalReviewPageForm

    content_panels = Page.content_panels + [
        FieldPanel("drug_class"),
        FieldPanel("routes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldPanel("rxcui"),
        InlinePanel("brand_names", label="Brand names"),
        MultiFieldPanel(
            [FieldPanel("leaflet"), FieldPanel("leaflet_sources")],
            heading="Patient leaflet",
        ),
        FdaLabelPanel(),
    ]
    settings_panels = Page.settings_panels + MedicalReviewMixin.review_panels

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.RelatedFields("brand_names", [index.SearchField("name", boost=2)]),
        index.RelatedFields("drug_class", [index.SearchField("name")]),
    ]

    parent_page_types = ["drugs.DrugIndexPage"]
    subpage_types = []
    # Joined when the page is loaded from a remembered route (serving.routing).
    serve_select_related = ("drug_class", "reviewer")

    @property
    def generic_name(self):
        return self.title

    def with_content_json(self, content):
        # Like the load bookkeeping (LoadOwnedPage), the source describes the live row.
        page = super().with_content_json(content)
        page.source_key = self.source_key
        return page

    def leaflet_sections(self):
        return shown_sections(self.leaflet, self.title)

    def clean(self):
        super().clean()
        if self.leaflet_sections() and not len(self.leaflet_sources):
            raise ValidationError(
                {"leaflet_sources": "Name the source of the leaflet's facts (at least one)."}
            )

    def save(self, *args, **kwargs):
        self.has_leaflet = bool(self.leaflet_sections())
        self.has_label = bool(self.fda_labels.all())
        super().save(*args, **kwargs)

    @property
    def mentioned_in(self):
        """The articles that list this drug under "Drugs mentioned" (their rows point here)."""
        article_model = self.article_links.model._meta.get_field("page").related_model
        return article_model.objects.filter(pk__in=self.article_links.values("page_id"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        brands = list(self.brand_names.all())
        label = next(iter(self.fda_labels.all()), None)
        sections = self.leaflet_sections()
        # Reached from a brand's address (?brand=neurontin): say why. Anything else is ignored.
        asked = request.GET.get("brand", "")[:255]
        reached_by = next((b for b in brands if asked and b.slug == slugify(asked)), None)
        routes = list(self.routes.all())
        parent_url = self.get_parent().get_url(request)
        articles = exclude_private(self.mentioned_in.live(), request)
        context.update(
            brands=brands,
            routes=routes,
            class_url=(
                f"{parent_url}?class={self.drug_class.slug}"
                if self.drug_class and parent_url
                else ""
            ),
            articles=articles.order_by("title").only("title", "url_path", "path"),
            leaflet_sections=sections,
            label=label,
            reached_by=reached_by,
            structured_data=[
                self.drug_schema(request, brands, routes),
                *self.review_schema(request),
            ],
        )
        return context

    def review_schema(self, request):
        """schema.org MedicalWebPage about the drug with reviewedBy and lastReviewed, only when
        a named reviewer approved this page (Drug itself has no review properties)."""
        facts = schema.review_facts(self)
        if not facts:
            return []
        return [
            {
                "@context": schema.SCHEMA,
                "@type": "MedicalWebPage",
                "name": self.title,
                "about": {"@type": "Drug", "name": self.title},
                "url": self.get_full_url(request),
                **facts,
            }
        ]

    def drug_schema(self, request, brands, routes):
        """schema.org Drug: the generic name and every brand name, class and routes."""
        return schema.without_empty(
            {
                "@context": schema.SCHEMA,
                "@type": "Drug",
                "name": self.title,
                "nonProprietaryName": self.title,
                "proprietaryName": [brand.name for brand in brands],
                "alternateName": [brand.name for brand in brands],
                "code": schema.rxnorm_code(self.rxcui),
                "drugClass": (
                    {"@type": "DrugClass", "name": self.drug_class.name}
                    if self.drug_class
                    else None
                ),
                "administrationRoute": [route.name for route in routes],
                "description": schema.plain_text(self.description),
                "url": self.get_full_url(request),
            }
        )


class BrandName(Orderable):
    page = ParentalKey(DrugPage, on_delete=models.CASCADE, related_name="brand_names")
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, editable=False, db_index=True)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "name"], name="unique_brand_per_drug")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = " ".join(self.name.split())
        if not self.name:
            raise ValidationError({"name": "Enter a brand name."})

    def save(self, *args, **kwargs):
        self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)
