"""The review-due report, its exports, the dashboard panels and the import attention list."""

import csv
import datetime
import io

import openpyxl
import pytest

from django.utils import timezone

from core.models import Person
from tests.factories import ArticleAuthorFactory, ArticlePageFactory, DrugPageFactory, PersonFactory

REPORT = "/admin/reports/review-due/"
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def pages(article_index, drug_index):
    reviewer = PersonFactory(name="Dr Due Reviewer", role=Person.Role.MEDICAL_REVIEWER)

    def article(title, **dates):
        page = ArticlePageFactory(parent=article_index, title=title, reviewer=reviewer, **dates)
        ArticleAuthorFactory(page=page, person=PersonFactory(name=f"Author of {title}"))
        return page

    return {
        "overdue": article("Overdue article", last_reviewed=days(-400), next_review_due=days(-35)),
        "soon": article("Due soon article", last_reviewed=days(-350), next_review_due=days(10)),
        "fresh": article("Fresh article", last_reviewed=days(-5), next_review_due=days(360)),
        "never": ArticlePageFactory(
            parent=article_index,
            title="Never reviewed article",
            last_reviewed=None,
            last_modified=None,
            next_review_due=None,
        ),
        "drug": DrugPageFactory(
            parent=drug_index,
            title="overduemycin",
            last_reviewed=days(-800),
            next_review_due=days(-1),
        ),
        "draft": article("Unpublished draft", last_reviewed=None, next_review_due=None, live=False),
    }


def titles_in_order(response):
    return [row.title for row in response.context["object_list"]]


def test_report_lists_due_pages_not_fresh_ones(login, editor, pages):
    response = login(editor).get(REPORT)
    assert response.status_code == 200
    text = response.text
    for key in ("overdue", "soon", "never", "drug"):
        assert pages[key].title in text, key
    assert "Fresh article" not in text
    assert "Unpublished draft" not in text
    # Author and reviewer columns, and the status in words.
    assert "Author of Overdue article" in text
    assert "Dr Due Reviewer" in text
    assert "Overdue" in text and "Due within 30 days" in text and "Never reviewed" in text
    # Overdue first, then due soon, then never reviewed (issue #18).
    assert titles_in_order(response) == [
        "Overdue article",
        "overduemycin",
        "Due soon article",
        "Never reviewed article",
    ]


def test_report_sorts_and_filters(login, editor, pages):
    client = login(editor)
    by_title = client.get(REPORT, {"ordering": "title"})
    assert titles_in_order(by_title) == sorted(titles_in_order(by_title))
    latest_first = client.get(REPORT, {"ordering": "-review_due"})
    assert titles_in_order(latest_first)[0] == "Due soon article"
    overdue = client.get(REPORT, {"status": "overdue"})
    assert titles_in_order(overdue) == ["Overdue article", "overduemycin"]
    drugs = client.get(REPORT, {"page_type": "drugpage"})
    assert titles_in_order(drugs) == ["overduemycin"]
    # An unknown filter value is a form error, not a server error.
    assert client.get(REPORT, {"status": "nonsense"}).status_code == 200
    assert client.get(REPORT, {"ordering": "password"}).status_code == 200


def test_report_exports_csv_and_xlsx(login, editor, pages):
    client = login(editor)
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="review-due')
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    overdue = next(row for row in rows if row["Title"] == "Overdue article")
    assert overdue["Medical reviewer"] == "Dr Due Reviewer"
    assert overdue["Authors"] == "Author of Overdue article"
    assert overdue["Next review due"] == days(-35).isoformat()
    assert overdue["Status"] == "Overdue"
    assert "Fresh article" not in {row["Title"] for row in rows}

    response = client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    header, *values = list(sheet.values)
    assert header[:2] == ("Title", "Type")
    assert {row[0] for row in values} == {
        "Overdue article",
        "Due soon article",
        "Never reviewed article",
        "overduemycin",
    }


def test_reports_are_in_the_reports_menu(login, editor, site):
    sidebar = login(editor).get("/admin/").text
    assert '"label": "Review due", "icon_name": "calendar-alt"' in sidebar
    assert '"url": "/admin/reports/review-due/"' in sidebar
    assert '"url": "/admin/reports/import-attention/"' in sidebar


def test_dashboard_summarises_review_due(login, reviewer, pages):
    text = login(reviewer).get("/admin/").text
    assert "Medical review due" in text
    assert "Overdue article" in text and "Fresh article" not in text
    assert "<strong>2</strong> overdue" in text
    # The fixture's page, and the find-a-physician page of a new site.
    assert "<strong>2</strong> never reviewed" in text


def test_dashboard_lists_import_attention(login, editor, article_index):
    ArticlePageFactory(
        parent=article_index,
        title="Imported with findings",
        attention=["A bulleted list was lost in the source", {"message": "Heading level guessed"}],
        unidentified_brands=["Zostrix-HP"],
        body=[
            ("see_also", {"page": None, "title": "Anatomy of nerve pain", "verb": "See"}),
            ("video", {"title": "Causes of nerve pain", "url": "", "teaser": "", "transcript": ""}),
        ],
    )
    text = login(editor).get("/admin/").text
    assert "Import attention" in text
    for expected in [
        "Imported with findings",
        "A bulleted list was lost in the source",
        "Heading level guessed",
        "Zostrix-HP",
        "See Anatomy of nerve pain",
        "Causes of nerve pain (no link or transcript)",
        "No medical reviewer recorded",
    ]:
        assert expected in text, expected

    report = login(editor).get("/admin/reports/import-attention/")
    assert "Imported with findings" in report.text and "Zostrix-HP" in report.text
    csv_rows = login(editor).get("/admin/reports/import-attention/", {"export": "csv"})
    assert "Unresolved “See” links: See Anatomy of nerve pain" in csv_rows.getvalue().decode()


def test_reviewed_article_with_complete_video_needs_no_attention(login, editor, article_index):
    ArticlePageFactory(
        parent=article_index,
        title="Complete article",
        reviewer=PersonFactory(),
        body=[
            (
                "video",
                {
                    "title": "Living well",
                    "url": "https://example.com/video",
                    "teaser": "",
                    "transcript": "<p>Transcript.</p>",
                },
            ),
        ],
    )
    assert "No imported article needs attention." in login(editor).get("/admin/").text


def test_report_filters_by_reviewer(login, editor, pages, article_index):
    author_reviewing = PersonFactory(name="Dr Author Too")  # role "author", yet named reviewer
    ArticlePageFactory(
        parent=article_index,
        title="Reviewed by an author",
        reviewer=author_reviewing,
        last_reviewed=days(-400),
        next_review_due=days(-3),
    )
    response = login(editor).get(REPORT, {"reviewer": author_reviewing.pk})
    assert titles_in_order(response) == ["Reviewed by an author"]
    assert "Dr Author Too" in response.text
