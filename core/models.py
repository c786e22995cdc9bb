"""The ground floor every app may use: the people who write and review content, shared field
settings and date arithmetic."""

import calendar
import datetime

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .drafts import ReviewedSnippetMixin, reviewed_snippet_relations

INTRO_FEATURES = ["bold", "italic", "link"]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class Person(ReviewedSnippetMixin, index.Indexed, models.Model):
    """An author or medical reviewer, shown with credentials so readers can judge expertise."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        MEDICAL_REVIEWER = "medical_reviewer", "Medical reviewer"
        AUTHOR_AND_REVIEWER = "both", "Author and medical reviewer"

    workflow_states, revisions = reviewed_snippet_relations("person")
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


class ContentVersion(models.Model):
    """The content generation, kept in the database beside the content it describes.

    One row for the whole site and one per page address that has changed (core.fragments):
    written in the same transaction as the change, so a cached copy is judged against the
    committed content even when the cache itself missed the change (Redis down at publish).
    """

    key = models.CharField(max_length=64, primary_key=True)
    token = models.CharField(max_length=64)

    def __str__(self):
        return f"{self.key}: {self.token}"
