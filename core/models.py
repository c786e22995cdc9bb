"""Site-wide pieces: the home page, the people who write and review content, review settings."""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

INTRO_FEATURES = ["bold", "italic", "link"]

# Key in a page revision's content that marks it as a correction needing no new medical review.
# It travels with the revision so a reviewer approving it later still knows.
MINOR_CHANGE_KEY = "review_minor_change"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class Person(index.Indexed, models.Model):
    """An author or medical reviewer, shown with credentials so readers can judge expertise."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        MEDICAL_REVIEWER = "medical_reviewer", "Medical reviewer"
        AUTHOR_AND_REVIEWER = "both", "Author and medical reviewer"

    name = models.CharField(max_length=255, unique=True)
    credentials = models.CharField(
        max_length=100, blank=True, help_text="Post-nominal letters, e.g. MD, PhD."
    )
    affiliation = models.CharField(max_length=255, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    user = models.OneToOneField(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="Admin account of a medical reviewer, so approvals record who reviewed.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("affiliation"),
        FieldPanel("role"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("affiliation"),
        index.FilterField("role"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@register_setting(icon="calendar-alt")
class ReviewSettings(BaseSiteSetting):
    """How often medical content must be re-reviewed (NHS.UK reviews at least every 3 years)."""

    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="Months between medical reviews of a page."
    )

    panels = [FieldPanel("review_interval_months")]

    class Meta:
        verbose_name = "medical review settings"


class MedicalReviewMixin(models.Model):
    """Who reviewed a page and when: Merck's 'Reviewed/Revised' and 'Modified', NHS 'Next review due'."""

    reviewer = models.ForeignKey(
        "core.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="medical reviewer",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, verbose_name="reviewed/revised", help_text="Last medical review."
    )
    last_modified = models.DateField(
        null=True, blank=True, verbose_name="modified", help_text="Last correction or minor change."
    )
    next_review_due = models.DateField(null=True, blank=True)

    # "minor_change" is a form-only field of core.forms.MedicalReviewPageForm, which pages using
    # these panels set as their base_form_class.
    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("minor_change"),
                FieldPanel("reviewer"),
                FieldPanel("last_reviewed"),
                FieldPanel("last_modified"),
                FieldPanel("next_review_due"),
            ],
            heading="Medical review",
        )
    ]

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        """Every URL in the sitemap carries a lastmod: pages created outside the publishing
        workflow (no last_published_at) fall back to their medical modified/review date."""
        urls = super().get_sitemap_urls(request)
        day = self.last_modified or self.last_reviewed
        for url in urls:
            if not url.get("lastmod") and day:
                # A datetime, as Wagtail's own lastmod values are (they are compared).
                url["lastmod"] = datetime.datetime.combine(day, datetime.time(), datetime.UTC)
        return urls

    def mark_reviewed(self, reviewer, months, on=None):
        """Stamp a completed medical review and schedule the next one."""
        on = on or timezone.localdate()
        self.reviewer = reviewer
        self.last_reviewed = on
        self.last_modified = on
        self.next_review_due = add_months(on, months)

    def mark_modified(self, on=None):
        """Stamp a correction: 'Modified' moves, 'Reviewed/Revised' and the reviewer stay."""
        self.last_modified = on or timezone.localdate()

    def serializable_data(self):
        data = super().serializable_data()
        if getattr(self, "minor_change", False):
            data[MINOR_CHANGE_KEY] = True
        return data


class HomePage(Page):
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
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from articles.models import ArticlePage

        from .sections import section_urls

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


class ReviewReminder(models.Model):
    """A review-reminder email sent to one reviewer on one day, so cron can rerun safely."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reminders"
    )
    sent_on = models.DateField()
    page_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_review_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.user} on {self.sent_on}: {self.page_count} pages"
