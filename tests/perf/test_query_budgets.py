"""Query budgets: each page's query count stays within its budget however much it shows.

Every budget is checked at two sizes, so an N+1 fails. Counts are for an anonymous reader's
second request with the full-page cache off: the site, route, navigation and other
per-process fragments come from memory as they do in production (core.fragments); every
page-specific row comes from the database.
"""

import pytest

from bench import scale
from physicians import geo
from physicians.models import Physician
from serving.page_cache import CACHE_HEADER
from tests.factories import (
    ArticleAuthorFactory,
    ArticlePageFactory,
    ArticleReferenceFactory,
    BrandNameFactory,
    DrugPageFactory,
    GlossaryTermFactory,
    PersonFactory,
    PhysicianFactory,
    mention_drugs,
)

# Every page also reads the content versions (one primary-key query: core.fragments), the
# Site (Wagtail's Site.find_for_request) and, below the home page, its ancestors (breadcrumbs):
# public APIs only, since the route memory that primed Wagtail's private request attributes
# is gone (serving.routing remembers routes through public APIs: one query for the page).
ARTICLE_BUDGET = 12
STORED_ARTICLE_BUDGET = 4
DRUG_INDEX_BUDGET = 7
DRUG_PAGE_BUDGET = 10  # 9, plus one for its FDA label (a child of the page)
SEARCH_BUDGET = 6
PHYSICIAN_SEARCH_BUDGET = 7
# With every app cache off (`make bench`'s "every app cache off" row): the Site, the page and
# its ancestors by url_path with their view restrictions, the page's own row (serving.routing),
# authors, drugs, their brands, topics, references, the pages its "See also" blocks link, all
# at once (articles.models.render_article), and the navigation. Wagtail's own walk took 17.
COLD_ARTICLE_BUDGET = 10


@pytest.fixture(autouse=True)
def fragments_on(settings):
    """Caches are emptied around every test (tests/conftest.py)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True


@pytest.fixture
def rng():
    return scale.make_rng(1)


def second_request(client, url, budget, assert_max_queries):
    """The reader's second visit, within budget; the first warmed the per-process memos."""
    assert client.get(url).status_code == 200
    with assert_max_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    assert response.get(CACHE_HEADER) != "HIT"
    return response.content.decode()


def make_article(parent, drug_index, rng, *, drugs, references, related, glossary_terms):
    others = [ArticlePageFactory(parent=parent, title=f"Related {n}") for n in range(related)]
    mentioned = scale.create_drugs(drug_index, drugs, rng, max_brands=5) if drugs else []
    for n in range(glossary_terms):
        GlossaryTermFactory(term=f"term {n}", slug=f"term-{n}")
    body = [
        ("heading", {"text": "Symptoms", "level": "h2"}),
        ("paragraph", "<p>Burning pain.<sup><a href='#ref-1'>1</a></sup></p>"),
        *(("see_also", {"page": other, "title": "", "verb": "See"}) for other in others),
    ]
    article = ArticlePageFactory(parent=parent, title="Living with nerve pain", body=body)
    for n in range(2):
        ArticleAuthorFactory(page=article, person=PersonFactory(name=f"Author {n}"))
    for n in range(references):
        ArticleReferenceFactory(page=article, title=f"Study {n}", sort_order=n)
    article.reviewer = PersonFactory(name="Rita Reviewer")
    mention_drugs(article, *mentioned)
    article.tags.add("diabetes", "treatment")
    article.save_revision().publish()
    return article, mentioned, others


@pytest.mark.parametrize("article_fragment", ["rebuilt", "stored"])
@pytest.mark.parametrize(
    "drugs,references,related,glossary_terms",
    [(0, 0, 0, 0), (10, 8, 10, 0), (0, 0, 0, 60), (10, 8, 10, 60)],
    ids=["bare", "full", "big-glossary", "full-big-glossary"],
)
def test_article_page(
    client, article_index, drug_index, rng, drugs, references, related, glossary_terms,
    article_fragment, monkeypatch, django_assert_max_num_queries,
):  # fmt: skip
    """Rebuilt: the article is built on every request (its first reader after a change);
    stored: it comes from the shared fragment, leaving only the page's own row."""
    budget = ARTICLE_BUDGET
    if article_fragment == "rebuilt":
        monkeypatch.setattr(
            "articles.models.shared_fragment", lambda key, build, request=None: build()
        )
    else:
        budget = STORED_ARTICLE_BUDGET
    article, mentioned, others = make_article(
        article_index,
        drug_index,
        rng,
        drugs=drugs,
        references=references,
        related=related,
        glossary_terms=glossary_terms,
    )
    html = second_request(client, article.url, budget, django_assert_max_num_queries)
    assert html.count('<li id="ref-') == references
    assert all(drug.title in html for drug in mentioned)
    assert all(f'href="{other.url}"' in html for other in others)
    assert "Rita Reviewer" in html
    assert "Author 1" in html


