"""The admin says plainly what happened in the medical review: messages, e-mails, the banner the
editor sees and the comparison the reviewer opens before approving."""

from bs4 import BeautifulSoup

from django.core import mail
from django.urls import reverse

from wagtail.models import TaskState

from .forms import article_edit_form

COMMENT = "Please cite a source for the dose in paragraph two."


def message_texts(response):
    """The messages shown on the page the action redirected to."""
    soup = BeautifulSoup(response.text, "html.parser")
    return [" ".join(item.get_text().split()) for item in soup.select(".messages li")]


def submit(client, article, **changes):
    data = article_edit_form(article, **changes)
    data["action-submit"] = "Submit"
    return client.post(f"/admin/pages/{article.pk}/edit/", data, follow=True)


def workflow_action(client, article, action, comment=""):
    """The reviewer's choice from the page editor's action menu."""
    article.refresh_from_db()
    data = article_edit_form(article)
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = f'{{"comment": "{comment}"}}'
    return client.post(f"/admin/pages/{article.pk}/edit/", data, follow=True)


def test_submit_says_submitted_for_medical_review(login, editor, reviewer, article):
    response = submit(login(editor), article, summary="Updated summary.")
    texts = message_texts(response)
    assert (
        "'Living with nerve pain' submitted for medical review. "
        "The medical reviewers have been notified."
    ) in texts
    assert not any("moderation" in text for text in texts)


def test_request_changes_names_the_editor_and_emails_changes_requested(
    login, editor, reviewer, article
):
    submit(login(editor), article, summary="A claim without a source.")
    mail.outbox.clear()
    response = workflow_action(login(reviewer), article, "reject", COMMENT)
    assert "Changes requested — Edna Editor has been notified." in message_texts(response)
    assert not any("has been updated" in text for text in message_texts(response))

    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert len(to_editor) == 1
    email = to_editor[0]
    assert email.subject.startswith("Changes requested:")
    assert "rejected" not in (email.subject + email.body).lower()
    assert f'The reviewer\'s comment: "{COMMENT}"' in email.body


def test_editor_sees_the_comment_as_a_banner_until_resubmitting(login, editor, reviewer, article):
    submit(login(editor), article, summary="A claim without a source.")
    workflow_action(login(reviewer), article, "reject", COMMENT)

    page_editor = login(editor).get(f"/admin/pages/{article.pk}/edit/")
    banner = BeautifulSoup(page_editor.text, "html.parser").select_one(".messages .warning")
    assert banner is not None
    text = " ".join(banner.get_text().split())
    assert text.startswith("Changes requested by Rex Reviewer (")
    assert f"“{COMMENT}”" in text

    submit(login(editor), article, summary="A claim with a source.")
    again = login(editor).get(f"/admin/pages/{article.pk}/edit/")
    assert COMMENT not in again.text


def test_approve_says_approved_and_published(login, editor, reviewer, article):
    submit(login(editor), article, summary="Reviewed summary.")
    response = workflow_action(login(reviewer), article, "approve")
    texts = message_texts(response)
    assert "'Living with nerve pain' approved and published." in texts
    assert not any("has been updated" in text for text in texts)
    article.refresh_from_db()
    assert article.summary == "Reviewed summary." and article.live


def test_reviewer_has_the_comparison_one_click_from_approve(login, editor, reviewer, article):
    submit(login(editor), article, summary="What changed.")
    page_editor = login(reviewer).get(f"/admin/pages/{article.pk}/edit/")
    soup = BeautifulSoup(page_editor.text, "html.parser")
    link = soup.find("a", string=lambda s: s and "Compare with the live version" in s)
    assert link is not None
    assert link["href"] == f"/admin/pages/{article.pk}/revisions/compare/live...latest/"
    assert "Approve" in page_editor.text
    compare = login(reviewer).get(link["href"])
    assert compare.status_code == 200 and "What changed." in compare.text
    # The editor who submitted cannot approve, so is not offered the prompt.
    assert (
        "Compare with the live version"
        not in login(editor).get(f"/admin/pages/{article.pk}/edit/").text
    )


