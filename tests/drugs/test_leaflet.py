"""The patient leaflet on a drug page: optional sections in a fixed order, a contents list,
sources required, and the markers in Drugs A–Z. The words are test placeholders, not advice."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from drugs.models import DrugPage
from tests.factories import DrugPageFactory
from tests.helpers import elements

SOURCE = ("source", {"title": "Example source", "url": "https://example.org/", "accessed": None})


def leaflet_drug(parent, leaflet, sources=(SOURCE,), title="gabapentin"):
    page = DrugPageFactory(parent=parent, title=title)
    page.leaflet = list(leaflet)
    page.leaflet_sources = list(sources)
    page.save_revision().publish()
    return DrugPage.objects.get(pk=page.pk)


FULL = [
    (
        "questions",
        {"questions": [{"question": "Test question one?", "answer": "<p>Answer A.</p>"}]},
    ),
    ("key_facts", {"facts": "<ul><li>Test fact one.</li></ul>"}),
    (
        "side_effects",
        {
            "common": "<p>Common test effect.</p>",
            "serious": "<p>Serious test effect.</p>",
            "emergency": "<p>Emergency test effect.</p>",
        },
    ),
    ("how_to_take", {"how": "<p>Test how.</p>", "missed_dose": "<p>Test missed.</p>"}),
    ("pregnancy", {"pregnancy": "", "breastfeeding": ""}),  # empty: never shown
]


def test_sections_show_in_the_reading_order_with_a_contents_list(client, drug_index):
    page = leaflet_drug(drug_index, FULL)
    html = client.get(page.url).text
    order = [
        'id="key-facts-title">Key facts<',
        'id="how-to-take-title">How and when to take gabapentin<',
        'id="side-effects-title">Side effects<',
        'id="questions-title">Common questions<',
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    toc = html.split('<nav class="toc"')[1].split("</nav>")[0]
    for anchor in ["key-facts", "how-to-take", "side-effects", "questions"]:
        assert f'href="#{anchor}"' in toc
        assert elements(html, "section", id=anchor)
    assert "Pregnancy and breastfeeding" not in html
    assert 'href="#pregnancy"' not in toc
    # Sub-parts with text get their heading; empty ones (too much, stopping) do not.
    assert "<h3>If you forget to take it</h3>" in html
    assert "If you take too much" not in html


def test_side_effects_have_three_levels(client, drug_index):
    html = client.get(leaflet_drug(drug_index, FULL).url).text
    assert "<h3>Common side effects</h3>" in html
    urgent = html.split("leaflet-level--urgent")[1]
    assert "Serious side effects: call a doctor now" in urgent.split("</div>")[0]
    emergency = html.split("leaflet-level--emergency")[1]
    assert "Emergency: call 911" in emergency.split("</div>")[0]
    assert "Emergency test effect." in emergency


def test_the_leaflet_names_its_sources(client, drug_index):
    source = (
        "source",
        {"title": "A cited page", "url": "https://example.org/a", "accessed": "2026-11-02"},
    )
    html = client.get(leaflet_drug(drug_index, FULL, sources=[source]).url).text
    sources = html.split('id="leaflet-sources-title"')[1].split("</section>")[0]
    assert '<a href="https://example.org/a">A cited page</a>' in sources
    assert 'consulted <time datetime="2026-11-02">2 November 2026</time>' in sources


def test_one_section_needs_no_contents_list(client, drug_index):
    page = leaflet_drug(drug_index, [("alcohol_food", {"text": "<p>Test alcohol text.</p>"})])
    html = client.get(page.url).text
    assert "Alcohol and food</h2>" in html and "Test alcohol text." in html
    assert 'class="toc"' not in html


def test_a_drug_without_a_leaflet_shows_no_empty_sections(client, drug_index):
    page = leaflet_drug(drug_index, [("key_facts", {"facts": "<p> </p>"})], sources=())
    html = client.get(page.url).text
    assert "leaflet-section" not in html and "Sources for this information" not in html
    assert not page.has_leaflet


def test_a_leaflet_with_text_needs_a_source(drug_index):
    page = DrugPageFactory(parent=drug_index, title="pregabalin")
    page.leaflet = [("key_facts", {"facts": "<p>Test fact.</p>"})]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "leaflet_sources" in error.value.message_dict
    page.leaflet_sources = [SOURCE]
    page.full_clean()


def test_each_section_at_most_once(drug_index):
    page = DrugPageFactory(parent=drug_index, title="pregabalin")
    page.leaflet = [("key_facts", {"facts": "<p>A.</p>"}), ("key_facts", {"facts": "<p>B.</p>"})]
    stream_block = DrugPage._meta.get_field("leaflet").stream_block
    with pytest.raises(ValidationError):  # as the page editor's form checks it
        stream_block.clean(page.leaflet)
    stream_block.clean(page.leaflet[:1])


def test_rxnorm_code_is_digits(drug_index):
    page = DrugPageFactory(parent=drug_index, title="pregabalin")
    page.rxcui = "18 7832x"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "rxcui" in error.value.message_dict
    page.rxcui = "187832"
    page.full_clean()


def test_a_draft_leaflet_is_not_public_until_published(client, drug_index):
    page = DrugPageFactory(parent=drug_index, title="duloxetine")
    page.leaflet = [("key_facts", {"facts": "<p>Draft fact.</p>"})]
    page.leaflet_sources = [SOURCE]
    page.save_revision()  # an editor's draft, awaiting medical review
    assert "Draft fact." not in client.get(page.url).text
    assert not DrugPage.objects.get(pk=page.pk).has_leaflet


def test_a_to_z_marks_leaflets_and_labels(client, drug_index):
    from drugs.labels import DrugLabel

    leaflet_drug(drug_index, FULL, title="gabapentin")
    labelled = DrugPageFactory(parent=drug_index, title="lidocaine")
    labelled.fda_labels = [
        DrugLabel(set_id="abc", effective_date=datetime.date(2024, 1, 2), sections=[])
    ]
    labelled.save_revision().publish()
    DrugPageFactory(parent=drug_index, title="tramadol")
    html = client.get(drug_index.url).text
    items = {
        name: html.split(f">{name}</a>")[1].split("</li>")[0]
        for name in ["Gabapentin", "Lidocaine", "Tramadol"]
    }
    assert "Patient leaflet" in items["Gabapentin"]
    assert "FDA prescribing label only" in items["Lidocaine"]
    assert "drug-marker" not in items["Tramadol"]


def test_the_fda_label_comes_below_the_patient_leaflet(client, drug_index):
    from drugs.labels import DrugLabel

    page = leaflet_drug(drug_index, FULL)
    page.fda_labels = [
        DrugLabel(set_id="abc", effective_date=datetime.date(2024, 1, 2), sections=[])
    ]
    page.save_revision().publish()
    html = client.get(page.url).text
    last_leaflet_part = max(
        html.index('id="questions-title"'), html.index("Example source")
    )  # the last section and the leaflet's sources
    assert html.index('id="fda-label"') > last_leaflet_part
    label = html.split('id="fda-label"')[1]
    assert "Official prescribing information (FDA label)" in label
    assert "For health professionals" in label
    assert "The patient information above is written for readers." in label


def test_leaflet_is_editable_in_the_admin(editor_client, drug_index):
    page = leaflet_drug(drug_index, FULL)
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "Patient leaflet" in response.text and "Leaflet sources" in response.text
    assert "No FDA label yet." in response.text


def test_an_editors_save_keeps_the_label_and_adds_the_leaflet(editor_client, drug_index):
    from drugs.labels import DrugLabel
    from tests.editors.forms import drug_edit_form

    page = DrugPageFactory(parent=drug_index, title="duloxetine")
    page.fda_labels = [
        DrugLabel(set_id="abc", effective_date=datetime.date(2024, 1, 2), sections=[])
    ]
    page.save_revision().publish()
    edit = editor_client.get(f"/admin/pages/{page.pk}/edit/").text
    assert "label date 2 January 2024, set id abc" in edit
    data = drug_edit_form(page)
    data.update(
        {
            "leaflet-count": "1",
            "leaflet-0-type": "alcohol_food",
            "leaflet-0-deleted": "",
            "leaflet-0-order": "0",
            "leaflet-0-id": "",
            "leaflet-0-value-text": '{"blocks": [{"key": "a", "type": "unstyled", "text": '
            '"Editor text.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
            '"entityMap": {}}',
        }
    )
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "Name the source of the leaflet" in response.text  # no source: not saved

    data.update(
        {
            "leaflet_sources-count": "1",
            "leaflet_sources-0-type": "source",
            "leaflet_sources-0-deleted": "",
            "leaflet_sources-0-order": "0",
            "leaflet_sources-0-id": "",
            "leaflet_sources-0-value-title": "A cited page",
            "leaflet_sources-0-value-url": "https://example.org/",
            "leaflet_sources-0-value-accessed": "",
        }
    )
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    draft = DrugPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [label.set_id for label in draft.fda_labels.all()] == ["abc"]
    assert [s.key for s in draft.leaflet_sections()] == ["alcohol_food"]
