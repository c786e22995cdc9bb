"""The page cache: anonymous readers get cached pages, and a change shows at the next request."""

import pytest

from django.test import Client

from wagtail.models import PageViewRestriction

from articles.models import ArticleIndexPage
from serving.page_cache import CACHE_HEADER
from tests.factories import (
    ArticleAuthorFactory,
    ArticlePageFactory,
    DrugClassFactory,
    DrugPageFactory,
    GlossaryTermFactory,
    PersonFactory,
    PhysicianFactory,
    QuizPageFactory,
    mention_drugs,
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Caches are emptied around every test (tests/conftest.py)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def article(article_index):
    page = ArticlePageFactory(parent=article_index, title="Burning feet at night")
    ArticleAuthorFactory(page=page, person=PersonFactory(name="Ada Author"))
    return page


def get_twice(client, url, **extra):
    first = client.get(url, **extra)
    second = client.get(url, **extra)
    return first, second


def test_anonymous_page_is_served_from_the_cache(client, article):
    first, second = get_twice(client, article.url)
    assert first.status_code == second.status_code == 200
    assert first[CACHE_HEADER] == "MISS"
    assert second[CACHE_HEADER] == "HIT"
    assert second.content == first.content
    assert b"Burning feet at night" in second.content
    assert "public" in second["Cache-Control"]
    assert "s-maxage=3600" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_a_hit_carries_the_security_headers_and_its_own_request_id(settings, client, article):
    settings.SECURE_HSTS_SECONDS = 3600
    first, second = get_twice(client, article.url, secure=True)
    assert second[CACHE_HEADER] == "HIT"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Strict-Transport-Security",
    ):
        assert second[header] == first[header], header
    assert "nonce-" not in second["Content-Security-Policy"]
    assert second["X-Request-ID"] != first["X-Request-ID"]


def test_a_page_whose_policy_carries_a_nonce_is_not_cached(client, article, monkeypatch):
    """A nonce is a per-response secret: replaying it to other readers would defeat it."""
    from django.template.response import TemplateResponse

    render = TemplateResponse.render

    def render_with_nonce(response):
        str(response._request.csp_nonce)  # as an inline <script nonce=...> would
        return render(response)

    monkeypatch.setattr(TemplateResponse, "render", render_with_nonce)
    first, second = get_twice(client, article.url)
    assert "'nonce-" in second["Content-Security-Policy"]
    assert second[CACHE_HEADER] == "BYPASS"


def test_head_is_answered_from_the_cached_get(client, article):
    client.get(article.url)
    response = client.head(article.url)
    assert response.status_code == 200
    assert response[CACHE_HEADER] == "HIT"


def test_query_strings_are_cached_separately(client, article_index, article):
    client.get(article_index.url)
    filtered = client.get(article_index.url + "?page=2")
    assert filtered[CACHE_HEADER] == "MISS"
    assert "s-maxage=60" in filtered["Cache-Control"]  # not purged: it expires soon


def test_unknown_parameters_order_and_port_make_no_new_copy(client, article):
    assert client.get("/search/?q=burning&page=1")[CACHE_HEADER] == "MISS"
    for variant in ("/search/?page=1&q=burning", "/search/?utm_source=x&q=burning&page=1"):
        assert client.get(variant)[CACHE_HEADER] == "HIT", variant
    client.get(article.url, HTTP_HOST="localhost")
    assert client.get(article.url, HTTP_HOST="LOCALHOST:8000")[CACHE_HEADER] == "HIT"
    assert client.get(article.url + "?fbclid=abc", HTTP_HOST="localhost")[CACHE_HEADER] == "HIT"


def test_long_queries_are_served_but_not_kept(settings, client, article):
    settings.PAGE_CACHE_MAX_QUERY = len("q=burning+feet")
    first, second = get_twice(client, "/search/?q=burning+feet")
    assert second[CACHE_HEADER] == "HIT"
    first, second = get_twice(client, "/search/?q=burning+feet+at+night")
    assert second.status_code == 200 and b"Burning feet at night" in second.content
    assert second.get(CACHE_HEADER) != "HIT"


