"""Every page type: allowed only where it belongs, renders its fields, opens in the admin."""

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticleIndexPage, ArticlePage
from drugs.models import DrugIndexPage, DrugPage, Route
from glossary.models import GlossaryIndexPage
from home.models import HomePage
from physicians.models import PhysicianSearchPage
from quizzes.models import QuizIndexPage, QuizPage
from tests import factories
from trust.models import InfoPage, SitemapPage

SECTIONS = (ArticleIndexPage, DrugIndexPage, PhysicianSearchPage, QuizIndexPage, GlossaryIndexPage)


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_sits_at_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(ArticleIndexPage, HomePage)

    def test_sections_live_under_home(self):
        self.assertAllowedSubpageTypes(HomePage, {*SECTIONS, InfoPage, SitemapPage})

    def test_articles_drugs_and_quizzes_live_in_their_index(self):
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(DrugIndexPage, {DrugPage})
        self.assertAllowedSubpageTypes(QuizIndexPage, {QuizPage})
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticleIndexPage, DrugPage)

    def test_leaf_pages_have_no_children(self):
        for model in (ArticlePage, DrugPage, QuizPage, PhysicianSearchPage, GlossaryIndexPage):
            self.assertAllowedSubpageTypes(model, {})

    def test_singletons(self):
        for model in (HomePage, *SECTIONS):
            assert model.max_count == 1, model


@pytest.fixture
def article(article_index):
    page = factories.ArticlePageFactory(parent=article_index, title="Living with nerve pain")
    factories.ArticleAuthorFactory(
        page=page, person=factories.PersonFactory(name="Jane Doe", credentials="MD")
    )
    page.reviewer = factories.PersonFactory(name="Rita Reviewer", credentials="PhD")
    page.save()
    factories.ArticleReferenceFactory(page=page, title="A trial of nerve decompression")
    return page


@pytest.fixture
def drug(drug_index):
    page = factories.DrugPageFactory(parent=drug_index, title="gabapentin")
    factories.BrandNameFactory(page=page, name="Neurontin")
    page.routes.set([Route.objects.get(slug="oral")])
    page.save()
    return page


def test_article_renders_every_field(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    text = response.text
    for expected in [
        "Living with nerve pain",
        "A short summary of the article.",
        "Jane Doe",
        "Rita Reviewer",
        "Medically reviewed by Rita Reviewer, PhD on",
        "1 June 2024",
        "Sep 2024",
        'id="symptoms"',
        "Nerve pain can feel like burning or tingling.",
        "A trial of nerve decompression",
        "Example Publisher",
        "Next review due",
    ]:
        assert expected in text, expected


def test_drug_renders_every_field(client, drug, article):
    factories.mention_drugs(article, drug)
    article.save()
    response = client.get(drug.url)
    assert response.status_code == 200
    for expected in ["gabapentin", "Neurontin", "Oral", "A medicine used in tests.", article.title]:
        assert expected in response.text, expected
    assert "Neurontin" in client.get("/drugs/").text


def test_quiz_renders_questions(client, quiz_index):
    quiz = factories.QuizPageFactory(parent=quiz_index, title="Nerve pain basics")
    response = client.get(quiz.url)
    assert response.status_code == 200
    assert "What is allodynia?" in response.text
    assert "Pain from a light touch" in response.text
    assert "Nerve pain basics" in client.get("/quizzes/").text


def test_glossary_index_lists_terms(client, glossary_index):
    factories.GlossaryTermFactory(
        term="allodynia", slug="allodynia", definition="Pain from a light touch."
    )
    response = client.get(glossary_index.url)
    assert "allodynia" in response.text and "Pain from a light touch." in response.text


def test_physician_search_page_lists_matches(client, physician_search_page):
    factories.PhysicianFactory(name="Dr. Sample Nearby", zip_code="55905")
    response = client.get(physician_search_page.url, {"zip_code": "55905"})
    assert response.status_code == 200
    assert "Dr. Sample Nearby" in response.text


@pytest.mark.parametrize(
    "fixture_name",
    [
        "home_page",
        "article_index",
        "drug_index",
        "physician_search_page",
        "quiz_index",
        "glossary_index",
        "article",
        "drug",
    ],
)
def test_admin_edit_view_opens(request, editor_client, fixture_name):
    page = request.getfixturevalue(fixture_name)
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in response.text


def test_quiz_admin_edit_view_opens(editor_client, quiz_index):
    quiz = factories.QuizPageFactory(parent=quiz_index)
    assert editor_client.get(f"/admin/pages/{quiz.pk}/edit/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/core/person/",
        "/admin/snippets/glossary/glossaryterm/",
        "/admin/snippets/drugs/drugclass/",
        "/admin/snippets/physicians/physician/",
        "/admin/snippets/search/synonym/",
    ],
)
def test_snippet_listings_open(editor_client, url, site):
    assert editor_client.get(url).status_code == 200
