"""No broken text in public: each kind is kept in the body for editors, flagged at its block,
and left out of (or plainly worded on) the public page — on both seed articles."""

import json
import re

import pytest

from articles.models import ArticlePage
from articles.problems import (
    EMPTY_SECTION,
    LEAD_IN,
    MISSING_MEDIA,
    TRUNCATED,
    UNRESOLVED_LINK,
    find_problems,
)
from importer.attention import AttentionKind, page_items
from tests.factories import ArticlePageFactory
from tests.helpers import elements
from tests.importer.import_helpers import MERCK_TITLE, SPINE_TITLE, run_import, visible_text

LINKS = re.compile(r'<a [^>]*href="([^"]*)"[^>]*>([^<]*)</a>')


def raw(*blocks):
    return [{"type": kind, "value": value, "id": f"b{i}"} for i, (kind, value) in enumerate(blocks)]


def kinds(blocks):
    return [(problem.index, problem.kind) for problem in find_problems(blocks)]


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


# The rules, one kind at a time


def test_a_lead_in_with_its_list_is_fine_and_without_it_is_held_back():
    listed = raw(("paragraph", "<p>Causes include:</p>"), ("bullet_list", {"items": ["<p>a</p>"]}))
    assert kinds(listed) == []
    dangling = raw(
        ("paragraph", "<p>Causes include:</p>"), heading("Next"), ("paragraph", "<p>x.</p>")
    )
    assert kinds(dangling) == [(0, LEAD_IN)]
    # Mid-sentence, without a colon, as the Merck page's "may result from".
    assert kinds(raw(("paragraph", "<p>Neuropathic pain may result from</p>"))) == [(0, LEAD_IN)]


def test_a_finished_sentence_and_a_citation_marker_are_not_lead_ins():
    cited = '<p>Surgery relieves the pain.<sup><a href="#ref-1">1</a></sup></p>'
    assert kinds(raw(("paragraph", cited), ("paragraph", "<p>“Quoted.”</p>"))) == []
    # A sentence merely missing its full stop is shown, not held back.
    assert kinds(raw(("paragraph", "<p>Ask your doctor about exercise</p>"))) == []


def test_a_paragraph_ending_in_a_lead_in_keeps_its_earlier_sentences():
    html = "<p>Burning is felt in the sole of the foot. Symptoms may include</p>"
    body = raw(("paragraph", html), heading("Treatment"), ("paragraph", "<p>Rest.</p>"))
    [problem] = find_problems(body)
    assert (problem.kind, problem.text, problem.hidden) == (LEAD_IN, "Symptoms may include", False)
    assert problem.shown_html == "<p>Burning is felt in the sole of the foot.</p>"


def test_an_empty_section_is_held_back_but_a_section_with_a_subsection_is_not():
    body = raw(
        heading("Empty"),
        heading("Parent"),
        heading("Child", "h3"),
        ("paragraph", "<p>Text.</p>"),
        heading("Last"),
    )
    assert kinds(body) == [(0, EMPTY_SECTION), (4, EMPTY_SECTION)]
    # A section holding only a held-back lead-in is empty to readers too.
    only_lead_in = raw(heading("Drugs"), ("paragraph", "<p>They include:</p>"), heading("Next"))
    assert kinds(only_lead_in) == [(0, EMPTY_SECTION), (1, LEAD_IN), (2, EMPTY_SECTION)]


def test_a_video_without_a_link_and_an_unresolved_see_line():
    body = raw(
        ("video", {"title": "Causes", "url": ""}),
        ("video", {"title": "Shown", "url": "https://example.com/v"}),
        ("see_also", {"title": "Anatomy", "page": None, "verb": "See"}),
        ("see_also", {"title": "", "page": 7, "verb": "See"}),
    )
    problems = find_problems(body)
    assert [(p.index, p.kind, p.hidden) for p in problems] == [
        (0, MISSING_MEDIA, True),
        (2, UNRESOLVED_LINK, False),
    ]
    assert problems[0].block_id == "b0" and "video has no link" in problems[0].message


