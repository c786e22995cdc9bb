"""An article is rendered once per revision and content generation, then read from the cache.

With the full-page cache off (as for signed-in editors, or a page's first reader after a
publish), a reader still gets the article from the shared fragment: anything that changes
what the article shows must show at the next request, and previews must never use it.
"""

import re

import pytest

from django.core.cache import cache
from django.test import Client

from core import fragments
from core.fragments import FRAGMENT_KEY_PREFIX
from serving import page_cache
from tests.factories import (
    ArticleAuthorFactory,
    ArticlePageFactory,
    BrandNameFactory,
    DrugPageFactory,
    GlossaryTermFactory,
    PersonFactory,
    mention_drugs,
)


@pytest.fixture(autouse=True)
def fragments_only(settings):
    """Caches are emptied around every test (tests/conftest.py)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def article(article_index, drug_index):
    GlossaryTermFactory(term="allodynia", definition="Pain from a light touch.")
    drug = DrugPageFactory(parent=drug_index, title="gabapentin")
    BrandNameFactory(page=drug, name="Neurontin")
    page = ArticlePageFactory(
        parent=article_index,
        title="Burning feet at night",
        body=[("paragraph", "<p>Some people feel allodynia at night.</p>")],
    )
    ArticleAuthorFactory(page=page, person=PersonFactory(name="Ada Author"))
    mention_drugs(page, drug)
    page.save_revision().publish()
    return page


def without_nonces(html):
    return re.sub(r'nonce="[^"]*"', "", html)


def stored_fragments():
    return [key for key in cache._cache if FRAGMENT_KEY_PREFIX in key]


def test_second_reader_gets_the_stored_article_without_querying_it(
    client, article, django_assert_max_num_queries
):
    first = client.get(article.url)
    assert len(stored_fragments()) == 1
    # The content versions, the page's own row, the Site and the breadcrumbs: authors, drugs,
    # brands, references and tags come with the article.
    with django_assert_max_num_queries(4):
        second = client.get(article.url)
    html = second.content.decode()
    assert without_nonces(html) == without_nonces(first.content.decode())
    assert "Ada Author" in html
    assert "Neurontin" in html
    assert 'popovertarget="' in html
    assert '"@type": "MedicalWebPage"' in html


def test_a_published_change_shows_at_the_next_request(client, article):
    client.get(article.url)
    article.body = [("paragraph", "<p>Cold feet are common too.</p>")]
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Cold feet are common too." in html
    assert "Some people feel" not in html


@pytest.mark.parametrize("change", ["glossary term", "brand name", "author"])
def test_a_snippet_or_related_page_change_shows_at_the_next_request(client, article, change):
    client.get(article.url)
    if change == "glossary term":
        from glossary.models import GlossaryTerm

        term = GlossaryTerm.objects.get(term="allodynia")
        term.definition = "Pain from something that should not hurt."
        term.save()
        expected = "should not hurt"
    elif change == "brand name":
        drug = article.drug_links.get().drug
        BrandNameFactory(page=drug, name="Gralise")
        drug.save_revision().publish()
        expected = "Gralise"
    else:
        person = article.authors.get().person
        person.name = "Ada Lovelace-Author"
        person.save()
        expected = "Ada Lovelace-Author"
    assert expected in client.get(article.url).content.decode()


def test_a_draft_is_never_cached_and_its_preview_shows_the_draft(editor_client, article):
    reader = Client()
    reader.get(article.url)
    article.body = [("paragraph", "<p>Draft wording only editors see.</p>")]
    draft = article.save_revision()
    assert "Draft wording" not in reader.get(article.url).content.decode()
    preview = editor_client.get(f"/admin/pages/{article.pk}/revisions/{draft.pk}/view/")
    assert "Draft wording only editors see." in preview.content.decode()
    assert "Draft wording" not in reader.get(article.url).content.decode()


def test_an_unreachable_cache_renders_the_article_afresh(client, article, monkeypatch):
    class Unreachable:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    for module in (fragments, page_cache):  # the generation and fragments; whole pages
        monkeypatch.setattr(module, "cache", Unreachable())
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Ada Author" in response.content.decode()


@pytest.mark.parametrize("is_preview,builds", [(False, 1), (True, 2)])
def test_previews_never_read_or_write_shared_fragments(rf, db, is_preview, builds):
    """Belt and braces: a preview renders a revision under the live page's id."""
    built = []
    request = rf.get("/")
    request.is_preview = is_preview
    for _ in range(2):
        value = fragments.shared_fragment("probe", lambda: built.append(1) or "html", request)
        assert value == "html"
    assert len(built) == builds
