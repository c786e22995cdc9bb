"""Suggestions while typing, by keyboard alone, and accessible at phone and desktop widths."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, format_violations, run_axe

pytestmark = pytest.mark.browser


def open_suggestions(page, url, text):
    page.goto(url)
    field = page.get_by_role("combobox", name="Search NeuroPain")
    field.focus()
    page.keyboard.type(text, delay=30)
    page.get_by_role("listbox", name="Suggestions").first.wait_for(state="visible")
    return field


def test_choose_a_suggestion_with_the_keyboard(browser_page, site_urls):
    page = browser_page
    field = open_suggestions(page, site_urls["article"], "gabap")
    assert field.get_attribute("aria-expanded") == "true"
    options = page.get_by_role("option")
    assert "gabapentin" in options.first.inner_text()
    assert "suggestion" in page.locator("[role=status]").first.inner_text()
    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    label = page.locator(f"#{active}").get_attribute("data-value")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/?q=" in page.url
    # The search page has its own box (the header leaves its own out), holding the choice.
    assert page.locator("#search-q").input_value() == label
    assert page.locator("#header-search").count() == 0
    assert page.locator("main li a").first.inner_text().strip().lower() == "gabapentin", label
    # The script runs under the site's CSP (no inline script) without errors.
    assert not [e for e in page.console_errors if "Content Security Policy" in e or ".js" in e]


def test_escape_closes_and_tab_leaves(browser_page, site_urls):
    page = browser_page
    field = open_suggestions(page, site_urls["article"], "neur")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("listbox", name="Suggestions").first.is_visible()
    assert field.input_value() == "neur"
    assert page.evaluate("document.activeElement.id") == "header-search"
    page.keyboard.press("ArrowDown")  # opens again
    page.get_by_role("listbox", name="Suggestions").first.wait_for(state="visible")
    page.keyboard.press("Tab")  # no focus trap: Tab leaves the field and closes the list
    assert page.evaluate("document.activeElement.id") != "header-search"
    assert field.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_no_axe_violations_with_suggestions_open(
    chromium, site_urls, axe_source, viewport
):  # fmt: skip
    context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    try:
        open_suggestions(page, site_urls["article"], "lyr")
        violations = run_axe(page, axe_source)
        assert violations == [], format_violations(violations)
        page.goto(site_urls["search-results"])
        violations = run_axe(page, axe_source)
        assert violations == [], format_violations(violations)
    finally:
        context.close()
