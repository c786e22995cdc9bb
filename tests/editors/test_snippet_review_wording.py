"""Shared snippets (glossary terms, people, drug classes) in the medical review say what happened
in the same words as pages: from the snippet editor and from the dashboard's "Awaiting your
review" pop-up, with the change request as a banner and the comparison beside approve."""

import json

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.urls import reverse

from wagtail.models import TaskState

from drugs.models import DrugClass
from tests.factories import GlossaryTermFactory

from .test_review_wording import COMMENT, message_texts


def said(response):
    return " ".join(message_texts(response))


OLD_DEFINITION = "Pain from a touch that does not normally hurt."
NEW_DEFINITION = "Pain caused by a light touch, such as clothes."


@pytest.fixture
def term(db):
    return GlossaryTermFactory(term="allodynia", slug="allodynia", definition=OLD_DEFINITION)


def url(obj, view, *args):
    name = obj.snippet_viewset.get_url_name(view)
    return reverse(name, args=[obj.pk, *args])


def term_form(term, **changes):
    data = {"term": term.term, "slug": term.slug, "definition": term.definition, "aliases": ""}
    return {**data, **changes}


def submit_term(client, term, definition=NEW_DEFINITION):
    data = term_form(term, definition=definition, **{"action-submit": "Submit"})
    return client.post(url(term, "edit"), data, follow=True)


def pop_up(client, obj, action, comment=""):
    """The reviewer's choice in the dashboard's "Awaiting your review" pop-up."""
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    action_url = url(obj, "workflow_action", action, task_state.pk)
    xhr = {"x-requested-with": "XMLHttpRequest"}
    response = client.post(action_url, {"comment": comment}, headers=xhr)
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    return client.get(response.json()["redirect"] or "/admin/")


def submit_person(client, person, reviewer):
    data = {
        "name": "Dr Rex Reviewer-Smith",
        "credentials": "MD",
        "affiliation": "",
        "role": person.role,
        "user": str(reviewer.pk),
        "action-submit": "Submit",
    }
    return client.post(url(person, "edit"), data, follow=True)


def submit_drug_class(client, drug_class):
    data = {"name": "Gabapentinoids", "slug": drug_class.slug, "description": "Revised."}
    return client.post(url(drug_class, "edit"), {**data, "action-submit": "Submit"}, follow=True)


def test_snippet_editor_says_submitted_for_medical_review(login, editor, reviewer, term):
    response = submit_term(login(editor), term)
    assert (
        "'allodynia' submitted for medical review. The medical reviewers have been notified."
        in said(response)
    )
    assert "moderation" not in said(response)


def test_new_snippet_says_submitted_for_medical_review(login, editor, reviewer, db):
    data = {"term": "hyperalgesia", "slug": "hyperalgesia", "definition": "More pain."}
    response = login(editor).post(
        "/admin/snippets/glossary/glossaryterm/add/",
        {**data, "aliases": "", "action-submit": "Submit"},
        follow=True,
    )
    assert "'hyperalgesia' submitted for medical review." in said(response)


@pytest.mark.parametrize("kind", ["term", "person", "drug_class"])
def test_dashboard_pop_up_approves_each_shared_snippet_with_our_words(
    login, editor, reviewer, term, kind
):
    if kind == "term":
        obj, title = term, "allodynia"
        submit_term(login(editor), term)
    elif kind == "person":
        obj, title = reviewer.person, "Dr Rex Reviewer-Smith, MD"
        submit_person(login(editor), obj, reviewer)
    else:
        obj = DrugClass.objects.create(name="Gabapentinoid", slug="gabapentinoid")
        title = "Gabapentinoids"
        submit_drug_class(login(editor), obj)
    # The dashboard lists it in "Awaiting your review" with the pop-up's address.
    dashboard = login(reviewer).get("/admin/")
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    assert url(obj, "workflow_action", "approve", task_state.pk) in dashboard.text

    landing = pop_up(login(reviewer), obj, "approve")
    assert f"'{title}' approved and published." in said(landing)
    obj.refresh_from_db()
    assert obj.live and not obj.has_unpublished_changes


