"""Contract tests for serving.internals: each private Wagtail, treebeard or Django name the
request path relies on still behaves as that module's docstring says.

If one of these fails after an upgrade, the route memory (serving.routes) is broken: fix
serving/internals.py (or drop the shortcut) before shipping.
"""

from pathlib import Path

import pytest

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from articles.models import ArticlePage
from serving import internals
from tests.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[2]
PRIVATE_NAMES = (
    "_wagtail_site",
    "_wagtail_cached_site_root_paths",
    "_wagtail_route_for_request",
    "_result_cache",
    "_prefetch_done",
    "_cached_parent_obj",
    "run_on_commit",
    "get_view_restrictions =",
    "get_ancestors =",
)


@pytest.fixture
def article(article_index):
    return ArticlePageFactory(parent=article_index, title="Burning feet at night")


@pytest.fixture
def request_for(rf, site):
    def make(path="/"):
        request = rf.get(path, HTTP_HOST=site.hostname)
        request.user = AnonymousUser()
        request.session = {}
        return request

    return make


def our_python_files():
    skipped = {".venv", "node_modules", "tests", "static", "templates"}
    for folder in sorted(ROOT.iterdir()):
        if folder.is_dir() and not folder.is_symlink() and folder.name not in skipped:
            yield from (p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def test_private_names_are_used_only_in_the_fenced_module():
    found = []
    for path in our_python_files():
        text = path.read_text(encoding="utf-8")
        found += [(str(path.relative_to(ROOT)), n) for n in PRIVATE_NAMES if n in text]
    assert found, "the fenced module itself should be found"
    assert {module for module, _name in found} == {"serving/internals.py"}, found


def test_find_for_request_caches_the_site_where_it_is_read_and_set(
    request_for, site, django_assert_num_queries
):
    request = request_for()
    assert internals.found_site(request) is None
    found = Site.find_for_request(request)
    assert found == site
    assert internals.found_site(request) is found  # Wagtail caches its answer there

    other = request_for()
    sentinel = Site(hostname="elsewhere.example", root_page_id=site.root_page_id)
    internals.use_site(other, sentinel)
    with django_assert_num_queries(0):
        assert Site.find_for_request(other) is sentinel


def test_page_urls_use_the_site_root_paths_set_on_the_request(
    request_for, article, django_assert_num_queries, monkeypatch
):
    request = request_for()
    url = article.get_url(request)
    root_paths = internals.found_site_root_paths(request)
    assert root_paths == Site.get_site_root_paths()  # Wagtail cached them on the request

    other = request_for()
    internals.use_site_root_paths(other, root_paths)
    internals.use_site(other, Site.find_for_request(request))

    def no_lookup():
        raise AssertionError("Wagtail read the site root paths again")

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(no_lookup))
    with django_assert_num_queries(0):
        assert article.get_url(other) == url


def test_route_for_request_reads_and_returns_the_route_set_on_the_request(
    request_for, article, article_index, django_assert_num_queries
):
    request = request_for(article.url)
    assert internals.found_route(request) is None
    result = Page.route_for_request(request, article.url)
    page, args, kwargs = internals.found_route(request)  # a RouteResult, unpacked as a tuple
    assert result is internals.found_route(request)
    assert page.specific == article and args == [] and kwargs == {}

    other = request_for(article.url)
    internals.use_route(other, article_index)
    with django_assert_num_queries(0):
        replayed, args, kwargs = Page.route_for_request(other, article.url)
    assert replayed is article_index and args == [] and kwargs == {}

    with_args = request_for(article.url)
    internals.use_route(with_args, article_index, args=("view", ("a",), {"b": 1}))
    assert Page.route_for_request(with_args, article.url).args == ("view", ("a",), {"b": 1})


def test_wagtail_serves_the_route_set_on_the_request_and_obeys_skipped_restrictions(
    request_for, article
):
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    restricted = request_for(article.url)
    internals.use_route(restricted, ArticlePage.objects.get(pk=article.pk))
    assert wagtail_views.serve(restricted, article.url).status_code == 302  # to the login

    page = ArticlePage.objects.get(pk=article.pk)
    internals.skip_view_restrictions(page)
    assert not page.get_view_restrictions().exists()
    unrestricted = request_for(article.url)
    internals.use_route(unrestricted, page)
    response = wagtail_views.serve(unrestricted, article.url)
    response.render()
    assert response.status_code == 200
    assert "Burning feet at night" in response.content.decode()


def test_an_evaluated_queryset_runs_no_query_and_chaining_queries_afresh(
    article, django_assert_num_queries
):
    rows = list(Page.objects.ancestor_of(article).order_by("path"))
    stale = [Page(pk=row.pk, path=row.path, depth=row.depth, title="remembered") for row in rows]
    queryset = Page.objects.filter(pk__in=[row.pk for row in rows]).order_by("path")
    queryset = internals.evaluated_queryset(queryset, stale)
    with django_assert_num_queries(0):
        assert list(queryset) == stale
        assert [page.title for page in queryset] == ["remembered"] * len(rows)
        assert len(queryset) == len(rows) and bool(queryset)
    with django_assert_num_queries(1):
        assert [page.title for page in queryset.filter(depth__gte=1)] == [r.title for r in rows]
    prefetching = Page.objects.prefetch_related("locale").filter(pk__in=[r.pk for r in rows])
    prefetching = internals.evaluated_queryset(prefetching, rows)
    with django_assert_num_queries(0):
        assert list(prefetching) == rows  # no prefetch runs over the remembered rows


def test_attached_ancestors_are_what_breadcrumbs_and_get_parent_get(
    article, article_index, django_assert_num_queries
):
    ancestors = tuple(Page.objects.ancestor_of(article).order_by("path"))
    page = ArticlePage.objects.get(pk=article.pk)
    internals.attach_ancestors(page, ancestors)
    with django_assert_num_queries(0):
        assert list(page.get_ancestors()) == list(ancestors)
        assert page.get_parent() is ancestors[-1]  # treebeard's cached parent
        crumbs = [a for a in page.get_ancestors() if a.depth > 1]
    assert crumbs[-1].pk == article_index.pk
    inclusive = [a.pk for a in page.get_ancestors(inclusive=True)]
    assert inclusive == [*(a.pk for a in ancestors), page.pk]

    html = render_to_string("includes/breadcrumb.html", {"page": page})
    assert f'href="{article_index.url}"' in html
    assert ">Home<" in html