def test_a_publish_keeps_the_copies_of_pages_that_do_not_show_it(
    client, article_index, drug_index, article
):
    drug = DrugPageFactory(parent=drug_index, title="gabapentin")
    mention_drugs(article, drug)
    article.save_revision().publish()
    other = ArticlePageFactory(parent=article_index, title="Tingling hands")
    other_drug = DrugPageFactory(parent=drug_index, title="pregabalin")
    for page in (article, drug, other, other_drug, article_index):
        get_twice(client, page.url)
    article.title = "Cold feet at night"
    article.save_revision().publish()
    for page in (article, drug, article_index):  # the page, what it links to, its listing
        response = client.get(page.url)
        assert response[CACHE_HEADER] == "MISS", page.url
        assert b"Cold feet at night" in response.content
    for page in (other, other_drug):
        assert client.get(page.url)[CACHE_HEADER] == "HIT", page.url
    # The article no longer mentions the drug: the drug page stops listing it.
    article.drug_links = []
    article.save_revision().publish()
    assert b"Cold feet at night" not in client.get(drug.url).content


def test_a_drug_publish_refreshes_the_articles_that_list_it(client, article, drug_index):
    drug = DrugPageFactory(parent=drug_index, title="gabapentin")
    mention_drugs(article, drug)
    article.save_revision().publish()
    other = ArticlePageFactory(parent=article.get_parent(), title="Tingling hands")
    for page in (article, other):
        get_twice(client, page.url)
    drug.title = "gabapentin enacarbil"
    drug.save_revision().publish()
    response = client.get(article.url)  # lists the drug (its "Drugs mentioned" row)
    assert response[CACHE_HEADER] == "MISS"
    assert b"gabapentin enacarbil" in response.content.lower()
    assert client.get(other.url)[CACHE_HEADER] == "HIT"


def test_a_publish_while_the_cache_is_unreachable_is_not_stale_once_it_is_back(
    client, article, monkeypatch
):
    from serving import page_cache

    get_twice(client, article.url)
    with monkeypatch.context() as outage:  # as django-redis with IGNORE_EXCEPTIONS answers
        outage.setattr(page_cache.cache, "get", _nothing_read)
        outage.setattr(page_cache.cache, "set", _nothing_written)
        article.title = "Written during the outage"
        article.save_revision().publish()
        assert b"Written during the outage" in client.get(article.url).content
    response = client.get(article.url)  # the old copy is still in the cache
    assert response[CACHE_HEADER] == "MISS"
    assert b"Written during the outage" in response.content


def _nothing_read(key, default=None, version=None):
    return default


def _nothing_written(*args, **kwargs):
    return None


def test_publish_shows_at_the_next_request(client, article):
    get_twice(client, article.url)
    article.title = "Cold feet at night"
    article.save_revision().publish()
    response = client.get(article.url)
    assert response[CACHE_HEADER] == "MISS"
    assert b"Cold feet at night" in response.content
    assert b"Burning feet at night" not in response.content


def test_new_article_appears_in_the_cached_listing(client, article_index, article):
    get_twice(client, article_index.url)
    ArticlePageFactory(parent=article_index, title="Tingling hands")
    assert b"Tingling hands" in client.get(article_index.url).content


def test_unpublish_purges(client, article):
    get_twice(client, article.url)
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_delete_purges(client, article):
    url = article.url
    get_twice(client, url)
    article.delete()
    assert client.get(url).status_code == 404


def test_move_purges(client, home_page, article_index, article):
    old_url = article.url
    get_twice(client, old_url)
    get_twice(client, article_index.url)
    archive = home_page.add_child(instance=ArticleIndexPage(title="Archive", slug="archive"))
    article.move(archive, pos="last-child")
    moved = client.get(old_url)
    assert moved.status_code in (301, 404)
    assert b"Burning feet at night" not in moved.content
    assert b"Burning feet at night" not in client.get(article_index.url).content
    assert client.get("/archive/burning-feet-at-night/").status_code == 200


def test_making_a_page_private_purges(client, article):
    get_twice(client, article.url)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(article.url)
    assert b"Burning feet at night</h1>" not in response.content
    assert b"password" in response.content.lower()


def test_editing_a_person_purges_articles_that_credit_them(client, article):
    get_twice(client, article.url)
    person = article.authors.get().person
    person.name = "Ada Lovelace-Author"
    person.save()
    assert b"Ada Lovelace-Author" in client.get(article.url).content


def test_editing_a_drug_class_purges_the_drugs_list(client, drug_index):
    drug_class = DrugClassFactory(name="Gabapentinoid")
    DrugPageFactory(parent=drug_index, title="gabapentin", drug_class=drug_class)
    get_twice(client, drug_index.url)
    drug_class.name = "Gabapentinoid (anticonvulsant)"
    drug_class.save()
    assert b"Gabapentinoid (anticonvulsant)" in client.get(drug_index.url).content