def test_dashboard_pop_up_requests_changes_naming_the_editor(login, editor, reviewer, term):
    submit_term(login(editor), term)
    mail.outbox.clear()
    landing = pop_up(login(reviewer), term, "reject", COMMENT)
    assert "Changes requested — Edna Editor has been notified." in said(landing)
    assert TaskState.objects.get(status=TaskState.STATUS_REJECTED).comment == COMMENT
    to_editor = [message for message in mail.outbox if editor.email in message.to]
    assert [message.subject for message in to_editor] == [
        'Changes requested: "allodynia" needs changes before it can be published'
    ]
    assert "rejected" not in to_editor[0].body.lower()
    term.refresh_from_db()
    assert term.definition == OLD_DEFINITION

    # The editor's dashboard puts it first under "Changes requested", with the comment.
    dashboard = login(editor).get("/admin/")
    soup = BeautifulSoup(dashboard.text, "html.parser")
    assert soup.select("main section[id]")[0]["id"] == "changes-requested-section"
    panel = soup.select_one("#changes-requested-content")
    text = " ".join(panel.get_text().split())
    assert "allodynia Glossary term Rex Reviewer" in text and COMMENT in text
    assert panel.find("a", string="allodynia")["href"] == url(term, "edit")


def editor_action(client, term, action, comment=""):
    """The reviewer's choice from the snippet editor's action menu."""
    data = term_form(term, definition=NEW_DEFINITION)
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    return client.post(url(term, "edit"), data, follow=True)


def test_snippet_editor_approve_and_request_changes_use_our_words(login, editor, reviewer, term):
    submit_term(login(editor), term)
    response = editor_action(login(reviewer), term, "reject", COMMENT)
    assert "Changes requested — Edna Editor has been notified." in said(response)

    # The editor sees the comment at the top of the term's editor until resubmitting.
    page = login(editor).get(url(term, "edit"))
    banner = said(page)
    assert f"“{COMMENT}”" in banner and "Changes requested by Rex Reviewer" in banner
    submit_term(login(editor), term, definition=NEW_DEFINITION + " Resubmitted.")
    assert COMMENT not in said(login(editor).get(url(term, "edit")))

    response = editor_action(login(reviewer), term, "approve")
    assert "'allodynia' approved and published." in said(response)
    term.refresh_from_db()
    assert term.definition == NEW_DEFINITION


def test_reviewer_has_the_snippet_comparison_one_click_from_approve(login, editor, reviewer, term):
    submit_term(login(editor), term)
    page = login(reviewer).get(url(term, "edit"))
    soup = BeautifulSoup(page.text, "html.parser")
    link = soup.find("a", string=lambda text: text and "Compare with the live version" in text)
    assert link is not None
    assert link["href"] == url(term, "revisions_compare", "live", "latest").replace(
        "live/latest/", "live...latest/"
    )
    comparison = login(reviewer).get(link["href"])
    assert comparison.status_code == 200
    assert "such as clothes" in comparison.text


@pytest.mark.parametrize("extra", ["{not json", "[1]", '{"comment": 5}', '{"publish": "x"}'])
def test_malformed_snippet_review_actions_are_not_server_errors(
    login, editor, reviewer, term, extra
):
    submit_term(login(editor), term)
    data = term_form(term, definition=NEW_DEFINITION)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": extra,
        }
    )
    response = login(reviewer).post(url(term, "edit"), data, follow=True)
    assert response.status_code == 200
    assert "The review action could not be read." in said(response)
    assert TaskState.objects.get().status == TaskState.STATUS_IN_PROGRESS


def test_snippet_pop_up_needs_an_admin_sign_in(login, editor, reviewer, term):
    submit_term(login(editor), term)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    response = login(None).post(url(term, "workflow_action", "approve", task_state.pk))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("view", ["workflow_action", "collect_workflow_action_data"])
def test_snippet_pop_ups_keep_their_fields_out_of_a_list(login, editor, reviewer, term, view):
    """Wagtail's pop-up puts each field's <div> in a <ul> (axe: "list"); ours does not."""
    submit_term(login(editor), term)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    modal = login(reviewer).get(
        url(term, view, "reject", task_state.pk), headers={"x-requested-with": "XMLHttpRequest"}
    )
    soup = BeautifulSoup(modal.json()["html"], "html.parser")
    assert soup.select_one("form textarea[name=comment]") is not None
    assert soup.select("ul.fields") == []
