"""The article page: citations, drugs table, related articles, calls to action, dates, markup."""

import datetime

import pytest

from articles.citations import add_citation_anchors, cited_numbers
from drugs.models import DrugPage
from glossary.markup import get_glossary
from tests.factories import (
    ArticleAuthorFactory,
    ArticlePageFactory,
    ArticleReferenceFactory,
    BrandNameFactory,
    DrugPageFactory,
    PersonFactory,
    QuizPageFactory,
    mention_drugs,
)
from tests.helpers import element_by_id, elements, json_ld_of_type, meta_content
from tests.importer.import_helpers import visible_text

CITED_BODY = [
    ("heading", {"text": "Causes of nerve pain", "level": "h2"}),
    (
        "paragraph",
        '<p>Diabetes is the most common cause.<sup><a href="#ref-1">1</a></sup> '
        'Shingles is another.<sup><a href="#ref-2">2</a></sup></p>',
    ),
    ("bullet_list", {"items": ['<p>Injury<sup><a href="#ref-1">1</a></sup></p>']}),
]


def make_article(parent, *, size=1, title="Nerve pain explained", body=None, **kwargs):
    """An article with `size` authors, references and drugs (each drug with two brands)."""
    page = ArticlePageFactory(parent=parent, title=title, body=body or CITED_BODY, **kwargs)
    for _ in range(size):
        ArticleAuthorFactory(page=page)
        ArticleReferenceFactory(page=page)
    return page


def add_drugs(article, drug_index, size):
    for number in range(size):
        drug = DrugPageFactory(parent=drug_index, title=f"drug{number:02d}")
        BrandNameFactory(page=drug, name=f"Brand{number:02d}A")
        BrandNameFactory(page=drug, name=f"Brand{number:02d}B")
        mention_drugs(article, drug)
    article.save()


def test_citation_markers_link_to_references_and_back(client, article_index):
    page = make_article(article_index, size=3)
    html = client.get(page.url).text
    marker = element_by_id(html, "cite-1")
    assert marker == ("a", {"id": "cite-1", "href": "#ref-1"})
    assert element_by_id(html, "cite-2")[1]["href"] == "#ref-2"
    # Reference 1 is cited twice; only the first marker carries the id.
    assert html.count('id="cite-1"') == 1
    assert element_by_id(html, "ref-1")[0] == "li"
    assert elements(html, "a", href="#cite-1") and elements(html, "a", href="#cite-2")
    # Reference 3 is never cited in the text, so it has no back-link to a missing marker.
    assert not elements(html, "a", href="#cite-3")


def test_citation_anchors_only_touch_markers_in_superscript():
    html = (
        '<p><a href="#ref-4">see reference 4</a> and<sup><a href="#ref-4">4</a>,'
        '<a href="#ref-5">5</a></sup><sup><a id="mine" href="#ref-6">6</a></sup></p>'
    )
    result = add_citation_anchors(html)
    assert '<a href="#ref-4">see reference 4</a>' in result
    assert (
        '<sup><a id="cite-4" href="#ref-4">4</a>,<a id="cite-5" href="#ref-5">5</a></sup>' in result
    )
    assert '<a id="mine" href="#ref-6">' in result and "cite-6" not in result
    assert cited_numbers(html) == {4, 5, 6}


def test_drugs_mentioned_table_links_generics_and_lists_brands(client, article_index, drug_index):
    page = make_article(article_index)
    add_drugs(page, drug_index, 2)
    unpublished = DrugPageFactory(parent=drug_index, title="withdrawn drug", live=False)
    mention_drugs(page, unpublished)
    page.save()
    html = client.get(page.url).text
    assert "Drugs mentioned in this article" in html
    drug = DrugPage.objects.get(title="drug00")
    assert elements(html, "a", href=drug.url)
    assert "Brand00A, Brand00B" in html
    assert "not exhaustive" in html and "no endorsement" in html
    assert "withdrawn drug" not in html


def test_related_articles_link_to_the_page_or_to_a_search(client, article_index):
    related = ArticlePageFactory(parent=article_index, title="Shingles pain")
    draft = ArticlePageFactory(parent=article_index, title="Draft article", live=False)
    page = make_article(
        article_index,
        body=[
            ("see_also", {"page": related, "title": "", "verb": "See"}),
            ("see_also", {"page": None, "title": "Anatomy of nerve pain", "verb": "Read about"}),
            ("see_also", {"page": draft, "title": "", "verb": "See"}),
        ],
    )
    html = client.get(page.url).text
    assert elements(html, "a", href=related.url)
    assert elements(html, "a", href="/search/?q=Anatomy+of+nerve+pain")
    # An unpublished choice falls back to a search for its title, never to an empty link.
    assert elements(html, "a", href="/search/?q=Draft+article")


