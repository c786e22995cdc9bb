"""serving.sites: the request's Site in one plain query, kept where Wagtail looks for it.

Contract tests for the one private Wagtail name it relies on (``request._wagtail_site``), and
proof that it picks the Site Wagtail's own lookup picks, for every kind of match."""

import pytest

from django.test import RequestFactory

from wagtail.models import Page, Site

from serving.sites import REQUEST_ATTRIBUTE, attach_site


def request_for(host, port):
    return RequestFactory().get("/", HTTP_HOST=f"{host}:{port}", SERVER_PORT=str(port))


def wagtails_answer(host, port):
    return Site._find_for_request(request_for(host, port))


@pytest.fixture
def sites(site):
    """The default site, plus example.org on ports 80 and 8080 and other.org on 80."""
    root = site.root_page
    return {
        "default": site,
        "example": Site.objects.create(hostname="example.org", port=80, root_page=root),
        "example 8080": Site.objects.create(hostname="example.org", port=8080, root_page=root),
        "other": Site.objects.create(hostname="other.org", port=80, root_page=root),
    }


def test_wagtail_reads_the_site_attached_to_the_request(db, site, django_assert_num_queries):
    request = request_for(site.hostname, site.port)
    with django_assert_num_queries(1):
        attached = attach_site(request)
    assert getattr(request, REQUEST_ATTRIBUTE) is attached
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is attached
        assert attach_site(request) is attached


@pytest.mark.parametrize(
    ("host", "port"),
    [
        ("example.org", 80),  # hostname and port
        ("example.org", 8080),
        ("example.org", 9000),  # the default: more than one other site has the hostname
        ("other.org", 9000),  # the only site with the hostname, though not its port
        ("unknown.example", 80),  # nothing matches: the default
    ],
)
def test_it_picks_the_site_wagtail_picks(db, sites, host, port):
    ours = attach_site(request_for(host, port))
    assert ours is not None and ours.pk == wagtails_answer(host, port).pk


@pytest.mark.parametrize(
    ("host", "port"), [("example.org", 9000), ("other.org", 9000), ("unknown.example", 80)]
)
def test_without_a_default_site_it_picks_what_wagtail_picks_or_none(db, sites, host, port):
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    theirs = wagtails_answer(host, port)
    ours = attach_site(request_for(host, port))
    assert (ours and ours.pk) == (theirs and theirs.pk)


def test_the_hostname_and_default_site_wins_over_the_default_alone(db, site):
    Site.objects.filter(pk=site.pk).update(hostname="example.org", port=8080)
    assert attach_site(request_for("example.org", 80)).pk == site.pk
    assert wagtails_answer("example.org", 80).pk == site.pk


def test_the_site_and_its_root_page_are_what_the_orm_reads(db, site):
    """Every field converted as the ORM converts it (dates, UUIDs, booleans on SQLite too)."""
    ours = attach_site(request_for(site.hostname, site.port))
    theirs = Site.objects.select_related("root_page").get(pk=site.pk)
    for model, mine, orm in ((Site, ours, theirs), (Page, ours.root_page, theirs.root_page)):
        for field in model._meta.concrete_fields:
            assert getattr(mine, field.attname) == getattr(orm, field.attname), field.name
            assert type(getattr(mine, field.attname)) is type(getattr(orm, field.attname))
    assert ours.root_page.get_url() == theirs.root_page.get_url()
    assert not ours._state.adding and not ours.root_page._state.adding


def test_a_site_changed_in_the_admin_is_seen_by_the_next_request(db, site, client):
    Site.objects.filter(pk=site.pk).update(site_name="Renamed")
    assert attach_site(request_for(site.hostname, site.port)).site_name == "Renamed"


def test_a_page_view_finds_its_site_once(client, article_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticlePageFactory

    article = ArticlePageFactory(parent=article_index)
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    site_queries = [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]
    assert len(site_queries) == 1
    assert "CASE" not in site_queries[0]["sql"].upper()
