"""In Chromium: public pages trigger no CSP violation, and the admin still works under its policy."""

import os

import pytest

from tests.browser_support import collect_console_errors

# Recorded before any page script runs; Playwright's init scripts are not subject to CSP.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.reportCspViolation(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""

pytestmark = pytest.mark.browser
# live_server with Playwright's sync API (an event loop in the test thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def watched_page(chromium):
    """A fresh Chromium page (shared browser from tests/browser/conftest.py) that records CSP
    violations and console errors."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    recorded = []
    context.expose_function("reportCspViolation", lambda text: recorded.append(text))
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.csp_violations = recorded
    collect_console_errors(page)
    yield page
    context.close()


def violations(page):
    """Every violation since the page opened, across navigations (and inside frames)."""
    page.wait_for_timeout(100)  # reports arrive asynchronously
    return page.csp_violations


def csp_console_errors(page):
    return [text for text in page.console_errors if "Content Security Policy" in text]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_public_pages_run_without_csp_violations(live_server, public_urls, watched_page):
    for name, url in public_urls.items():
        response = watched_page.goto(live_server.url + url)
        assert response.status in (200, 404), name
        watched_page.wait_for_load_state("load")
        assert violations(watched_page) == [], name
        assert csp_console_errors(watched_page) == [], name
        # The stylesheet applied: the skip link is moved off-screen by site.css.
        assert watched_page.locator(".skip-link").bounding_box()["y"] < 0, name


@pytest.fixture
def browser_editor(django_user_model):
    # Created before the browser starts: database work while Playwright's loop runs would open
    # a connection Django never closes.
    return django_user_model.objects.create_superuser("browser-editor", "b@e.com", "Browser-pw-1")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_works_under_its_policy(live_server, public_site, browser_editor, watched_page):
    article = public_site["article"]
    page = watched_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", "Browser-pw-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert "Welcome" in page.content() or page.locator("main").is_visible()

    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.locator(".Draftail-Editor").first.wait_for()  # the rich-text editor initialised
    page.fill("#id_title", "Living with nerve pain (edited)")
    page.click("footer button:has-text('Save draft')")
    page.wait_for_load_state("load")
    assert "has been updated" in page.content()

    # The live preview frames the public template inside the admin.
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.click("[data-side-panel-toggle='preview']")
    frame = page.frame_locator("iframe#w-preview-iframe")
    frame.locator("h1").first.wait_for(state="attached")
    assert "Living with nerve pain (edited)" in frame.locator("h1").first.text_content()

    assert violations(page) == []
    assert csp_console_errors(page) == []
    # While signed in, the public page shows Wagtail's user bar, still within the public policy.
    page.goto(live_server.url + article.url)
    page.locator("wagtail-userbar").wait_for(state="attached")
    assert violations(page) == []
