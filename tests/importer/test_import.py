"""`import_seed_content` on the two seed articles: what a reader and an editor get."""

import datetime

import pytest

from wagtail.models import Page, ReferenceIndex

from articles.models import ArticlePage
from drugs.models import DrugPage
from importer.drugs import load_reference, name_key
from physicians.models import PhysicianSearchPage
from quizzes.models import QuizPage

from .import_helpers import (
    MERCK_SEED,
    MERCK_TITLE,
    SEED_DIR,
    SPINE_SEED,
    SPINE_TITLE,
    held_back_text,
    link_target,
    normalise,
    sentences,
    visible_text,
)
from .seed_text import CRPS_SUMMARY, EMG_SUMMARY, MERCK_POP_UPS, SPINE_CITATION

# Every test is a database test (so pytest-django keeps them together, before any test that
# flushes the database) and reads the seeds imported once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

CHROME = [
    "Merck Manual",
    "Russian Federation",
    "honeypot",
    "quiz link",
    "Test your knowledge",
    "Search for a Doctor",
    "read more",
    "Generic Name Select",
    "Reviewed/Revised Jun 2022 | Modified",
]
MERCK_DRUG_ROWS = {
    "amitriptyline": "Elavil, Tryptanol, Vanatrip",
    "venlafaxine": "Effexor, Effexor XR, Venlafaxine",
    "gabapentin": "Active-PAC with Gabapentin, Gabarone , Gralise, Horizant, Neurontin",
    "capsaicin": (
        "Arthricare for Women, Arthritis Pain Relieving, Capsimide, Capzasin-HP, Capzasin-P, "
        "Castiva Warming, Circatrix, DermacinRx Circata, DermacinRx Penetral, DiabetAid, Qutenza, "
        "Zostrix, Zostrix HP, Zostrix Neuropathy"
    ),
    "phenol": "Castellani Paint, Chloraseptic, Chloraseptic Kids, Phenaseptic, Sore Throat",
}


def seed_text(name):
    return (SEED_DIR / name).read_text(encoding="utf-8")


def lidocaine_row():
    lines = seed_text(MERCK_SEED).splitlines()
    return next(line for line in lines if line.startswith("7T Lido"))


def article(title):
    return ArticlePage.objects.get(title=title)


@pytest.fixture
def spine(db):
    return article(SPINE_TITLE)


@pytest.fixture
def merck(db):
    return article(MERCK_TITLE)


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def block_types(page):
    return [block.block_type for block in page.body]


# Faithful text -----------------------------------------------------------------------------


def test_spine_health_every_sentence_is_on_the_page(client, spine):
    html = render(client, spine)
    text = visible_text(html) + " " + held_back_text(spine)  # shown, or held back for editors
    source = seed_text(SPINE_SEED)
    assert SPINE_CITATION in source
    skip = {"Search for a Doctor", "Watch: Causes of Neuropathic Pain Video"}
    prose = [
        line.strip().lstrip("• ")
        for line in source.replace(SPINE_CITATION, "").splitlines()
        if line.strip() and line.strip() not in skip
    ]
    held = held_back_text(spine)
    missing = [s for line in prose for s in sentences(line) if s not in text and s not in held]
    assert missing == []
    # The citation pulled into the prose reads as a reference, not as article text.
    references = visible_text(html, within_class="references")
    assert normalise(SPINE_CITATION[2:]) in references
    assert "Macaré" not in visible_text(html, within_class="article__body")


