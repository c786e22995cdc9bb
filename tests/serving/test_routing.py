"""serving.routing: Wagtail's serve view with routes remembered per process, through public
Wagtail APIs only. The contract tests fail if an upgrade changes what the view relies on."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.wagtail_hooks import check_view_restrictions

from tests.factories import ArticlePageFactory, BrandNameFactory, DrugPageFactory


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def article(article_index):
    return ArticlePageFactory(parent=article_index, title="Burning feet at night")


# --- The public APIs used ----------------------------------------------------------------


def test_wagtail_routes_a_request_to_a_page_with_its_args(rf, site, article):
    request = rf.get(article.url, HTTP_HOST=site.hostname)
    page, args, kwargs = Page.route_for_request(request, article.url)
    assert page.specific == article and list(args) == [] and kwargs == {}
    assert article.get_url_parts(request)[2] == article.url


def test_a_page_routes_what_remains_of_the_path_and_refuses_when_not_live(rf, drug_index, article):
    request = rf.get("/")
    page, args, _kwargs = drug_index.route(request, ["brand", "neurontin"])
    assert page == drug_index and args  # the routable page's view and its arguments
    assert article.route(request, [])[0] == article
    article.unpublish()
    with pytest.raises(Http404):
        type(article).objects.get(pk=article.pk).route(request, [])


def test_view_restrictions_are_checked_by_the_on_serve_page_hook_we_leave_out():
    assert check_view_restrictions in hooks.get_hooks("on_serve_page")


# --- The view ----------------------------------------------------------------------------


def test_a_remembered_route_costs_one_query_instead_of_the_walk(client, article):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get(article.url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(article.url)
    assert response.status_code == 200 and b"Burning feet at night" in response.content
    walked = [q for q in first.captured_queries if '"wagtailcore_page"' in q["sql"]]
    loaded = [q for q in second.captured_queries if '"wagtailcore_page"' in q["sql"]]
    restrictions = [q for q in second.captured_queries if "pageviewrestriction" in q["sql"]]
    assert len(loaded) < len(walked)
    assert restrictions == []  # remembered as unrestricted


def test_a_restriction_added_later_is_enforced(client, article):
    client.get(article.url)
    client.get(article.url)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(article.url)
    assert b"Burning feet at night</h1>" not in response.content
    assert b"password" in response.content.lower()


def test_a_remembered_route_to_a_restricted_page_is_still_checked(client, article):
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get(article.url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_an_unpublished_page_is_not_served_from_a_remembered_route(client, article):
    client.get(article.url)
    url = article.url
    article.unpublish()
    assert client.get(url).status_code == 404


def test_a_routable_page_routes_its_sub_paths_from_a_remembered_route(client, drug_index):
    drug = DrugPageFactory(parent=drug_index, title="gabapentin")
    BrandNameFactory(page=drug, name="Neurontin")
    brand = drug_index.url + "brand/neurontin/"
    for _ in range(2):
        response = client.get(brand)
        assert response.status_code == 301 and response["Location"] == f"{drug.url}?brand=neurontin"
    assert client.get(drug_index.url + "brand/no-such-brand/").status_code == 404


def test_the_view_serves_a_bare_request(rf, site, article):
    """No middleware has run: the view needs nothing from it."""
    from serving.routing import serve

    for _ in range(2):  # found by Wagtail, then remembered
        request = rf.get(article.url, HTTP_HOST=site.hostname)
        request.user = AnonymousUser()
        request.session = {}
        response = serve(request, article.url.lstrip("/"))
        response.render()
        assert response.status_code == 200
        assert b"Burning feet at night" in response.content
