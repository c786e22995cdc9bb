"""In Chromium: an editor edits an article and submits it for medical review, a reviewer
approves it, and the public page shows the change and the new review date.

Fixtures here are prefixed editors_ so they never clash with the shared browser fixtures."""

import datetime
import os
import shutil

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import ArticleIndexPage
from core.models import Person, add_months
from tests.factories import ArticleAuthorFactory, ArticlePageFactory, PersonFactory

# Playwright's sync API runs an event loop in this thread; the ORM calls here are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PASSWORD = "correct-horse-battery-staple"
NEW_SUMMARY = "How nerve pain feels, what causes it and which treatments help."


@pytest.fixture(scope="module")
def editors_chromium():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}")
        pytest.skip(f"Chromium is missing at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def editors_new_page(editors_chromium):
    contexts = []

    def new_page():
        context = editors_chromium.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def editors_accounts(django_user_model):
    editor = django_user_model.objects.create_user("edna", "edna@example.com", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    reviewer = django_user_model.objects.create_user("rex", "rex@example.com", PASSWORD)
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
    Person.objects.create(
        name="Dr Rex Reviewer", credentials="MD", role=Person.Role.MEDICAL_REVIEWER, user=reviewer
    )
    return editor, reviewer


@pytest.fixture
def editors_article():
    page = ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(),
        title="Understanding nerve pain",
        last_reviewed=datetime.date(2023, 3, 1),
        next_review_due=datetime.date(2024, 3, 1),
    )
    ArticleAuthorFactory(page=page, person=PersonFactory(name="Jane Author"))
    page.save_revision().publish()
    return page


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def footer_action(page, label):
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.locator("footer").get_by_role("button", name=label, exact=True).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_submits_and_reviewer_approves(
    live_server, editors_new_page, editors_accounts, editors_article
):
    base_url = live_server.url
    edit_url = f"{base_url}/admin/pages/{editors_article.pk}/edit/"

    editor = editors_new_page()
    log_in(editor, base_url, "edna")
    editor.goto(edit_url)
    editor.fill("#id_summary", NEW_SUMMARY)
    footer_action(editor, "Submit to Medical review")
    editor.wait_for_url(lambda url: "/edit/" not in url)
    assert "has been submitted for moderation" in editor.locator(".messages").inner_text()

    reviewer = editors_new_page()
    log_in(reviewer, base_url, "rex")
    assert "Understanding nerve pain" in reviewer.content()  # awaiting their review
    reviewer.goto(edit_url)
    assert reviewer.input_value("#id_summary") == NEW_SUMMARY
    footer_action(reviewer, "Approve and Publish")
    reviewer.wait_for_url(lambda url: "/edit/" not in url)
    assert "has been updated" in reviewer.locator(".messages").inner_text()

    public = editors_new_page()
    public.goto(f"{base_url}/articles/understanding-nerve-pain/")
    text = public.inner_text("main")
    today = timezone.localdate()
    assert NEW_SUMMARY in text
    assert "Dr Rex Reviewer, MD" in text
    assert f"Page last reviewed: {today.day} {today:%B %Y}" in text
    next_due = add_months(today, 12)
    assert f"Next review due: {next_due.day} {next_due:%B %Y}" in text