def test_merck_every_sentence_is_on_the_page(client, merck):
    html = render(client, merck)
    text = visible_text(html) + " " + held_back_text(merck)  # shown, or held back for editors
    source = seed_text(MERCK_SEED)
    for flattened, reading in MERCK_POP_UPS.items():
        assert flattened in source
        source = source.replace(flattened, reading)
    lines = source.splitlines()
    table = lines.index("Drugs Mentioned In This Article")
    skip = {
        "Merck Manual",
        "Please confirm that you are not located inside the Russian Federation",
        "honeypot link",
        "Reviewed/Revised Jun 2022 | Modified Sep 2022",
    }
    prose = [
        line.strip().lstrip("• ")
        for line in lines[:table]
        if line.strip() and line.strip() not in skip
    ]
    held = held_back_text(merck)
    missing = [s for line in prose for s in sentences(line) if s not in text and s not in held]
    assert missing == []
    body = visible_text(html, within_class="article__body")
    assert f"Electromyography and Nerve Conduction Studies {EMG_SUMMARY}" in body
    assert f"Complex Regional Pain Syndrome {CRPS_SUMMARY}" in body
    assert "electromyography (EMG), and blood tests" in body
    assert "complex regional pain syndrome. This treatment involves" in body


@pytest.mark.parametrize("title", [SPINE_TITLE, MERCK_TITLE])
def test_no_site_chrome_in_the_article(client, title):
    html = render(client, article(title))
    shown = visible_text(html, within_class="article__body") + visible_text(
        html, within_class="article__header"
    )
    assert [chrome for chrome in CHROME if chrome.lower() in shown.lower()] == []


# Structure --------------------------------------------------------------------------------


def test_headings_and_lists_are_blocks(client, spine, merck):
    assert [b.value["text"] for b in merck.body if b.block_type == "heading"] == [
        "Symptoms of Neuropathic Pain",
        "Diagnosis of Neuropathic Pain",
        "Treatment of Neuropathic Pain",
        "Other treatments",
    ]  # "Physical and occupational therapy" has no text under it: held back, not a heading
    assert {
        "reason": "empty_section",
        "text": "Physical and occupational therapy",
        "level": "h2",
    } in [dict(b.value) for b in merck.body if b.block_type == "held_back"]
    assert [b.value["text"] for b in spine.body if b.block_type == "heading"] == [
        "Relief of Neuropathic Pain Symptoms Takes Priority",
        "Common Treatments Target Causes, Symptoms",
    ]
    assert block_types(spine).count("bullet_list") == 4
    causes = next(b for b in spine.body if b.block_type == "bullet_list")
    assert [str(item) for item in causes.value["items"]][:2] == [
        "<p>Cancer</p>",
        "<p>Compression of a nerve or nerves</p>",
    ]
    assert len(causes.value["items"]) == 9
    html = render(client, merck)
    assert '<h2 id="symptoms-of-neuropathic-pain">Symptoms of Neuropathic Pain</h2>' in html
    assert '<a href="#diagnosis-of-neuropathic-pain">' in html  # on-page contents
    assert "physical-and-occupational-therapy" not in html  # an empty section is no entry
    assert "<li><p>Surgery if needed</p></li>" in html


def test_continuation_paragraph_stays_in_its_list_item(spine):
    items = [str(i) for b in spine.body if b.block_type == "bullet_list" for i in b.value["items"]]
    malfunctions = next(i for i in items if i.startswith("<p>Multiple malfunctions."))
    assert "of polyneuropathy.</p><p>Treating the underlying issue" in malfunctions


def test_merck_author_and_dates(client, merck):
    author = merck.authors.get().person
    assert (author.name, author.credentials, author.affiliation) == (
        "James C. Watson",
        "MD",
        "Mayo Clinic College of Medicine and Science",
    )
    assert merck.last_reviewed == datetime.date(2022, 6, 1)
    assert merck.last_modified == datetime.date(2022, 9, 1)
    assert merck.next_review_due == datetime.date(2023, 6, 1)  # default 12-month interval
    assert merck.source_publisher == "Merck Manual (Consumer Version)"
    text = visible_text(render(client, merck))
    assert "By James C. Watson, MD, Mayo Clinic College of Medicine and Science" in text
    # The source's review is the publisher's, not ours: shown as such, with no NeuroPain
    # "next review due" (the article has not been medically reviewed here).
    assert "Original article reviewed/revised Jun 2022 (by its publisher" in text
    assert "Modified Sep 2022" in text
    assert "This page has not yet been medically reviewed." in text


