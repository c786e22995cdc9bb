"""Find a physician in a real browser at 375 and 1280 px: the form and results readable with
nothing clipped (every option of every select fits its box), tap-to-call, axe 0 violations."""

import pytest

from tests.browser.conftest import AXE_PATH, DESKTOP, PHONE, format_violations, run_axe
from tests.physicians.test_distances import real_caller

pytestmark = pytest.mark.browser

CLIPPED = """() => {
    const canvas = document.createElement("canvas").getContext("2d");
    const problems = [];
    for (const el of document.querySelectorAll(".physician-form select, .physician-form input")) {
        const box = el.getBoundingClientRect();
        if (box.right > document.documentElement.clientWidth) problems.push(`${el.name} overflows`);
        if (el.tagName !== "SELECT") continue;
        const style = getComputedStyle(el);
        canvas.font = style.font;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        for (const option of el.options) {
            const width = canvas.measureText(option.text).width;
            if (width > room) problems.push(`${el.name}: "${option.text}" ${width} > ${room}`);
        }
    }
    return problems;
}"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def search_url(seeded_live_server, transactional_db):
    real_caller()
    return f"{seeded_live_server.url}/find-a-physician/"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize(
    "query", ["?zip_code=55905", "?zip_code=59601", "?zip_code=00000&radius=7"]
)
def test_search_results_readable_and_accessible(browser_page, search_url, viewport, query):
    page = browser_page
    page.set_viewport_size(viewport)
    page.goto(search_url + query)
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate(OVERFLOW) <= 0
    violations = run_axe(page, AXE_PATH)
    assert violations == [], format_violations(violations)
    if query == "?zip_code=55905":
        assert page.get_by_text("Less than 1 mile away").first.is_visible()
        results = page.locator(".physician-list").inner_text()
        call = page.locator('.physician-list a[href="tel:+15072842511"]')
        assert call.count() == 1, results
        assert call.inner_text().startswith("(507) 284-2511"), results
        box = call.bounding_box()
        assert box["height"] >= 24 and box["x"] + box["width"] <= viewport["width"]
        assert page.get_by_role("heading", name="Which doctor treats nerve pain?").is_visible()


def test_choosing_a_wider_radius_from_the_form(browser_page, search_url):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(search_url)
    page.get_by_label("ZIP code").fill("55901")
    page.get_by_label("Distance").select_option("100")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Search").click()
    assert (
        "within 100 miles of 55901" in page.get_by_role("main").get_by_role("status").inner_text()
    )
