"""Importing documents the tests wrote, in both publishers' layouts and on other topics, with
the variants those publishers use: the importer is not fitted to the two seeds."""

import datetime

import pytest

from django.db import transaction

from articles.models import ArticlePage
from drugs.models import DrugPage
from importer.drugs import name_key
from quizzes.models import QuizPage
from review.models import ReviewSettings

from .documents import CERVICAL, CERVICAL_TITLE, PLAIN, TARSAL_TUNNEL
from .import_helpers import (
    held_back_text,
    link_target,
    run_import,
    sentences,
    visible_text,
    write_documents,
)

pytestmark = pytest.mark.django_db  # keeps these tests together with the module's import

TARSAL_TITLE = "Tarsal Tunnel Syndrome"
PLAIN_TITLE = "Living With Nerve Pain at Work"


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = write_documents(
        tmp_path_factory.mktemp("documents"),
        {"cervical.txt": CERVICAL, "plain.txt": PLAIN, "tarsal.txt": TARSAL_TUNNEL},
        manifest={"cervical.txt": {"title": CERVICAL_TITLE, "publisher": "Spine-health"}},
    )
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_import(folder)
        transaction.set_rollback(True)


@pytest.fixture
def page(imported, db, client, request):
    page = ArticlePage.objects.get(title=request.param)
    response = client.get(page.url)
    assert response.status_code == 200
    page.html = response.content.decode()
    # Kept: shown to readers, or held back for editors (a lead-in with no list, ...).
    page.text = visible_text(page.html) + " " + held_back_text(page)
    page.shown_body = visible_text(page.html, within_class="article__body")
    return page


def parametrize_page(title):
    return pytest.mark.parametrize("page", [title], indirect=True)


def prose_lines(text, skip):
    return [
        line.strip().lstrip("• ")
        for line in text.splitlines()
        if line.strip() and not any(line.strip().startswith(s) for s in skip)
    ]


# Merck layout: "By" on its own line, two-line author, no Modified date, pop-up, drug rows ---------


@parametrize_page(TARSAL_TITLE)
def test_merck_variant_metadata(page):
    author = page.authors.get().person
    assert (author.name, author.credentials, author.affiliation) == (
        "Helen R. Okafor",
        "MDCM",
        "McGill University Faculty of Medicine",
    )
    assert page.last_reviewed == datetime.date(2024, 4, 1)
    assert page.last_modified is None
    assert page.next_review_due == datetime.date(2025, 4, 1)
    assert "Helen R. Okafor, MDCM, McGill University Faculty of Medicine" in page.text
    assert "Original article reviewed/revised Apr 2024" in page.text
    assert "Modified" not in visible_text(page.html, within_class="article__meta")


@parametrize_page(TARSAL_TITLE)
def test_merck_variant_text_and_pop_up(page):
    source = TARSAL_TUNNEL.replace(
        "sprain Ankle Sprains An ankle sprain is a tear of the ligaments that hold the ankle bones "
        "together... read more Ankle Sprains .",
        "sprain.",
    )
    lines = prose_lines(
        source.split("Drugs Mentioned")[0],
        skip=["Merck Manual", "VIEW", "GET", "Topic", "By", "Helen", ", MDCM", "Reviewed"],
    )
    held = held_back_text(page)
    missing = [s for line in lines for s in sentences(line) if s not in page.text and s not in held]
    assert missing == []
    for chrome in (
        "VIEW PROFESSIONAL VERSION",
        "GET THE QUICK FACTS",
        "Topic Resources",
        "read more",
    ):
        assert chrome not in page.shown_body
    cross = next(b.value for b in page.body if b.block_type == "cross_reference")
    assert cross["title"] == "Ankle Sprains"
    assert "Ankle Sprains An ankle sprain is a tear of the ligaments" in page.shown_body
    assert [(a["kind"], a["excerpt"]) for a in page.attention][0] == (
        "lost_list",
        "Symptoms may include",
    )


