"""A find-a-physician directory. Listings are snippets; the search page is a stub until
real listings are loaded (shipped sample listings are flagged and obviously fictional)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Abs, Cast

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.loading import LoadOwned
from core.models import INTRO_FEATURES

from .choices import US_STATES, Specialty
from .forms import PhysicianSearchForm

RESULTS_PER_PAGE = 10

# Shown on the search page until an editor writes their own (load_site_content stores it).
DEFAULT_NOTICE = (
    "<p>This directory is a demonstration until real listings are loaded. The sample "
    "listings are fictional. A listing is not an endorsement or a recommendation: ask your own "
    "doctor for a referral and check any physician's credentials.</p>"
)

zip_validator = RegexValidator(r"^\d{5}$", "Enter a 5-digit ZIP code.")


class Physician(index.Indexed, LoadOwned):
    name = models.CharField(max_length=255)
    practice = models.CharField(max_length=255, blank=True)
    specialty = models.CharField(max_length=40, choices=Specialty.choices, db_index=True)
    address = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=US_STATES)
    zip_code = models.CharField(max_length=5, validators=[zip_validator], db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    accepting_new_patients = models.BooleanField(default=True)
    is_sample = models.BooleanField(
        default=False, help_text="Fictional demonstration listing shipped with the site."
    )
    # What load_site_content writes for a sample listing; an editor's change wins (LoadOwned).
    load_fields = (
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

    panels = [
        FieldPanel("name"),
        FieldPanel("practice"),
        FieldPanel("specialty"),
        FieldPanel("address"),
        FieldPanel("city"),
        FieldPanel("state"),
        FieldPanel("zip_code"),
        FieldPanel("phone"),
        FieldPanel("accepting_new_patients"),
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
        indexes = [models.Index(fields=["state", "city"], name="physician_state_city")]

    def __str__(self):
        return f"{self.name} ({self.get_specialty_display()}, {self.city} {self.state})"


class PhysicianSearchPage(Page):
    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    notice = RichTextField(
        features=INTRO_FEATURES,
        blank=True,
        help_text="Shown above results, e.g. that listings are a demonstration, not an endorsement.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("notice")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = PhysicianSearchForm.from_query(request.GET)
        results, widen = None, []
        if form.is_bound and form.is_valid():
            results = Paginator(search_physicians(form.cleaned_data), RESULTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
            if not results.paginator.count:
                widen = widening_suggestions(form.cleaned_data)
        context.update(
            form=form,
            results=results,
            widen=widen,
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


def widening_suggestions(criteria):
    """Wider searches to offer when nothing matched, as (link text, href)."""
    given = {key: value for key, value in criteria.items() if value}
    suggestions = []
    if given.get("specialty"):
        wider = {key: value for key, value in given.items() if key != "specialty"}
        suggestions.append(("Search every specialty", f"?{urlencode(wider)}"))
    if given.get("city") and given.get("state"):
        wider = {key: value for key, value in given.items() if key != "city"}
        state = dict(US_STATES)[given["state"]]
        suggestions.append((f"Search all of {state}", f"?{urlencode(wider)}"))
    if not given.get("zip_code"):
        suggestions.append(
            ("Search by ZIP code instead, to see the nearest listings", "#id_zip_code")
        )
    return suggestions


def search_physicians(criteria):
    """Listings matching the criteria; nearest ZIP first (numeric distance is enough for a stub)."""
    physicians = Physician.objects.all()
    if criteria.get("specialty"):
        physicians = physicians.filter(specialty=criteria["specialty"])
    if criteria.get("state"):
        physicians = physicians.filter(state=criteria["state"])
    if criteria.get("city"):
        physicians = physicians.filter(city__iexact=criteria["city"].strip())
    zip_code = criteria.get("zip_code")
    if zip_code and criteria.get("sort") != "name":
        distance = Abs(Cast("zip_code", models.IntegerField()) - int(zip_code))
        return physicians.annotate(distance=distance).order_by("distance", "name")
    return physicians.order_by("name")
