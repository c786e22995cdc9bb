"""Condition pages a patient can trust, in Chromium at 375 and 1280 px: on both seed articles
no dangling lead-in, empty section or media placeholder, care cards present (once approved),
review status on every article and drug page, the pages about the site axe-clean, and the
editor's warning shown at its block in the page editor."""

import pytest

from django.contrib.auth.models import Group

from articles.models import ArticlePage
from core.models import Person
from drugs.models import DrugPage
from tests.browser.conftest import DESKTOP, PHONE, format_violations, run_axe
from tests.browser.site_content import MERCK_TITLE, SPINE_TITLE
from tests.browser.test_phone_layout import first_screen_problems
from trust.models import InfoPage, SitemapPage

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"
BROKEN = [
    "Neuropathic pain may result from",
    "Pain relievers used to treat neuropathic pain include the following:",
    "Physical and occupational therapy",
    "This video is not available on NeuroPain yet",
]


@pytest.fixture
def reviewed_seeds(seeded_live_server, django_user_model):
    """The seed site with the care cards' review approved, as a reviewer would."""
    user = django_user_model.objects.create_user("rex", "rex@example.com", PASSWORD)
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    Person.objects.create(
        name="Dr Rex Reviewer", credentials="MD", role=Person.Role.MEDICAL_REVIEWER, user=user
    )
    for page in ArticlePage.objects.filter(title__in=[MERCK_TITLE, SPINE_TITLE]):
        task_state = page.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
    return seeded_live_server


def articles():
    return {page.title: page.url for page in ArticlePage.objects.live()}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_seed_articles_read_correctly_with_care_cards_and_review_status(
    chromium, reviewed_seeds, axe_source, viewport
):
    context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    try:
        for title in (MERCK_TITLE, SPINE_TITLE):
            page.goto(reviewed_seeds.url + articles()[title])
            main = page.locator("main").inner_text()
            for words in BROKEN:
                assert words not in main, (title, words)
            contents = page.get_by_role("navigation", name="On this page").inner_text()
            assert "Physical and occupational therapy" not in contents
            cards = page.locator(".care-card")
            assert cards.count() == 3, title
            assert "Emergency: call 911" in cards.nth(2).inner_text()
            assert cards.nth(0).locator(".care-card__source a").count() == 1
            status = page.locator(".article__header .review-status").inner_text()
            assert status.startswith("Medically reviewed by Dr Rex Reviewer, MD on"), status
            # The title and the start of the body fit on the first phone screen.
            if viewport == PHONE:
                # Under the title and its summary, only one line of review status, one of
                # folded details and the folded contents before the body starts (the header
                # above the title is the phone layout's).
                lead = page.locator(".article__header .lead").bounding_box()
                body = page.locator(".article__body > *").first.bounding_box()
                between = body["y"] - (lead["y"] + lead["height"])
                assert between < 270, between
                # With the care cards live and a named reviewer (the longest review line).
                problems = first_screen_problems(page, title)
                assert not problems, problems
            violations = run_axe(page, axe_source)
            assert not violations, f"{title}:\n{format_violations(violations)}"
    finally:
        context.close()


def test_every_article_and_drug_page_states_its_review_status(browser_page, seeded_live_server):
    urls = list(articles().values()) + [drug.url for drug in DrugPage.objects.live()]
    assert len(urls) > 30
    wording = (
        "Medically reviewed by",
        "This page has not yet been medically reviewed.",
        "This page is due for review",
    )
    for url in urls:
        response = browser_page.request.get(seeded_live_server.url + url)
        assert response.status == 200, url
        assert 'class="review-status"' in response.text(), url
        assert any(words in response.text() for words in wording), url


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_pages_about_the_site_pass_axe_and_are_in_the_footer(
    chromium, seeded_live_server, axe_source, viewport
):
    context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    try:
        pages = [*InfoPage.objects.live(), SitemapPage.objects.get()]
        assert len(pages) == 6
        for info in pages:
            page.goto(seeded_live_server.url + "/")
            page.get_by_role("navigation", name="Footer").get_by_role(
                "link", name=info.title, exact=True
            ).click()
            page.wait_for_url(seeded_live_server.url + info.url)
            assert page.locator("h1").inner_text() == info.title
            violations = run_axe(page, axe_source)
            assert not violations, f"{info.title}:\n{format_violations(violations)}"
    finally:
        context.close()


def test_editor_sees_the_warning_at_the_held_back_block(
    chromium, seeded_live_server, axe_source, django_user_model
):
    django_user_model.objects.create_superuser("ada", "ada@example.com", PASSWORD)
    context = chromium.new_context(viewport=DESKTOP)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(f"{seeded_live_server.url}/admin/login/")
        page.fill("#id_username", "ada")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{seeded_live_server.url}/admin/")
        merck = ArticlePage.objects.get(title=MERCK_TITLE)
        page.goto(f"{seeded_live_server.url}/admin/pages/{merck.pk}/edit/")
        warning = page.locator("[data-streamfield-child] .np-block-warning").first
        warning.wait_for()
        assert "introduces a list" in warning.inner_text() or "heading" in warning.inner_text()
        # The warning sits inside the very block that holds the source text.
        block_text = warning.locator("xpath=ancestor::*[@data-streamfield-child][1]").inner_html()
        assert "np-block-warning" in block_text
        violations = run_axe(page, axe_source)
        assert not violations, format_violations(violations)
    finally:
        context.close()
