"""The header's markup: a Menu disclosure button for phones, and one search box a page."""

from tests.factories import ArticlePageFactory
from tests.helpers import elements


def search_boxes(html):
    return [attrs.get("id") for _tag, attrs in elements(html, "input", type="search")]


def test_pages_with_their_own_search_box_leave_the_headers_out(client, home_page, article_index):
    article = ArticlePageFactory(parent=article_index, title="Neuropathic Pain")
    assert search_boxes(client.get("/").text) == ["home-search"]
    assert search_boxes(client.get("/search/", {"q": "pain"}).text) == ["search-q"]
    assert search_boxes(client.get("/no-such-page/").text) == ["not-found-search"]
    for url in (article.url, article_index.url, "/drugs/", "/glossary/", "/quizzes/"):
        assert search_boxes(client.get(url).text) == ["header-search"], url


def test_the_menu_button_is_a_disclosure_for_the_main_navigation(client, article_index):
    html = client.get(article_index.url).text
    [(_tag, button)] = elements(html, "button", **{"class": "site-header__menu"})
    assert button["type"] == "button"
    assert button["aria-controls"] == "main-nav" and button["aria-expanded"] == "false"
    [(_tag, nav)] = elements(html, "nav", id="main-nav")
    assert nav["aria-label"] == "Main"
    # site.js marks the page as scripted before the first paint (the menu starts folded).
    [(_tag, script)] = [s for s in elements(html, "script") if "site" in s[1].get("src", "")]
    assert "defer" not in script and "async" not in script


def test_breadcrumb_keeps_the_current_page_for_screen_readers_and_desktops(client, article_index):
    article = ArticlePageFactory(parent=article_index, title="Neuropathic Pain")
    html = client.get(article.url).text
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert crumbs.index('href="/"') < crumbs.index('href="/articles/"')
    assert f'href="{article.url}" aria-current="page">Neuropathic Pain</a>' in crumbs
