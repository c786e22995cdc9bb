from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory
from tests.helpers import elements, meta_content


def test_topics_filter_the_list(client, article_index):
    burning = ArticlePageFactory(parent=article_index, title="Burning feet")
    burning.tags.add("Diabetes")
    burning.save()
    ArticlePageFactory(parent=article_index, title="Shingles pain")
    html = client.get(article_index.url, {"topic": "Diabetes"}).text
    assert "Burning feet" in html and "Shingles pain" not in html
    assert elements(html, "a", href="?topic=Diabetes", aria_current="page")


def test_an_unknown_topic_is_a_clear_400(client, article_index):
    ArticlePageFactory(parent=article_index, title="Shingles pain")
    response = client.get(article_index.url, {"topic": "<b>nonsense</b>"})
    assert response.status_code == 400
    assert "Choose a topic from the list." in response.text
    assert "<b>nonsense</b>" not in response.text
    assert response.text.count("<title>Error: ") == 1


def test_index_has_open_graph(client, article_index):
    html = client.get(article_index.url).text
    assert meta_content(html, "og:title") == "Articles"
    assert meta_content(html, "og:url") == article_index.full_url


def test_page_count_follows_a_publish(client, article_index, settings):
    """The total behind "Page 1 of N" is counted once per content generation."""
    settings.FRAGMENT_CACHE_ENABLED = True
    ArticlePageFactory.create_batch(21, parent=article_index)
    assert "Page 1 of 2" in client.get(article_index.url).text
    with CaptureQueriesContext(connection) as queries:
        assert "Page 2 of 2" in client.get(article_index.url, {"page": "2"}).text
    assert not [q for q in queries if "COUNT(" in q["sql"]]  # remembered
    ArticlePageFactory.create_batch(20, parent=article_index)
    assert "Page 1 of 3" in client.get(article_index.url).text
