"""The home page, and what search engines and link previews read: sitemap, robots, meta."""

import re

from tests.factories import ArticlePageFactory
from tests.helpers import elements, json_ld, meta_content


def test_home_explains_the_site_and_offers_every_entry_point(client, home_page, article_index):
    ArticlePageFactory(parent=article_index, title="Neuropathic Pain", summary="What it is.")
    response = client.get("/")
    html = response.text
    assert response.status_code == 200
    assert "helps people living with neuropathic (nerve) pain" in html
    assert "Featured articles" in html and "Neuropathic Pain" in html
    assert elements(html, "a", href="/drugs/")
    # Physician search entry: a ZIP code form that submits to the search page.
    assert elements(html, "form", action="/find-a-physician/", method="get")
    assert elements(html, "input", name="zip_code", id="home-zip")
    # Site search box.
    assert elements(html, "form", action="/search/", role="search")
    assert elements(html, "input", id="home-search", name="q")
    assert elements(html, "a", href="/quizzes/") and elements(html, "a", href="/glossary/")


def test_home_zip_form_lands_on_physician_results(client, home_page):
    response = client.get("/find-a-physician/", {"zip_code": "55905"})
    assert response.status_code == 200 and "Results" in response.text


def test_home_meta(client, home_page):
    html = client.get("/").text
    assert meta_content(html, "og:title") == "NeuroPain: understanding nerve pain"
    assert meta_content(html, "og:type") == "website"
    assert meta_content(html, "og:url") == home_page.full_url
    assert "neuropathic (nerve) pain" in meta_content(html, "description")
    assert elements(html, "link", rel="canonical")[0][1]["href"] == home_page.full_url
    # The home page has no breadcrumb, so no BreadcrumbList.
    assert not json_ld(html)


def test_sections_have_breadcrumb_markup_and_open_graph(client, site):
    for url, name in [
        ("/articles/", "Articles"),
        ("/drugs/", "Drugs A–Z"),
        ("/find-a-physician/", "Find a physician"),
        ("/quizzes/", "Quizzes"),
    ]:
        html = client.get(url).text
        crumbs = [i for i in json_ld(html) if i["@type"] == "BreadcrumbList"]
        assert [c["name"] for c in crumbs[0]["itemListElement"]] == ["Home", name], url
        assert meta_content(html, "og:title") == name


def test_sitemap_lists_pages_with_lastmod(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Sciatica", live=False)
    article.save_revision().publish()
    sitemap = client.get("/sitemap.xml").text
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.DOTALL)
    assert any("/articles/sciatica/</loc>" in entry for entry in entries)
    assert all("<lastmod>" in entry for entry in entries), "every URL has a lastmod"


def test_sitemap_lastmod_falls_back_to_the_medical_modified_date(client, article_index):
    # Created straight into the tree (as a bulk import might), never through publishing.
    ArticlePageFactory(parent=article_index, title="Imported article")
    sitemap = client.get("/sitemap.xml").text
    entry = sitemap.split("/articles/imported-article/</loc>")[1].split("</url>")[0]
    assert "<lastmod>2024-09-01</lastmod>" in entry


def test_robots_txt_points_to_the_sitemap(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Disallow: /admin/" in response.text


def test_search_page_asks_not_to_be_indexed(client, site):
    assert elements(client.get("/search/").text, "meta", name="robots", content="noindex")
