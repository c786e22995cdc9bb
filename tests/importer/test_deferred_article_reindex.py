"""An import run indexes each article once at its end, not once more per published article
(search.signals re-indexes an article after an editor's publish; inside a run that would be a
backend call per article, each refreshing the whole index on PostgreSQL)."""

import pytest

from django.core.management import call_command

from articles.models import ArticlePage
from search import signals


@pytest.fixture
def enqueued(monkeypatch):
    calls = []

    class Recorder:
        @staticmethod
        def enqueue(app_label, model_name, pk):
            calls.append((app_label, model_name, pk))

    monkeypatch.setattr(signals, "insert_or_update_object_task", Recorder)
    return calls


def test_an_import_run_asks_no_per_article_reindex_and_its_articles_are_found_by_their_drugs(
    site, article_index, drug_index, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_seed_content", verbosity=0)
    assert ArticlePage.objects.live().count() >= 2
    assert [call for call in enqueued if call[1] == "articlepage"] == []
    # The run's own flush indexed every article with the drugs it lists.
    listing = (
        ArticlePage.objects.live().filter(drug_links__drug__title__iexact="gabapentin").first()
    )
    assert listing is not None
    assert listing.pk in {page.pk for page in ArticlePage.objects.live().search("gabapentin")}


def test_after_the_run_an_editors_publish_asks_for_its_reindex_again(
    site, article_index, drug_index, enqueued, django_capture_on_commit_callbacks
):
    call_command("import_seed_content", verbosity=0)
    article = ArticlePage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert ("articles", "articlepage", str(article.pk)) in enqueued