def test_blocks_the_importer_marked_are_held_back_with_their_reason():
    body = raw(
        ("held_back", {"reason": "lead_in", "text": "They include the following:"}),
        ("held_back", {"reason": "empty_section", "text": "Therapy", "level": "h2"}),
        ("held_back", {"reason": "truncated", "text": "More and more, we are learning that th"}),
    )
    assert kinds(body) == [(0, LEAD_IN), (1, EMPTY_SECTION), (2, TRUNCATED)]


# The seed articles, as imported and as a reader sees them


@pytest.fixture
def seeds(client, site):
    run_import()
    return {
        "merck": ArticlePage.objects.get(title=MERCK_TITLE),
        "spine": ArticlePage.objects.get(title=SPINE_TITLE),
    }


def stored_text(page):
    """Everything the body keeps, marked blocks included, as one string."""
    return json.dumps(list(page.body.raw_data), ensure_ascii=False)


def public(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize(
    "text",
    ["Neuropathic pain may result from", "Pain relievers used to treat neuropathic pain include"],
)
def test_merck_lead_ins_are_kept_for_editors_and_held_back_from_readers(client, seeds, text):
    page = seeds["merck"]
    assert text in stored_text(page)
    assert text not in visible_text(public(client, page))
    flagged = [p for p in page.body_problems if text in p.text]
    assert flagged and flagged[0].kind == LEAD_IN


def test_merck_empty_section_and_its_contents_entry_are_hidden(client, seeds):
    page = seeds["merck"]
    assert "Physical and occupational therapy" in stored_text(page)
    html = public(client, page)
    assert "Physical and occupational therapy" not in visible_text(html)
    assert "Physical and occupational therapy" not in [text for _a, text in page.headings]
    # Sections with text keep their entry.
    assert "Symptoms of Neuropathic Pain" in [text for _a, text in page.headings]
    assert "Pain relievers (analgesics) may be given" in visible_text(html)


def test_spine_health_video_placeholder_is_omitted_but_kept(client, seeds):
    page = seeds["spine"]
    assert "Causes of Neuropathic Pain" in stored_text(page)
    html = public(client, page)
    assert "not available on NeuroPain" not in html
    assert not elements(html, "figure", **{"class": "video"})
    assert any(p.kind == MISSING_MEDIA for p in page.body_problems)


def test_spine_health_see_lines_read_as_searches_not_article_links(client, seeds):
    page = seeds["spine"]
    html = public(client, page)
    text = visible_text(html)
    unresolved = [p for p in page.body_problems if p.kind == UNRESOLVED_LINK]
    assert unresolved, "the seed's See lines match no article on this site"
    for problem in unresolved:
        assert problem.text in stored_text(page)
        # The title is plain words; the only link is labelled as a search of this site.
        assert f"See {problem.text} (not on NeuroPain yet: search NeuroPain for" in text
        links = [(href, words) for href, words in LINKS.findall(html) if problem.text in words]
        assert links and all(href.startswith("/search/?q=") for href, _w in links), links
        assert all(words.startswith("search NeuroPain for") for _h, words in links), links


def test_import_attention_report_lists_every_kind_on_the_seeds(seeds):
    merck = {item.kind for item in page_items(seeds["merck"])}
    spine = {item.kind for item in page_items(seeds["spine"])}
    assert AttentionKind.IMPORT_NOTE in merck  # lost lists and empty headings, from the parser
    assert {AttentionKind.UNRESOLVED_LINK, AttentionKind.VIDEO_INCOMPLETE} <= spine


def test_editor_sees_each_warning_at_its_block(editor_client, seeds):
    page = seeds["merck"]
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.text
    assert "js/body-warnings.js" in html
    data = json.loads(re.search(r'id="body-warnings-data"[^>]*>(.*?)</script>', html, re.S)[1])
    ids = {block["id"] for block in page.body.raw_data}
    assert data and all(warning["id"] in ids for warning in data)
    assert any("introduces a list" in warning["message"] for warning in data)
    assert "not shown to readers as written" in html


def test_an_article_without_problems_says_so_to_editors(editor_client, article_index):
    page = ArticlePageFactory(parent=article_index)
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").text
    assert "Nothing in the saved body is held back from readers." in html
    assert 'id="body-warnings-data"' not in html
