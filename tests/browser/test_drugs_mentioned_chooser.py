"""In Chromium, an editor lists the drugs an article mentions with the chooser: several drug
pages chosen at once (only drug pages offered), shown by title, reordered, saved in that order
as a draft. axe finds no WCAG 2.2 AA violation on the settings tab or the open chooser."""

import pytest

from django.contrib.auth.models import Group

from articles.models import ArticleIndexPage, ArticlePage
from drugs.models import DrugIndexPage
from tests.factories import ArticlePageFactory, DrugPageFactory

from .conftest import format_violations, run_axe
from .test_admin_review_flow import PASSWORD, footer_action, log_in


def assert_accessible(page, axe_source, screen):
    violations = run_axe(page, axe_source)
    assert not violations, f"{screen}:\n{format_violations(violations)}"


def chosen_titles(page):
    rows = page.locator("#id_drug_links-FORMS [data-inline-panel-child]:visible")
    return [
        " ".join(row.locator("[data-chooser-title]").inner_text().split()) for row in rows.all()
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_chooses_several_drugs_and_orders_them(
    live_server, browser_page, django_user_model, axe_source
):
    editor = django_user_model.objects.create_user("edna", "edna@example.com", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    for title in ("pregabalin", "capsaicin", "duloxetine"):
        DrugPageFactory(parent=DrugIndexPage.objects.get(), title=title).save_revision().publish()
    article = ArticlePageFactory(parent=ArticleIndexPage.objects.get(), title="Burning feet")
    article.save_revision().publish()

    page = browser_page
    log_in(page, live_server.url, "edna")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("tab", name="Settings").click()
    assert not page.locator("input[type=checkbox][name=drugs]").count()
    assert_accessible(page, axe_source, "article settings")

    page.get_by_role("button", name="Add drug").click()
    modal = page.locator(".modal")
    modal.get_by_title("Select capsaicin").wait_for()
    assert modal.get_by_title("Select Drugs A–Z").is_disabled()  # drug pages only
    assert_accessible(page, axe_source, "drug chooser")
    modal.get_by_title("Select capsaicin").check()
    modal.get_by_title("Select duloxetine").check()
    modal.get_by_role("button", name="Confirm selection").click()
    modal.wait_for(state="hidden")
    assert sorted(chosen_titles(page)) == ["capsaicin", "duloxetine"]

    first = chosen_titles(page)[0]
    rows = page.locator("#id_drug_links-FORMS [data-inline-panel-child]:visible")
    rows.nth(1).locator("[data-inline-panel-child-move-up]").click()
    expected = [title for title in ("capsaicin", "duloxetine") if title != first] + [first]
    assert chosen_titles(page) == expected
    assert_accessible(page, axe_source, "article settings with drugs chosen")

    footer_action(page, "Save draft")
    page.wait_for_load_state()
    page.locator(".messages").wait_for()
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [drug.title for drug in draft.mentioned_drugs()] == expected
