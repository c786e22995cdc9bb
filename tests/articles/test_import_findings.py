"""The importer's findings on an article are shown at the body block they are about; only what
belongs to no one block (a guessed title, say) is listed above the body, labelled as such."""

import json
import re

from bs4 import BeautifulSoup

from articles.findings import place_findings
from articles.problems import find_problems
from tests.factories import ArticlePageFactory

PLACED = "Some nerve pain medicines were first made to treat epilepsy or depression."
BODY = [
    {"type": "heading", "value": {"text": "Treatment", "level": "h2"}, "id": "h-1"},
    {"type": "paragraph", "value": f"<p>{PLACED} They work on nerves.</p>", "id": "p-1"},
    {
        "type": "bullet_list",
        "value": ["Gabapentin", "A very long list item about amitriptyline at night"],
        "id": "l-1",
    },
    {"type": "paragraph", "value": "<p>Your doctor will decide with you:</p>", "id": "p-2"},
]


def finding(kind, message, excerpt="", **extra):
    return {"kind": kind, "message": message, "excerpt": excerpt, **extra}


def test_a_finding_quoting_a_block_is_placed_at_it():
    attention = [
        finding("unmatched_line", "indented text kept as a paragraph", PLACED),
        finding("unmatched_line", "could not separate a pop-up", "amitriptyline at night"),
    ]
    at_blocks, page_level = place_findings(BODY, attention)
    assert [(block_id, f.message) for block_id, f in at_blocks] == [
        ("p-1", "indented text kept as a paragraph"),
        ("l-1", "could not separate a pop-up"),
    ]
    assert page_level == []


def test_an_excerpt_cut_short_by_the_importer_still_finds_its_block():
    clipped = PLACED[:40].rstrip() + "…"
    at_blocks, _ = place_findings(BODY, [finding("unmatched_line", "kept", clipped)])
    assert [block_id for block_id, _f in at_blocks] == ["p-1"]


def test_a_named_block_id_wins():
    at_blocks, _ = place_findings(BODY, [finding("warning", "check this", block_id="h-1")])
    assert [block_id for block_id, _f in at_blocks] == ["h-1"]


def test_page_level_findings_stay_at_the_top():
    attention = [
        finding("derived_title", "title guessed from the text; check it", "Treatment"),
        finding("unknown_shape", "unrecognised layout"),
        finding("unmatched_line", "text nowhere in the body", "A sentence that is not here at all"),
        "Heading level guessed",
        "Heading level guessed",
    ]
    at_blocks, page_level = place_findings(BODY, attention)
    assert at_blocks == []
    assert [f.text for f in page_level] == [
        "Title guessed from the text; check it (“Treatment”)",
        "Unrecognised layout",
        "Text nowhere in the body (“A sentence that is not here at all”)",
        "Heading level guessed",
    ]


def test_a_finding_the_body_check_already_shows_is_not_said_twice():
    problems = find_problems(BODY)
    assert [(p.block_id, p.kind) for p in problems] == [("p-2", "lead_in")]
    attention = [finding("lost_list", "lead-in with no list after it", "decide with you:")]
    at_blocks, page_level = place_findings(BODY, attention, problems)
    assert at_blocks == [] and page_level == []


def edit_page(editor_client, page):
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.text
    match = re.search(r'id="body-warnings-data"[^>]*>(.*?)</script>', html, re.S)
    return html, json.loads(match[1]) if match else []


def test_the_editor_shows_findings_at_their_blocks_and_the_rest_on_top(
    editor_client, article_index
):
    page = ArticlePageFactory(
        parent=article_index,
        body=[("paragraph", f"<p>{PLACED}</p>"), ("paragraph", "<p>Sleep helps.</p>")],
        attention=[
            finding("unmatched_line", "indented text kept as a paragraph", PLACED),
            finding("derived_title", "title guessed from the text; check it", "Nerve pain"),
        ],
    )
    first_id = page.body.raw_data[0]["id"]
    html, warnings = edit_page(editor_client, page)
    assert warnings == [
        {
            "id": first_id,
            "message": "Import finding: Indented text kept as a paragraph (“" + PLACED + "”)",
        }
    ]
    panel = BeautifulSoup(html, "html.parser").select_one(".np-body-warnings")
    text = " ".join(panel.get_text().split())
    assert "1 import finding is shown at its block below." in text
    assert "Import findings about the whole page (not one block):" in text
    top = [li.get_text(strip=True) for li in panel.select("ul.np-page-findings li")]
    assert top == ["Title guessed from the text; check it (“Nerve pain”)"]
    # Block-tied warnings are not listed again above the body.
    assert PLACED not in " ".join(top)


def test_body_checks_are_at_their_blocks_not_listed_on_top(editor_client, article_index):
    page = ArticlePageFactory(
        parent=article_index,
        body=[("paragraph", "<p>Symptoms may include:</p>"), ("paragraph", "<p>Rest.</p>")],
    )
    html, warnings = edit_page(editor_client, page)
    assert [w["id"] for w in warnings] == [page.body.raw_data[0]["id"]]
    panel = BeautifulSoup(html, "html.parser").select_one(".np-body-warnings")
    assert "not shown to readers as written" in panel.get_text()
    assert panel.select("ul.np-problems li") == []
