"""Honest review status on every article and drug page, and JSON-LD only when it is true."""

import datetime

import pytest

from django.utils import timezone

from core.structured_data import review_facts
from tests.factories import ArticlePageFactory, DrugPageFactory, PersonFactory
from tests.helpers import json_ld, json_ld_of_type
from tests.importer.import_helpers import visible_text

TODAY = timezone.localdate()
LAST_YEAR = TODAY - datetime.timedelta(days=200)


def in_days(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture
def rita(db):
    return PersonFactory(name="Rita Reviewer", credentials="MD, PhD")


def article(parent, **fields):
    return ArticlePageFactory(parent=parent, title="Nerve pain", **fields)


def test_a_reviewed_article_names_reviewer_credentials_and_both_dates(client, article_index, rita):
    page = article(
        article_index, reviewer=rita, last_reviewed=LAST_YEAR, next_review_due=in_days(165)
    )
    html = client.get(page.url).text
    text = visible_text(html)
    expected = (
        f"Medically reviewed by Rita Reviewer, MD, PhD on {LAST_YEAR:%-d %B %Y}"
        f" · Next review due {in_days(165):%-d %B %Y}"
    )
    assert expected in text
    assert "due for review" not in text and "not yet been medically reviewed" not in text
    data = json_ld_of_type(html, "MedicalWebPage")
    assert data["reviewedBy"]["name"] == "Rita Reviewer"
    assert data["lastReviewed"] == LAST_YEAR.isoformat()


def test_an_overdue_article_says_it_is_due_for_review(client, article_index, rita):
    page = article(
        article_index, reviewer=rita, last_reviewed=in_days(-400), next_review_due=in_days(-35)
    )
    text = visible_text(client.get(page.url).text)
    assert "This page is due for review: its next review date has passed." in text
    assert f"Next review due {in_days(-35):%-d %B %Y}" in text


def test_an_imported_article_is_not_called_reviewed(client, article_index):
    """The source's own "Reviewed/Revised" date is the publisher's, not a NeuroPain review."""
    page = article(
        article_index,
        reviewer=None,
        last_reviewed=datetime.date(2022, 6, 1),
        next_review_due=datetime.date(2023, 6, 1),
        source_publisher="Merck Manual (Consumer Version)",
    )
    html = client.get(page.url).text
    text = visible_text(html)
    assert "This page has not yet been medically reviewed." in text
    assert "Medically reviewed by" not in text and "Next review due" not in text
    assert (
        "Original article reviewed/revised Jun 2022 (by its publisher, not a NeuroPain review)"
        in text
    )
    data = json_ld_of_type(html, "MedicalWebPage")
    assert "reviewedBy" not in data and "lastReviewed" not in data
    assert review_facts(page) == {}


def test_article_metadata_is_folded_under_one_line(client, article_index, rita):
    page = article(article_index, reviewer=rita, last_reviewed=LAST_YEAR)
    html = client.get(page.url).text
    header = html.split('<header class="article__header">')[1].split("</header>")[0]
    assert header.index("<h1>") < header.index('class="review-status"')
    assert header.index('class="review-status"') < header.index("<details")
    details = header.split("<details")[1]
    assert "<summary>" in details and 'class="article__meta"' in details
    assert "min read" in details.split("</summary>")[0]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "This page has not yet been medically reviewed."),
        (
            {"last_reviewed": LAST_YEAR, "next_review_due": in_days(-1)},
            "This page is due for review",
        ),
        (
            {"last_reviewed": LAST_YEAR, "next_review_due": in_days(30)},
            f"Medically reviewed by Rita Reviewer, MD, PhD on {LAST_YEAR:%-d %B %Y}",
        ),
    ],
)
def test_every_drug_page_shows_its_review_status(client, drug_index, rita, fields, expected):
    if fields:
        fields["reviewer"] = rita
    drug = DrugPageFactory(parent=drug_index, **fields)
    assert expected in visible_text(client.get(drug.url).text)


def test_the_due_notice_appears_the_day_the_date_passes_even_from_the_cache(
    client, article_index, rita, monkeypatch, settings
):
    settings.FRAGMENT_CACHE_ENABLED = True
    page = article(article_index, reviewer=rita, last_reviewed=LAST_YEAR, next_review_due=TODAY)
    assert "due for review" not in client.get(page.url).text
    tomorrow = in_days(1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert "This page is due for review" in client.get(page.url).text


def test_drug_json_ld_says_who_reviewed_it_only_when_someone_did(client, drug_index, rita):
    reviewed = DrugPageFactory(
        parent=drug_index, title="gabapentin", reviewer=rita, last_reviewed=LAST_YEAR
    )
    data = json_ld_of_type(client.get(reviewed.url).text, "MedicalWebPage")
    assert data["about"] == {"@type": "Drug", "name": "gabapentin"}
    assert data["reviewedBy"]["name"] == "Rita Reviewer"
    assert data["lastReviewed"] == LAST_YEAR.isoformat()

    never = DrugPageFactory(parent=drug_index, title="pregabalin", reviewer=None)
    html = client.get(never.url).text
    assert not [item for item in json_ld(html) if item.get("@type") == "MedicalWebPage"]
    assert json_ld_of_type(html, "Drug")["name"] == "pregabalin"
