"""generate_scale_data: realistic synthetic content, kept apart from real content."""

import pytest

from django.core.management import call_command

from wagtail.models import Page

from articles.models import ArticlePage, ArticleReference
from bench.models import SyntheticObject, synthetic
from drugs.models import BrandName, DrugPage
from physicians.models import Physician
from tests.factories import ArticlePageFactory, DrugPageFactory


@pytest.fixture
def generated(article_index, drug_index):
    real_article = ArticlePageFactory(parent=article_index, title="Real article")
    real_drug = DrugPageFactory(parent=drug_index, title="gabapentin")
    call_command("generate_scale_data", articles=60, drugs=25, physicians=40, verbosity=0, seed=7)
    return real_article, real_drug


def test_creates_flagged_content_of_realistic_shape(generated, article_index, drug_index):
    articles = synthetic(ArticlePage)
    drugs = synthetic(DrugPage)
    assert articles.count() == 60
    assert drugs.count() == 25
    assert synthetic(Physician).count() == 40
    assert synthetic(Physician).values("state").distinct().count() > 10
    for article in articles[:20]:
        assert 10 <= len(article.body) <= 50
        assert article.references.count() <= 8
        assert article.drug_links.count() <= 10
    for drug in drugs:
        assert 1 <= drug.brand_names.count() <= 30
    assert ArticleReference.objects.filter(page__in=articles).exists()
    assert BrandName.objects.filter(slug="").count() == 0
    article_index.refresh_from_db()
    assert article_index.numchild == 61
    assert not any(Page.find_problems())


def test_synthetic_pages_serve_and_are_searchable(client, generated, drug_index):
    article = synthetic(ArticlePage).order_by("-pk").first()
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title.encode() in response.content
    drug = synthetic(DrugPage).first()
    assert client.get(drug.url).status_code == 200
    assert drug.title.encode() in client.get(drug_index.url + "?letter=" + drug.title[0]).content
    search = client.get("/search/", {"q": drug.title})
    assert drug.title.encode() in search.content


def test_purge_removes_only_synthetic_content(client, generated, article_index):
    real_article, real_drug = generated
    call_command("generate_scale_data", purge=True, verbosity=0)
    assert not synthetic(ArticlePage).exists()
    assert not synthetic(DrugPage).exists()
    assert not synthetic(Physician).exists()
    assert list(ArticlePage.objects.values_list("pk", flat=True)) == [real_article.pk]
    assert list(DrugPage.objects.values_list("pk", flat=True)) == [real_drug.pk]
    assert not Physician.objects.exists()
    assert not SyntheticObject.objects.exists()
    article_index.refresh_from_db()
    assert article_index.numchild == 1
    assert not any(Page.find_problems())
    assert client.get(real_article.url).status_code == 200


def test_runs_again_after_existing_content(generated, article_index):
    call_command("generate_scale_data", articles=5, drugs=3, physicians=0, verbosity=0)
    assert synthetic(ArticlePage).count() == 65
    assert not any(Page.find_problems())


def test_pages_are_published_with_a_revision_each(generated):
    article = synthetic(ArticlePage).order_by("pk").first()
    assert article.live and article.live_revision_id == article.latest_revision_id
    assert article.revisions.count() == 1
    assert article.get_latest_revision_as_object().authors.count() == article.authors.count()


def test_demo_content_for_the_load_scripts_is_synthetic_and_idempotent(
    client, article_index, drug_index, quiz_index
):
    call_command("generate_scale_data", demo=True, verbosity=0)
    counts = SyntheticObject.objects.count()
    call_command("generate_scale_data", demo=True, verbosity=0)
    assert SyntheticObject.objects.count() == counts
    assert synthetic(ArticlePage).count() == 12
    gabapentin = synthetic(DrugPage).get(slug="gabapentin")
    assert sorted(gabapentin.brand_names.values_list("name", flat=True)) == ["Gralise", "Neurontin"]
    assert synthetic(Physician).filter(zip_code__startswith="559", state="MN").count() == 30
    assert client.get("/search/", {"q": "gabapentin"}).status_code == 200