def test_physician_callout_links_the_live_search_page_without_a_chosen_page(
    client, article_index, quiz_index, physician_search_page
):
    quiz = QuizPageFactory(parent=quiz_index, title="Nerve pain quiz")
    page = make_article(
        article_index,
        body=[
            ("callout", {"kind": "physician_search", "heading": "Find a pain specialist"}),
            ("callout", {"kind": "quiz", "heading": "Take a Quiz!"}),
            ("callout", {"kind": "note", "heading": "Talk to your doctor"}),
        ],
        quiz=quiz,
    )
    html = client.get(page.url).text
    assert '<a href="/find-a-physician/">Find a pain specialist</a>' in html
    assert f'<a href="{quiz.url}">Take a Quiz!</a>' in html
    assert (
        "Talk to your doctor" in html
        and "<a href" not in html.split("Talk to your doctor")[0][-40:]
    )

    page.quiz = None
    page.save()
    html = client.get(page.url).text
    assert '<a href="/quizzes/">Take a Quiz!</a>' in html

    physician_search_page.unpublish()
    html = client.get(page.url).text
    assert "Find a pain specialist" in html and 'href="/find-a-physician/"' not in html


def test_dates_reviewer_reading_time_source_and_breadcrumb(client, article_index):
    reviewer = PersonFactory(name="Rita Reviewer", credentials="PhD", affiliation="Mayo Clinic")
    words = " ".join(["word"] * 450)
    page = make_article(
        article_index,
        body=[("paragraph", f"<p>{words}</p>")],
        reviewer=reviewer,
        last_reviewed=datetime.date(2022, 6, 1),
        last_modified=datetime.date(2023, 1, 15),
        next_review_due=datetime.date(2025, 6, 1),
        source_publisher="Merck Manual Consumer Version",
        source_url="https://www.merckmanuals.com/home/example",
    )
    html = client.get(page.url).text
    assert "Rita Reviewer, PhD, Mayo Clinic" in html
    assert '<time datetime="2022-06-01">1 June 2022</time>' in html
    assert '<time datetime="2023-01-15">Jan 2023</time>' in html
    assert "Medically reviewed by Rita Reviewer, PhD on <time" in html
    assert "Next review due <time" in html
    assert "3 min" in html  # 450 words at 200 a minute
    assert "Source: Merck Manual Consumer Version" in html
    assert elements(html, "a", href="https://www.merckmanuals.com/home/example")
    breadcrumb = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/"' in breadcrumb and 'href="/articles/"' in breadcrumb
    assert 'aria-current="page"' in breadcrumb


