"""Which medically reviewed pages are due for review, and why."""

import datetime

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    DateField,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.models import Page, get_page_models

from .models import MedicalReviewMixin

DUE_SOON_DAYS = 30


class ReviewStatus:
    """Why a page is on the review-due list."""

    NEVER = "never"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NO_DATE = "no_date"
    CURRENT = "current"

    CHOICES = [
        (OVERDUE, "Overdue"),
        (DUE_SOON, f"Due within {DUE_SOON_DAYS} days"),
        (NEVER, "Never reviewed"),
        (NO_DATE, "No next review date"),
    ]
    LABELS = dict(CHOICES) | {CURRENT: "Up to date"}
    # Most urgent first: a page readers rely on that is past its date comes before one merely
    # due soon, and both before pages that were never reviewed (usually fresh imports).
    URGENCY = [OVERDUE, DUE_SOON, NEVER, NO_DATE, CURRENT]


def reviewed_page_models():
    return [model for model in get_page_models() if issubclass(model, MedicalReviewMixin)]


def _coalesced(field, output_field):
    """One value across every medically reviewed page type, read through Page's child links."""
    paths = [f"{model._meta.model_name}__{field}" for model in reviewed_page_models()]
    if len(paths) == 1:
        return F(paths[0])
    return Coalesce(*paths, output_field=output_field)


def review_queryset(today=None):
    """Live medically reviewed pages, annotated with their review fields and status."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    pages = Page.objects.type(*reviewed_page_models()).live()
    pages = pages.annotate(
        review_last=_coalesced("last_reviewed", DateField()),
        review_due=_coalesced("next_review_due", DateField()),
        review_reviewer_id=_coalesced("reviewer_id", BigIntegerField()),
        review_reviewer_name=_coalesced("reviewer__name", CharField()),
    )
    conditions = {
        ReviewStatus.NEVER: Q(review_last__isnull=True),
        ReviewStatus.NO_DATE: Q(review_due__isnull=True),
        ReviewStatus.OVERDUE: Q(review_due__lt=today),
        ReviewStatus.DUE_SOON: Q(review_due__lte=soon),
    }
    return pages.annotate(
        review_status=Case(
            *(When(condition, then=Value(status)) for status, condition in conditions.items()),
            default=Value(ReviewStatus.CURRENT),
            output_field=CharField(),
        ),
        review_rank=Case(
            *(
                When(condition, then=Value(ReviewStatus.URGENCY.index(status)))
                for status, condition in conditions.items()
            ),
            default=Value(ReviewStatus.URGENCY.index(ReviewStatus.CURRENT)),
            output_field=IntegerField(),
        ),
    )


def due_for_review(today=None):
    """Pages needing review now: overdue, due within 30 days, never reviewed or undated."""
    return review_queryset(today).filter(~Q(review_status=ReviewStatus.CURRENT))


def order_by_due(queryset, descending=False, field="review_due"):
    """By one column; undated (never reviewed) pages first too, on SQLite and PostgreSQL."""
    expression = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_first=True)
    return queryset.order_by(expression, "title", "pk")


def order_by_urgency(queryset, descending=False):
    """Overdue, then due soon, then never reviewed, then undated; soonest due first within."""
    if descending:
        return queryset.order_by("-review_rank", F("review_due").desc(nulls_last=True), "title")
    return queryset.order_by("review_rank", F("review_due").asc(nulls_last=True), "title", "pk")
