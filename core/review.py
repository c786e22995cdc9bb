"""Medical review: who may record one, how approvals and corrections are stamped on a page, and
which pages are due for review.

An approval in the "Medical review" workflow is a medical review (Merck's "Reviewed/Revised");
a publish marked as a minor change is only a correction ("Modified").
"""

import datetime

from django.db.models import BigIntegerField, Case, CharField, DateField, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.models import Page, Site, get_page_models

from .models import MINOR_CHANGE_KEY, MedicalReviewMixin, Person, ReviewSettings

EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Medical reviewers"
ADMINISTRATORS_GROUP = "Administrators"
WORKFLOW_NAME = "Medical review"

DUE_SOON_DAYS = 30
REVIEW_FIELDS = ("reviewer", "last_reviewed", "last_modified", "next_review_due")


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


def in_group(user, *names):
    return bool(user and user.is_active and user.groups.filter(name__in=names).exists())


def is_medical_reviewer(user):
    """A member of the medical reviewers group: their publish is a medical review."""
    return in_group(user, REVIEWERS_GROUP)


def can_edit_review_fields(user):
    """Only reviewers and administrators may set the reviewer and review dates by hand."""
    return bool(user and user.is_active) and (
        user.is_superuser or in_group(user, REVIEWERS_GROUP, ADMINISTRATORS_GROUP)
    )


def review_interval_months(page):
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    return ReviewSettings.for_site(site).review_interval_months if site else 12


def person_for_reviewer(user):
    """The approving user's person record, created or linked (by name) if missing."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        name = user.get_full_name().strip() or user.get_username()
        person = Person.objects.filter(name=name, user__isnull=True).first()
        if person is None:
            if Person.objects.filter(name=name).exists():
                name = f"{name} ({user.get_username()})"
            person = Person(name=name, role=Person.Role.MEDICAL_REVIEWER)
        person.user = user
    if person.role == Person.Role.AUTHOR:
        person.role = Person.Role.AUTHOR_AND_REVIEWER
    person.save()
    return person


def stamp_review(page, user, *, minor, on=None):
    """Record on `page` (not saved) a medical review by `user`, or only a correction if `minor`."""
    on = on or timezone.localdate()
    if minor or user is None:
        page.mark_modified(on)
    else:
        page.mark_reviewed(person_for_reviewer(user), review_interval_months(page), on=on)


def stamp_approved_revision(revision, user):
    """Stamp the review onto the revision about to go live, so no extra revision is created."""
    page = revision.as_object()
    if not isinstance(page, MedicalReviewMixin):
        return
    stamp_review(page, user, minor=bool(revision.content.get(MINOR_CHANGE_KEY)))
    data = page.serializable_data()
    for field in REVIEW_FIELDS:
        revision.content[field] = data[field]
    revision.save(update_fields=["content"])


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
