"""The pages about the site: created by load_site_content, editable, in the footer; the
sitemap for people lists the sections and their pages."""

from io import StringIO

import pytest

from django.core.management import call_command

from tests.factories import ArticlePageFactory
from tests.importer.import_helpers import visible_text
from trust.models import InfoPage, SitemapPage

TITLES = [
    "About NeuroPain",
    "How we write and review content",
    "Contact",
    "Privacy",
    "Accessibility statement",
]


def load():
    out = StringIO()
    call_command("load_site_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(site):
    return load()


def test_every_trust_page_is_live_and_in_the_footer_in_order(client, loaded):
    assert "Pages about the site: 6 created, 0 updated, 0 unchanged" in loaded
    assert list(InfoPage.objects.live().order_by("path").values_list("title", flat=True)) == TITLES
    html = client.get("/").text
    footer = html.split('<nav aria-label="Footer">')[1].split("</nav>")[0]
    positions = [footer.index(f">{title}</a>") for title in [*TITLES, "Sitemap"]]
    assert positions == sorted(positions)
    for page in [*InfoPage.objects.all(), SitemapPage.objects.get()]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f"<h1>{page.title}</h1>" in response.text


def test_the_pages_say_what_the_site_really_does(client, loaded):
    privacy = visible_text(client.get("/privacy/").text)
    assert "Reading NeuroPain sets no cookies" in privacy and "csrftoken" in privacy
    # What the public pages really send: no cookie to a reader.
    response = client.get("/privacy/")
    assert not response.cookies
    policy = visible_text(client.get("/how-we-write-and-review/").text)
    for words in ["Where our information comes from", "12 months", "How to report an error"]:
        assert words in policy
    accessibility = visible_text(client.get("/accessibility/").text)
    for words in [
        "WCAG) 2.2 at level AA",
        "axe-core",
        "vnu",
        "every link between our pages",
        "Playwright",
        "Known issues",
    ]:
        assert words in accessibility


def test_loading_again_changes_nothing_and_an_editors_change_is_kept(client, loaded):
    assert "Pages about the site: 0 created, 0 updated, 6 unchanged" in load()
    about = InfoPage.objects.get(slug="about")
    latest = about.get_latest_revision_as_object()
    latest.summary = "Written by our editor."
    latest.save_revision().publish()
    assert "Pages about the site: 0 created, 0 updated, 5 unchanged, 1 kept" in load()
    assert "Written by our editor." in client.get(about.url).text


def test_sitemap_for_people_lists_sections_and_their_pages(client, loaded, article_index):
    ArticlePageFactory(parent=article_index, title="Living with nerve pain")
    html = client.get(SitemapPage.objects.get().url).text
    text = visible_text(html)
    for words in ["Articles", "Living with nerve pain", "Drugs A–Z", "About NeuroPain"]:
        assert words in text
    assert 'href="/sitemap.xml"' in html


def test_the_home_page_promises_only_what_pages_show(client, loaded, home_page):
    assert "Home page promise: 0 created, 1 updated" in loaded
    html = client.get("/").text
    assert "reviewed by medical experts" not in html
    assert "Every article and medicine page says whether it has been medically reviewed" in html
    assert 'href="/how-we-write-and-review/"' in html
    # An editor's own wording is kept.
    home = home_page.get_latest_revision_as_object()
    home.intro = "<p>Our own words.</p>"
    home.save_revision().publish()
    assert "Home page promise: 0 created, 0 updated, 0 unchanged, 1 kept" in load()
    assert "Our own words." in client.get("/").text
