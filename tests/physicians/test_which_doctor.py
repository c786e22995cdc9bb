"""The "Which doctor?" explainer: plain guidance with its sources named, under medical review
(the search page is in the "Medical review" workflow; a reviewer's approval is shown)."""

import datetime

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Workflow

from core.models import Person
from physicians.explainer import WHICH_DOCTOR


def test_the_explainer_names_its_sources_and_awaits_review(client, physician_search_page):
    html = client.get(physician_search_page.url).text
    assert '<h2 id="which-doctor-title">Which doctor treats nerve pain?</h2>' in html
    for heading in (
        "Start with your primary care doctor",
        "Neurologist",
        "Pain medicine",
        "Physical medicine and rehabilitation",
    ):
        assert f"<h3>{heading}</h3>" in html
    assert "NHS.UK, Peripheral neuropathy: diagnosis</a>" in html
    assert "NICE guideline CG173, Neuropathic pain in adults</a>" in html
    assert "Awaiting medical review." in html


def test_the_search_page_is_in_the_medical_review_workflow(physician_search_page):
    assert physician_search_page.get_workflow() == Workflow.objects.get(name="Medical review")


@pytest.fixture
def reviewer(db, django_user_model):
    user = django_user_model.objects.create_user("rita", first_name="Rita", last_name="Reviewer")
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    Person.objects.create(name="Dr Rita Reviewer", role=Person.Role.MEDICAL_REVIEWER, user=user)
    return user


def test_an_edit_goes_live_when_a_reviewer_approves_and_shows_who_reviewed_it(
    client, physician_search_page, reviewer, django_user_model
):
    admin = django_user_model.objects.create_superuser("ada", "ada@example.com", "pw")
    page = physician_search_page
    page.which_doctor = WHICH_DOCTOR.replace("They can usually", "Your doctor can usually")
    page.save_revision(user=admin)
    state = page.get_workflow().start(page, admin)
    assert "Your doctor can usually" not in client.get(page.url).text  # not live yet
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    html = client.get(page.url).text
    assert "Your doctor can usually" in html
    today = datetime.date.today()
    assert f'Medically reviewed by Dr Rita Reviewer on <time datetime="{today:%Y-%m-%d}">' in html
    assert "Next review due:" in html and "Awaiting medical review." not in html


def test_the_editor_shows_the_explainer_and_review_panels(editor_client, physician_search_page):
    response = editor_client.get(f"/admin/pages/{physician_search_page.pk}/edit/")
    assert response.status_code == 200
    assert 'name="which_doctor"' in response.text and 'name="which_doctor_sources"' in response.text
    assert 'name="next_review_due"' in response.text


def test_a_reviewed_page_searches_within_the_query_budget(
    client,
    physician_search_page,
    minnesota,
    settings,
    django_assert_max_num_queries,
):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True
    physician_search_page.mark_reviewed(
        Person.objects.create(name="Dr Rita Reviewer"), 12, on=datetime.date(2026, 11, 1)
    )
    physician_search_page.save_revision().publish()
    url = physician_search_page.url + "?zip_code=55905"
    client.get(url)
    # Besides the search: the content versions, the Site and the breadcrumbs (every page).
    with django_assert_max_num_queries(8):
        html = client.get(url).text
    assert "Medically reviewed by Dr Rita Reviewer on" in html and "1 November 2026" in html