@parametrize_page(TARSAL_TITLE)
def test_drug_rows_match_known_drugs_and_keep_the_rest_for_editors(page, imported):
    assert [d.title for d in page.mentioned_drugs()] == ["pregabalin"]
    pregabalin = DrugPage.objects.get(title="pregabalin")
    brands = {name_key(b.name) for b in pregabalin.brand_names.all()}
    assert {"lyrica", "lyricacr"} <= brands
    # A name the reference data does not list never reaches the live drug page, even in a
    # row with known brands; it waits for an editor with the rows that match no drug.
    assert "nervalinnight" not in brands
    assert "Nervalin Night" not in visible_text(page.html, within_class="drug-table")
    # No guessing: one row names no known drug, one names brands of two different drugs.
    assert page.unidentified_brands == [
        ["Nervalin Night"],
        ["Zelbrex Nerve Relief", "Calmora"],
        ["Neurontin", "Savella"],
    ]
    notes = [a for a in page.attention if a["kind"] == "unidentified_brand"]
    assert [a["excerpt"] for a in notes] == [
        "Nervalin Night",
        "Zelbrex Nerve Relief, Calmora",
        "Neurontin, Savella",
    ]
    assert "not added to the pregabalin page" in notes[0]["message"]
    assert "gabapentin, milnacipran" in notes[2]["message"]
    assert "Brand-name rows not added to a drug page: 3" in imported
    assert "Tarsal Tunnel Syndrome: Zelbrex Nerve Relief, Calmora" in imported
    gabapentin = DrugPage.objects.get(title="gabapentin")
    assert "savella" not in {name_key(b.name) for b in gabapentin.brand_names.all()}


@parametrize_page(TARSAL_TITLE)
def test_quiz_for_another_topic(page):
    quiz = QuizPage.objects.get(slug="tarsal-tunnel-syndrome-quiz")
    assert not quiz.live
    assert page.quiz_id == quiz.pk
    assert not quiz.questions  # load_site_content or an editor writes the questions


# Spine-health layout: videos with teaser, Read about, continuation, See in a list, two citations ---


@parametrize_page(CERVICAL_TITLE)
def test_spine_variant_text(page):
    source = CERVICAL
    for citation in (
        "1 Carette S, Fehlings MG. Cervical radiculopathy. N Engl J Med. 2005;353(4):392-9. ",
        "2 Iyer S, Kim HJ. Cervical radiculopathy: a review. Curr Rev Musculoskelet Med. "
        "2016;9(3):272-80. ",
    ):
        assert citation in source
        source = source.replace(citation, "")
    lines = prose_lines(
        source, skip=["Video:", "Learn how", "Watch:", "Article continues", "Search for"]
    )
    held = held_back_text(page)
    missing = [s for line in lines for s in sentences(line) if s not in page.text and s not in held]
    assert missing == []
    for chrome in ("Watch Now", "Article continues below", "Search for a Doctor"):
        assert chrome not in page.shown_body


@parametrize_page(CERVICAL_TITLE)
def test_spine_variant_videos(page):
    videos = [(b.value["title"], b.value["teaser"]) for b in page.body if b.block_type == "video"]
    assert videos == [
        (
            "Cervical Radiculopathy Explained",
            "Learn how a pinched nerve in the neck causes arm pain.",
        ),
        ("Neck Exercises for Nerve Pain", ""),
    ]
    # No link yet: kept in the body for editors, not shown to readers (articles.problems).
    assert "Cervical Radiculopathy Explained" not in page.shown_body
    assert [a["excerpt"] for a in page.attention if a["kind"] == "video_incomplete"] == [
        "Cervical Radiculopathy Explained",
        "Neck Exercises for Nerve Pain",
    ]


@parametrize_page(CERVICAL_TITLE)
def test_spine_variant_list_continuation_and_see_inside_the_list(page):
    lists = [b for b in page.body if b.block_type == "bullet_list"]
    assert len(lists) == 1  # the "• See" bullet stays inside its list
    items = [str(i) for i in lists[0].value["items"]]
    assert items[0] == (
        "<p>Herniated disc. The soft center of a disc pushes out and presses on the nerve root.</p>"
    )
    # No article with that title yet: plain text for readers, an unresolved link for editors.
    assert items[2] == "<p>See Neck Arthritis and Nerve Pain</p>"
    assert "Neck Arthritis and Nerve Pain" in [
        a["excerpt"] for a in page.attention if a["kind"] == "unresolved_link"
    ]
    verbs = [(b.value["verb"], b.value["title"]) for b in page.body if b.block_type == "see_also"]
    assert verbs[0] == ("Read about", TARSAL_TITLE)


