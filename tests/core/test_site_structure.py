from wagtail.models import Site

from articles.models import ArticleIndexPage
from drugs.models import DrugIndexPage, Route
from glossary.models import GlossaryIndexPage
from home.models import HomePage
from physicians.models import PhysicianSearchPage
from quizzes.models import QuizIndexPage


def test_migrate_creates_a_navigable_site(site, client):
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    sections = {type(child.specific) for child in home.get_children().live()}
    assert sections == {
        ArticleIndexPage,
        DrugIndexPage,
        PhysicianSearchPage,
        QuizIndexPage,
        GlossaryIndexPage,
    }
    response = client.get("/")
    assert response.status_code == 200
    for url in ["/articles/", "/drugs/", "/find-a-physician/", "/quizzes/", "/glossary/"]:
        assert f'href="{url}"' in response.text, f"main navigation lacks {url}"
        assert client.get(url).status_code == 200


def test_only_one_site_and_home(db):
    assert Site.objects.count() == 1
    assert HomePage.objects.count() == 1


def test_route_vocabulary_exists(db):
    assert {"oral", "topical", "transdermal", "injection"} <= set(
        Route.objects.values_list("slug", flat=True)
    )


def test_search_robots_and_sitemap(client, site):
    assert client.get("/search/").status_code == 200
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Sitemap:" in robots.text
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/articles/</loc>" in sitemap.text


def test_unknown_url_gets_friendly_404(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
