"""Preview for every page type, scheduled publishing, history and revision comparison."""

import datetime
from unittest import mock

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, rich_text

from articles.models import ArticleIndexPage
from drugs.models import DrugIndexPage
from glossary.models import GlossaryIndexPage
from home.models import HomePage
from physicians.models import PhysicianSearchPage
from quizzes.models import QuizIndexPage
from tests.factories import ArticlePageFactory, DrugPageFactory, QuizPageFactory

from .forms import article_edit_form, drug_edit_form, quiz_form, section_form


class PreviewTest(WagtailPageTestCase):
    """Every page type previews from its editor (Wagtail's own assertion)."""

    def test_section_pages_preview(self):
        for page in [HomePage.objects.get(), PhysicianSearchPage.objects.get()] + [
            model.objects.get()
            for model in (ArticleIndexPage, DrugIndexPage, QuizIndexPage, GlossaryIndexPage)
        ]:
            extra = {}
            if isinstance(page, HomePage):
                extra["featured_articles"] = inline_formset([])
            if isinstance(page, PhysicianSearchPage):
                extra["notice"] = rich_text(page.notice)
            self.assertPageIsPreviewable(page, post_data=section_form(page, **extra))

    def test_article_previews_unsaved_changes(self):
        page = ArticlePageFactory(parent=ArticleIndexPage.objects.get(), title="Preview me")
        data = article_edit_form(page, summary="A summary only the preview shows.")
        self.assertPageIsPreviewable(page, post_data=data)
        self.client.force_login(self.create_superuser("previewer"))
        self.client.post(f"/admin/pages/{page.pk}/edit/preview/", data)
        response = self.client.get(f"/admin/pages/{page.pk}/edit/preview/")
        assert "A summary only the preview shows." in response.text
        page.refresh_from_db()
        assert page.summary != "A summary only the preview shows."

    def test_drug_previews(self):
        page = DrugPageFactory(parent=DrugIndexPage.objects.get(), title="previewmycin")
        self.assertPageIsPreviewable(page, post_data=drug_edit_form(page))

    def test_quiz_previews(self):
        page = QuizPageFactory(parent=QuizIndexPage.objects.get())
        self.assertPageIsPreviewable(page, post_data=quiz_form(page))


def test_scheduled_page_goes_live_after_publish_scheduled(article_index, client):
    page = ArticlePageFactory(parent=article_index, title="Scheduled article", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert page.status_string == "scheduled"

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet time

    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_expired_page_goes_offline(article, client):
    url = article.url
    assert client.get(url).status_code == 200
    article.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    article.save()
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_history_and_compare(login, role, request, article, administrator):
    client = login(administrator)
    client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_edit_form(article, summary="A second version of the summary."),
    )
    revisions = list(Page.objects.get(pk=article.pk).revisions.order_by("created_at"))
    assert len(revisions) == 2

    viewer = login(request.getfixturevalue(role))
    history = viewer.get(f"/admin/pages/{article.pk}/history/")
    assert history.status_code == 200
    assert "Living with nerve pain" in history.text
    compare = viewer.get(
        f"/admin/pages/{article.pk}/revisions/compare/{revisions[0].pk}...{revisions[1].pk}/"
    )
    assert compare.status_code == 200
    assert '<span class="addition">second version of the</span>' in compare.text
    revisions_view = viewer.get(f"/admin/pages/{article.pk}/revisions/{revisions[0].pk}/view/")
    assert revisions_view.status_code == 200


def test_accessibility_checker_stays_enabled(login, editor, article):
    """Wagtail's built-in checker (axe) runs from the user bar editors see on every page."""
    response = login(editor).get(article.url)
    assert 'id="checker-axe-configuration"' in response.text
    assert 'id="checker-axe-configuration"' not in login(None).get(article.url).text
