"""Which medically reviewed pages are due for review, and why."""

import datetime

from django.db.models import BigIntegerField, Case, CharField, DateField, F, Q, Value, When
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
    return pages.annotate(
        review_status=Case(
            When(review_last__isnull=True, then=Value(ReviewStatus.NEVER)),
            When(review_due__isnull=True, then=Value(ReviewStatus.NO_DATE)),
            When(review_due__lt=today, then=Value(ReviewStatus.OVERDUE)),
            When(review_due__lte=soon, then=Value(ReviewStatus.DUE_SOON)),
            default=Value(ReviewStatus.CURRENT),
            output_field=CharField(),
        )
    )


def due_for_review(today=None):
    """Pages needing review now: overdue, due within 30 days, never reviewed or undated."""
    return review_queryset(today).filter(~Q(review_status=ReviewStatus.CURRENT))


def order_by_due(queryset, descending=False, field="review_due"):
    """Soonest due first; undated (never reviewed) pages first too, on SQLite and PostgreSQL."""
    expression = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_first=True)
    return queryset.order_by(expression, "title", "pk")
