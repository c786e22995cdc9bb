"""Site search says which drugs have a patient leaflet and which only the FDA label."""

import datetime

from drugs.labels import DrugLabel
from tests.factories import DrugPageFactory

SOURCE = ("source", {"title": "Example source", "url": "", "accessed": None})


def marker_of(html, title):
    result = html.split(f">{title}</a>")[1].split("</li>")[0]
    if 'class="search-result__marker"' not in result:
        return ""
    return result.split('class="search-result__marker">')[1].split("<")[0]


def test_search_results_mark_leaflets_and_labels(client, drug_index):
    leaflet = DrugPageFactory(parent=drug_index, title="pregabalin", description="<p>Nerve.</p>")
    leaflet.leaflet = [("key_facts", {"facts": "<p>Placeholder fact.</p>"})]
    leaflet.leaflet_sources = [SOURCE]
    leaflet.save_revision().publish()
    label = DrugPageFactory(parent=drug_index, title="lidocaine", description="<p>Nerve.</p>")
    label.fda_labels = [DrugLabel(set_id="a1", effective_date=datetime.date(2024, 1, 1))]
    label.save_revision().publish()
    DrugPageFactory(parent=drug_index, title="capsaicin", description="<p>Nerve.</p>")

    html = client.get("/search/", {"q": "nerve"}).text
    assert marker_of(html, "Pregabalin") == "Patient leaflet"
    assert marker_of(html, "Lidocaine") == "FDA prescribing label only"
    assert marker_of(html, "Capsaicin") == ""
    # A named drug found by its name is marked too (the pinned result).
    assert marker_of(client.get("/search/", {"q": "lidocaine"}).text, "Lidocaine") == (
        "FDA prescribing label only"
    )
