"""In Chromium, an editor links a person to a medical reviewer's account through the chooser
pop-up: it lists and finds only reviewers, and axe finds no WCAG 2.2 AA violation on the person
form or the open pop-up."""

import pytest

from django.contrib.auth.models import Group

from core.models import Person

from .conftest import format_violations, run_axe
from .test_admin_review_flow import PASSWORD, footer_action, log_in


@pytest.fixture
def chooser_accounts(django_user_model):
    editor = django_user_model.objects.create_user(
        "edna", "edna@example.com", PASSWORD, first_name="Edna", last_name="Editor"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    reviewer = django_user_model.objects.create_user(
        "rex", "rex@example.com", PASSWORD, first_name="Rex", last_name="Reviewer"
    )
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
    django_user_model.objects.create_superuser(
        "root", "root@example.com", PASSWORD, first_name="Rootina", last_name="Superuser"
    )
    return editor, reviewer


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_chooses_a_reviewer_account(live_server, browser_page, chooser_accounts, axe_source):
    page = browser_page
    base_url = live_server.url
    log_in(page, base_url, "edna")
    page.goto(f"{base_url}/admin/snippets/core/person/add/")
    violations = run_axe(page, axe_source)
    assert not violations, f"person form:\n{format_violations(violations)}"

    page.get_by_role("button", name="Choose a medical reviewer's account").click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name="Rex Reviewer").wait_for()
    assert "Rootina" not in modal.inner_text() and "Edna" not in modal.inner_text()
    violations = run_axe(page, axe_source)
    assert not violations, f"account chooser pop-up:\n{format_violations(violations)}"

    modal.get_by_role("textbox", name="Search by name").fill("root")
    modal.get_by_text("Sorry, there are no matches").or_(
        modal.get_by_text("no results", exact=False)
    ).first.wait_for()
    assert "Rootina" not in modal.inner_text()
    modal.get_by_role("textbox", name="Search by name").fill("rex")
    modal.get_by_role("link", name="Rex Reviewer").click()
    modal.wait_for(state="hidden")

    page.fill("#id_name", "Dr Rex Reviewer")
    footer_action(page, "Submit to Medical review")
    page.wait_for_url(lambda url: "/add/" not in url)
    person = Person.objects.get(name="Dr Rex Reviewer")
    assert person.get_latest_revision_as_object().user.username == "rex"
