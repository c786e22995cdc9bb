"""The header on a phone and on a desktop, on every page type, in a real browser.

At 375 × 740 px the header (logo, Menu button, search) is at most 120 px tall and the
navigation folds behind the Menu button; on both seed articles the title and the start of the
body are on that first screen. Articles and drug pages show their review status at both
widths. At 1280 px the header is as before. Every page shows
exactly one search box. axe runs with the menu open on a phone (the state the accessibility
test does not see) and as loaded on a desktop. One seeded site, one browser context, one test
for the tour, so the module costs one seeding.
"""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, format_violations, run_axe

pytestmark = pytest.mark.browser

PAGE_TYPES = (
    "home",
    "article-index",
    "article",
    "article-with-references",
    "drug-index",
    "drug",
    "glossary",
    "quiz-index",
    "quiz",
    "physician-search",
    "physician-results",
    "search",
    "search-results",
    "about",
    "sitemap",
    "not-found",
)
HEADER_LIMIT = 120
ARTICLES = ("article", "article-with-references")
# Pages that state their medical review status, in one of its three wordings.
REVIEWED = (*ARTICLES, "drug")
REVIEW_WORDING = (
    "Medically reviewed by",
    "This page has not yet been medically reviewed.",
    "This page is due for review",
)

LAYOUT = """() => {
    const shown = el => !!el && el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== "hidden";
    const header = document.querySelector(".site-header");
    const menu = document.querySelector(".site-header__menu");
    const nav = document.getElementById("main-nav");
    const h1 = document.querySelector("h1");
    return {
        header: header.getBoundingClientRect().height,
        searchBoxes: [...document.querySelectorAll("input[type=search], [role=searchbox]")]
            .filter(shown).map(el => el.id),
        menuShown: shown(menu),
        expanded: menu.getAttribute("aria-expanded"),
        controls: menu.getAttribute("aria-controls"),
        navShown: shown(nav) && [...nav.querySelectorAll("a")].every(shown),
        h1Top: h1.getBoundingClientRect().top + window.scrollY,
        reviewStatus: [...document.querySelectorAll(".review-status")].filter(shown)
            .map(el => el.innerText.trim()),
    };
}"""


def layout(page):
    return page.evaluate(LAYOUT)


FIRST_SCREEN = """() => {
    const top = el => el.getBoundingClientRect().top + window.scrollY;
    const h1 = document.querySelector("h1");
    const paragraph = document.querySelector(".article__body p");
    const details = document.querySelector(".article__details");
    const summaryText = document.createRange();
    summaryText.selectNodeContents(details.querySelector("summary"));
    return {
        h1Bottom: h1.getBoundingClientRect().bottom + window.scrollY,
        paragraphTop: top(paragraph),
        lineHeight: parseFloat(getComputedStyle(paragraph).lineHeight),
        detailsOpen: details.open,
        // Lines the summary's words take (its box is taller: a 44 px target).
        summaryLines: (() => {
            const rects = [...summaryText.getClientRects()].filter(r => r.width > 1);
            const tall = Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top));
            return Math.round(tall / parseFloat(getComputedStyle(details).lineHeight));
        })(),
        contentsOpen: document.querySelector(".toc__fold")?.open ?? false,
    };
}"""


def first_screen_problems(page, name, height=PHONE["height"]):
    """On an article, the title and the first line of the body's first paragraph are on the
    first screen: the metadata is folded to one line with its details below, and so is the
    list of contents."""
    found = page.evaluate(FIRST_SCREEN)
    problems = []
    if found["h1Bottom"] > height:
        problems.append(f"{name}: the title ends {found['h1Bottom']}px down")
    if found["paragraphTop"] + found["lineHeight"] > height:
        problems.append(f"{name}: the body's first paragraph starts {found['paragraphTop']}px down")
    if found["detailsOpen"] or found["summaryLines"] > 1 or found["contentsOpen"]:
        problems.append(f"{name}: the metadata or contents are not folded to one line: {found}")
    return problems


def check_phone_menu(page, name):
    """The Menu button opens and closes the navigation (click, and Escape from a link)."""
    problems = []
    menu = page.locator(".site-header__menu")
    menu.click()
    opened = layout(page)
    if (opened["expanded"], opened["navShown"]) != ("true", True):
        problems.append(f"{name}: Menu did not open the navigation: {opened}")
    page.locator("#main-nav a").last.focus()
    page.keyboard.press("Escape")
    closed = layout(page)
    if (closed["expanded"], closed["navShown"]) != ("false", False):
        problems.append(f"{name}: Escape did not close the navigation: {closed}")
    if page.evaluate("document.activeElement.className") != "site-header__menu":
        problems.append(f"{name}: Escape did not return focus to the Menu button")
    menu.click()  # open again: axe checks the page with the navigation showing
    return problems


