"""In Chromium, the whole medical review loop with the admin's plain words: an editor edits a
glossary term and an article and submits both; the reviewer sees both awaiting review, opens
the change comparison of each, requests changes with a comment; the editor sees the comment as
a banner and resubmits; the reviewer approves the article in its editor and the term from the
dashboard's pop-up; the public page shows the new text. axe finds no WCAG 2.2 AA violation on
any admin screen visited (the pages each action lands on and the pop-up included).

Uses the shared `chromium` fixture (tests/browser/conftest.py); its own fixtures are
prefixed editors_."""

import datetime

import pytest

from django.contrib.auth.models import Group

from articles.models import ArticleIndexPage
from core.models import Person
from glossary.markup import invalidate as invalidate_glossary
from tests.factories import ArticleAuthorFactory, ArticlePageFactory, GlossaryTermFactory

from .conftest import format_violations, run_axe

PASSWORD = "correct-horse-battery-staple"
FIRST_SUMMARY = "How nerve pain feels and what causes it."
NEW_SUMMARY = "How nerve pain feels, what causes it and which treatments help."
OLD_DEFINITION = "Pain from a touch that does not normally hurt."
NEW_DEFINITION = "Pain caused by a light touch, such as clothes or bedsheets."
COMMENT = "Please say which treatments, with a source."


@pytest.fixture
def editors_new_page(chromium):
    contexts = []

    def new_page():
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def editors_accounts(django_user_model):
    editor = django_user_model.objects.create_user(
        "edna", "edna@example.com", PASSWORD, first_name="Edna", last_name="Editor"
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    reviewer = django_user_model.objects.create_user(
        "rex", "rex@example.com", PASSWORD, first_name="Rex", last_name="Reviewer"
    )
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))
    Person.objects.create(
        name="Dr Rex Reviewer", credentials="MD", role=Person.Role.MEDICAL_REVIEWER, user=reviewer
    )
    return editor, reviewer


@pytest.fixture
def editors_content():
    term = GlossaryTermFactory(term="allodynia", slug="allodynia", definition=OLD_DEFINITION)
    page = ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(),
        title="Understanding nerve pain",
        summary=FIRST_SUMMARY,
        body=[("paragraph", "<p>Allodynia makes clothes hurt.</p>")],
        last_reviewed=datetime.date(2023, 3, 1),
        next_review_due=datetime.date(2024, 3, 1),
    )
    ArticleAuthorFactory(page=page, person=Person.objects.create(name="Jane Author"))
    page.save_revision().publish()
    invalidate_glossary()
    return term, page


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def footer_action(page, label):
    footer = page.locator("footer")
    more = footer.get_by_role("button", name="More actions")
    if more.count():
        more.click()
    footer.get_by_role("button", name=label, exact=True).click()


def messages(page):
    return " ".join(page.locator(".messages").inner_text().split())


