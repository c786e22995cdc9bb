"""Where a ZIP code is, and how far listings are from it.

ZIP centroids come from the `zipcodes` package, which ships its list of US ZIP codes, each
with a latitude and longitude, inside the package (no network, no database table). A listing's location is its ZIP's centroid: good to a mile or two in towns, which
is what "12 miles away" needs.

Distances are computed by the database: a bounding box on the indexed latitude/longitude
columns narrows the rows, then the great-circle (haversine) distance is exact for those.
Django provides the trigonometric functions on SQLite too. At hundreds of thousands of
listings, PostGIS (a geography column with a GiST index and ST_DWithin) is the switch.
"""

import functools
import math

from django.db.models import FloatField
from django.db.models.expressions import RawSQL

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LATITUDE = 69.05


@functools.cache
def _zip_table():
    """{ZIP: (latitude, longitude, state)} for every US ZIP code with a location, loaded once
    per process (a second or two). Read one 2-digit region at a time: asking the package for
    all 42,000 entries at once would briefly hold them all as Python dicts (~80 MB more)."""
    import zipcodes

    found = {}
    for area in range(100):
        for entry in zipcodes.similar_to(f"{area:02d}"):
            try:
                found[entry["zip_code"]] = (
                    float(entry["lat"]),
                    float(entry["long"]),
                    entry["state"],
                )
            except (KeyError, TypeError, ValueError):
                continue
    return found


@functools.cache
def _centroids():
    return {zip_code: (lat, lon) for zip_code, (lat, lon, _state) in _zip_table().items()}


@functools.cache
def _area_centroids():
    """{first three digits: mean location}: a stand-in for ZIPs the list does not know."""
    sums = {}
    for zip_code, (lat, lon) in _centroids().items():
        total = sums.setdefault(zip_code[:3], [0.0, 0.0, 0])
        total[0] += lat
        total[1] += lon
        total[2] += 1
    return {prefix: (lat / n, lon / n) for prefix, (lat, lon, n) in sums.items()}


def zip_centroid(zip_code):
    """(latitude, longitude) of a real US ZIP code, or None if there is no such ZIP."""
    return _centroids().get(zip_code)


def zip_state(zip_code):
    """The two-letter state (or territory) a ZIP code is in, or None."""
    entry = _zip_table().get(zip_code)
    return entry[2] if entry else None


def listing_location(zip_code):
    """Where to place a listing: its ZIP's centroid, else its 3-digit ZIP area's, else None."""
    if not zip_code:
        return None
    return zip_centroid(zip_code) or _area_centroids().get(zip_code[:3])


def bounding_box(lat, lon, miles):
    """(min_lat, max_lat, min_lon, max_lon) enclosing every point within `miles`."""
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    # Longitude degrees shrink towards the poles; never divide by (nearly) zero.
    dlon = miles / (MILES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


# Haversine in SQL that SQLite (through Django's registered functions) and PostgreSQL both run.
# Written out rather than built from Django's Sin/Cos/... expressions: compiling that tree
# twice a search (count and page) cost more than the database took to run it.
HAVERSINE_SQL = (
    "%s * ASIN(SQRT(POWER(SIN((RADIANS(latitude) - %s) / 2), 2)"
    " + %s * COS(RADIANS(latitude)) * POWER(SIN((RADIANS(longitude) - %s) / 2), 2)))"
)


def distance_miles(lat, lon):
    """Great-circle distance in miles from (lat, lon) to each listing, as a query expression
    (for the listings table, whose columns are `latitude` and `longitude`)."""
    lat1, lon1 = math.radians(lat), math.radians(lon)
    params = (2 * EARTH_RADIUS_MILES, lat1, math.cos(lat1), lon1)
    # Fixed SQL text; every value is a query parameter.
    return RawSQL(HAVERSINE_SQL, params, output_field=FloatField())  # noqa: S611


def great_circle_miles(a, b):
    """The same distance in Python, for tests and the importer's reports."""
    (lat1, lon1), (lat2, lon2) = (map(math.radians, point) for point in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))
