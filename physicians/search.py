"""What a patient's search means: the listings it finds, and wider searches when it finds none.

Functions take the queryset of public listings, so the page model composes them (and this
module needs no model import).
"""

from urllib.parse import urlencode

from . import geo
from .choices import RADIUS_MILES, US_STATES


def _given(criteria):
    """The criteria a patient gave, as they appear in a search link (radius only with a ZIP)."""
    given = {key: value for key, value in criteria.items() if value}
    if not given.get("zip_code"):
        given.pop("radius", None)
    return given


def _filtered(physicians, criteria):
    if criteria.get("specialty"):
        physicians = physicians.filter(specialty=criteria["specialty"])
    if criteria.get("state"):
        physicians = physicians.filter(state=criteria["state"])
    if criteria.get("city"):
        physicians = physicians.filter(city__iexact=criteria["city"].strip())
    return physicians


def search_physicians(physicians, criteria):
    """Listings matching the criteria. With a ZIP code: only those within the radius,
    nearest first (or by name), each annotated with its `distance` in miles."""
    physicians = _filtered(physicians, criteria)
    zip_code = criteria.get("zip_code")
    if zip_code:
        lat, lon = geo.zip_centroid(zip_code)
        physicians = physicians.within(lat, lon, criteria["radius"])
        if criteria.get("sort") != "name":
            return physicians.order_by("distance", "name")
    return physicians.order_by("name")


def nearest_suggestion(physicians, criteria):
    """When a ZIP search found nothing within its radius: how far the nearest match is (up to
    the widest radius) and a link to the radius that reaches it; None without a ZIP."""
    zip_code = criteria.get("zip_code")
    if not zip_code:
        return None
    widest = RADIUS_MILES[-1]
    lat, lon = geo.zip_centroid(zip_code)
    nearest = (
        _filtered(physicians, criteria)
        .within(lat, lon, widest)
        .order_by("distance")
        .values_list("distance", flat=True)
        .first()
    )
    if nearest is None:
        return {"found": False, "widest": widest}
    radius = next(miles for miles in RADIUS_MILES if miles >= nearest)
    href = f"?{urlencode({**_given(criteria), 'radius': radius})}"
    return {"found": True, "miles": max(round(nearest), 1), "radius": radius, "href": href}


def widening_suggestions(criteria):
    """Other wider searches to offer when nothing matched, as (link text, href)."""
    given = _given(criteria)
    suggestions = []
    if given.get("specialty"):
        wider = {key: value for key, value in given.items() if key != "specialty"}
        suggestions.append(("Search every specialty", f"?{urlencode(wider)}"))
    if given.get("city") and given.get("state"):
        wider = {key: value for key, value in given.items() if key != "city"}
        state = dict(US_STATES)[given["state"]]
        suggestions.append((f"Search all of {state}", f"?{urlencode(wider)}"))
    zip_state = geo.zip_state(given["zip_code"]) if given.get("zip_code") else None
    if zip_state in dict(US_STATES) and not given.get("state"):
        wider = {key: value for key, value in given.items() if key in ("specialty", "sort")}
        wider["state"] = zip_state
        state = dict(US_STATES)[zip_state]
        suggestions.append((f"Search all of {state}, by name", f"?{urlencode(wider)}"))
    if not given.get("zip_code"):
        suggestions.append(
            ("Search by ZIP code instead, to see the nearest listings", "#id_zip_code")
        )
    return suggestions