def test_spine_health_has_no_invented_metadata(spine):
    assert not spine.authors.exists()
    assert spine.last_reviewed is None
    assert spine.next_review_due is None
    assert spine.source_publisher == "Spine-health"
    assert spine.source_key == "spine-health:neuropathic-pain-causes-and-treatment"


# Drugs --------------------------------------------------------------------------------------


def test_merck_drug_table_maps_to_six_generics_with_reference_brands_only(client, merck):
    rows = {**MERCK_DRUG_ROWS, "lidocaine": lidocaine_row()}
    assert sorted(d.title for d in merck.mentioned_drugs()) == sorted(rows)
    html = render(client, merck)
    table = visible_text(html, within_class="drug-table")
    reference = {d.generic_name: {name_key(b) for b in d.brand_names} for d in load_reference()}
    waiting = {name_key(name) for row in merck.unidentified_brands for name in row}
    for generic, row in rows.items():
        page = DrugPage.objects.get(title=generic)
        assert page.live
        brands = {name_key(b.name) for b in page.brand_names.all()}
        assert brands <= reference[generic], generic  # only the reference data's names
        assert len(brands) == page.brand_names.count()  # no duplicates
        for brand in (brand.strip() for brand in row.split(",")):
            if name_key(brand) in reference[generic]:
                assert name_key(brand) in brands and brand in table
            elif name_key(brand) != name_key(generic):
                assert name_key(brand) in waiting, brand  # reported for an editor
                assert brand not in table


def test_drugs_a_to_z_lists_every_reference_drug(client):
    text = visible_text(client.get("/drugs/").content)
    for drug in load_reference():
        name = drug.generic_name
        assert name[:1].upper() + name[1:] in text  # names are capitalised in the list


def test_drug_page_lists_the_article_that_mentions_it(client, merck):
    phenol = DrugPage.objects.get(title="phenol")
    text = visible_text(client.get(phenol.url).content)
    assert "Articles that mention phenol" in text
    assert MERCK_TITLE in text


# References, links, calls to action --------------------------------------------------------


def test_spine_health_citation_is_a_numbered_reference(client, spine):
    reference = spine.references.get()
    assert reference.authors == "Macaré van maurik JF, Van hal M, Van eijk RP, Kon M, Peters EJ"
    assert reference.title.startswith("Value of surgical decompression")
    assert (reference.journal, reference.year) == ("Plast Reconstr Surg", 2014)
    assert (reference.volume, reference.issue, reference.pages) == ("134", "2", "325-32")
    stored = [str(i) for b in spine.body if b.block_type == "bullet_list" for i in b.value["items"]]
    assert any('relieving the pain.<sup><a href="#ref-1">1</a></sup> This' in i for i in stored)
    html = render(client, spine)
    assert 'href="#ref-1">1</a></sup> This treatment' in html
    assert reference.number == 1  # the source's number
    assert '<li id="ref-1" value="1">' in html


def test_see_links_render_as_search_links_until_the_article_exists(client, spine):
    see = [b.value for b in spine.body if b.block_type == "see_also"]
    assert [v["title"] for v in see] == [
        "Anatomy Of Nerve Pain",
        "Types of Back Pain: Acute Pain, Chronic Pain, and Neuropathic Pain",
        "Chronic Pain and Insomnia: Breaking the Cycle",
        "Lifestyle and Diet Tips for Healthy Bones",
        "Lumbar Decompression Back Surgery",
        "All About Neuropathy And Chronic Back Pain",
        "Specialty Care Physicians and Pain Management",
    ]
    html = render(client, spine)
    for title in [v["title"] for v in see]:
        # Labelled as a search of this site, never dressed as a link to an article.
        assert link_target(html, f"search NeuroPain for “{title}”") == ("/search/", {"q": title})
        assert link_target(html, title) is None
    unresolved = [a["excerpt"] for a in spine.attention if a["kind"] == "unresolved_link"]
    assert len(unresolved) == 7


