"""Keyboard-first journeys a patient takes through the site, in a real browser."""

import json
import re
from pathlib import Path

import pytest

from django.conf import settings
from django.utils.text import slugify

from tests.browser.conftest import DESKTOP, PHONE, format_violations, run_axe, save_screenshot

pytestmark = pytest.mark.browser

QUIZ_DATA = json.loads(
    (Path(settings.BASE_DIR) / "quizzes" / "data" / "neuropathic_pain_quiz.json").read_text()
)
# The quiz result view (POST, redirect, GET) belongs to the public-features work; until its
# routes exist on QuizPage the quiz journey is expected to fail.


def tab_to(page, predicate_js, limit=80):
    """Press Tab until the focused element satisfies `predicate_js` (given as `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return page.evaluate("document.activeElement.outerHTML")
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def focused_text(page):
    return page.evaluate("document.activeElement.textContent.trim()")


def test_read_an_article_with_the_keyboard(browser_page, site_urls):
    page = browser_page
    page.goto(site_urls["home"])
    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"

    page.goto(site_urls["home"])
    tab_to(page, "el.closest('nav[aria-label=Main]') && el.textContent.trim() === 'Articles'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/")
    assert page.locator("h1").inner_text() == "Articles"

    title = page.evaluate(
        "[...document.querySelectorAll('main h2 a, main h3 a')].map(a => a.textContent.trim())"
    )
    assert "Neuropathic Pain" in title
    tab_to(page, "el.tagName === 'A' && el.textContent.trim() === 'Neuropathic Pain'")
    page.keyboard.press("Enter")
    page.wait_for_url(site_urls["article"])
    assert page.locator("h1").inner_text() == "Neuropathic Pain"
    header = page.locator(".article__header").inner_text()
    assert "James C. Watson" in header and "not yet been medically reviewed" in header
    header_element = page.locator(".article__header")
    header_element.locator("summary").click()
    assert "Original article reviewed/revised" in header_element.inner_text()

    contents = page.get_by_role("navigation", name="On this page")
    contents.get_by_role("link", name="Treatment of Neuropathic Pain").click()
    assert page.url.endswith("#treatment-of-neuropathic-pain")
    assert page.locator("#treatment-of-neuropathic-pain").is_visible()

    # A numbered citation marker leads to its entry in the references.
    page.goto(site_urls["article-with-references"])
    page.locator("main sup a").first.click()
    assert page.url.endswith("#ref-1")
    reference = page.locator("#ref-1")
    assert reference.is_visible()
    assert "Plast Reconstr Surg" in reference.inner_text()


def test_open_a_glossary_definition_by_keyboard(browser_page, site_urls):
    page = browser_page
    page.goto(site_urls["article"])
    tab_to(page, "el.classList.contains('glossary-term') && /allodynia/i.test(el.textContent)")
    term = page.locator("button.glossary-term", has_text="allodynia")
    definition = page.locator(f"#{term.get_attribute('popovertarget')}")
    assert not definition.is_visible()

    page.keyboard.press("Enter")
    assert definition.is_visible()
    assert "light touch" in definition.inner_text()
    assert term.evaluate("el => el.matches(':focus')")
    save_screenshot(page, "glossary-popover-1280")

    page.keyboard.press("Escape")
    assert not definition.is_visible()
    assert term.evaluate("el => el.matches(':focus')"), "focus should stay on the term"

    # Tab from the open term moves into its definition (its link, then its Close button).
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[popover]') !== null")
    assert "More in the glossary" in focused_text(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/#allodynia")
    assert page.locator("#allodynia").is_visible()


def test_glossary_definition_opens_by_tap_without_javascript(chromium, site_urls):
    """The Popover API needs no script: a tap opens the definition on a phone with JS off."""
    context = chromium.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(site_urls["article"])
        term = page.locator("button.glossary-term", has_text="allodynia")
        definition = page.locator(f"#{term.get_attribute('popovertarget')}")
        term.tap()
        assert definition.is_visible()
        box = definition.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        save_screenshot(page, "glossary-popover-375")
        definition.get_by_role("button", name="Close definition").tap()
        assert not definition.is_visible()
    finally:
        context.close()


def test_follow_a_drug_link_from_an_article(browser_page, site_urls):
    page = browser_page
    page.goto(site_urls["article"])
    table = page.locator("table", has_text="Generic name")
    assert "Neurontin" in table.inner_text()
    table.get_by_role("link", name="gabapentin").click()
    page.wait_for_url(site_urls["drug"])
    assert page.locator("h1").inner_text().lower() == "gabapentin"
    assert "Neurontin" in page.locator("main").inner_text()


def test_search_a_brand_name_and_land_on_the_generic(browser_page, site_urls):
    page = browser_page
    for query in ("Neurontin", "neurontin"):
        page.goto(site_urls["home"])
        # The home page's own search box (the header leaves its box out there).
        search = page.get_by_role("combobox", name="Search for a condition, symptom or medicine")
        search.focus()
        page.keyboard.type(query)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/search/?q=" in page.url
        first = page.locator("main li a").first
        assert first.inner_text().strip().lower() == "gabapentin", f"searching {query}"
        first.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(site_urls["drug"])
        assert page.locator("h1").inner_text().lower() == "gabapentin"


def test_take_the_quiz_and_read_the_explanations(browser_page, site_urls, axe_source):
    page = browser_page
    page.goto(site_urls["quiz"])
    questions = QUIZ_DATA["questions"]
    # Answer every question correctly but the first, using only the keyboard: Tab into each
    # group of choices, then arrow keys (or Space on the first choice) to pick one.
    for number, question in enumerate(questions):
        group = f"document.querySelectorAll('fieldset')[{number}]"
        tab_to(page, f"el.type === 'radio' && {group}.contains(el)")
        answer = question["correct"]
        if number == 0:
            answer = (answer + 1) % len(question["choices"])
        if answer == 0:
            page.keyboard.press("Space")
        for _ in range(answer):
            page.keyboard.press("ArrowDown")
        checked = page.evaluate("document.activeElement.labels[0].textContent.trim()")
        assert page.evaluate("document.activeElement.checked")
        assert checked == question["choices"][answer]
    tab_to(page, "el.type === 'submit'")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    response = navigation.value
    assert response.request.method == "GET", "results should come from a redirect (PRG)"
    assert response.request.redirected_from.method == "POST"

    text = " ".join(page.locator("main").inner_text().split())
    total = len(questions)
    assert re.search(rf"\b{total - 1}\b\D{{1,12}}\b{total}\b", text), "score not shown"
    for question in questions:
        assert " ".join(question["explanation"].split()) in text
    section = slugify("Symptoms of Neuropathic Pain")
    link = page.locator(f"main a[href$='#{section}']").first
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        violations = run_axe(page, axe_source)
        assert not violations, format_violations(violations)
        save_screenshot(page, f"quiz-result-{viewport['width']}")
    link.click()
    page.wait_for_url(f"**#{section}")
    assert page.locator(f"#{section}").is_visible()


def test_physician_search_with_a_bad_then_a_good_zip(browser_page, site_urls):
    page = browser_page
    page.goto(site_urls["physician-results"].split("?")[0])
    zip_field = page.get_by_label("ZIP code")
    zip_field.focus()
    page.keyboard.type("12ab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    focused = page.evaluate(
        "(() => { const el = document.activeElement;"
        " return el.classList.contains('error-summary') ? 'summary' : el.id; })()"
    )
    assert focused in ("summary", zip_field.get_attribute("id")), f"focus on {focused!r}"
    assert zip_field.get_attribute("aria-invalid") == "true"
    described_by = zip_field.get_attribute("aria-describedby").split()
    messages = [page.locator(f"#{i}").inner_text() for i in described_by]
    assert any("5-digit ZIP code" in message for message in messages)
    summary = page.locator(".error-summary")
    if summary.count():
        # The summary links each problem to its field.
        assert "5-digit ZIP code" in summary.inner_text()
        summary.get_by_role("link", name=re.compile("5-digit ZIP code")).click()
        assert zip_field.evaluate("el => el === document.activeElement")
    else:
        zip_field.focus()
    zip_field.fill("")
    page.keyboard.type("55905")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "zip_code=55905" in page.url
    assert page.locator(".error-summary").count() == 0
    results = page.locator("main").inner_text()
    assert "Dr. Sample Avery" in results
    assert "Sample" in results
