"""Every public page type in a real browser: axe-core WCAG 2.x A/AA, structure and layout.

One test per width visits every page type: axe must find 0 violations, each page has one h1,
a skip link to <main>, the landmarks, headings that never skip a level, and no horizontal
scroll. Screenshots of each page at each width go to artifacts/screenshots/ for review.
"""

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    format_violations,
    run_axe,
    save_screenshot,
)

pytestmark = pytest.mark.browser

NARROWEST = {"width": 320, "height": 640}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

PAGE_STRUCTURE = """() => {
    const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
        .filter(h => h.getClientRects().length || h.closest("[popover]") === null)
        .map(h => Number(h.tagName[1]));
    const skips = [];
    headings.forEach((level, i) => {
        if (i > 0 && level > headings[i - 1] + 1) skips.push(`h${headings[i - 1]} -> h${level}`);
    });
    const skip = document.querySelector("a.skip-link");
    return {
        lang: document.documentElement.lang,
        title: document.title,
        h1: document.querySelectorAll("h1").length,
        firstHeading: headings[0],
        skips,
        skipLinkFirst: document.querySelector("body a, body button") === skip,
        skipTarget: skip && document.querySelector(skip.getAttribute("href"))?.tagName,
        banner: document.querySelectorAll("body > header, [role=banner]").length,
        main: document.querySelectorAll("main").length,
        contentinfo: document.querySelectorAll("body > footer, [role=contentinfo]").length,
        navs: [...document.querySelectorAll("nav")].map(n => n.getAttribute("aria-label")
            || document.getElementById(n.getAttribute("aria-labelledby"))?.textContent.trim()),
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        unlabelled: [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
            .filter(f => !f.labels || f.labels.length === 0).map(f => f.name),
        imagesWithoutAlt: [...document.querySelectorAll("img:not([alt])")].length,
    };
}"""


def console_error(page, message):
    """A console error, other than the page's own HTTP status (checked separately) or the
    missing favicon."""
    url = message.location.get("url", "")
    return message.type == "error" and url != page.url and not url.endswith("/favicon.ico")


# Pages that answer with an error status on purpose; every other page must answer 200.
EXPECTED_STATUS = {"not-found": {404}, "physician-errors": {200, 400}}


def check_structure(page, name):
    s = page.evaluate(PAGE_STRUCTURE)
    problems = []
    if s["lang"] != "en":
        problems.append(f"lang={s['lang']!r}")
    if s["h1"] != 1 or s["firstHeading"] != 1:
        problems.append(f"{s['h1']} h1 elements, first heading h{s['firstHeading']}")
    if s["skips"]:
        problems.append(f"heading levels skipped: {s['skips']}")
    if not s["skipLinkFirst"] or s["skipTarget"] != "MAIN":
        problems.append("skip link is not the first link or does not lead to <main>")
    if (s["banner"], s["main"], s["contentinfo"]) != (1, 1, 1):
        problems.append(
            f"landmarks banner/main/contentinfo = {s['banner']}/{s['main']}/{s['contentinfo']}"
        )
    if None in s["navs"] or len(set(s["navs"])) != len(s["navs"]):
        problems.append(f"navigation landmarks need unique labels: {s['navs']}")
    if s["overflow"] > 0:
        problems.append(f"scrolls sideways by {s['overflow']}px")
    if s["unlabelled"]:
        problems.append(f"fields without a label: {s['unlabelled']}")
    if s["imagesWithoutAlt"]:
        problems.append(f"{s['imagesWithoutAlt']} images without alt")
    return [f"{name}: {problem}" for problem in problems]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_page_type_passes_axe_and_structure_checks(chromium, site_urls, axe_source, viewport):
    context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    errors = []
    page.on(
        "console",
        lambda m: console_error(page, m) and errors.append(f"{m.location['url']}: {m.text}"),
    )
    violations, problems = {}, []
    try:
        for name, url in site_urls.items():
            response = page.goto(url)
            expected = EXPECTED_STATUS.get(name, {200})
            assert response.status in expected, f"{name}: HTTP {response.status}"
            found = run_axe(page, axe_source)
            if found:
                violations[name] = found
            problems += check_structure(page, name)
            save_screenshot(page, f"{name}-{viewport['width']}")
            if viewport == PHONE:
                # The narrowest phones: still no sideways scrolling.
                page.set_viewport_size(NARROWEST)
                overflow = page.evaluate(OVERFLOW)
                if overflow > 0:
                    problems.append(f"{name}: scrolls sideways by {overflow}px at 320px")
                page.set_viewport_size(PHONE)
    finally:
        context.close()
    report = "\n".join(
        f"{name} at {viewport['width']}px:\n{format_violations(found)}"
        for name, found in violations.items()
    )
    assert not violations, f"axe found WCAG violations:\n{report}"
    assert not problems, "\n".join(problems)
    assert not errors, errors


