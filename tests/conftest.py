import pytest

from django.core.cache import cache

from wagtail.models import Page, Site

from articles.models import ArticleIndexPage
from core.fragments import clear_fragments
from drugs.models import DrugIndexPage
from glossary.models import GlossaryIndexPage
from physicians.models import PhysicianSearchPage
from quizzes.models import QuizIndexPage
from tests.browser_support import launch_chromium


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache and no per-process fragments: cached lookups
    (section URLs, routes, pages) must not leak between tests whose database changes were
    rolled back."""
    cache.clear()
    clear_fragments()
    yield
    cache.clear()
    clear_fragments()


@pytest.fixture
def site(db):
    """The site tree the initial-site migration creates."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def article_index(site):
    return ArticleIndexPage.objects.get()


@pytest.fixture
def drug_index(site):
    return DrugIndexPage.objects.get()


@pytest.fixture
def physician_search_page(site):
    return PhysicianSearchPage.objects.get()


@pytest.fixture
def quiz_index(site):
    return QuizIndexPage.objects.get()


@pytest.fixture
def glossary_index(site):
    return GlossaryIndexPage.objects.get()


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def editor_client(client, django_user_model):
    """A logged-in superuser for admin views (roles are tested separately)."""
    user = django_user_model.objects.create_superuser("editor-admin", "e@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    """One headless Chromium for the whole session (browser tests in any folder)."""
    yield from launch_chromium()
