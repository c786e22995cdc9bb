"""Security fixes around the editorial admin: sign-out, page passwords and malformed admin POSTs
(the person editor's account chooser: test_reviewer_account_chooser.py)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client, override_settings

from wagtail.models import PageViewRestriction

from .forms import article_edit_form


def test_logout_by_get_changes_nothing(login, editor):
    client = login(editor)
    key = client.session.session_key
    response = client.get("/admin/logout/")
    assert response.status_code == 405
    assert "sessionid" not in response.cookies
    assert Session.objects.filter(session_key=key).exists()
    assert client.get("/admin/").status_code == 200


def test_logout_by_post_ends_the_session_on_the_server(login, editor):
    client = login(editor)
    key = client.session.session_key
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie no longer opens the admin.
    stale = Client()
    stale.cookies["sessionid"] = key
    assert stale.get("/admin/").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_page_passwords_are_rate_limited(article):
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    client = Client()
    for guess in range(3):
        response = client.post(url, {"password": f"wrong{guess}", "return_url": article.url})
        assert response.status_code == 200, guess
    locked = client.post(url, {"password": "letmein", "return_url": article.url})
    assert locked.status_code == 429
    assert "Too many password attempts" in locked.text
    cache.clear()  # the cool-off has passed
    assert client.post(url, {"password": "letmein", "return_url": article.url}).status_code == 302


@pytest.mark.django_db(transaction=False)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    action=st.sampled_from(["approve", "reject", "", "nonsense", "\x00"]),
    extra=st.one_of(
        st.text(max_size=40),
        st.builds(json.dumps, st.lists(st.integers(), max_size=3)),
        st.builds(json.dumps, st.dictionaries(st.text(max_size=8), st.text(max_size=8))),
        st.builds(json.dumps, st.fixed_dictionaries({"comment": st.integers()})),
    ),
)
def test_malformed_review_actions_are_not_server_errors(
    login, editor, reviewer, article, action, extra
):
    client = login(editor)
    data = article_edit_form(article, **{"action-submit": "1"})
    client.post(f"/admin/pages/{article.pk}/edit/", data)
    data = article_edit_form(article)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": extra,
        }
    )
    response = login(reviewer).post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code < 500


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page_id=st.integers(min_value=-5, max_value=10**12), body=st.text(max_size=30))
def test_restore_view_never_errors(login, administrator, site, page_id, body):
    response = login(administrator).post(
        f"/admin/archive/{abs(page_id)}/restore/", {"anything": body}
    )
    assert response.status_code in (302, 403, 404)