def test_header_fits_a_phone_and_every_page_has_one_search_box(chromium, site_urls, axe_source):
    context = chromium.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    problems, violations, desktop_heights = [], {}, set()
    try:
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            width = viewport["width"]
            for name in PAGE_TYPES:
                page.goto(site_urls[name])
                found = layout(page)
                if len(found["searchBoxes"]) != 1:
                    problems.append(f"{name} at {width}px: search boxes {found['searchBoxes']}")
                if name in REVIEWED and not (
                    len(found["reviewStatus"]) == 1
                    and found["reviewStatus"][0].startswith(REVIEW_WORDING)
                ):
                    problems.append(f"{name} at {width}px: review status {found['reviewStatus']}")
                if found["controls"] != "main-nav":
                    problems.append(f"{name}: the Menu button controls {found['controls']}")
                if viewport == PHONE:
                    if found["header"] > HEADER_LIMIT:
                        problems.append(f"{name}: header {found['header']}px tall at 375px")
                    if not found["menuShown"] or found["navShown"]:
                        problems.append(f"{name}: at 375px the navigation is not folded")
                    if found["h1Top"] > 260:
                        problems.append(f"{name}: the h1 starts {found['h1Top']}px down")
                    if name in ARTICLES:
                        problems += first_screen_problems(page, name)
                    problems += check_phone_menu(page, name)
                else:
                    desktop_heights.add(round(found["header"]))
                    if found["menuShown"] or not found["navShown"]:
                        problems.append(f"{name}: at 1280px the Menu shows or the nav hides")
                axe = run_axe(page, axe_source)
                if axe:
                    violations[f"{name} at {width}px"] = axe
        check_popover_and_breadcrumb(page, site_urls["article"])
    finally:
        context.close()
    check_without_javascript(chromium, site_urls["article"])
    report = "\n".join(f"{where}:\n{format_violations(v)}" for where, v in violations.items())
    assert not violations, f"axe found WCAG violations:\n{report}"
    assert not problems, "\n".join(problems)
    assert max(desktop_heights) - min(desktop_heights) <= 1, (
        f"the desktop header changes height between pages: {desktop_heights}"
    )


POPOVER_AND_WORD = """(button) => {
    const popover = document.getElementById(button.getAttribute("popovertarget"));
    const word = button.getBoundingClientRect();
    const box = popover.getBoundingClientRect();
    return {
        open: popover.matches(":popover-open"),
        overlaps: word.bottom > box.top && word.top < box.bottom
            && word.right > box.left && word.left < box.right,
        word: [word.top, word.bottom], box: [box.top, box.bottom],
    };
}"""

SEPARATORS = """() => [...document.querySelectorAll(".breadcrumb li + li")].map(li => {
    // The separator is the li's ::before, on the li's first line box; its link must start
    // on that same line.
    const line = li.getClientRects()[0];
    const link = li.querySelector("a").getClientRects()[0];
    return Math.abs(line.bottom - link.bottom) < 12 || (link.top < line.bottom
        && line.top < link.bottom);
})"""


def settled(term):
    """The definition's place is chosen in the popover's toggle event, which the browser fires
    just after it opens: wait (at most a second) for it to have left the word uncovered."""
    term.evaluate(
        f"""b => new Promise(resolve => {{
            const started = performance.now();
            const tick = () => {{
                const r = ({POPOVER_AND_WORD})(b);
                if ((r.open && !r.overlaps) || performance.now() - started > 1000) resolve();
                else requestAnimationFrame(tick);
            }};
            tick();
        }})"""
    )


def check_without_javascript(chromium, url):
    """Without JavaScript there is no Menu button and nothing is folded away."""
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url)
        found = layout(page)
        assert not found["menuShown"] and found["navShown"], found
        assert found["searchBoxes"] == ["header-search"]
    finally:
        context.close()


def check_popover_and_breadcrumb(page, url):
    page.set_viewport_size(PHONE)
    page.goto(url)
    # A glossary word at the very bottom of the screen: its definition opens at the top.
    # (The first marked word far enough down the page to be scrolled to the bottom.)
    index = page.evaluate(
        "[...document.querySelectorAll('button.glossary-term')]"
        ".findIndex(b => b.getBoundingClientRect().top + window.scrollY > window.innerHeight)"
    )
    assert index >= 0, "no glossary word below the first screen"
    term = page.locator("button.glossary-term").nth(index)
    term.evaluate(
        "b => window.scrollBy(0, b.getBoundingClientRect().bottom - window.innerHeight + 8)"
    )
    term.click()
    settled(term)
    low = term.evaluate(POPOVER_AND_WORD)
    assert low["open"] and not low["overlaps"], low
    page.keyboard.press("Escape")
    # The same word at the top of the screen: its definition stays at the bottom.
    term.evaluate("b => window.scrollBy(0, b.getBoundingClientRect().top - 8)")
    term.click()
    settled(term)
    high = term.evaluate(POPOVER_AND_WORD)
    assert high["open"] and not high["overlaps"], high
    assert high["box"][0] > low["box"][0]
    page.keyboard.press("Escape")

    # On a phone the breadcrumb leaves out the current page (the h1 says it).
    crumbs = page.locator(".breadcrumb a")
    assert crumbs.last.get_attribute("aria-current") == "page"
    assert not crumbs.last.is_visible() and crumbs.first.is_visible()
    # Squeezed until it wraps, no "›" is left at the end of a line without its link.
    page.set_viewport_size(DESKTOP)
    page.evaluate("document.querySelector('.breadcrumb ol').style.width = '5rem'")
    lines = page.evaluate(
        "new Set([...document.querySelectorAll('.breadcrumb a')]"
        ".map(a => Math.round(a.getBoundingClientRect().top))).size"
    )
    assert lines >= 3, "the breadcrumb did not wrap"
    assert all(page.evaluate(SEPARATORS)), page.evaluate(
        "[...document.querySelectorAll('.breadcrumb li')].map(li => [li.textContent.trim(),"
        " [...li.getClientRects()].map(r => [r.top, r.bottom, r.left, r.right]),"
        " [...li.querySelector('a').getClientRects()].map(r => [r.top, r.bottom, r.left])])"
    )
