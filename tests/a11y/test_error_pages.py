"""Error pages help a lost reader on: a search box and the main sections, or a way home."""

from django.views.defaults import server_error


def test_not_found_page_offers_search_and_sections(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.text
    assert "<title>Page not found | NeuroPain</title>" in text
    assert '<label for="not-found-search">Search NeuroPain</label>' in text
    for url in ['href="/"', 'href="/articles/"', 'href="/drugs/"']:
        assert url in text
    assert text.count("<h1") == 1


def test_server_error_page_stands_alone(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert '<html lang="en">' in text
    assert '<a class="skip-link" href="#main-content">' in text
    assert '<main id="main-content"' in text
    assert "Sorry, something went wrong" in text
    assert 'href="/static/css/site.css"' in text
