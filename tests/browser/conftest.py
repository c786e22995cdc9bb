"""Browser-test contract: `chromium`, `browser_page` and `seeded_live_server`.

Playwright drives Debian's Chromium (never a downloaded browser) against pytest-django's
`live_server`. Without Chromium or axe-core the tests skip locally but FAIL when `CI` is set.
"""

import json
import os
from pathlib import Path

import pytest

from django.conf import settings

from articles.models import ArticlePage
from drugs.models import DrugPage
from glossary.markup import invalidate as invalidate_glossary
from quizzes.models import QuizPage
from tests.browser.site_content import MERCK_TITLE, QUIZ_SLUG, SPINE_TITLE, seed_site
from tests.browser_support import collect_console_errors
from tests.browser_support import missing as _missing
from trust.models import InfoPage, SitemapPage

# The live server runs in a thread of this process; Playwright's sync API runs an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def browser_page(chromium):
    """A fresh context and page at desktop size; console errors are collected on the page."""
    context = chromium.new_context(viewport=DESKTOP, reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    collect_console_errors(page)
    yield page
    context.close()


@pytest.fixture
def seeded_live_server(live_server, django_db_serialized_rollback):
    """The live server with the seed content imported, as `make run` serves it.

    Serialized rollback restores the migration-created site tree after each browser test
    flushes the database, so later tests still find the home page and its sections.
    """
    invalidate_glossary()
    seed_site()
    return live_server


@pytest.fixture
def site_urls(seeded_live_server):
    """Absolute URLs of one page of every public page type, from the seeded content."""
    base = seeded_live_server.url
    articles = ArticlePage.objects.live()
    merck = articles.filter(title__iexact=MERCK_TITLE).first() or articles.first()
    spine = (
        articles.filter(title__iexact=SPINE_TITLE).first()
        or articles.filter(references__isnull=False).distinct().first()
        or articles.last()
    )
    quiz = QuizPage.objects.live().filter(slug=QUIZ_SLUG).first()
    return {
        "home": f"{base}/",
        "article-index": f"{base}/articles/",
        "article": base + merck.url,
        "article-with-references": base + spine.url,
        "drug-index": f"{base}/drugs/",
        "drug": base + DrugPage.objects.get(title="gabapentin").url,
        "physician-search": f"{base}/find-a-physician/",
        "physician-results": f"{base}/find-a-physician/?zip_code=55905",
        "physician-errors": f"{base}/find-a-physician/?zip_code=abc",
        "quiz-index": f"{base}/quizzes/",
        "quiz": base + quiz.url,
        "glossary": f"{base}/glossary/",
        "search": f"{base}/search/",
        "search-results": f"{base}/search/?q=nerve+pain",
        "search-no-results": f"{base}/search/?q=qwxzvbn",
        "about": base + InfoPage.objects.live().first().url,
        "sitemap": base + SitemapPage.objects.get().url,
        "not-found": f"{base}/no-such-page/",
    }


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_PATH.is_file():
        _missing("axe-core (node_modules/axe-core/axe.min.js)")
    return AXE_PATH


def run_axe(page, axe_path):
    """axe-core's WCAG 2.x A/AA rules on the current page; returns the violations.

    Checked once the page is still: colours measured mid-transition (the admin's messages
    fade in) are not the colours a reader sees."""
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.playState === "running" && a.effect
                    && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null))),
            new Promise(resolve => setTimeout(resolve, 5000)),
        ])"""
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools rather than a <script> tag: the site's CSP (no inline
        # scripts) rightly blocks an injected tag, and the page's CSP stays under test.
        page.evaluate(axe_path.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    at {node['target']}: {summary}")
    return "\n".join(lines) or json.dumps(violations)


def save_screenshot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