@parametrize_page(CERVICAL_TITLE)
def test_spine_variant_two_citations(page):
    references = [(r.authors, r.journal, r.year, r.pages) for r in page.references.all()]
    assert references == [
        ("Carette S, Fehlings MG", "N Engl J Med", 2005, "392-9"),
        ("Iyer S, Kim HJ", "Curr Rev Musculoskelet Med", 2016, "272-80"),
    ]
    stored = [b.value.source for b in page.body if b.block_type == "paragraph"]
    assert any('few months.<sup><a href="#ref-1">1</a></sup> Physical' in p for p in stored)
    assert any('as gabapentin.<sup><a href="#ref-2">2</a></sup> Surgery' in p for p in stored)
    assert 'href="#ref-1">1</a></sup> Physical therapy' in page.html
    assert 'href="#ref-2">2</a></sup> Surgery' in page.html
    assert '<li id="ref-2" value="2">Iyer S, Kim HJ. Cervical radiculopathy: a review.' in page.html


@parametrize_page(CERVICAL_TITLE)
def test_links_and_drugs_named_in_prose(page):
    tarsal = ArticlePage.objects.get(title=TARSAL_TITLE)
    assert link_target(page.html, "Tarsal Tunnel Syndrome") == (tarsal.url, {})
    assert [d.title for d in page.mentioned_drugs()] == ["gabapentin"]  # "such as gabapentin"
    assert page.source_key == "spine-health:cervical-radiculopathy-causes-and-care"
    assert "Find a Physician Near You" in page.shown_body


# Neither layout --------------------------------------------------------------------------------


@parametrize_page(PLAIN_TITLE)
def test_plain_document_imports_with_a_warning(page, imported):
    # Its first paragraph is also its summary: readers see it once, as the lead.
    assert visible_text(page.html).count("Short breaks to stand and stretch help many people.") == 1
    assert page.source_key == "unattributed:living-with-nerve-pain-at-work"
    assert page.source_publisher == ""
    assert "unknown_shape" in [a["kind"] for a in page.attention]
    assert "Living With Nerve Pain at Work: neither Merck Manual nor Spine-health" in imported


def test_next_review_follows_the_review_interval_setting(db, tmp_path, site):
    ReviewSettings.objects.update_or_create(site=site, defaults={"review_interval_months": 36})
    document = TARSAL_TUNNEL.replace("Tarsal Tunnel Syndrome\n", "Morton Neuroma\n", 1)
    run_import(write_documents(tmp_path, {"morton.txt": document}))
    page = ArticlePage.objects.get(title="Morton Neuroma")
    assert page.last_reviewed == datetime.date(2024, 4, 1)
    assert page.next_review_due == datetime.date(2027, 4, 1)


def test_title_is_derived_when_no_manifest_gives_one(db, tmp_path):
    output = run_import(write_documents(tmp_path, {"cervical.txt": CERVICAL}))
    page = ArticlePage.objects.get(source_key="spine-health:what-causes-cervical-radiculopathy")
    assert page.title == "What Causes Cervical Radiculopathy"
    assert ("derived_title", page.title) in [(a["kind"], a["excerpt"]) for a in page.attention]
    assert "title guessed from the text; check it" in output


def test_text_that_looks_like_html_is_shown_as_text(db, tmp_path, client):
    document = (
        "Odd Characters in Scraped Text\n\n"
        "Some pages say <script>alert(1)</script> & <b>bold</b> things about pain.\n\n"
        "Others are quieter.\n"
    )
    run_import(write_documents(tmp_path, {"odd.txt": document}))
    page = ArticlePage.objects.get(title="Odd Characters in Scraped Text")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; things" in html
    assert "Some pages say <script>alert(1)</script> & <b>bold</b> things about pain." in (
        visible_text(html)
    )