def test_medical_web_page_markup(client, article_index, drug_index):
    reviewer = PersonFactory(name="Rita Reviewer", credentials="PhD")
    page = make_article(
        article_index,
        title="Neuropathic Pain: Causes and Treatment",
        reviewer=reviewer,
        last_reviewed=datetime.date(2022, 6, 1),
        last_modified=datetime.date(2023, 1, 15),
    )
    add_drugs(page, drug_index, 1)
    html = client.get(page.url).text
    data = json_ld_of_type(html, "MedicalWebPage")
    assert data["@context"] == "https://schema.org"
    assert data["about"] == {"@type": "MedicalCondition", "name": "Neuropathic Pain"}
    author = data["author"][0]
    assert author["@type"] == "Person" and author["honorificSuffix"] == "MD"
    assert author["affiliation"]["name"] == "Example University Hospital"
    assert data["reviewedBy"]["name"] == "Rita Reviewer"
    assert data["lastReviewed"] == "2022-06-01"
    assert data["dateModified"] == "2023-01-15"
    assert data["medicalAudience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert data["url"] == page.full_url
    assert data["mentions"][0]["name"] == "drug00"
    crumbs = json_ld_of_type(html, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Articles", page.title]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]


def test_markup_cannot_break_out_of_its_script(client, article_index):
    page = make_article(article_index, title="Pain </script><script>alert(1)</script> & more")
    html = client.get(page.url).text
    assert "<script>alert(1)</script>" not in html
    data = json_ld_of_type(html, "MedicalWebPage")
    assert data["name"] == "Pain </script><script>alert(1)</script> & more"


def test_canonical_description_and_open_graph(client, article_index):
    page = make_article(article_index, summary="What nerve pain is and how it is treated.")
    html = client.get(page.url).text
    canonical = elements(html, "link", rel="canonical")[0][1]["href"]
    assert canonical == page.full_url
    assert meta_content(html, "description") == "What nerve pain is and how it is treated."
    assert meta_content(html, "og:title") == page.title
    assert meta_content(html, "og:description") == "What nerve pain is and how it is treated."
    assert meta_content(html, "og:type") == "article"
    assert meta_content(html, "og:url") == page.full_url


@pytest.mark.parametrize("size", [1, 8])
def test_article_queries_do_not_grow_with_its_content(
    client, article_index, drug_index, quiz_index, size, django_assert_max_num_queries
):
    """A constant number of queries, however many authors, references, drugs and brands.

    Wagtail's own serving (site, routing, view restrictions) and the shared breadcrumb and
    navigation take 10 of them; the article adds 8: authors with their people, reviewer,
    references, drugs, their brand names, topics, the related-page choosers and the
    breadcrumb's JSON-LD.
    """
    quiz = QuizPageFactory(parent=quiz_index)
    related = [ArticlePageFactory(parent=article_index) for _ in range(size)]
    body = [*CITED_BODY]
    for page in related:
        body.append(("see_also", {"page": page, "title": "", "verb": "See"}))
        body.append(("callout", {"kind": "physician_search", "heading": "Find a doctor"}))
    article = make_article(article_index, size=size, body=body, reviewer=PersonFactory(), quiz=quiz)
    add_drugs(article, drug_index, size)
    article.tags.add(*[f"topic {n}" for n in range(size)])
    article.save()
    client.get("/")  # warm the per-process caches (content types, site root paths)
    get_glossary()  # built once per process, not per request
    with django_assert_max_num_queries(18):
        response = client.get(article.url)
    assert response.status_code == 200
    assert response.text.count("<tr>") == size + 1


def test_preview_of_unsaved_authors_and_drugs(article_index, drug_index, rf):
    """In a preview the authors and drugs are in memory, not yet in the database."""
    from articles.models import ArticleAuthor

    page = make_article(article_index)
    drug = DrugPageFactory(parent=drug_index, title="previewed drug")
    preview = page.get_latest_revision_as_object()
    preview.authors = [ArticleAuthor(person=PersonFactory(name="Unsaved Author"))]
    mention_drugs(preview, drug)
    response = preview.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unsaved Author" in html and "previewed drug" in html


def test_a_lead_paragraph_repeating_the_summary_is_shown_once(client, article_index):
    """Imported articles take their lead from the first paragraph: readers see it once, in
    the header, while the stored body keeps the paragraph for editors."""
    lead = "Nerve pain is pain caused by damage to the nerves."
    page = ArticlePageFactory(
        parent=article_index,
        title="Nerve pain",
        summary=lead,
        body=[
            ("paragraph", f"<p>{lead}</p>"),
            ("paragraph", "<p>It often burns or tingles.</p>"),
        ],
    )
    text = visible_text(client.get(page.url).text)
    assert text.count(lead) == 1
    assert "It often burns or tingles." in text
    page.refresh_from_db()
    assert page.body[0].block_type == "paragraph" and lead in page.body[0].value.source


def test_a_first_paragraph_that_differs_from_the_summary_is_shown(client, article_index):
    page = ArticlePageFactory(
        parent=article_index,
        title="Nerve pain",
        summary="What nerve pain is.",
        body=[("paragraph", "<p>Nerve pain is pain caused by damage to the nerves.</p>")],
    )
    assert "Nerve pain is pain caused by damage to the nerves." in client.get(page.url).text


def test_an_article_served_from_its_fragment_keeps_one_breadcrumb_list_without_its_ancestors(
    client, article_index, settings
):
    """The BreadcrumbList is kept with the shared fragment, so a second reader's request does
    not read the page's ancestors for it (core/templatetags/seo_tags.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FRAGMENT_CACHE_ENABLED = True
    page = make_article(article_index)
    first = client.get(page.url).text
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url).text
    for html in (first, second):
        crumbs = json_ld_of_type(html, "BreadcrumbList")["itemListElement"]
        assert [crumb["name"] for crumb in crumbs] == ["Home", "Articles", page.title]
    ancestors = [q for q in queries.captured_queries if '"wagtailcore_page"."path" IN' in q["sql"]]
    assert ancestors == [], [q["sql"][:200] for q in queries.captured_queries]