def assert_accessible(page, axe_source, screen):
    violations = run_axe(page, axe_source)
    assert not violations, f"{screen}:\n{format_violations(violations)}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_whole_review_loop(
    live_server, editors_new_page, editors_accounts, editors_content, axe_source
):
    term, article = editors_content
    base_url = live_server.url
    edit_url = f"{base_url}/admin/pages/{article.pk}/edit/"
    term_url = f"{base_url}/admin/snippets/glossary/glossaryterm/edit/{term.pk}/"

    # The editor changes a glossary definition and an article, and submits both.
    editor = editors_new_page()
    log_in(editor, base_url, "edna")
    editor.goto(term_url)
    assert_accessible(editor, axe_source, "glossary term editor")
    editor.fill("#id_definition", NEW_DEFINITION)
    footer_action(editor, "Submit to Medical review")
    editor.wait_for_url(lambda url: "/edit/" not in url)
    assert "'allodynia' submitted for medical review" in messages(editor)
    assert_accessible(editor, axe_source, "glossary listing after submitting")
    editor.goto(edit_url)
    assert_accessible(editor, axe_source, "article editor")
    editor.fill("#id_summary", NEW_SUMMARY)
    footer_action(editor, "Submit to Medical review")
    editor.wait_for_url(lambda url: "/edit/" not in url)
    assert "'Understanding nerve pain' submitted for medical review" in messages(editor)
    assert_accessible(editor, axe_source, "page listing after submitting")

    # Nothing has changed for readers yet.
    public = editors_new_page()
    public.goto(f"{base_url}{article.url}")
    assert OLD_DEFINITION in public.content() and FIRST_SUMMARY in public.content()

    # The reviewer sees both first on the dashboard, and each comparison beside approve.
    reviewer = editors_new_page()
    log_in(reviewer, base_url, "rex")
    first_panel = reviewer.locator("main section[id]").first
    assert first_panel.get_attribute("id") == "awaiting-review-section"
    assert "Understanding nerve pain" in first_panel.inner_text()
    assert "allodynia" in first_panel.inner_text()
    assert_accessible(reviewer, axe_source, "reviewer dashboard")
    reviewer.goto(edit_url)
    assert "Awaiting your medical review" in messages(reviewer)
    assert_accessible(reviewer, axe_source, "article editor (reviewer)")
    reviewer.get_by_role("link", name="Compare with the live version").click()
    reviewer.wait_for_url(lambda url: "/revisions/compare/live...latest/" in url)
    assert "which treatments help" in " ".join(reviewer.inner_text("main").split())
    assert_accessible(reviewer, axe_source, "revision comparison")
    reviewer.goto(term_url)
    assert "Awaiting your medical review" in messages(reviewer)
    assert_accessible(reviewer, axe_source, "glossary term editor (reviewer)")
    reviewer.get_by_role("link", name="Compare with the live version").click()
    reviewer.wait_for_url(lambda url: "/revisions/compare/live...latest/" in url)
    assert "such as clothes or bedsheets" in " ".join(reviewer.inner_text("main").split())
    assert_accessible(reviewer, axe_source, "glossary term comparison")

    # It needs changes: the reviewer says why.
    reviewer.goto(edit_url)
    footer_action(reviewer, "Request changes")
    reviewer.locator(".modal textarea[name=comment]").fill(COMMENT)
    assert_accessible(reviewer, axe_source, "request changes pop-up")
    reviewer.locator(".modal").get_by_role("button", name="Request changes").click()
    reviewer.wait_for_url(lambda url: "/edit/" not in url)
    assert "Changes requested — Edna Editor has been notified." in messages(reviewer)
    assert_accessible(reviewer, axe_source, "page listing after requesting changes")

    # The editor sees the comment first on the dashboard and at the top of the page editor.
    editor.goto(f"{base_url}/admin/")
    assert editor.locator("main section[id]").first.get_attribute("id") == (
        "changes-requested-section"
    )
    assert_accessible(editor, axe_source, "editor dashboard with a change request")
    editor.goto(edit_url)
    assert f"“{COMMENT}”" in messages(editor)
    assert "Changes requested by Rex Reviewer" in messages(editor)
    assert_accessible(editor, axe_source, "article editor with the change request")
    editor.fill("#id_summary", NEW_SUMMARY + " Gabapentin and pregabalin are common.")
    footer_action(editor, "Resubmit to Medical review")
    editor.wait_for_url(lambda url: "/edit/" not in url)
    assert_accessible(editor, axe_source, "page listing after resubmitting")

    # The reviewer approves the article in its editor ...
    reviewer.goto(edit_url)
    footer_action(reviewer, "Approve and Publish")
    reviewer.wait_for_url(lambda url: "/edit/" not in url)
    assert "'Understanding nerve pain' approved and published." in messages(reviewer)
    assert_accessible(reviewer, axe_source, "page listing after approving")

    # ... and the term from the dashboard's "Awaiting your review" pop-up.
    reviewer.goto(f"{base_url}/admin/")
    row = reviewer.locator("#awaiting-review-section tr", has_text="allodynia")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve with comment").click()
    modal = reviewer.locator(".modal")
    modal.locator("textarea[name=comment]").fill("Clear and accurate.")
    assert_accessible(reviewer, axe_source, "dashboard approval pop-up")
    modal.get_by_role("button", name="Approve").click()
    reviewer.locator(".messages", has_text="approved and published").wait_for()
    assert "'allodynia' approved and published." in messages(reviewer)
    assert_accessible(reviewer, axe_source, "dashboard after approving")

    public.goto(f"{base_url}{article.url}")
    text = public.content()
    assert "Gabapentin and pregabalin are common." in text
    assert NEW_DEFINITION in text and OLD_DEFINITION not in text
    assert "Dr Rex Reviewer, MD" in text