@pytest.mark.parametrize("drugs", [10, 1000])
def test_drug_index(client, drug_index, rng, drugs, django_assert_max_num_queries):
    created = scale.create_drugs(drug_index, drugs, rng, max_brands=30)
    assert max(drug.brand_names.count() for drug in created[:50]) <= 30
    html = second_request(client, drug_index.url, DRUG_INDEX_BUDGET, django_assert_max_num_queries)
    shown = min(drugs, 100)
    assert html.count('class="drug-list__item"') == shown
    first = sorted(created, key=lambda drug: drug.title)[0]
    assert first.brand_names.first().name in html
    letter = first.title[0].upper()
    second_request(
        client,
        f"{drug_index.url}?letter={letter}",
        DRUG_INDEX_BUDGET,
        django_assert_max_num_queries,
    )


@pytest.mark.parametrize("size", [1, 30])
def test_drug_page(client, article_index, drug_index, size, django_assert_max_num_queries):
    drug = DrugPageFactory(parent=drug_index, title="gabapentin")
    for n in range(size):
        BrandNameFactory(page=drug, name=f"Brand {n}")
    drug.routes.set(list(drug.routes.model.objects.all()[:size]))
    drug.reviewer = PersonFactory(name="Rita Reviewer")
    drug.save_revision().publish()
    for n in range(size):
        article = ArticlePageFactory(parent=article_index, title=f"Article {n}")
        mention_drugs(article, drug)
        article.save()
    html = second_request(client, drug.url, DRUG_PAGE_BUDGET, django_assert_max_num_queries)
    assert html.count("<li>Brand ") == size
    assert f"Article {size - 1}" in html


@pytest.mark.parametrize("matches", [2, 40])
def test_search_results(
    client, article_index, drug_index, rng, matches, django_assert_max_num_queries
):
    for n in range(matches):
        ArticlePageFactory(parent=article_index, title=f"Gabapentin guide {n}")
    DrugPageFactory(parent=drug_index, title="gabapentin")
    html = second_request(
        client, "/search/?q=gabapentin", SEARCH_BUDGET, django_assert_max_num_queries
    )
    assert f"{matches + 1} results" in html
    assert html.count('class="card__title"') == min(matches + 1, 10)
    second_request(
        client, "/search/?q=gabapentin&page=2", SEARCH_BUDGET, django_assert_max_num_queries
    )


@pytest.mark.parametrize("listings", [3, 300])
def test_physician_search(
    client, physician_search_page, rng, listings, django_assert_max_num_queries
):
    scale.create_physicians(listings, rng)
    PhysicianFactory(name="Dr. Nearest", zip_code="55905")
    for n in range(min(listings, 12)):
        PhysicianFactory(name=f"Dr. Near {n}", zip_code="55901")
    url = physician_search_page.url + "?zip_code=55905"
    html = second_request(client, url, PHYSICIAN_SEARCH_BUDGET, django_assert_max_num_queries)
    assert "Dr. Nearest" in html
    # Only listings within the default 25 miles are shown, 10 to a page.
    near = Physician.objects.within(*geo.zip_centroid("55905"), 25).count()
    assert near >= min(listings, 12) + 1
    assert html.count('<li class="card physician">') == min(near, 10)


@pytest.mark.parametrize("size", [1, 10])
def test_an_article_with_every_app_cache_off(
    settings, client, article_index, drug_index, rng, size, django_assert_max_num_queries
):
    """With fragments off every request pays for the site, the route, restrictions and the
    navigation: a constant number of queries however deep the page or long its lists."""
    settings.FRAGMENT_CACHE_ENABLED = False
    article, _, _ = make_article(
        article_index, drug_index, rng, drugs=size, references=size, related=size, glossary_terms=0
    )
    html = second_request(client, article.url, COLD_ARTICLE_BUDGET, django_assert_max_num_queries)
    assert 'aria-label="Breadcrumb"' in html
