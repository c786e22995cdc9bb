import pytest

from drugs.models import Route
from tests import factories


@pytest.fixture
def public_site(
    home_page, article_index, drug_index, physician_search_page, quiz_index, glossary_index
):
    """One live page of every public type, with the records their listings show."""
    article = factories.ArticlePageFactory(parent=article_index, title="Living with nerve pain")
    factories.ArticleAuthorFactory(page=article, person=factories.PersonFactory(name="Jane Doe"))
    factories.ArticleReferenceFactory(page=article, title="A trial of nerve decompression")
    drug = factories.DrugPageFactory(parent=drug_index, title="gabapentin")
    factories.BrandNameFactory(page=drug, name="Neurontin")
    drug.routes.set([Route.objects.get(slug="oral")])
    factories.mention_drugs(article, drug)
    article.save()
    quiz = factories.QuizPageFactory(parent=quiz_index, title="Nerve pain basics")
    factories.GlossaryTermFactory(
        term="allodynia", slug="allodynia", definition="Pain from light touch."
    )
    factories.PhysicianFactory(name="Dr. Sample Nearby", zip_code="55905")
    return {
        "home": home_page,
        "article_index": article_index,
        "article": article,
        "drug_index": drug_index,
        "drug": drug,
        "physician_search": physician_search_page,
        "quiz_index": quiz_index,
        "quiz": quiz,
        "glossary": glossary_index,
    }


@pytest.fixture
def public_urls(public_site):
    """Every public page type's URL, with query strings that exercise their filters."""
    return {
        "home": "/",
        "article index": public_site["article_index"].url,
        "article": public_site["article"].url,
        "drug index": public_site["drug_index"].url,
        "drug index by letter": public_site["drug_index"].url + "?letter=G",
        "drug": public_site["drug"].url,
        "physician search": public_site["physician_search"].url,
        "physician results": public_site["physician_search"].url + "?zip_code=55905",
        "quiz index": public_site["quiz_index"].url,
        "quiz": public_site["quiz"].url,
        "glossary": public_site["glossary"].url,
        "search": "/search/?q=nerve",
        "not found": "/no-such-page/",
    }
