"""How approvals and corrections are stamped on a page.

An approval in the "Medical review" workflow is a medical review (Merck's "Reviewed/Revised");
a publish marked as a minor change is only a correction ("Modified").
"""

from django.utils import timezone

from wagtail.models import Site

from core.models import Person

from .models import MINOR_CHANGE_KEY, REVIEW_FIELDS, MedicalReviewMixin, ReviewSettings


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
