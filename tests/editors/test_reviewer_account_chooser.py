"""The Person "User" field is a chooser of medical reviewers' accounts that never lets an editor
list or look up any other account: not in its list, its search, its "chosen" answers, nor in the
form shown again after a forged POST."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.urls import reverse

from core.models import Person

from .conftest import make_user

XHR = {"x-requested-with": "XMLHttpRequest"}
ADD_URL = "/admin/snippets/core/person/add/"


@pytest.fixture
def others(db, django_user_model, administrator):
    """Accounts an editor must never see: an administrator, a superuser, a plain user and a
    reviewer whose account was deactivated."""
    superuser = django_user_model.objects.create_superuser(
        "root", "root@example.com", "pw", first_name="Rootina", last_name="Superuser"
    )
    plain = make_user(django_user_model, "pat", last_name="Plainuser")
    gone = make_user(django_user_model, "rita", "Medical reviewers", last_name="Leftreviewer")
    gone.is_active = False
    gone.save()
    return [administrator, superuser, plain, gone]


def listed_names(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        " ".join(link.get_text().split()) for link in soup.select("[data-chooser-modal-choice]")
    }


def choose_url(view, *args):
    return reverse(f"reviewer_account_chooser:{view}", args=args)


def test_person_form_has_the_chooser_not_a_select(login, editor, reviewer, others):
    page = login(editor).get(ADD_URL)
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.find("select", attrs={"name": "user"}) is None
    hidden = soup.find("input", attrs={"name": "user"})
    assert hidden is not None and hidden.get("type") == "hidden"
    assert "Choose a medical reviewer&#x27;s account" in page.text or (
        "Choose a medical reviewer's account" in page.text
    )
    for other in others:
        assert other.last_name not in page.text


def test_chooser_lists_only_active_medical_reviewers(login, editor, reviewer, others):
    client = login(editor)
    modal = client.get(choose_url("choose"), headers=XHR)
    assert modal.status_code == 200
    assert listed_names(modal.json()["html"]) == {"Rex Reviewer"}
    results = client.get(choose_url("choose_results"))
    assert listed_names(results.text) == {"Rex Reviewer"}


@pytest.mark.parametrize(
    "query", ["a", "root", "Admin", "Plainuser", "rita", "@example.com", "e r"]
)
def test_chooser_search_finds_no_other_account(login, editor, reviewer, others, query):
    response = login(editor).get(choose_url("choose_results"), {"q": query})
    assert response.status_code == 200
    assert listed_names(response.text) <= {"Rex Reviewer"}
    shown = response.text.replace(query, "")  # "No results for <query>" echoes the query
    for other in others:
        assert other.last_name not in shown and other.username not in shown


def test_chooser_search_finds_a_reviewer_by_name(login, editor, reviewer, others):
    response = login(editor).get(choose_url("choose_results"), {"q": "rev"})
    assert listed_names(response.text) == {"Rex Reviewer"}


def test_chosen_answers_only_for_reviewers(login, editor, reviewer, others):
    client = login(editor)
    chosen = client.get(choose_url("chosen", reviewer.pk), headers=XHR)
    assert chosen.json()["result"]["title"] == "Rex Reviewer"
    for other in others:
        response = client.get(choose_url("chosen", other.pk), headers=XHR)
        assert response.status_code == 404
        assert other.last_name not in response.text
    for junk in ["abc", "0", "99999", "1%00"]:
        assert client.get(choose_url("chosen", junk), headers=XHR).status_code == 404
    several = client.get(
        choose_url("chosen_multiple"), {"id": [str(u.pk) for u in [reviewer, *others]] + ["x"]}
    )
    assert [item["title"] for item in several.json()["result"]] == ["Rex Reviewer"]


def test_chooser_creates_no_accounts(login, editor, reviewer, django_user_model):
    before = django_user_model.objects.count()
    response = login(editor).post(choose_url("create"), {"username": "sneaky", "password": "x"})
    assert response.status_code == 404
    assert django_user_model.objects.count() == before


def test_chooser_needs_an_admin_sign_in(login, reviewer):
    response = login(None).get(choose_url("choose"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def person_data(user_id):
    return {
        "name": "Dr Forged",
        "credentials": "",
        "affiliation": "",
        "role": "author",
        "user": str(user_id),
    }


@pytest.mark.parametrize("who", [0, 1, 2, 3])
def test_forged_account_is_a_form_error_that_names_no_one(login, editor, reviewer, others, who):
    other = others[who]
    response = login(editor).post(ADD_URL, person_data(other.pk))
    assert response.status_code == 200
    assert "Choose the account of an active member of the Medical reviewers group." in response.text
    assert other.last_name not in response.text and other.first_name not in response.text
    assert not Person.objects.filter(name="Dr Forged").exists()


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "9" * 30])
def test_malformed_account_value_is_a_form_error(login, editor, reviewer, value):
    response = login(editor).post(ADD_URL, person_data(value))
    assert response.status_code == 200
    assert "Choose the account of an active member" in response.text
    assert not Person.objects.filter(name="Dr Forged").exists()


def test_a_reviewer_account_can_be_chosen(login, editor, reviewer, django_user_model):
    """(A reviewer already linked to a person cannot be linked twice: the field is one-to-one.)"""
    second = make_user(django_user_model, "rhea", "Medical reviewers", last_name="Second")
    data = {**person_data(second.pk), "name": "Dr New", "action-submit": "Submit"}
    response = login(editor).post(ADD_URL, data)
    assert response.status_code == 302
    draft = Person.objects.get(name="Dr New").get_latest_revision_as_object()
    assert draft.user_id == second.pk
    # The form shows the chosen account by name.
    edit = login(editor).get(f"/admin/snippets/core/person/edit/{draft.pk}/")
    assert "Rhea Second" in edit.text


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(max_size=120),
    page=st.one_of(st.text(max_size=6), st.integers(-3, 10**6).map(str)),
    user=st.one_of(st.text(min_size=1, max_size=12), st.integers(-3, 10**20).map(str)),
)
def test_chooser_and_person_form_never_error(login, editor, reviewer, others, query, page, user):
    client = login(editor)
    results = client.get(choose_url("choose_results"), {"q": query, "p": page})
    assert results.status_code < 500
    if "plainuser" not in query.casefold():
        assert "Plainuser" not in results.text
    chosen = client.get(f"/admin/reviewer_account_chooser/chosen/{quote(user, safe='')}/")
    assert chosen.status_code < 500
    assert chosen.status_code != 200 or "Rex Reviewer" in chosen.text
    posted = client.post(ADD_URL, person_data(user))  # (an empty "User" is allowed: not tried)
    assert posted.status_code in (200, 400)
    assert not Person.objects.filter(name="Dr Forged").exists()
