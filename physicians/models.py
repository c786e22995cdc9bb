"""A find-a-physician directory. Listings are snippets, placed on the map by their ZIP code;
the search page finds them by distance from a ZIP (or by city and state). Shipped sample
listings are flagged and obviously fictional; listings loaded from the national provider
registry (NPPES) carry their NPI and are marked as such."""

import re
from urllib.parse import quote

from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.loading import LoadOwned
from core.models import INTRO_FEATURES
from core.pages import SectionPage
from review.forms import MedicalReviewPageForm
from review.models import MedicalReviewMixin
from review.permissions import GovernedPageMixin

from . import explainer, geo
from .choices import US_STATES, Source, Specialty
from .forms import PhysicianSearchForm
from .search import nearest_suggestion, search_physicians, widening_suggestions

RESULTS_PER_PAGE = 10
MAP_SEARCH_URL = "https://www.openstreetmap.org/search?query="

# Shown on the search page until an editor writes their own (load_site_content stores it).
DEFAULT_NOTICE = (
    "<p>This directory is a demonstration until real listings are loaded. The sample "
    "listings are fictional. A listing is not an endorsement or a recommendation: ask your own "
    "doctor for a referral and check any physician's credentials.</p>"
)

# What the notice becomes once the registry's listings are loaded (if no editor changed it).
REGISTRY_NOTICE = (
    "<p>Listings come from the US National Plan and Provider Enumeration System (NPPES), the "
    "national register of health care providers, and are updated monthly. A listing is not an "
    "endorsement or a recommendation: ask your own doctor for a referral and check any "
    "physician's credentials.</p>"
)

zip_validator = RegexValidator(r"^\d{5}$", "Enter a 5-digit ZIP code.")


class PhysicianQuerySet(models.QuerySet):
    def public(self):
        """Listings a patient may see (an editor or the registry import can unlist one)."""
        return self.filter(listed=True)

    def within(self, lat, lon, miles):
        """Listings within `miles` of a point, annotated with `distance` in miles."""
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, miles)
        return (
            self.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
            .annotate(distance=geo.distance_miles(lat, lon))
            .filter(distance__lte=miles)
        )

    def bulk_create(self, objs, *args, **kwargs):
        """Rows made in bulk (imports, scale data) are placed by their ZIP like saved ones."""
        objs = list(objs)
        for obj in objs:
            if obj.latitude is None:
                obj.locate()
        return super().bulk_create(objs, *args, **kwargs)


