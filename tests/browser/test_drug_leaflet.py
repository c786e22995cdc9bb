"""A drug page with patient leaflet sections and an imported FDA label, in Chromium at phone and
desktop widths: axe finds nothing, the structure holds, the contents list and the label's
sections work, and wide label tables scroll inside their own box, not the page."""

import io

import pytest

from django.core.management import call_command

from drugs.models import DrugPage
from tests.browser.conftest import DESKTOP, PHONE, format_violations, run_axe, save_screenshot
from tests.browser.test_accessibility import check_structure
from tests.importer import label_files

pytestmark = pytest.mark.browser

SOURCE = (
    "source",
    {"title": "Placeholder source", "url": "https://example.org/", "accessed": None},
)
LEAFLET = [
    (
        "key_facts",
        {"facts": "<ul><li>Placeholder fact one.</li><li>Placeholder fact two.</li></ul>"},
    ),
    ("how_to_take", {"how": "<p>Placeholder how.</p>", "missed_dose": "<p>Placeholder.</p>"}),
    (
        "side_effects",
        {
            "common": "<ul><li>Placeholder common effect.</li></ul>",
            "serious": "<p>Placeholder serious effect.</p>",
            "emergency": "<p>Placeholder emergency.</p>",
        },
    ),
    ("questions", {"questions": [{"question": "Placeholder question?", "answer": "<p>A.</p>"}]}),
]
WIDE_TABLE = (
    "<table><thead><tr>"
    + "".join(f"<th>Column-heading-number-{n}</th>" for n in range(12))
    + "</tr></thead><tbody><tr>"
    + "".join(f"<td>Value {n}</td>" for n in range(12))
    + "</tr></tbody></table>"
)


@pytest.fixture
def drug_url(seeded_live_server, tmp_path):
    page = DrugPage.objects.get(title="gabapentin")
    page.leaflet = LEAFLET
    page.leaflet_sources = [SOURCE]
    page.save_revision().publish()
    page.mark_loaded(page.get_latest_revision())  # as if loaded: the label goes live
    newest = dict(label_files.NEWEST_GABAPENTIN, dosage_and_administration_table=[WIDE_TABLE])
    path = label_files.write_labels(tmp_path / "labels.json", [newest])
    call_command("import_drug_labels", str(path), stdout=io.StringIO())
    return seeded_live_server.url + page.url


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_drug_page_with_leaflet_and_label(chromium, drug_url, axe_source, viewport):
    context = chromium.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    try:
        assert page.goto(drug_url).status == 200
        assert page.locator(".leaflet-section").count() == 4
        assert page.locator("#fda-label").is_visible()
        # The label's sections open and close without JavaScript of ours (<details>).
        for summary in page.locator(".fda-label__section summary").all():
            summary.click()
        assert page.get_by_text("2.1 Placeholder Dosing Text").is_visible()
        violations = run_axe(page, axe_source)
        problems = check_structure(page, "drug page")
        save_screenshot(page, f"drug-leaflet-{viewport['width']}")
        # A wide table scrolls in its own focusable region, never the page.
        region = page.locator(".fda-label .table-scroll", has_text="Column-heading-number-0")
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        assert region.get_attribute("tabindex") == "0"
        page.locator('.toc a[href="#side-effects"]').click()
        assert page.evaluate("location.hash") == "#side-effects"
        assert page.locator("#side-effects").is_visible()
    finally:
        context.close()
    assert not violations, format_violations(violations)
    assert not problems, problems


def test_drug_page_editor_with_leaflet_and_label_passes_axe(
    chromium, drug_url, axe_source, seeded_live_server, django_user_model
):
    django_user_model.objects.create_superuser("leaflet-admin", "a@example.com", "pw-leaflet-1")
    drug = DrugPage.objects.get(title="gabapentin")
    context = chromium.new_context(viewport=DESKTOP)
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        base = seeded_live_server.url
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", "leaflet-admin")
        page.fill("#id_password", "pw-leaflet-1")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/admin/")
        page.goto(f"{base}/admin/pages/{drug.pk}/edit/")
        assert page.get_by_text("set id aaaa-0003").is_visible()
        assert page.get_by_text("Leaflet sources").first.is_visible()
        violations = run_axe(page, axe_source)
    finally:
        context.close()
    assert not violations, format_violations(violations)
