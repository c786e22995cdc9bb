"""Issue 17, item 10: a citation keeps the number its source gave it ("2" stays 2, not 1), in the
text's marker and in the reference list, in both publishers' layouts; a reference an editor adds
without a number is numbered after the one above it, never onto a number already shown."""

import pytest

from articles.citations import reference_numbers
from articles.models import ArticlePage, ArticleReference
from importer.parsers import parse_document
from importer.proposals import editor_changes
from tests.factories import ArticlePageFactory, ArticleReferenceFactory
from tests.helpers import element_by_id, elements

from .import_helpers import run_import, snapshot, visible_text, write_documents
from .structure_documents import (
    MERCK_STRUCTURE,
    MERCK_STRUCTURE_TITLE,
    SPINE_CITED,
    SPINE_CITED_TITLE,
)

# (text, manifest entry, title, {source number: (authors, a word of the sentence it ends)})
CASES = {
    "merck": (
        MERCK_STRUCTURE,
        {},
        MERCK_STRUCTURE_TITLE,
        {2: ("Adams PQ, Baker RS", "within a few months.")},
    ),
    "spine-health": (
        SPINE_CITED,
        {"title": SPINE_CITED_TITLE},
        SPINE_CITED_TITLE,
        {
            3: ("Lund AB, Moreno CD", "looks for the cause first."),
            5: ("Ortiz EF", "catch sores early."),
        },
    ),
}


@pytest.mark.parametrize("layout", list(CASES))
def test_10_parsed_references_and_markers_keep_the_source_numbers(layout):
    text, manifest, _title, expected = CASES[layout]
    document = parse_document(text, title=manifest.get("title"))
    assert [(ref["number"], ref["authors"]) for ref in document.references] == [
        (number, authors) for number, (authors, _sentence) in expected.items()
    ]
    paragraphs = " ".join(value for kind, value in document.body if kind == "paragraph")
    for number, (_authors, sentence) in expected.items():
        assert f'{sentence}<sup><a href="#ref-{number}">{number}</a></sup>' in paragraphs
    assert 'href="#ref-1"' not in paragraphs


@pytest.mark.parametrize("layout", list(CASES))
def test_10_the_page_shows_the_source_numbers_in_text_and_list(db, tmp_path, client, layout):
    text, manifest, title, expected = CASES[layout]
    folder = write_documents(
        tmp_path, {"doc.txt": text}, {"doc.txt": manifest} if manifest else None
    )
    run_import(folder)
    page = ArticlePage.objects.get(title=title)
    assert [r.number for r in page.references.all()] == list(expected)
    html = client.get(page.url).content.decode()
    for number, (authors, _sentence) in expected.items():
        # The marker reads N and leads to the list item numbered N, which leads back to it.
        marker = element_by_id(html, f"cite-{number}")
        assert marker == ("a", {"id": f"cite-{number}", "href": f"#ref-{number}"})
        tag, attrs = element_by_id(html, f"ref-{number}")
        assert (tag, attrs["value"]) == ("li", str(number))  # the list shows N, not 1
        assert f'<li id="ref-{number}" value="{number}">{authors}.' in html
        assert f'<a href="#cite-{number}" class="backref">' in html
    assert elements(html, id="ref-1") == elements(html, id="cite-1") == []
    # Running the same document again writes nothing.
    before = snapshot()
    run_import(folder)
    assert snapshot() == before


def test_reference_numbers_keep_given_numbers_and_fill_the_gaps_after_the_one_above():
    assert reference_numbers([2]) == [2]
    assert reference_numbers([3, 5]) == [3, 5]
    assert reference_numbers([None, None, None]) == [1, 2, 3]  # hand-written: positions
    assert reference_numbers([3, None, 5]) == [3, 4, 5]
    assert reference_numbers([3, None, 4]) == [3, 5, 4]  # 4 is the third's, so the second is 5
    assert reference_numbers([2, 2, None]) == [2, 3, 4]  # a repeated number is never shown twice
    assert reference_numbers([None, 1]) == [2, 1]  # the marker "1" still finds its reference
    assert reference_numbers([]) == []


def test_a_reference_added_without_a_number_follows_the_one_above(db, article_index, client):
    page = ArticlePageFactory(
        parent=article_index,
        body=[("paragraph", '<p>Nerves heal slowly.<sup><a href="#ref-4">4</a></sup></p>')],
    )
    ArticleReferenceFactory(page=page, number=4, title="Imported four", sort_order=0)
    ArticleReferenceFactory(page=page, number=None, title="Added by an editor", sort_order=1)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert '<li id="ref-4" value="4">Doe J, Roe R. Imported four.' in html
    assert '<li id="ref-5" value="5">Doe J, Roe R. Added by an editor.' in html
    assert element_by_id(html, "cite-4")[1]["href"] == "#ref-4"


def test_a_page_stored_before_numbers_were_kept_counts_as_unchanged(db, tmp_path):
    """References stored without a number (numbered by position, as before) read the same as
    the import's numbers 1..n, so no editor change is seen and the same text stays unchanged."""
    from .documents import CERVICAL, CERVICAL_TITLE

    folder = write_documents(tmp_path, {"c.txt": CERVICAL}, {"c.txt": {"title": CERVICAL_TITLE}})
    run_import(folder)
    page = ArticlePage.objects.get(title=CERVICAL_TITLE)
    assert [r.number for r in page.references.all()] == [1, 2]
    ArticleReference.objects.filter(page=page).update(number=None)
    assert "references" not in editor_changes(page)[1]
    before = snapshot()
    run_import(folder)
    assert snapshot() == before


def test_a_cited_first_paragraph_is_the_lead_once_with_its_markers(db, tmp_path, client):
    """The Spine-health fixture's first paragraph is also its summary and cites 3 and 5: readers
    see it once, as the header's lead, and its markers still lead to references 3 and 5."""
    folder = write_documents(
        tmp_path, {"doc.txt": SPINE_CITED}, {"doc.txt": {"title": SPINE_CITED_TITLE}}
    )
    run_import(folder)
    page = ArticlePage.objects.get(title=SPINE_CITED_TITLE)
    html = client.get(page.url).content.decode()
    text = visible_text(html)
    assert text.count("looks for the cause first.") == 1
    assert len(elements(html, "p", class_="lead")) == 1
    start = html.index('<p class="lead">')
    header = html[start : html.index("</p>", start)]
    assert '<a id="cite-3" href="#ref-3">3</a>' in header
    assert '<a id="cite-5" href="#ref-5">5</a>' in header


def test_an_import_proposal_compares_references_by_the_number_readers_see():
    from editorial.proposals import display_lines

    value = [{"number": 2, "authors": "Adams PQ, Baker RS", "title": "Splinting for wrist pain"}]
    assert display_lines("references", value, {}) == [
        "2. Adams PQ, Baker RS Splinting for wrist pain"
    ]
