"""ensure_accounts: the admin and the sample editor and reviewer, in their groups."""

from io import StringIO

import pytest

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from core.models import Person


def run():
    out = StringIO()
    call_command("ensure_accounts", stdout=out)
    return out.getvalue()


def test_creates_sample_accounts_with_environment_passwords(db, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "admin-secret-1")
    monkeypatch.setenv("EDITOR_PASSWORD", "editor-secret-1")
    monkeypatch.setenv("REVIEWER_PASSWORD", "reviewer-secret-1")
    output = run()
    assert "Created account 'editor' (Editors) with password: from EDITOR_PASSWORD" in output
    assert "editor-secret-1" not in output
    editor = authenticate(username="editor", password="editor-secret-1")
    reviewer = authenticate(username="reviewer", password="reviewer-secret-1")
    assert authenticate(username="admin", password="admin-secret-1").is_superuser
    assert [group.name for group in editor.groups.all()] == ["Editors"]
    assert [group.name for group in reviewer.groups.all()] == ["Medical reviewers"]
    person = Person.objects.get(user=reviewer)
    assert person.name == "Sample Reviewer"
    assert person.role == Person.Role.MEDICAL_REVIEWER


def test_generated_passwords_are_printed_once(db, monkeypatch):
    for name in ("ADMIN_PASSWORD", "EDITOR_PASSWORD", "REVIEWER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    first = run()
    line = next(line for line in first.splitlines() if "'reviewer'" in line)
    password = line.rsplit(": ", 1)[1]
    assert authenticate(username="reviewer", password=password)

    second = run()
    assert "Account 'reviewer' already exists; password unchanged." in second
    assert password not in second
    assert authenticate(username="reviewer", password=password)
    assert get_user_model().objects.count() == 3
    assert Person.objects.filter(name="Sample Reviewer").count() == 1


@pytest.mark.parametrize("username", ["editor", "reviewer"])
def test_sample_accounts_can_open_the_admin(client, db, username, monkeypatch, site):
    monkeypatch.setenv(f"{username.upper()}_PASSWORD", "sample-password-9")
    run()
    assert client.login(username=username, password="sample-password-9")
    assert client.get("/admin/").status_code == 200
