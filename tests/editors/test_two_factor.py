"""Two-factor sign-in: an editor with an authenticator app must type its code before using
the admin; with ADMIN_2FA="required" everyone must set one up first."""

import base64
import re
import subprocess
import sys
from io import StringIO

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN = "/admin/"
VERIFY = "/admin/two-factor/verify/"
MANAGE = "/admin/two-factor/"


def code_for(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)


def test_without_an_app_the_admin_opens_as_before(login, editor):
    assert login(editor).get(ADMIN).status_code == 200


def test_with_an_app_the_admin_asks_for_its_code_first(login, editor, device):
    client = login(editor)
    response = client.get(ADMIN + "pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Enter your sign-in code" in page.text

    wrong = client.post(VERIFY, {"otp_token": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.text
    assert client.get(ADMIN).status_code == 302

    # Each wrong code makes the next attempt wait: even the right code is refused at once.
    device.refresh_from_db()
    throttled = client.post(VERIFY, {"otp_token": code_for(device), "next": "/admin/pages/"})
    assert "Too many wrong codes" in throttled.text

    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(VERIFY, {"otp_token": code_for(device), "next": "/admin/pages/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert client.get(ADMIN).status_code == 200


def test_the_code_page_never_sends_anyone_off_site(login, editor, device):
    client = login(editor)
    response = client.post(VERIFY, {"otp_token": code_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == ADMIN


def test_signing_out_needs_no_code(login, editor, device):
    client = login(editor)
    assert client.post(ADMIN + "logout/").status_code == 302
    assert client.get(ADMIN).status_code == 302  # back to the sign-in page


def test_an_editor_turns_it_on_with_their_password_and_a_code(login, editor):
    client = login(editor)
    page = client.get(MANAGE)
    assert page.status_code == 200
    assert '<svg role="img" aria-label="QR code' in page.text
    secret = re.search(r"<code>([A-Z2-7=]+)</code>", page.text).group(1)
    pending = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert secret == base64.b32encode(pending.bin_key).decode()

    wrong_password = client.post(MANAGE, {"password": "nope", "otp_token": code_for(pending)})
    assert "That is not your password" in wrong_password.text

    turned_on = client.post(MANAGE, {"password": "pw", "otp_token": code_for(pending)})
    assert turned_on.status_code == 302
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get(ADMIN).status_code == 200  # this session is verified by that code


def test_an_editor_can_turn_it_off_with_their_password(login, editor, device):
    client = login(editor)
    client.post(VERIFY, {"otp_token": code_for(device)})
    client.post(MANAGE, {"remove": "1", "password": "wrong"})
    assert TOTPDevice.objects.filter(user=editor).exists()
    client.post(MANAGE, {"remove": "1", "password": "pw"})
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_reset_two_factor_removes_a_lost_phone(editor, device):
    from django.core.management import CommandError, call_command

    call_command("reset_two_factor", "edna", stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=editor).exists()
    with pytest.raises(CommandError, match="No user"):
        call_command("reset_two_factor", "nobody")


def reset_url(user):
    return f"{ADMIN}two-factor/reset/{user.pk}/"


def test_an_administrator_removes_a_lost_phone_from_the_users_list(
    login, administrator, editor, device, reviewer
):
    from wagtail.models import ModelLogEntry

    client = login(administrator)
    users = client.get(ADMIN + "users/")
    assert users.status_code == 200
    assert users.text.count("Remove authenticator app") == 1  # only for the one with an app
    assert f'href="{reset_url(editor)}"' in users.text

    confirm = client.get(reset_url(editor))
    assert confirm.status_code == 200
    assert "Remove the authenticator app of <strong>Edna Editor</strong>?" in confirm.text
    assert TOTPDevice.objects.filter(user=editor).exists()  # asking removes nothing

    done = client.post(reset_url(editor), follow=True)
    assert done.redirect_chain[-1][0] == ADMIN + "users/"
    assert "Removed the authenticator app of Edna Editor." in done.text
    assert not TOTPDevice.objects.filter(user=editor).exists()
    entry = ModelLogEntry.objects.get(action="core.two_factor_reset")
    assert (entry.object_id, entry.user) == (str(editor.pk), administrator)
    # Edna signs in with her password alone and can set up her new phone.
    assert login(editor).get(ADMIN).status_code == 200


def test_the_users_list_finds_apps_in_one_query(login, administrator, django_user_model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(administrator)

    def queries_for_users_list():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(ADMIN + "users/").status_code == 200
        return len(queries)

    def add_users_with_apps(count, start):
        for n in range(start, start + count):
            user = django_user_model.objects.create_user(f"user{n}", f"u{n}@example.com", "pw")
            TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)

    add_users_with_apps(1, 0)
    one = queries_for_users_list()
    add_users_with_apps(10, 1)
    assert queries_for_users_list() == one
    assert client.get(ADMIN + "users/").text.count("Remove authenticator app") == 11


def test_only_those_who_may_edit_users_can_remove_an_app(
    login, editor, reviewer, device, administrator, django_user_model
):
    def refused(response):  # Wagtail's answer: back to the dashboard, with a message
        return response.status_code == 302 and response["Location"] == ADMIN

    client = login(reviewer)
    assert refused(client.get(reset_url(editor)))
    assert refused(client.post(reset_url(editor)))
    assert TOTPDevice.objects.filter(user=editor).exists()

    superuser = django_user_model.objects.create_superuser("root", "r@example.com", "pw")
    TOTPDevice.objects.create(user=superuser, name="Phone", confirmed=True)
    assert refused(login(administrator).post(reset_url(superuser)))
    assert TOTPDevice.objects.filter(user=superuser).exists()
    assert login(administrator).get(f"{ADMIN}two-factor/reset/999999/").status_code == 404


def test_required_mode_sends_everyone_without_an_app_to_set_one_up(settings, login, editor):
    settings.ADMIN_2FA = "required"
    client = login(editor)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(MANAGE)
    assert client.get(MANAGE).status_code == 200


def test_the_public_site_never_asks_for_a_code(login, editor, device, site):
    assert login(editor).get("/").status_code == 200


def test_account_menu_links_to_it(login, editor):
    assert 'href="/admin/two-factor/"' in login(editor).get(ADMIN + "account/").text


def test_an_unknown_mode_stops_the_site_from_starting():
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "neuropain.settings.dev",
            "ADMIN_2FA": "sometimes",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "ADMIN_2FA must be" in result.stderr