def test_merck_pop_ups_are_cross_reference_blocks(merck):
    cross = [b.value for b in merck.body if b.block_type == "cross_reference"]
    assert [(v["title"], v["summary"]) for v in cross] == [
        ("Electromyography and Nerve Conduction Studies", EMG_SUMMARY),
        ("Complex Regional Pain Syndrome", CRPS_SUMMARY),
    ]


def test_physician_call_to_action(client, spine):
    callout = next(b.value for b in spine.body if b.block_type == "callout")
    assert callout["kind"] == "physician_search"
    search_page = PhysicianSearchPage.objects.get()
    assert callout["page"].pk == search_page.pk
    html = render(client, spine)
    assert f'<a href="{search_page.url}">Find a Physician Near You</a>' in html


def test_quiz_link_goes_to_a_draft_quiz_until_it_is_published(client, merck):
    quiz = QuizPage.objects.get(slug="neuropathic-pain-quiz")
    assert not quiz.live
    assert merck.quiz_id == quiz.pk
    callout = next(b.value for b in merck.body if b.block_type == "callout")
    assert (callout["kind"], callout["heading"], callout["page"].pk) == (
        "quiz",
        "Take a Quiz!",
        quiz.pk,
    )
    assert "Take a Quiz!" in visible_text(render(client, merck), within_class="article__body")
    quiz.save_revision().publish()  # what load_site_content does once the quiz has questions
    assert f'<a href="{quiz.url}">Take a Quiz!</a>' in render(client, merck)


def test_editor_attention_lists(merck, spine):
    structure = {"lost_list", "empty_heading", "truncated"}
    kinds = [(a["kind"], a["excerpt"]) for a in merck.attention if a["kind"] in structure]
    assert kinds == [
        ("lost_list", "Neuropathic pain may result from"),
        ("lost_list", "Pain relievers used to treat neuropathic pain include the following:"),
        ("empty_heading", "Physical and occupational therapy"),
    ]
    assert ("video_incomplete", "Causes of Neuropathic Pain") in [
        (a["kind"], a["excerpt"]) for a in spine.attention
    ]


def test_summary_of_the_run(seeded):
    assert "Documents read: 2" in seeded
    assert "Articles created: 2, updated: 0, unchanged: 0, skipped: 0" in seeded
    assert f"Drugs created: {len(load_reference())}, updated: 0" in seeded
    assert "Unresolved links: 7" in seeded
    assert (
        "Neuropathic Pain: lead-in with no list after it “Neuropathic pain may result from”"
        in seeded
    )


# Every imported page works ------------------------------------------------------------------


def test_every_imported_page_renders_and_opens_in_the_admin(client, editor_client):
    pages = list(ArticlePage.objects.all()) + list(DrugPage.objects.all())
    assert len(pages) == 2 + len(load_reference())
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
    for page in [*pages, QuizPage.objects.get(slug="neuropathic-pain-quiz")]:
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.title
    assert editor_client.get(f"/admin/pages/{article(MERCK_TITLE).pk}/history/").status_code == 200


def test_tree_revisions_and_indexes_are_consistent(db):
    assert Page.find_problems() == ([], [], [], [], [])
    for page in ArticlePage.objects.all():
        assert page.live_revision_id == page.latest_revision_id == page.loaded_revision_id
        revision = page.get_latest_revision_as_object()
        assert revision.body.get_prep_value() == page.body.get_prep_value()
    # What Wagtail would record for each page is what the import recorded.
    recorded = set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "content_path"))
    for page in Page.objects.all():
        ReferenceIndex.create_or_update_for_object(page.specific)
    assert set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "content_path")) == (
        recorded
    )


def test_site_search_finds_imported_articles_and_drugs(client):
    text = visible_text(client.get("/search/", {"q": "allodynia"}).content)
    assert MERCK_TITLE in text
    text = visible_text(client.get("/search/", {"q": "Neurontin"}).content)
    assert "gabapentin" in text
