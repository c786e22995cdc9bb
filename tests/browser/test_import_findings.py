"""In Chromium, an import finding about one paragraph appears inside that paragraph's block in
the body editor, and the guessed title is listed above the body as about the whole page; axe
finds no WCAG 2.2 AA violation."""

import pytest

from articles.models import ArticleIndexPage
from tests.factories import ArticlePageFactory

from .conftest import format_violations, run_axe
from .test_admin_review_flow import PASSWORD, log_in

PLACED = "Some nerve pain medicines were first made to treat epilepsy or depression."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_finding_is_shown_inside_its_block(
    live_server, browser_page, django_user_model, axe_source
):
    django_user_model.objects.create_superuser("edna", "edna@example.com", PASSWORD)
    article = ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(),
        body=[("paragraph", "<p>Sleep helps.</p>"), ("paragraph", f"<p>{PLACED}</p>")],
        attention=[
            {
                "kind": "unmatched_line",
                "message": "indented text kept as a paragraph",
                "excerpt": PLACED,
            },
            {
                "kind": "derived_title",
                "message": "title guessed from the text; check it",
                "excerpt": "Nerve pain",
            },
        ],
    )
    block_id = article.body.raw_data[1]["id"]
    page = browser_page
    log_in(page, live_server.url, "edna")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    block = page.locator(f'[data-streamfield-child][data-contentpath="{block_id}"]')
    warning = block.locator(".np-block-warning")
    warning.wait_for()
    assert "Import finding: Indented text kept as a paragraph" in warning.inner_text()
    other = page.locator("[data-streamfield-child]").first
    assert other.locator(".np-block-warning").count() == 0
    top = page.locator(".np-page-findings")
    assert "Title guessed from the text" in top.inner_text()
    violations = run_axe(page, axe_source)
    assert not violations, format_violations(violations)
