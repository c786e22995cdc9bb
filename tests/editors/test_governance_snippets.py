"""Roles that cannot destroy, for shared content under medical review: only Administrators
delete or unpublish a person, glossary term or drug class; reviewers still approve and edit,
editors still edit and submit."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group

from wagtail.permissions import policy_registry

from core.models import Person
from drugs.models import DrugClass
from glossary.models import GlossaryTerm
from review.roles import ADMINISTRATORS_GROUP
from tests.factories import DrugClassFactory, GlossaryTermFactory, PersonFactory

from .conftest import make_user

FACTORIES = {
    "person": PersonFactory,
    "glossary term": GlossaryTermFactory,
    "drug class": DrugClassFactory,
}


def live_record(kind):
    record = FACTORIES[kind]()
    record.save_revision().publish()
    record.refresh_from_db()
    return record


def admin_url(record, view=None):
    meta = record._meta
    base = f"/admin/snippets/{meta.app_label}/{meta.model_name}/"
    return f"{base}{view}/{record.pk}/" if view else base


def links_and_buttons(html):
    soup = BeautifulSoup(html, "html.parser")
    hrefs = {a["href"].split("?")[0] for a in soup.find_all("a", href=True)}
    names = {button.get("name") for button in soup.find_all("button")}
    return soup, hrefs, names


@pytest.fixture(params=["editor", "reviewer"])
def writer(request, db):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("kind", FACTORIES)
def test_editors_and_reviewers_are_offered_no_delete_or_unpublish(login, writer, kind):
    record = live_record(kind)
    client = login(writer)
    delete_url, unpublish_url = admin_url(record, "delete"), admin_url(record, "unpublish")
    bulk_delete_url = f"/admin/bulk/{record._meta.app_label}/{record._meta.model_name}/delete/"

    _, hrefs, names = links_and_buttons(client.get(admin_url(record, "edit")).text)
    assert "action-submit" in names or "action-publish" in names  # still edits
    assert delete_url not in hrefs and unpublish_url not in hrefs

    listing = client.get(admin_url(record)).text
    soup, hrefs, _ = links_and_buttons(listing)
    assert admin_url(record, "edit") in hrefs
    assert delete_url not in hrefs and unpublish_url not in hrefs
    assert bulk_delete_url not in listing
    assert not soup.select("[data-bulk-action-footer], [data-bulk-action-checkbox]")
    results = client.get(admin_url(record) + "results/?q=").text  # the listing's search refresh
    assert admin_url(record, "edit") in results and "data-bulk-action-checkbox" not in results


@pytest.mark.parametrize("kind", FACTORIES)
def test_editors_and_reviewers_cannot_delete_or_unpublish_directly(login, writer, kind):
    record = live_record(kind)
    client = login(writer)
    for url in (admin_url(record, "delete"), admin_url(record, "unpublish")):
        for response in (client.get(url), client.post(url)):
            assert response.status_code in (302, 403), url
            assert response.get("Location", "/admin/") == "/admin/", url
    client.post(
        f"/admin/bulk/{record._meta.app_label}/{record._meta.model_name}/delete/"
        f"?id={record.pk}&next={admin_url(record)}"
    )
    record.refresh_from_db()
    assert record.live and not record.has_unpublished_changes


def test_only_administrators_hold_delete_and_unpublish(editor, reviewer, administrator):
    superuser = make_user(type(editor), "sue", is_superuser=True)
    inactive = make_user(type(editor), "ina", ADMINISTRATORS_GROUP, is_active=False)
    for model in (Person, GlossaryTerm, DrugClass):
        policy = policy_registry.get_by_type(model)
        for action in ("delete", "unpublish"):
            assert set(policy.users_with_permission(action)) == {administrator, superuser}
            for user in (editor, reviewer, inactive):
                assert not policy.user_has_permission(user, action), (model, action)
        assert policy.user_has_permission(reviewer, "publish")  # approving publishes
        assert reviewer in policy.users_with_permission("publish")
        assert policy.user_has_permission(editor, "change")
        assert {editor, reviewer} <= set(policy.users_with_any_permission(["change", "delete"]))


def test_a_reviewer_granted_delete_by_hand_still_cannot(login, reviewer):
    """The rule is the role, not the group's permission list: a delete permission added to
    Medical reviewers in Settings -> Groups does not make them destroyers."""
    term = live_record("glossary term")
    reviewers = reviewer.groups.get()
    reviewers.permissions.add(*Group.objects.get(name=ADMINISTRATORS_GROUP).permissions.all())
    login(reviewer).post(admin_url(term, "delete"))
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()


@pytest.mark.parametrize("kind", FACTORIES)
def test_administrator_can_unpublish_and_delete(login, administrator, kind):
    record = live_record(kind)
    client = login(administrator)
    _, hrefs, _ = links_and_buttons(client.get(admin_url(record, "edit")).text)
    assert {admin_url(record, "delete"), admin_url(record, "unpublish")} <= hrefs
    listing = client.get(admin_url(record)).text
    assert f"/admin/bulk/{record._meta.app_label}/{record._meta.model_name}/delete/" in listing
    assert "data-bulk-action-checkbox" in client.get(admin_url(record) + "results/?q=").text

    assert client.post(admin_url(record, "unpublish")).status_code == 302
    record.refresh_from_db()
    assert not record.live
    assert client.post(admin_url(record, "delete")).status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()


def test_deleting_a_person_named_on_a_live_article_shows_its_use_first(
    login, administrator, article
):
    """Wagtail's own confirmation: the delete page says where the record is used."""
    person = article.reviewer
    response = login(administrator).get(admin_url(person, "delete"))
    assert "This person is referenced 1 time." in response.text
    assert admin_url(person, "usage") in links_and_buttons(response.text)[1]
