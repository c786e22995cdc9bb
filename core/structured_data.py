"""schema.org JSON-LD, built as dicts in Python and serialised safely for a <script> element."""

import datetime
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

SCHEMA = "https://schema.org"
SITE_NAME = "NeuroPain"

# Same escapes as django.utils.html.json_script: the JSON can never close the <script>.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """JSON for <script type="application/ld+json">, with <, > and & escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - every HTML-significant character is escaped above


def plain_text(html, words=None):
    """Rich text as one line of plain text (for descriptions), optionally shortened."""
    text = " ".join(strip_tags(html or "").split())
    return Truncator(text).words(words) if words else text


def person(p):
    """A Person snippet as schema.org Person, with credentials and affiliation."""
    data = {"@type": "Person", "name": p.name}
    if p.credentials:
        data["honorificSuffix"] = p.credentials
    if p.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": p.affiliation}
    return data


def iso_date(value):
    return value.isoformat() if value else None


def breadcrumb_list(page, ancestors, request=None):
    """BreadcrumbList matching the visible breadcrumb: Home, the sections, then this page."""
    items = []
    for position, crumb in enumerate([*ancestors, page], start=1):
        name = "Home" if crumb.depth == 2 else crumb.title
        items.append(
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": crumb.get_full_url(request),
            }
        )
    return {"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": items}


def without_empty(data):
    """Drop keys whose value is None, '' or [] so the markup only states known facts."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def rxnorm_code(rxcui):
    """A drug's RxNorm concept id as schema.org MedicalCode (None when it has none)."""
    if not rxcui:
        return None
    return {"@type": "MedicalCode", "codeValue": str(rxcui), "codingSystem": "RxNorm"}


# Medical review: what a page may honestly say about it, in words and in JSON-LD.


@dataclass(frozen=True)
class ReviewStatus:
    """A page's medical review as readers are told it.

    `reviewed` only when a named reviewer approved it on a known day: an imported article
    carries its source's "Reviewed/Revised" date but nobody on NeuroPain reviewed it.
    `due` once the next review date has passed (a notice, not an alarm)."""

    reviewer: object
    last_reviewed: datetime.date | None
    next_review_due: datetime.date | None
    today: datetime.date

    @property
    def reviewed(self):
        return self.reviewer is not None and self.last_reviewed is not None

    @property
    def due(self):
        return (
            self.reviewed and self.next_review_due is not None and self.next_review_due < self.today
        )


def review_status(page, today):
    """The ReviewStatus of a page with MedicalReviewMixin's fields, on `today`."""
    return ReviewStatus(
        # Only a published Person record: a reviewer no medical reviewer has approved is a draft.
        reviewer=getattr(page, "public_reviewer", None),
        last_reviewed=getattr(page, "last_reviewed", None),
        next_review_due=getattr(page, "next_review_due", None),
        today=today,
    )


def review_facts(page):
    """schema.org reviewedBy and lastReviewed, only when a named reviewer approved the page."""
    status = review_status(page, timezone.localdate())
    if not status.reviewed:
        return {}
    return {"reviewedBy": person(status.reviewer), "lastReviewed": iso_date(status.last_reviewed)}
