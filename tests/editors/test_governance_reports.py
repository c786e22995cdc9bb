"""Dashboards and reports point the right way: the most urgent first, each role's own work
first, one line per problem, and exports that cannot run a formula."""

import csv
import datetime
import io

from bs4 import BeautifulSoup

from django.utils import timezone

from editorial.exports import neutralise
from tests.factories import ArticlePageFactory

from .forms import article_edit_form
from .test_review_wording import COMMENT, submit, workflow_action


def panel_ids(response):
    soup = BeautifulSoup(response.text, "html.parser")
    return [section.get("id") for section in soup.select("main section[id]")]


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_dashboard_lists_overdue_before_due_soon_before_never(login, reviewer, article_index):
    ArticlePageFactory(parent=article_index, title="A never reviewed", last_reviewed=None)
    ArticlePageFactory(
        parent=article_index, title="B due soon", last_reviewed=days(-300), next_review_due=days(5)
    )
    ArticlePageFactory(
        parent=article_index, title="C overdue", last_reviewed=days(-500), next_review_due=days(-9)
    )
    text = login(reviewer).get("/admin/").text
    soup = BeautifulSoup(text, "html.parser")
    rows = [a.get_text() for a in soup.select("#review-due-content td.title a")]
    # The find-a-physician page (its "Which doctor?" explainer) is reviewed content too,
    # never reviewed on a new site.
    assert rows == ["C overdue", "B due soon", "A never reviewed", "Find a physician"]
    summary = " ".join(soup.select_one("#review-due-content p").get_text().split())
    assert summary == "1 overdue · 1 due within 30 days · 2 never reviewed"


def test_reviewer_sees_awaiting_your_review_first(login, editor, reviewer, article):
    submit(login(editor), article, summary="Please review.")
    ids = panel_ids(login(reviewer).get("/admin/"))
    assert ids[0] == "awaiting-review-section", ids


def test_editor_sees_changes_requested_first(login, editor, reviewer, article):
    submit(login(editor), article, summary="A claim without a source.")
    workflow_action(login(reviewer), article, "reject", COMMENT)
    response = login(editor).get("/admin/")
    ids = panel_ids(response)
    assert ids[0] == "changes-requested-section", ids
    panel = BeautifulSoup(response.text, "html.parser").select_one("#changes-requested-content")
    text = " ".join(panel.get_text().split())
    assert "Living with nerve pain" in text and "Rex Reviewer" in text and COMMENT in text


def test_attention_report_has_one_line_per_problem(login, editor, article_index):
    ArticlePageFactory(
        parent=article_index,
        title="Pharmacological management of neuropathic pain",
        attention=["Heading level guessed", "Heading level guessed"],
        unidentified_brands=["Zostrix-HP"],
    )
    response = login(editor).get("/admin/reports/import-attention/")
    soup = BeautifulSoup(response.text, "html.parser")
    problems = [" ".join(li.get_text().split()) for li in soup.select("ul.np-problems li")]
    assert problems == [
        "Import findings: Heading level guessed",
        "Unidentified brand names: Zostrix-HP",
        "Articles without a medical reviewer: No medical reviewer recorded",
    ]
    # Titles wrap between words: the admin stylesheet overrides Wagtail's word-break.
    assert "css/admin.css" in response.text


def test_csv_cells_cannot_start_a_formula(login, editor, article_index):
    ArticlePageFactory(
        parent=article_index,
        title='=HYPERLINK("https://evil.example","Click")',
        last_reviewed=None,
    )
    for report, column in (("review-due", "Title"), ("import-attention", "Article")):
        response = login(editor).get(f"/admin/reports/{report}/", {"export": "csv"})
        rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
        assert rows[0][column] == '\'=HYPERLINK("https://evil.example","Click")', report
    for value in ("+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(value) == "'" + value
    assert neutralise("Plain title") == "Plain title"


def test_editor_edit_form_still_posts(login, editor, article):
    response = login(editor).post(
        f"/admin/pages/{article.pk}/edit/", article_edit_form(article, summary="Saved.")
    )
    assert response.status_code == 302
