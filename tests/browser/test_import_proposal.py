"""In Chromium: an editor finds an import proposal in Reports → Import attention, compares it
side by side with their version and applies it. axe finds no WCAG 2.2 AA violation on the
report or the comparison."""

import shutil

import pytest

from django.contrib.auth.models import Group

from articles.models import ArticlePage
from importer.models import ImportProposal
from tests.importer.import_helpers import MERCK_SEED, MERCK_TITLE, SEED_DIR, run_import

from .conftest import format_violations, run_axe

PASSWORD = "correct-horse-battery-staple"
OLD = "Sometimes neuropathic pain is deep and aching."
NEW = "Sometimes the pain is deep and aching."


def assert_accessible(page, axe_source, screen):
    violations = run_axe(page, axe_source)
    assert not violations, f"{screen}:\n{format_violations(violations)}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_compares_and_applies_an_import_proposal(
    live_server, chromium, axe_source, django_user_model, tmp_path
):
    folder = tmp_path / "seeds"
    shutil.copytree(SEED_DIR, folder)
    run_import(folder)
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    ArticlePage.objects.filter(pk=page.pk).update(title="Neuropathic Pain (edited)")
    source = folder / MERCK_SEED
    source.write_text(source.read_text().replace(OLD, NEW), encoding="utf-8")
    run_import(folder)
    proposal = ImportProposal.objects.get(page=page, status="pending")
    editor = django_user_model.objects.create_user("edna", "edna@example.com", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))

    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    browser = context.new_page()
    try:
        base = live_server.url
        browser.goto(f"{base}/admin/login/")
        browser.fill("#id_username", "edna")
        browser.fill("#id_password", PASSWORD)
        browser.click("button[type=submit]")
        browser.wait_for_url(f"{base}/admin/")
        browser.goto(f"{base}/admin/reports/import-attention/")
        assert_accessible(browser, axe_source, "import attention report")
        browser.get_by_role("link", name="Compare and decide").first.click()
        browser.wait_for_url(f"**/proposals/{proposal.pk}/")
        table = " ".join(browser.locator("table.np-proposal").inner_text().split())
        assert OLD in table and NEW in table
        assert_accessible(browser, axe_source, "import proposal comparison")
        browser.get_by_role("button", name="Apply as a draft").click()
        browser.wait_for_url("**/reports/import-attention/")
        assert "saved as a draft" in browser.locator(".messages").inner_text()
        assert_accessible(browser, axe_source, "report after applying")
    finally:
        context.close()
    proposal.refresh_from_db()
    assert proposal.status == "applied"
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Neuropathic Pain (edited)"
    assert any(NEW in block.value.source for block in draft.body if block.block_type == "paragraph")
