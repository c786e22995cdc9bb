"""Migrating "Drugs mentioned" from the many-to-many field to ArticleDrug rows and back: the
live lists and the revisions' lists (a draft waiting for review keeps its own) survive both
ways, the rows in the order readers saw (by title)."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Revision

from articles.models import ArticleDrug, ArticlePage
from tests.factories import ArticlePageFactory, DrugPageFactory, mention_drugs

BEFORE = [("articles", "0010_articledrug")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets=None):
    """Migrate to `targets` (default: every app's latest); the apps of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def article(article_index, drug_index):
    """Live: pregabalin then capsaicin (the editor's order); its draft adds amitriptyline."""
    drugs = {
        title: DrugPageFactory(parent=drug_index, title=title)
        for title in ("pregabalin", "capsaicin", "amitriptyline")
    }
    page = ArticlePageFactory(parent=article_index, title="Burning feet")
    mention_drugs(page, drugs["pregabalin"], drugs["capsaicin"])
    page.save_revision().publish()
    draft = page.get_latest_revision_as_object()
    mention_drugs(draft, drugs["amitriptyline"])
    draft.save_revision()
    page.refresh_from_db()
    return page, drugs


def titles(drug_ids, drugs):
    names = {drug.pk: title for title, drug in drugs.items()}
    return [names[pk] for pk in drug_ids]


def test_drugs_mentioned_move_to_rows_and_back(article):
    page, drugs = article
    published, draft = page.live_revision, page.latest_revision

    old = migrate(BEFORE)  # back: rows become many-to-many links, revisions' lists too
    old_page = old.get_model("articles", "ArticlePage").objects.get(pk=page.pk)
    assert sorted(titles(old_page.drugs.values_list("pk", flat=True), drugs)) == [
        "capsaicin",
        "pregabalin",
    ]
    assert not old.get_model("articles", "ArticleDrug").objects.exists()
    revisions = old.get_model("wagtailcore", "Revision").objects
    draft_content = revisions.get(pk=draft.pk).content
    assert "drug_links" not in draft_content
    assert titles(draft_content["drugs"], drugs) == ["pregabalin", "capsaicin", "amitriptyline"]

    migrate()  # forward again: rows in title order, the revisions rewritten to match
    page = ArticlePage.objects.get(pk=page.pk)
    assert [drug.title for drug in page.mentioned_drugs()] == ["capsaicin", "pregabalin"]
    assert [link.sort_order for link in page.drug_links.all()] == [0, 1]
    rows = {link.drug_id: link.pk for link in ArticleDrug.objects.filter(page=page)}

    live_links = Revision.objects.get(pk=published.pk).content["drug_links"]
    assert [(link["drug"], link["pk"], link["sort_order"]) for link in live_links] == [
        (drugs["capsaicin"].pk, rows[drugs["capsaicin"].pk], 0),
        (drugs["pregabalin"].pk, rows[drugs["pregabalin"].pk], 1),
    ]
    draft_page = page.get_latest_revision_as_object()
    assert [drug.title for drug in draft_page.mentioned_drugs()] == [
        "amitriptyline",
        "capsaicin",
        "pregabalin",
    ]
    # Publishing the draft under review gives the live page its list.
    page.get_latest_revision().publish()
    assert [drug.title for drug in ArticlePage.objects.get(pk=page.pk).mentioned_drugs()] == [
        "amitriptyline",
        "capsaicin",
        "pregabalin",
    ]