def test_editing_a_glossary_term_purges_the_glossary(client, glossary_index):
    term = GlossaryTermFactory(term="allodynia", definition="Pain from a light touch.")
    get_twice(client, glossary_index.url)
    term.definition = "Pain from something that should not hurt."
    term.save()
    assert b"should not hurt" in client.get(glossary_index.url).content
    term.delete()
    assert b"allodynia" not in client.get(glossary_index.url).content


def test_editing_a_physician_purges_search_results(client, physician_search_page):
    physician = PhysicianFactory(name="Dr. Jo Example", zip_code="55905")
    url = physician_search_page.url + "?zip_code=55905"
    first, second = get_twice(client, url)
    assert second[CACHE_HEADER] == "HIT"
    physician.name = "Dr. Jo Renamed"
    physician.save()
    assert b"Dr. Jo Renamed" in client.get(url).content


def test_editor_never_sees_the_anonymous_copy_and_vice_versa(editor_client, article):
    anonymous, _ = get_twice(Client(), article.url)
    assert b"wagtail-userbar" not in anonymous.content

    editor = editor_client.get(article.url)
    assert editor[CACHE_HEADER] == "BYPASS"
    assert b"wagtail-userbar" in editor.content
    assert "private" in editor["Cache-Control"]

    again = Client().get(article.url)
    assert again[CACHE_HEADER] == "HIT"
    assert b"wagtail-userbar" not in again.content


def test_a_draft_save_keeps_the_cache_and_the_preview_is_not_cached(editor_client, article):
    reader = Client()
    get_twice(reader, article.url)
    article.title = "Draft title"
    article.save_revision()
    response = reader.get(article.url)
    assert response[CACHE_HEADER] == "HIT"
    assert b"Draft title" not in response.content
    preview = editor_client.get(f"/admin/pages/{article.pk}/edit/preview/")
    assert CACHE_HEADER not in preview


def test_quiz_form_token_is_valid_after_repeated_gets(quiz_index):
    quiz = QuizPageFactory(parent=quiz_index, title="Nerve pain quiz")
    reader = Client(enforce_csrf_checks=True)
    first, second = get_twice(reader, quiz.url)
    assert first[CACHE_HEADER] == second[CACHE_HEADER] == "BYPASS"
    token = second.cookies["csrftoken"].value if "csrftoken" in second.cookies else None
    token = token or reader.cookies["csrftoken"].value
    response = reader.post(quiz.url, {"csrfmiddlewaretoken": token})
    assert response.status_code != 403


def test_other_methods_errors_and_the_admin_are_not_cached(client, article):
    assert CACHE_HEADER not in client.post(article.url)
    missing = client.get("/articles/no-such-article/")
    assert missing.status_code == 404
    assert client.get("/articles/no-such-article/")[CACHE_HEADER] == "BYPASS"
    assert CACHE_HEADER not in client.get("/admin/login/")


def test_disabled_page_cache_serves_fresh_and_still_lets_varnish_keep_it(settings, client, article):
    settings.PAGE_CACHE_ENABLED = False
    first, second = get_twice(client, article.url)
    assert CACHE_HEADER not in second
    assert "public" in second["Cache-Control"] and "s-maxage=3600" in second["Cache-Control"]


def test_new_section_appears_in_the_navigation_of_cached_pages(client, home_page, article):
    get_twice(client, article.url)
    home_page.add_child(
        instance=ArticleIndexPage(title="Stories", slug="stories", show_in_menus=True)
    )
    assert b'href="/stories/"' in client.get(article.url).content


def test_versions_change_with_the_transaction_that_changes_content(client, article):
    """A reader who rendered the old rows while the publish was in flight stored them under
    the old version; the new one is committed with the content, and rolled back with it."""
    from django.db import transaction

    from core.fragments import current_generation, invalidate

    before = current_generation()
    try:
        with transaction.atomic():
            invalidate()
            assert current_generation() != before  # inside the transaction
            raise RuntimeError
    except RuntimeError:
        pass
    assert current_generation() == before
    get_twice(client, article.url)
    with transaction.atomic():
        article.title = "Burning feet: what helps"
        article.save_revision().publish()
    response = client.get(article.url)
    assert response[CACHE_HEADER] == "MISS"
    assert b"Burning feet: what helps" in response.content