def test_task_state_comment_is_kept(login, editor, reviewer, article):
    submit(login(editor), article, summary="x")
    workflow_action(login(reviewer), article, "reject", COMMENT)
    assert TaskState.objects.get(status=TaskState.STATUS_REJECTED).comment == COMMENT


def test_reviewer_is_told_of_open_import_findings(login, editor, reviewer, article):
    article.attention = ["Heading level guessed", {"message": "A table was dropped"}]
    article.save_revision().publish()
    submit(login(editor), article, summary="Imported, then edited.")
    page_editor = login(reviewer).get(f"/admin/pages/{article.pk}/edit/")
    warning = BeautifulSoup(page_editor.text, "html.parser").select_one(".messages .warning")
    text = " ".join(warning.get_text().split())
    assert text == (
        "The import left 2 findings on this page. Check each before approving: "
        "Heading level guessed; A table was dropped"
    )


def dashboard_action(client, article, action, comment=""):
    """The reviewer's choice from the dashboard's "Awaiting your review" pop-up: Wagtail's
    workflow-action view, posted as its modal does."""
    return dashboard_action_with(client, article, action, {"comment": comment})


def dashboard_action_with(client, article, action, data):
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, action, task_state.pk])
    response = client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    return client.get(response.json()["redirect"] or "/admin/")


def test_dashboard_pop_up_says_approved_and_published(login, editor, reviewer, article):
    submit(login(editor), article, summary="Reviewed from the dashboard.")
    reviewer_client = login(reviewer)
    landing = dashboard_action(reviewer_client, article, "approve")
    assert "'Living with nerve pain' approved and published." in message_texts(landing)
    article.refresh_from_db()
    assert article.live and article.summary == "Reviewed from the dashboard."


def test_dashboard_pop_up_says_changes_requested(login, editor, reviewer, article):
    submit(login(editor), article, summary="A claim without a source.")
    landing = dashboard_action(login(reviewer), article, "reject", COMMENT)
    assert "Changes requested — Edna Editor has been notified." in message_texts(landing)
    assert TaskState.objects.get(status=TaskState.STATUS_REJECTED).comment == COMMENT


def test_approving_with_open_import_findings_asks_to_confirm_each(login, editor, reviewer, article):
    article.attention = ["Heading level guessed", {"message": "A table was dropped"}]
    article.save_revision().publish()
    submit(login(editor), article, summary="Imported, then edited.")
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client = login(reviewer)
    xhr = {"x-requested-with": "XMLHttpRequest"}
    for view in ("workflow_action", "collect_workflow_action_data"):
        url = reverse(f"wagtailadmin_pages:{view}", args=[article.pk, "approve", task_state.pk])
        modal = client.get(url, headers=xhr).json()
        assert "I have checked: Heading level guessed" in modal["html"]
        assert "I have checked: A table was dropped" in modal["html"]

        # One finding left unticked: the pop-up comes back with the error, nothing is approved.
        partly = client.post(url, {"comment": "", "checked_finding_1": "on"}, headers=xhr).json()
        assert partly["step"] == "action"
        assert "Tick this once you have checked it" in partly["html"]
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_IN_PROGRESS

    collect = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[article.pk, "approve", task_state.pk],
    )
    ticked = {"comment": "Checked.", "checked_finding_1": "on", "checked_finding_2": "on"}
    collected = client.post(collect, ticked, headers=xhr).json()
    # The page editor then posts only the comment on to Wagtail's task.
    assert collected == {"step": "success", "cleaned_data": {"comment": "Checked."}}

    landing = dashboard_action_with(client, article, "approve", ticked)
    assert "'Living with nerve pain' approved and published." in message_texts(landing)


def test_approval_without_findings_asks_no_confirmation(login, editor, reviewer, article):
    submit(login(editor), article, summary="Nothing imported here.")
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    modal = login(reviewer).get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()
    assert "I have checked" not in modal["html"]


def test_review_pop_ups_need_an_admin_sign_in(login, editor, article):
    submit(login(editor), article, summary="Awaiting review.")
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    for view in ("workflow_action", "collect_workflow_action_data"):
        url = reverse(f"wagtailadmin_pages:{view}", args=[article.pk, "approve", task_state.pk])
        response = login(None).post(url, {"comment": ""})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
