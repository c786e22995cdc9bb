"""Distances from a ZIP code: the radius, nearest first, "N miles away", wider-radius links,
tap-to-call and map links, and the query budget."""

import pytest

from physicians import geo
from physicians.models import Physician
from tests.factories import PhysicianFactory

from .test_physician_search import names


def test_a_listing_is_placed_at_its_zip_centroid(minnesota):
    rochester = minnesota["rochester"]
    assert (rochester.latitude, rochester.longitude) == geo.zip_centroid("55905")
    # A ZIP the list does not know is placed in its 3-digit area; no ZIP, no place.
    unknown = PhysicianFactory(zip_code="55999")
    assert unknown.latitude == pytest.approx(44.5, abs=1.5)
    bulk = Physician.objects.bulk_create([Physician(name="Dr. Bulk", zip_code="60611", state="IL")])
    assert (bulk[0].latitude, bulk[0].longitude) == geo.zip_centroid("60611")


def test_only_listings_within_the_default_25_miles_nearest_first(
    client, physician_search_page, minnesota
):
    response = client.get(physician_search_page.url, {"zip_code": "55905"})
    assert response.status_code == 200
    assert names(response) == ["Dr. Sample Avery", "Dr. Sample Stew"]
    assert "2 listings found within 25 miles of 55905." in response.text
    assert "Less than 1 mile away" in response.text
    miles = round(geo.great_circle_miles(geo.zip_centroid("55905"), geo.zip_centroid("55976")))
    assert 5 < miles < 25 and f"{miles} miles away" in response.text
    assert "Chicago" not in response.text.split('id="results-title"')[1]


@pytest.mark.parametrize(
    ("radius", "expected"),
    [("10", 1), ("25", 2), ("50", 2), ("100", 3)],
)
def test_each_radius(client, physician_search_page, minnesota, radius, expected):
    response = client.get(physician_search_page.url, {"zip_code": "55905", "radius": radius})
    assert len(names(response)) == expected


def test_distance_is_the_great_circle_distance(minnesota):
    lat, lon = geo.zip_centroid("55905")
    found = Physician.objects.within(lat, lon, 100).get(pk=minnesota["minneapolis"].pk)
    expected = geo.great_circle_miles((lat, lon), geo.zip_centroid("55455"))
    assert found.distance == pytest.approx(expected, rel=1e-6)
    assert 70 < found.distance < 85


def test_nothing_within_the_radius_links_the_radius_that_reaches_the_nearest(
    client, physician_search_page, minnesota
):
    response = client.get(
        physician_search_page.url, {"zip_code": "55905", "specialty": "neurology"}
    )
    assert response.status_code == 200
    assert "No physicians match your search within 25 miles of 55905." in response.text
    miles = round(geo.great_circle_miles(geo.zip_centroid("55905"), geo.zip_centroid("55455")))
    assert f"The nearest listing is {miles} miles away." in response.text
    assert '<a href="?zip_code=55905&amp;radius=100&amp;specialty=neurology">' in response.text


def test_nothing_within_the_widest_radius_offers_the_state(
    client, physician_search_page, minnesota
):
    response = client.get(physician_search_page.url, {"zip_code": "59601"})  # Helena, MT
    assert "There are no listings within 100 miles of this ZIP code." in response.text
    assert '<a href="?state=MT">Search all of Montana, by name</a>' in response.text


def test_city_and_state_search_keeps_working_without_distances(
    client, physician_search_page, minnesota
):
    response = client.get(physician_search_page.url, {"city": "Chicago", "state": "IL"})
    assert names(response) == ["Dr. Sample Ellis"]
    assert "miles away" not in response.text


def test_unlisted_listings_are_not_found(client, physician_search_page, minnesota):
    Physician.objects.filter(pk=minnesota["stewartville"].pk).update(listed=False)
    response = client.get(physician_search_page.url, {"zip_code": "55905"})
    assert names(response) == ["Dr. Sample Avery"]


def real_caller():
    """A listing with a dialable phone, a street address and opening hours."""
    return PhysicianFactory(
        name="Dr. Real Caller",
        is_sample=False,
        address="200 First St SW",
        zip_code="55905",
        phone="507-284-2511",
        opening_hours="Monday to Friday, 8am to 5pm",
    )


def test_tap_to_call_map_link_and_opening_hours(client, physician_search_page, db):
    real_caller()
    PhysicianFactory(name="Dr. Sample Fiction", phone="555-0101")
    html = client.get(physician_search_page.url, {"zip_code": "55905"}).text
    assert '<a href="tel:+15072842511">(507) 284-2511' in html
    assert "200 First St SW, Rochester, MN 55905" in html
    assert (
        'href="https://www.openstreetmap.org/search?query=200%20First%20St%20SW%2C%20Rochester'
        '%2C%20MN%2055905"'
    ) in html
    assert "Opening hours: Monday to Friday, 8am to 5pm" in html
    # A fictional 7-digit number is shown but not offered as a call.
    assert "Phone: 555-0101" in html and "tel:555" not in html


@pytest.mark.parametrize("size", [3, 300])
def test_zip_radius_search_within_the_query_budget(
    client, physician_search_page, size, settings, django_assert_max_num_queries
):
    """The whole page, as a reader's second request (per-process fragments warm): at most 7
    queries however many listings are near (3 of them the content versions, the Site and the
    breadcrumbs, which every page reads)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True
    zips = ["55905", "55901", "55902", "55904", "55976", "60611"]
    Physician.objects.bulk_create(
        Physician(name=f"Dr. Sample {n:03d}", zip_code=zips[n % 6], city="X", state="MN")
        for n in range(size)
    )
    url = physician_search_page.url + "?zip_code=55905&radius=25"
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(7):
        response = client.get(url)
    assert len(names(response)) == min(size - size // 6, 10)
    # Nothing near: the count, then how far the nearest listing is (no page query).
    far = physician_search_page.url + "?zip_code=57701&radius=10"  # Rapid City, SD
    client.get(far)
    with django_assert_max_num_queries(7):
        response = client.get(far)
    assert names(response) == [] and "There are no listings within 100 miles" in response.text
