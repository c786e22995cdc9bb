"""Medical review on a page: who reviewed it and when, how often reviews fall due, and the
reminders sent about them.

ReviewSettings and ReviewReminder were created by the core app; their tables keep the names
they were created with (``db_table``) so existing sites keep their data.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.models import add_months

# Key in a page revision's content that marks it as a correction needing no new medical review.
# It travels with the revision so a reviewer approving it later still knows.
MINOR_CHANGE_KEY = "review_minor_change"
REVIEW_FIELDS = ("reviewer", "last_reviewed", "last_modified", "next_review_due")


@register_setting(icon="calendar-alt")
class ReviewSettings(BaseSiteSetting):
    """How often medical content must be re-reviewed (NHS.UK reviews at least every 3 years)."""

    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="Months between medical reviews of a page."
    )

    panels = [FieldPanel("review_interval_months")]

    class Meta:
        db_table = "core_reviewsettings"
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

    # "minor_change" is a form-only field of review.forms.MedicalReviewPageForm, which pages using
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

    @property
    def public_reviewer(self):
        """The reviewer readers are told of: only a published Person record. A reviewer record
        an editor created and no medical reviewer has approved yet (``live=False``) is a draft,
        so the page says nothing of it rather than show an unapproved name."""
        reviewer = self.reviewer
        return reviewer if reviewer is not None and reviewer.live else None

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


class ReviewReminder(models.Model):
    """A review-reminder email sent to one reviewer on one day, so cron can rerun safely."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reminders"
    )
    sent_on = models.DateField()
    page_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "core_reviewreminder"
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_review_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.user} on {self.sent_on}: {self.page_count} pages"
