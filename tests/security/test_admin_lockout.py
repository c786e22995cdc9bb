"""Brute force on the Wagtail admin login is stopped, per username and client address."""

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from serving.security import client_ip

PASSWORD = "Correct-horse-9"


@pytest.fixture
def editor(site, django_user_model):
    return django_user_model.objects.create_user(
        "rita", "rita@example.com", PASSWORD, is_staff=True, is_superuser=True
    )


def attempt(client, username, password, ip="203.0.113.5", **headers):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )


def test_wrong_passwords_lock_the_account_with_a_clear_429(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "rita", "wrong")
        assert response.status_code == 200
        assert "Your username and password didn" in response.text
    locked = attempt(client, "rita", "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.text
    assert "try again in 15 minutes" in locked.text
    assert locked["Retry-After"] == "900"
    # Even the right password is refused while locked, and no session is created.
    right = attempt(client, "rita", PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_lockout_is_per_username_and_address(client, editor, django_user_model):
    django_user_model.objects.create_user("sam", "sam@example.com", PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "rita", "wrong")
    assert attempt(client, "rita", PASSWORD).status_code == 429
    # Another editor behind the same address, and the same editor elsewhere, can sign in.
    assert attempt(client, "sam", PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "rita", PASSWORD, ip="198.51.100.7").status_code == 302


def test_success_before_the_limit_resets_the_count(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "rita", "wrong")
    assert attempt(client, "rita", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "rita", "wrong").status_code == 200


@override_settings(
    TRUSTED_PROXY_IP_HEADER="X-Forwarded-For",
    TRUSTED_PROXY_COUNT=1,
    TRUSTED_PROXY_ADDRESSES=["10.0.0.0/8"],
)
def test_behind_a_proxy_the_forwarded_address_counts_and_cannot_be_forged(client, editor):
    proxy = "10.0.0.2"
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker varies the part of the header it controls; the proxy appends the truth.
        attempt(client, "rita", "wrong", ip=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    blocked = attempt(client, "rita", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert blocked.status_code == 429
    other = attempt(client, "rita", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert other.status_code == 302


@override_settings(
    TRUSTED_PROXY_IP_HEADER="X-Forwarded-For",
    TRUSTED_PROXY_COUNT=1,
    TRUSTED_PROXY_ADDRESSES=["10.0.0.0/8"],
)
def test_rotating_the_header_straight_to_gunicorn_still_locks_out(client, editor):
    """An attacker who reaches gunicorn without the proxy sends a new forwarded address on
    every guess: the header is ignored, so its own address is locked out."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "rita", "wrong", ip="203.0.113.66", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"
    blocked = attempt(
        client, "rita", PASSWORD, ip="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert blocked.status_code == 429


def test_client_ip_falls_back_to_the_socket_address(rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "192.0.2.1"  # header not trusted unless configured
    with override_settings(
        TRUSTED_PROXY_IP_HEADER="X-Forwarded-For",
        TRUSTED_PROXY_COUNT=2,
        TRUSTED_PROXY_ADDRESSES=["10.0.0.0/8", "192.0.2.1"],
    ):
        assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="x")) == (
            "192.0.2.1"
        )
        two_hops = rf.get(
            "/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="9.9.9.9, 7.7.7.7, 10.0.0.2"
        )
        assert client_ip(two_hops) == "7.7.7.7"


def test_admin_url_is_configurable(client, editor, settings):
    settings.ADMIN_URL = "cms-7f3a/"
    import neuropain.urls

    try:
        clear_url_caches()
        from importlib import reload

        reload(neuropain.urls)
        assert reverse("wagtailadmin_login") == "/cms-7f3a/login/"
        assert client.get("/cms-7f3a/login/").status_code == 200
        assert client.get("/admin/login/").status_code == 404
        csp = client.get("/cms-7f3a/login/")["Content-Security-Policy"]
        assert "'unsafe-inline'" in csp  # the admin policy follows the admin's address
    finally:
        settings.ADMIN_URL = "admin/"
        reload(neuropain.urls)
        clear_url_caches()


def test_staff_sessions_expire(client, editor):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client.post(reverse("wagtailadmin_login"), {"username": "rita", "password": PASSWORD})
    assert 0 < client.session.get_expiry_age() <= 8 * 60 * 60


def test_management_logins_bypass_axes_but_still_check_passwords(editor):
    from django.contrib.auth import authenticate

    assert authenticate(username="rita", password=PASSWORD) == editor
    assert authenticate(username="rita", password="wrong") is None


def test_the_first_backend_is_a_full_one(client, editor, site):
    """Wagtail's test utilities (assertPageIsPreviewable, ...) log in with backend [0]."""
    client.force_login(editor, settings.AUTHENTICATION_BACKENDS[0])
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
