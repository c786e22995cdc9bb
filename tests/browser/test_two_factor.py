"""In Chromium: an editor turns on two-factor sign-in, signs out, and signs back in with a
code; both pages pass axe's WCAG 2.x A/AA rules and load nothing the admin's CSP blocks."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.models import Group

from tests.browser.conftest import format_violations, run_axe

PASSWORD = "correct-horse-battery-staple"


def code_for(device):
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, base, username, then=""):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/{then}")


def assert_accessible(page, axe_source, name):
    violations = run_axe(page, axe_source)
    assert not violations, f"{name}:\n{format_violations(violations)}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_turns_on_two_factor_and_signs_in_with_a_code(
    live_server, browser_page, axe_source, django_user_model
):
    editor = make_user(django_user_model, "edna", "Editors")
    base = live_server.url
    page = browser_page
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))

    sign_in(page, base, "edna")

    page.goto(f"{base}/admin/two-factor/")
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    assert_accessible(page, axe_source, "set-up page")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("6-digit code from your authenticator app").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.wait_for_url(f"{base}/admin/")
    assert "Two-factor sign-in is on" in page.locator(".messages").inner_text()

    page.context.clear_cookies()
    sign_in(page, base, "edna", then="two-factor/verify/**")
    assert_accessible(page, axe_source, "code page")
    device.refresh_from_db()
    device.throttle_reset()
    # A new time step, so the code used to turn it on is not replayed.
    device.last_t = -1
    device.save(update_fields=["last_t"])
    page.get_by_label("6-digit code from your authenticator app").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/admin/")
    assert page.get_by_role("heading", level=1).count() >= 1
    assert not violations, violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_administrator_removes_a_lost_phone(
    live_server, browser_page, axe_source, django_user_model
):
    editor = make_user(django_user_model, "edna", "Editors")
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    make_user(django_user_model, "ada", "Administrators")
    base = live_server.url
    page = browser_page

    sign_in(page, base, "ada")

    page.goto(f"{base}/admin/users/")
    page.get_by_role("button", name="More options for 'edna'").click()
    page.get_by_role("link", name="Remove authenticator app").click()
    page.wait_for_url(f"{base}/admin/two-factor/reset/{editor.pk}/")
    assert_accessible(page, axe_source, "remove-app page")
    page.get_by_role("button", name="Yes, remove their app").click()
    page.wait_for_url(f"{base}/admin/users/")
    assert "Removed the authenticator app of edna" in page.locator(".messages").inner_text()
    assert not TOTPDevice.objects.filter(user=editor).exists()