class Physician(index.Indexed, LoadOwned):
    name = models.CharField(max_length=255)
    practice = models.CharField(max_length=255, blank=True)
    specialty = models.CharField(max_length=40, choices=Specialty.choices, db_index=True)
    address = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=US_STATES)
    zip_code = models.CharField(max_length=5, validators=[zip_validator], db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    opening_hours = models.CharField(
        max_length=255, blank=True, help_text="For example: Monday to Friday, 8am to 5pm."
    )
    accepting_new_patients = models.BooleanField(default=True)
    listed = models.BooleanField(
        default=True,
        help_text="Shown in the public directory. The registry import unlists deactivated NPIs.",
    )
    is_sample = models.BooleanField(
        default=False, help_text="Fictional demonstration listing shipped with the site."
    )
    source = models.CharField(
        max_length=10, choices=Source.choices, default=Source.EDITOR, editable=False
    )
    npi = models.CharField("NPI", max_length=10, unique=True, null=True, blank=True, editable=False)
    deactivated_on = models.DateField(null=True, blank=True, editable=False)
    # The listing's ZIP centroid (set on save): what distances are measured to.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # What each loader writes, and so what an editor's change is recognised by (LoadOwned):
    # load_site_content's fictional samples, or the registry import's listings.
    SAMPLE_FIELDS = (
        "name",
        "zip_code",
        "practice",
        "specialty",
        "address",
        "city",
        "state",
        "phone",
        "accepting_new_patients",
        "is_sample",
    )
    REGISTRY_FIELDS = ("name", "specialty", "address", "city", "state", "zip_code", "phone")

    objects = PhysicianQuerySet.as_manager()

    @property
    def load_fields(self):
        return self.REGISTRY_FIELDS if self.source == Source.REGISTRY else self.SAMPLE_FIELDS

    panels = [
        FieldPanel("name"),
        FieldPanel("practice"),
        FieldPanel("specialty"),
        FieldPanel("address"),
        FieldPanel("city"),
        FieldPanel("state"),
        FieldPanel("zip_code"),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
        FieldPanel("accepting_new_patients"),
        FieldPanel("listed"),
        FieldPanel("is_sample"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("practice"),
        index.SearchField("city"),
        index.FilterField("specialty"),
        index.FilterField("state"),
        index.FilterField("accepting_new_patients"),
    ]

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["state", "city"], name="physician_state_city"),
            models.Index(fields=["latitude", "longitude"], name="physician_lat_lon"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_specialty_display()}, {self.city} {self.state})"

    def save(self, *args, **kwargs):
        self.locate()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "zip_code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "latitude", "longitude"}
        super().save(*args, **kwargs)

    def locate(self):
        self.latitude, self.longitude = geo.listing_location(self.zip_code) or (None, None)

    @property
    def full_address(self):
        street = f"{self.address}, " if self.address else ""
        return f"{street}{self.city}, {self.state} {self.zip_code}"

    @property
    def map_url(self):
        return MAP_SEARCH_URL + quote(self.full_address)

    @property
    def tel_href(self):
        """A dialable tel: link for a 10-digit US number (fictional 555-01xx numbers get none)."""
        digits = re.sub(r"\D", "", self.phone)
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        return f"tel:+1{digits}" if len(digits) == 10 else ""

    @property
    def phone_display(self):
        digits = self.tel_href[len("tel:+1") :]
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if digits else self.phone

    @property
    def distance_text(self):
        """'12 miles away' when the listing was found by distance, else ''."""
        distance = getattr(self, "distance", None)
        if distance is None:
            return ""
        if distance < 1:
            return "Less than 1 mile away"
        miles = round(distance)
        return f"{miles} mile{'s' if miles != 1 else ''} away"


class PhysicianSearchPage(GovernedPageMixin, MedicalReviewMixin, SectionPage):
    notice = RichTextField(
        features=INTRO_FEATURES,
        blank=True,
        help_text="Shown above results, e.g. that listings are a demonstration, not an endorsement.",
    )
    which_doctor = RichTextField(
        "Which doctor? explainer",
        features=["bold", "italic", "link", "h3", "ul"],
        blank=True,
        default=explainer.which_doctor,
        help_text="Plain facts from established public guidance only; medically reviewed.",
    )
    which_doctor_sources = RichTextField(
        "Which doctor? sources",
        features=INTRO_FEATURES,
        blank=True,
        default=explainer.which_doctor_sources,
        help_text="The public guidance the explainer is drawn from, named and linked.",
    )

    base_form_class = MedicalReviewPageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("notice"),
        MultiFieldPanel(
            [FieldPanel("which_doctor"), FieldPanel("which_doctor_sources")],
            heading="Which doctor?",
        ),
    ]
    settings_panels = Page.settings_panels + MedicalReviewMixin.review_panels
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = PhysicianSearchForm.from_query(request.GET)
        results, widen, nearest = None, [], None
        if form.is_bound and form.is_valid():
            criteria = form.cleaned_data
            found = search_physicians(Physician.objects.public(), criteria)
            results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            if not results.paginator.count:
                nearest = nearest_suggestion(Physician.objects.public(), criteria)
                widen = widening_suggestions(criteria)
        context.update(
            form=form,
            results=results,
            widen=widen,
            nearest=nearest,
            notice=self.notice or DEFAULT_NOTICE,
        )
        return context

    def serve(self, request, *args, **kwargs):
        """A search with invalid input answers 400, with the form and its messages."""
        response = super().serve(request, *args, **kwargs)
        form = response.context_data["form"]
        if form.is_bound and not form.is_valid():
            response.status_code = 400
        return response
