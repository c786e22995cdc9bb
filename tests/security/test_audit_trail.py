"""Nothing disappears silently: deletions are confirmed and logged, revisions are kept."""

from wagtail.models import Page, PageLogEntry

from tests.factories import ArticlePageFactory

PAYLOAD = "<script>alert('np-xss')</script>"


def test_deleting_a_page_needs_confirmation_and_is_logged(editor_client, article_index):
    page = ArticlePageFactory(parent=article_index, title="Burning feet")
    delete_url = f"/admin/pages/{page.pk}/delete/"

    confirmation = editor_client.get(delete_url)
    assert confirmation.status_code == 200
    assert "Burning feet" in confirmation.text
    assert "Are you sure" in confirmation.text
    assert Page.objects.filter(pk=page.pk).exists()  # looking at the question deletes nothing

    response = editor_client.post(delete_url)
    assert response.status_code == 302
    # An article is archived with its revisions rather than destroyed (issue #18).
    assert Page.objects.get(pk=page.pk).get_parent().specific_class.__name__ == "ArchivePage"

    entry = PageLogEntry.objects.get(page_id=page.pk, action="editorial.archive")
    assert entry.user.username == "editor-admin"
    assert entry.label == "Burning feet"
    history = editor_client.get("/admin/reports/site-history/")
    assert "Burning feet" in history.text and "Archive" in history.text

    # Deleting it from the archive deletes it for good, and that is logged too.
    editor_client.post(delete_url)
    assert not Page.objects.filter(pk=page.pk).exists()
    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.delete").exists()


def test_deleting_via_get_is_impossible(editor_client, article_index):
    page = ArticlePageFactory(parent=article_index)
    editor_client.get(f"/admin/pages/{page.pk}/delete/")
    editor_client.get(f"/admin/pages/{page.pk}/delete/?confirm=1")
    assert Page.objects.filter(pk=page.pk).exists()


def test_every_published_version_is_kept(article_index):
    page = ArticlePageFactory(parent=article_index, title="Version 1")
    page.save_revision().publish()
    for n in (2, 3):
        page.title = f"Version {n}"
        page.save_revision().publish()
    titles = [r.as_object().title for r in page.revisions.order_by("created_at", "pk")]
    assert titles[-3:] == ["Version 1", "Version 2", "Version 3"]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() >= 3


def test_revision_compare_escapes_titles(editor_client, article_index):
    """CVE-2020-11001: the revision comparison view once rendered field values unescaped."""
    page = ArticlePageFactory(parent=article_index, title="Safe title")
    first = page.save_revision()
    page.title = f"Unsafe {PAYLOAD}"
    page.summary = f"Summary {PAYLOAD}"
    second = page.save_revision()
    response = editor_client.get(
        f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/"
    )
    assert response.status_code == 200
    assert "Unsafe" in response.text
    assert PAYLOAD not in response.text
