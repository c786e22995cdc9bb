"""Roles that cannot destroy: only Administrators delete, unpublish, move or restrict pages, and
deleting an article or drug archives it with its revisions."""

import pytest

from wagtail.models import Page, PageViewRestriction

from editorial.models import ArchivePage, ArchiveRecord
from tests.factories import QuizPageFactory

from .forms import article_edit_form


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_writers_and_reviewers_cannot_delete_unpublish_or_restrict(
    request, login, role, article, drug, quiz_index
):
    client = login(request.getfixturevalue(role))
    quiz = QuizPageFactory(parent=quiz_index)
    quiz.save_revision().publish()
    for page in (article, drug, quiz):
        perms = page.permissions_for_user(request.getfixturevalue(role))
        assert not perms.can_delete() and not perms.can_unpublish()
        assert not perms.can_set_view_restrictions() and not perms.can_move()
        for url in (
            f"/admin/pages/{page.pk}/delete/",
            f"/admin/pages/{page.pk}/unpublish/",
            f"/admin/pages/{page.pk}/privacy/",
        ):
            response = client.post(url, {"restriction_type": "password", "password": "x"})
            assert response.status_code in (302, 403), url
            assert response.get("Location", "/admin/") == "/admin/", url
        page.refresh_from_db()
        assert page.live
    assert Page.objects.filter(pk__in=[article.pk, drug.pk, quiz.pk]).count() == 3
    assert not PageViewRestriction.objects.exists()


def test_reviewer_still_edits_and_approves(login, reviewer, editor, article):
    perms = article.permissions_for_user(reviewer)
    assert perms.can_edit() and perms.can_publish()
    response = login(reviewer).post(
        f"/admin/pages/{article.pk}/edit/", article_edit_form(article, summary="Checked.")
    )
    assert response.status_code == 302


def test_reviewer_bulk_delete_does_nothing(login, reviewer, article):
    url = (
        "/admin/bulk/wagtailcore/page/delete/"
        f"?id={article.pk}&next=/admin/pages/{article.get_parent().pk}/"
    )
    login(reviewer).post(url)
    article.refresh_from_db()
    assert article.live and not ArchiveRecord.objects.exists()


def test_administrator_can_delete_unpublish_and_restrict(administrator, article):
    perms = article.permissions_for_user(administrator)
    assert perms.can_delete() and perms.can_unpublish() and perms.can_set_view_restrictions()


def test_deleted_article_is_archived_with_its_revisions_and_restored(login, administrator, article):
    article.save_revision()  # a draft on top of the published revision
    revisions = list(article.revisions.values_list("pk", flat=True))
    parent = article.get_parent()
    client = login(administrator)

    response = client.post(f"/admin/pages/{article.pk}/delete/", follow=True)
    assert "moved to the archive, unpublished, with its revisions" in response.text
    archived = Page.objects.get(pk=article.pk)
    archive = ArchivePage.objects.get()
    assert archived.is_child_of(archive) and not archived.live
    assert list(archived.revisions.values_list("pk", flat=True)) == revisions
    assert client.get(article.url or "/articles/living-with-nerve-pain/").status_code == 404
    assert not archive.live

    listing = client.get(f"/admin/pages/{archive.pk}/")
    assert f"/admin/archive/{article.pk}/restore/" in listing.text
    confirm = client.get(f"/admin/archive/{article.pk}/restore/")
    assert "as an unpublished draft with its 2 revisions" in confirm.text
    response = client.post(f"/admin/archive/{article.pk}/restore/", follow=True)
    assert "restored to" in response.text

    restored = Page.objects.get(pk=article.pk)
    assert restored.get_parent() == parent
    assert restored.slug == "living-with-nerve-pain" and not restored.live
    assert list(restored.revisions.values_list("pk", flat=True)) == revisions
    assert not ArchiveRecord.objects.exists()


def test_restore_and_purge_are_for_administrators(login, administrator, reviewer, drug):
    login(administrator).post(f"/admin/pages/{drug.pk}/delete/")
    assert ArchiveRecord.objects.filter(page_id=drug.pk).exists()
    response = login(reviewer).post(f"/admin/archive/{drug.pk}/restore/")
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=drug.pk).get_parent().pk == ArchivePage.objects.get().pk

    # Deleting from the archive purges.
    login(administrator).post(f"/admin/pages/{drug.pk}/delete/")
    assert not Page.objects.filter(pk=drug.pk).exists()


def test_bulk_delete_by_administrator_archives(login, administrator, article, drug):
    url = f"/admin/bulk/wagtailcore/page/delete/?id={article.pk}&id={drug.pk}&next=/admin/"
    login(administrator).post(url)
    archive = ArchivePage.objects.get()
    assert {page.pk for page in archive.get_children()} == {article.pk, drug.pk}
