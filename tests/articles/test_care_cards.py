"""Care cards: added to both seed condition articles by load_site_content as a draft in
medical review; readers see them, with their sources, once a reviewer approves."""

import json
from io import StringIO

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import ArticlePage
from core.models import Person
from importer.management.commands.load_site_content import data_file
from review.roles import REVIEWERS_GROUP
from tests.importer.import_helpers import MERCK_TITLE, SPINE_TITLE, run_import, visible_text

CARDS = json.loads(data_file("articles", "care_cards.json").read_text())["cards"]
LEVELS = [
    "Non-urgent: see a doctor",
    "Urgent: call your doctor or an urgent care line now",
    "Emergency: call 911",
]


def load():
    out = StringIO()
    call_command("load_site_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(site):
    run_import()
    return load()


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("rex", "rex@example.com", "pw")
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    Person.objects.create(
        name="Dr Rex Reviewer", credentials="MD", role=Person.Role.MEDICAL_REVIEWER, user=user
    )
    return user


def approve(page, user):
    state = page.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, "approve")


def card_blocks(page):
    return [block for block in page.body.raw_data if block["type"] == "care_card"]


def test_every_card_cites_a_source_and_each_level_is_used():
    assert sorted(card["level"] for card in CARDS) == ["emergency", "non_urgent", "urgent"]
    for card in CARDS:
        assert card["source_url"].startswith("https://") and card["source_title"]


@pytest.mark.parametrize("title", [MERCK_TITLE, SPINE_TITLE])
def test_cards_wait_for_medical_review_then_show_with_their_sources(
    client, seeded, reviewer, title
):
    assert "Care cards (sent to medical review): 2 created" in seeded
    page = ArticlePage.objects.get(title=title)
    assert not card_blocks(page)  # the live page is unchanged
    assert "Emergency: call 911" not in client.get(page.url).text
    assert page.workflow_in_progress
    draft = page.get_latest_revision_as_object()
    assert [block.value["level"] for block in draft.body if block.block_type == "care_card"] == [
        "non_urgent",
        "urgent",
        "emergency",
    ]
    # Placed after the introduction, before the first section.
    types = [block.block_type for block in draft.body]
    assert types.index("care_card") < types.index("heading")

    approve(page, reviewer)
    page.refresh_from_db()
    html = client.get(page.url).text
    text = visible_text(html)
    positions = [text.index(level) for level in LEVELS]
    assert positions == sorted(positions)
    for card in CARDS:
        assert f'href="{card["source_url"]}"' in html
        assert f"Source: {card['source_title']}" in text
    assert "Medically reviewed by Dr Rex Reviewer, MD on" in text


def test_loading_again_adds_nothing_even_after_an_editor_removes_the_cards(seeded, reviewer):
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    revisions = page.revisions.count()
    assert "Care cards (sent to medical review): 0 created, 0 updated, 2 unchanged" in load()
    assert page.revisions.count() == revisions
    approve(page, reviewer)
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    latest.body = [(b.block_type, b.value) for b in latest.body if b.block_type != "care_card"]
    latest.save_revision()
    assert "Care cards (sent to medical review): 0 created, 0 updated, 2 unchanged" in load()
    assert not [b for b in page.get_latest_revision_as_object().body if b.block_type == "care_card"]


def test_a_care_card_prints_and_reads_without_colour(client, seeded, reviewer):
    page = ArticlePage.objects.get(title=SPINE_TITLE)
    approve(page, reviewer)
    html = client.get(page.url).text
    # The level is written out in a heading, not carried by colour or an icon.
    assert '<h2 class="care-card__level"' in html and "<svg" not in html.split("care-card")[1]


def test_a_dry_run_changes_nothing_and_emails_nobody(site, mailoutbox):
    run_import()
    page = ArticlePage.objects.get(title=MERCK_TITLE)
    revisions = page.revisions.count()
    out = StringIO()
    call_command("load_site_content", "--dry-run", stdout=out)
    assert "Care cards (sent to medical review): 2 created" in out.getvalue()
    assert page.revisions.count() == revisions and not page.workflow_in_progress
    assert mailoutbox == []
