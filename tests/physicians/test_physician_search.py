"""Find a physician: validation tied to fields, results, widening, the directory notice.
(Distances and radii: test_distances.py.)"""

import pytest

from physicians.models import DEFAULT_NOTICE
from tests.factories import PhysicianFactory
from tests.helpers import elements


@pytest.fixture
def listings(db):
    return {
        "rochester": PhysicianFactory(
            name="Dr. Sample Avery", zip_code="55905", city="Rochester", state="MN"
        ),
        "minneapolis": PhysicianFactory(
            name="Dr. Sample Blake",
            zip_code="55455",
            city="Minneapolis",
            state="MN",
            specialty="neurology",
        ),
        "boston": PhysicianFactory(
            name="Dr. Sample Carter", zip_code="02115", city="Boston", state="MA"
        ),
        "real": PhysicianFactory(
            name="Dr. Real Person", zip_code="55901", city="Rochester", state="MN", is_sample=False
        ),
    }


def names(response):
    """Listing names in result order (each card's heading)."""
    cards = response.text.split('<li class="card physician">')[1:]
    return [card.split("<h3>")[1].split("<")[0].strip() for card in cards]


def test_first_visit_shows_the_form_and_the_notice(client, physician_search_page):
    response = client.get(physician_search_page.url)
    assert response.status_code == 200
    assert "demonstration until real listings are loaded" in response.text
    assert "not an endorsement" in response.text
    assert 'id="results-title"' not in response.text
    assert "There is a problem" not in response.text


def test_an_editors_notice_replaces_the_default(client, physician_search_page):
    physician_search_page.notice = "<p>Listings are checked every month.</p>"
    physician_search_page.save_revision().publish()
    html = client.get(physician_search_page.url).text
    assert "Listings are checked every month." in html
    assert DEFAULT_NOTICE not in html


def test_zip_search_sorts_nearest_first(client, physician_search_page, listings):
    response = client.get(physician_search_page.url, {"zip_code": "55904", "radius": "100"})
    assert response.status_code == 200
    # Rochester (two ZIPs), then Minneapolis; Boston is over 1,000 miles away.
    assert names(response) == ["Dr. Sample Avery", "Dr. Real Person", "Dr. Sample Blake"]
    assert "3 listings found within 100 miles of 55904." in response.text


def test_sort_by_name(client, physician_search_page, listings):
    response = client.get(
        physician_search_page.url, {"zip_code": "55904", "sort": "name", "radius": "100"}
    )
    assert names(response) == ["Dr. Real Person", "Dr. Sample Avery", "Dr. Sample Blake"]


def test_city_and_state_with_specialty(client, physician_search_page, listings):
    response = client.get(
        physician_search_page.url,
        {"city": "rochester", "state": "MN", "specialty": "pain-medicine"},
    )
    assert names(response) == ["Dr. Real Person", "Dr. Sample Avery"]


def test_sample_listings_are_labelled(client, physician_search_page, listings):
    html = client.get(physician_search_page.url, {"state": "MN"}).text
    assert html.count("Sample listing</strong>") == 2
    assert "Dr. Real Person</h3>" in html


def test_empty_results_suggest_wider_searches(client, physician_search_page, listings):
    response = client.get(
        physician_search_page.url, {"city": "Duluth", "state": "MN", "specialty": "neurosurgery"}
    )
    assert response.status_code == 200
    assert "No physicians match your search." in response.text
    assert elements(response.text, "a", href="?city=Duluth&state=MN")
    assert elements(response.text, "a", href="?state=MN&specialty=neurosurgery")
    assert elements(response.text, "a", href="#id_zip_code")


def test_results_are_paginated(client, physician_search_page):
    for number in range(23):
        PhysicianFactory(name=f"Dr. Sample {number:02d}", zip_code="55905")
    first = client.get(physician_search_page.url, {"zip_code": "55905", "sort": "name"})
    assert len(names(first)) == 10 and "page 1 of 3" in first.text
    third = client.get(physician_search_page.url, {"zip_code": "55905", "sort": "name", "page": 3})
    assert names(third) == ["Dr. Sample 20", "Dr. Sample 21", "Dr. Sample 22"]
    junk = client.get(physician_search_page.url, {"zip_code": "55905", "page": "two"})
    assert junk.status_code == 200 and len(names(junk)) == 10


def test_a_bare_page_parameter_is_not_a_search(client, physician_search_page):
    response = client.get(physician_search_page.url, {"page": "2"})
    assert response.status_code == 200 and "There is a problem" not in response.text


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"zip_code": "5590"}, "zip_code", "Enter a 5-digit ZIP code, like 55905."),
        ({"zip_code": "559051"}, "zip_code", "Enter a 5-digit ZIP code, like 55905."),
        ({"zip_code": "abcde"}, "zip_code", "Enter a 5-digit ZIP code, like 55905."),
        ({"zip_code": ""}, "zip_code", "Enter a ZIP code, or a city and state."),
        ({"city": "Rochester"}, "state", "Choose the state the city is in."),
        ({"state": "ZZ"}, "state", "Choose a state from the list."),
        ({"zip_code": "55905", "specialty": "astrology"}, "specialty", "Choose a specialty"),
        ({"zip_code": "55905", "sort": "random"}, "sort", "Choose how to sort"),
        ({"zip_code": "00000"}, "zip_code", "We could not find ZIP code 00000."),
        ({"zip_code": "55905", "radius": "30"}, "radius", "Choose a distance from the list."),
        ({"zip_code": "55905", "radius": "-1"}, "radius", "Choose a distance from the list."),
        ({"city": "x" * 101, "state": "MN"}, "city", "100 characters or fewer"),
        ({"city": "<script>", "state": "MN"}, "city", "Enter a city name using letters"),
        ({"city": "Roch\x00ester", "state": "MN"}, "city", "Null characters are not allowed."),
    ],
)
def test_bad_input_is_a_400_with_the_message_tied_to_its_field(
    client, physician_search_page, listings, params, field, message
):
    response = client.get(physician_search_page.url, params)
    assert response.status_code == 400
    html = response.text
    assert message in html
    assert "<script>" not in html.split("<main")[1]
    widget = elements(html, id=f"id_{field}")[0][1]
    assert widget["aria-invalid"] == "true"
    assert f"id_{field}_error" in widget["aria-describedby"].split()
    assert elements(html, "p", id=f"id_{field}_error")
    # The error summary links to the field.
    assert elements(html, "a", href=f"#id_{field}")
    assert "<title>Error: " in html
    assert "Dr. Sample Avery" not in html


def test_zip_help_text_is_tied_to_the_field(client, physician_search_page):
    html = client.get(physician_search_page.url).text
    widget = elements(html, id="id_zip_code")[0][1]
    assert widget["aria-describedby"] == "id_zip_code_helptext"
    assert elements(html, "p", id="id_zip_code_helptext")


@pytest.mark.parametrize("size", [3, 40])
def test_search_adds_at_most_two_queries(
    client, physician_search_page, size, django_assert_max_num_queries
):
    """The count and the page of results, however many listings match."""
    for number in range(size):
        PhysicianFactory(name=f"Dr. Sample {number}", zip_code=("55905", "55901")[number % 2])
    client.get(physician_search_page.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as without_search:
        client.get(physician_search_page.url)
    with django_assert_max_num_queries(len(without_search) + 2):
        response = client.get(physician_search_page.url, {"zip_code": "55902"})
    assert len(names(response)) == min(size, 10)
