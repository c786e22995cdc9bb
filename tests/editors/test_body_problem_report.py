"""The import-attention report lists broken text in each article's latest revision, one line per
place, including places an editor wrote after the import, from records kept as revisions are
saved (no article body is read on a request unless its record is behind)."""

import csv
import io

from wagtail.test.utils.form_data import rich_text, streamfield

from articles.models import ArticlePage
from editorial.body_problems import current_problems
from editorial.models import BodyProblemRecord
from tests.factories import ArticlePageFactory, PersonFactory
from tests.importer.import_helpers import MERCK_TITLE, SPINE_TITLE, run_import

from .forms import article_edit_form

REPORT = "/admin/reports/import-attention/"


def report_lines(client):
    """{article title: [line]} from the report's CSV export (one row per article)."""
    rows = csv.DictReader(io.StringIO(client.get(REPORT, {"export": "csv"}).getvalue().decode()))
    return {row["Article"]: row["To check"].splitlines() for row in rows}


def save_draft(client, page, blocks):
    data = article_edit_form(page, body=streamfield(blocks))
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()


def test_problems_an_editor_writes_are_listed_one_line_each(login, editor, article):
    client = login(editor)
    assert article.title not in report_lines(client)  # reviewed, nothing broken
    save_draft(
        client,
        article,
        [
            ("heading", {"text": "Treatment", "level": "h2"}),
            ("paragraph", rich_text("<p>Treatments for nerve pain include the following:</p>")),
            ("heading", {"text": "Exercise", "level": "h2"}),
        ],
    )
    lines = report_lines(client)[article.title]
    assert lines == [
        "Heading with no text under it: “Treatment”",
        "Lead-in with no list after it: “Treatments for nerve pain include the following:”",
        "Heading with no text under it: “Exercise”",
    ]
    # Recorded when the draft was saved, from that revision (the live page is unchanged).
    record = BodyProblemRecord.objects.get(page=article)
    assert record.revision_id == article.latest_revision_id
    assert "include the following" not in ArticlePage.objects.get(pk=article.pk).body_text
    html = client.get(REPORT).text
    assert "Treatments for nerve pain include the following:" in html

    # The editor finishes the section: its lines go, the one left stays.
    save_draft(
        client,
        article,
        [
            ("heading", {"text": "Treatment", "level": "h2"}),
            ("paragraph", rich_text("<p>Treatments for nerve pain include the following:</p>")),
            ("paragraph", rich_text("<p>Medicines and exercise both help.</p>")),
            ("heading", {"text": "Exercise", "level": "h2"}),
            ("paragraph", rich_text("<p>Walking helps many people.</p>")),
        ],
    )
    assert report_lines(client)[article.title] == [
        "Lead-in with no list after it: “Treatments for nerve pain include the following:”"
    ]


def test_seed_articles_list_each_held_back_place_once_with_its_text(login, editor, site):
    run_import()
    lines = report_lines(login(editor))
    merck = lines[MERCK_TITLE]
    for line in [
        "Lead-in with no list after it: “Neuropathic pain may result from”",
        "Lead-in with no list after it: "
        "“Pain relievers used to treat neuropathic pain include the following:”",
        "Heading with no text under it: “Physical and occupational therapy”",
    ]:
        assert merck.count(line) == 1, (line, merck)
    # The import's notes about the same places give way to the body's lines.
    assert not [line for line in merck if "lead-in with no list after it" in line]
    spine = lines[SPINE_TITLE]
    see_lines = [line for line in spine if "Anatomy Of Nerve Pain" in line]
    assert see_lines == ["Unresolved “See” links: See Anatomy Of Nerve Pain"], spine
    assert [line for line in spine if "Causes of Neuropathic Pain" in line] == [
        "Videos without a link or transcript: Causes of Neuropathic Pain (no link or transcript)"
    ]


def test_the_report_reads_records_not_bodies(article_index, django_assert_num_queries):
    pages = []
    for number in range(5):
        page = ArticlePageFactory(
            parent=article_index,
            title=f"Article {number}",
            reviewer=PersonFactory(),
            body=[("paragraph", "<p>Symptoms may include</p>")],
        )
        page.save_revision()
        pages.append(page)
    # Saving the revisions recorded them: the report reads two tables, however many articles.
    with django_assert_num_queries(2):
        found = current_problems()
    assert all(found[page.pk][0]["kind"] == "lead_in" for page in pages)
    # A page whose record is missing or behind (created in bulk, say) is read once and
    # recorded.
    BodyProblemRecord.objects.filter(page=pages[0]).delete()
    assert current_problems()[pages[0].pk][0]["text"] == "Symptoms may include"
    assert BodyProblemRecord.objects.get(page=pages[0]).revision_id == pages[0].latest_revision_id
