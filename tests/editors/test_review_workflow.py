"""The medical review workflow through the admin: submit, approve, reject, minor change."""

import datetime

from bs4 import BeautifulSoup

from django.core import mail
from django.utils import timezone

from wagtail.models import Revision, TaskState, WorkflowState

from articles.models import ArticlePage
from core.models import Person, add_months
from review.models import MINOR_CHANGE_KEY, ReviewSettings
from tests.factories import PersonFactory

from .forms import article_edit_form, article_form, drug_edit_form

NEW_TEXT = "Nerve pain often feels like burning, tingling or electric shocks."


def approve(client, page, comment=""):
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"comment": comment},
    )


def reject(client, page, comment):
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
        {"comment": comment},
    )


def test_editor_creates_submits_and_reviewer_approves(login, editor, reviewer, article_index):
    author = PersonFactory(name="Jane Author")
    response = login(editor).post(
        f"/admin/pages/add/articles/articlepage/{article_index.pk}/",
        article_form(
            "Burning feet", f"<p>{NEW_TEXT}</p>", authors=[author], **{"action-submit": "Submit"}
        ),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = ArticlePage.objects.get(slug="burning-feet")
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Medical review"
    # Wagtail tells the reviewers a page awaits them.
    assert any(reviewer.email in message.to for message in mail.outbox)

    response = approve(login(reviewer), page, comment="Checked against the sources.")
    assert response.status_code == 302

    page.refresh_from_db()
    today = timezone.localdate()
    assert page.live
    assert page.reviewer == reviewer.person
    assert page.last_reviewed == today
    assert page.last_modified == today
    assert page.next_review_due == add_months(today, 12)
    # The stamped revision is the one that went live: no extra revision after approval.
    assert page.live_revision_id == page.latest_revision_id
    assert page.revisions.count() == 1

    public = login(None).get(page.url)
    assert public.status_code == 200
    assert NEW_TEXT in public.text
    assert "Medically reviewed by" in public.text and "Dr Rex Reviewer, MD" in public.text
    assert f'Dr Rex Reviewer, MD on <time datetime="{today:%Y-%m-%d}">' in public.text
    assert "Jane Author" in public.text


def test_editor_cannot_publish_an_article(login, editor, article):
    client = login(editor)
    data = article_edit_form(article, **{"action-publish": "Publish"})
    data["summary"] = "An editor's new summary."
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary != "An editor's new summary."  # the live page is unchanged
    assert article.get_latest_revision().as_object().summary == "An editor's new summary."


def test_edit_by_editor_then_approval_stamps_the_live_revision(login, editor, reviewer, article):
    client = login(editor)
    data = article_edit_form(article, title="Living with nerve pain (updated)")
    data["action-submit"] = "Submit"
    assert client.post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    article.refresh_from_db()
    submitted = article.get_latest_revision()

    approve(login(reviewer), article)

    article.refresh_from_db()
    assert article.title == "Living with nerve pain (updated)"
    assert article.live_revision_id == submitted.pk == article.latest_revision_id
    live = Revision.objects.get(pk=submitted.pk).as_object()
    assert live.reviewer_id == reviewer.person.pk
    assert live.last_reviewed == timezone.localdate()


def test_review_interval_comes_from_site_settings(login, editor, reviewer, article, site):
    settings = ReviewSettings.for_site(site)
    settings.review_interval_months = 36
    settings.save()
    client = login(editor)
    data = article_edit_form(article, **{"action-submit": "Submit"})
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    approve(login(reviewer), article)
    article.refresh_from_db()
    assert article.next_review_due == add_months(timezone.localdate(), 36)


def test_approver_without_person_gets_one(login, editor, article, django_user_model):
    from django.contrib.auth.models import Group

    newcomer = django_user_model.objects.create_user(
        "nia", "nia@example.com", "pw", first_name="Nia", last_name="Neurologist"
    )
    newcomer.groups.add(Group.objects.get(name="Medical reviewers"))
    client = login(editor)
    client.post(
        f"/admin/pages/{article.pk}/edit/", article_edit_form(article, **{"action-submit": "1"})
    )
    approve(login(newcomer), article)
    article.refresh_from_db()
    person = Person.objects.get(user=newcomer)
    assert person.name == "Nia Neurologist"
    assert person.role == Person.Role.MEDICAL_REVIEWER
    assert article.reviewer == person


def test_reviewer_rejects_with_a_comment(login, editor, reviewer, article):
    client = login(editor)
    data = article_edit_form(article, summary="A claim without a source.")
    data["action-submit"] = "Submit"
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    mail.outbox.clear()

    response = reject(login(reviewer), article, "Please cite a source for the second paragraph.")
    assert response.status_code == 302

    article.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Please cite a source for the second paragraph."
    assert article.summary != "A claim without a source."  # nothing went live
    assert article.last_reviewed == datetime.date(2023, 5, 2)  # and nothing was stamped
    # The editor is told, comment included.
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert to_editor and "Please cite a source" in to_editor[0].body
    # ...and sees it in the page editor.
    page_editor = login(editor).get(f"/admin/pages/{article.pk}/edit/")
    assert "Please cite a source for the second paragraph." in page_editor.text


def test_minor_change_keeps_the_reviewed_date(login, editor, reviewer, article):
    client = login(editor)
    data = article_edit_form(article, summary="Fixed a typo in the summary.")
    data["minor_change"] = "on"
    data["action-submit"] = "Submit"
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    article.refresh_from_db()
    assert article.get_latest_revision().content[MINOR_CHANGE_KEY] is True
    # The reviewer sees what the editor declared.
    page_editor = BeautifulSoup(
        login(reviewer).get(f"/admin/pages/{article.pk}/edit/").text, "html.parser"
    )
    assert page_editor.find("input", attrs={"name": "minor_change"}).has_attr("checked")

    approve(login(reviewer), article)

    article.refresh_from_db()
    assert article.summary == "Fixed a typo in the summary."
    assert article.last_modified == timezone.localdate()
    assert article.last_reviewed == datetime.date(2023, 5, 2)
    assert article.next_review_due == datetime.date(2024, 5, 2)
    assert article.reviewer.name == "Dr Old Reviewer"
    public = login(None).get(article.url).text
    assert "Dr Old Reviewer" in public and "May 2023" in public


def test_reviewer_direct_publish_is_a_review_unless_minor(login, reviewer, article):
    client = login(reviewer)
    data = article_edit_form(article, summary="Reviewed and updated.")
    data["action-publish"] = "Publish"
    assert client.post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    article.refresh_from_db()
    assert article.summary == "Reviewed and updated."
    assert article.reviewer == reviewer.person
    assert article.last_reviewed == timezone.localdate()
    assert article.live_revision_id == article.latest_revision_id


def test_administrator_publish_only_modifies(login, administrator, article):
    client = login(administrator)
    data = article_edit_form(article, summary="Corrected by an administrator.")
    data["action-publish"] = "Publish"
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    article.refresh_from_db()
    assert article.summary == "Corrected by an administrator."
    assert article.last_modified == timezone.localdate()
    assert article.last_reviewed == datetime.date(2023, 5, 2)
    assert article.reviewer.name == "Dr Old Reviewer"


def test_editor_cannot_set_review_dates(login, editor, article):
    client = login(editor)
    data = article_edit_form(article, last_reviewed="2030-01-01", next_review_due="2031-01-01")
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    article.refresh_from_db()
    draft = article.get_latest_revision().as_object()
    assert draft.last_reviewed == datetime.date(2023, 5, 2)
    assert draft.next_review_due == datetime.date(2024, 5, 2)


def test_drug_goes_through_medical_review(login, editor, reviewer, drug):
    client = login(editor)
    data = drug_edit_form(drug)
    data["action-submit"] = "Submit"
    client.post(f"/admin/pages/{drug.pk}/edit/", data)
    assert drug.workflow_in_progress
    approve(login(reviewer), drug)
    drug.refresh_from_db()
    assert drug.reviewer == reviewer.person
    assert drug.last_reviewed == timezone.localdate()