LINE_LENGTHS = """() => {
    // Characters on each rendered line of the article's paragraphs and list items.
    const longest = [];
    for (const block of document.querySelectorAll(".article__body p, .article__body li, .lead")) {
        const lines = new Map();
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
            acceptNode: n => n.parentElement.closest("[popover]") ? NodeFilter.FILTER_REJECT
                                                                   : NodeFilter.FILTER_ACCEPT,
        });
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                const top = Math.round(rect.top);
                lines.set(top, (lines.get(top) || 0) + 1);
            }
        }
        longest.push(Math.max(0, ...lines.values()));
    }
    return longest;
}"""


def test_article_is_comfortable_to_read(chromium, browser_page, site_urls):
    """18px text, lines of at most 75 characters, nothing jumps while loading, no forced motion."""
    page = browser_page
    page.goto(site_urls["article"])
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.article__body p')).fontSize)"
    )
    assert size >= 18
    lengths = page.evaluate(LINE_LENGTHS)
    assert lengths and max(lengths) <= 75, f"longest line {max(lengths)} characters"
    assert max(lengths) > 50, "lines are suspiciously short: is the text column collapsed?"

    shifts = {}
    for name in ("home", "article", "glossary"):
        page.goto(site_urls[name], wait_until="load")
        shifts[name] = page.evaluate(LAYOUT_SHIFT)
    assert all(value == 0 for value in shifts.values()), f"layout shift scores: {shifts}"

    scrolling = {}
    for preference in ("no-preference", "reduce"):
        context = chromium.new_context(reduced_motion=preference)
        other = context.new_page()
        other.goto(site_urls["article"])
        scrolling[preference] = other.evaluate(
            "getComputedStyle(document.documentElement).scrollBehavior"
        )
        context.close()
    assert scrolling == {"no-preference": "smooth", "reduce": "auto"}


LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


TARGETS = """() => [...document.querySelectorAll(
        "main button:not(.glossary-term), header a, header button, header input, nav a, "
        + "main input, main select, .letter-nav a, .pagination a, summary")]
    .filter(el => el.getClientRects().length && !el.closest("[popover]"))
    .map(el => {
        // A radio button's or checkbox's target includes its label.
        const boxes = [el, ...(["radio", "checkbox"].includes(el.type) ? el.labels : [])]
            .map(e => e.getBoundingClientRect());
        const w = Math.max(...boxes.map(b => b.right)) - Math.min(...boxes.map(b => b.left));
        const h = Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top));
        return {what: el.outerHTML.slice(0, 60), w, h};
    })
    .filter(t => t.h < 44 || t.w < 24)"""


def test_focus_is_visible_and_controls_are_big_enough_to_tap(chromium, browser_page, site_urls):
    page = browser_page
    page.goto(site_urls["article"])
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.textContent, s.transform]; })()"
    )
    assert skip == ["Skip to main content", "none"], "the skip link does not appear on focus"
    link = page.locator("main a").first
    before = link.evaluate(
        "a => [getComputedStyle(a).backgroundColor, getComputedStyle(a).boxShadow]"
    )
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    after = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.backgroundColor, s.boxShadow]; })()"
    )
    assert after != before
    assert after[0] == "rgb(255, 221, 0)", "focused link lacks the yellow focus highlight"
    assert after[1] != "none"

    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    phone = context.new_page()
    small = {}
    try:
        for name in ("home", "article", "drug-index", "glossary", "physician-errors", "quiz"):
            phone.goto(site_urls[name])
            found = phone.evaluate(TARGETS)
            if found:
                small[name] = found
    finally:
        context.close()
    assert not small, f"targets under 44px tall: {small}"


def test_article_prints_cleanly(browser_page, site_urls):
    page = browser_page
    page.goto(site_urls["article-with-references"])
    page.emulate_media(media="print")
    for chrome in (
        ".site-header",
        ".main-nav",
        ".site-footer",
        ".skip-link",
        ".breadcrumb",
        "form",
    ):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} prints"
    assert page.locator(".references li").first.is_visible()
    assert page.locator("h1").is_visible()
    external = page.evaluate(
        """() => [...document.querySelectorAll("main a[href^='http']")]
            .map(a => [a.href, getComputedStyle(a, "::after").content])"""
    )
    for href, after in external:
        assert href.rstrip("/") in after, f"printed link lacks its URL: {href}"
    internal = page.evaluate(
        "getComputedStyle(document.querySelector('main sup a'), '::after').content"
    )
    assert internal in ("none", "normal")
    save_screenshot(page, "article-print")
