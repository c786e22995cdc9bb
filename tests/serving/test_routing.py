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


# --- find_route: the page by its url_path, where Wagtail's walk would find the same ------


def _both(rf, site, path):
    """(find_route's result, Wagtail's) for one request each."""
    from serving.routing import find_route

    ours, _unrestricted = find_route(rf.get(path, HTTP_HOST=site.hostname), path)
    theirs = Page.route_for_request(rf.get(path, HTTP_HOST=site.hostname), path)
    return ours, theirs


def _same(ours, theirs):
    """Same page, same arguments (a routable page's view compared as its function)."""
    if theirs is None:
        return ours is None

    def plain(args):
        return [getattr(arg, "__func__", arg) for arg in args]

    page, args, kwargs = ours
    return (page.specific, plain(args), kwargs) == (
        theirs[0].specific,
        plain(theirs[1]),
        theirs[2],
    )


def test_find_route_answers_as_wagtail_does(rf, site, article, drug_index):
    drug = DrugPageFactory(parent=drug_index, title="Gabapentin")
    BrandNameFactory(page=drug, name="Neurontin")
    paths = [
        "/",
        article.url,
        drug.url,  # below a routable page: Wagtail's walk
        drug_index.url,
        drug_index.url + "brand/neurontin/",
        "/articles/no-such-article/",
        "/no/such/place/",
        article.url + "more/",
    ]
    for path in paths:
        ours, theirs = _both(rf, site, path)
        assert _same(ours, theirs), path


def test_find_route_refuses_what_is_not_live_and_routes_below_a_draft_parent(
    rf, site, article, article_index
):
    article_index.unpublish()
    ours, theirs = _both(rf, site, article.url)
    assert ours[0].specific == article and _same(ours, theirs)
    article.unpublish()
    ours, theirs = _both(rf, site, article.url)
    assert ours is None and theirs is None


def test_find_route_reads_an_article_in_three_queries_and_hands_over_its_ancestors(
    rf, site, article, article_index, django_assert_num_queries
):
    from core.pages import display_ancestors
    from serving.routing import find_route

    request = rf.get(article.url, HTTP_HOST=site.hostname)
    # Site; the page and its ancestors by url_path, with their view restrictions; its row.
    with django_assert_num_queries(3):
        (page, _args, _kwargs), unrestricted = find_route(request, article.url)
        ancestors = display_ancestors(page)
    assert unrestricted is True
    assert [a.pk for a in ancestors] == [site.root_page_id, article_index.pk]


def test_a_deep_address_takes_wagtails_walk_and_compiles_nothing(rf, site, article, monkeypatch):
    """A stranger's address with more levels than any page has does not add a compiled page
    lookup per length (core.prepared keeps one per shape for the life of the process)."""
    from serving import routing

    compiled = []
    monkeypatch.setattr(routing, "_pages_at", lambda paths: compiled.append(paths) or [])
    for levels in (routing.DEEPEST_PREPARED + 1, 40):
        path = "/" + "x/" * levels
        ours, theirs = _both(rf, site, path)
        assert ours is None and theirs is None
    assert compiled == []
    ours, theirs = _both(rf, site, article.url)
    assert len(compiled) == 1 and _same(ours, theirs)


@pytest.mark.parametrize("where", ["root", "ancestor", "page"])
def test_find_route_sees_a_restriction_on_the_page_or_above_it(
    rf, site, article, article_index, where
):
    from serving.routing import find_route

    restricted = {"root": site.root_page, "ancestor": article_index, "page": article}[where]
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    _route, unrestricted = find_route(rf.get(article.url, HTTP_HOST=site.hostname), article.url)
    assert unrestricted is False


def test_find_route_sees_a_restriction_on_the_page_an_alias_shows(rf, site, article, article_index):
    from serving.routing import find_route

    alias = article.create_alias(parent=article_index, update_slug="an-alias")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    (page, _args, _kwargs), unrestricted = find_route(
        rf.get(alias.url, HTTP_HOST=site.hostname), alias.url
    )
    assert page.pk == alias.pk and unrestricted is False


def test_with_every_cache_off_a_restricted_article_still_asks_for_the_password(
    settings, client, article, article_index
):
    settings.FRAGMENT_CACHE_ENABLED = False
    PageViewRestriction.objects.create(
        page=article_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(article.url)
    assert b"Burning feet at night</h1>" not in response.content
    assert b"password" in response.content.lower()
