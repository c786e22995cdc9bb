"""Broken text in each article's latest revision, for the import-attention report.

The page editor warns at the block (articles.forms); this lists the same places in the report,
including ones an editor wrote after the import (a lead-in with nothing after it, an empty
section). Each revision's problems are recorded when it is saved (`BodyProblemRecord`); the
report reads the records and reads a revision only for a page whose record is behind (pages
created in bulk, or before the records existed).
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save

from wagtail.models import Revision

from articles import problems as kinds
from articles.models import ArticlePage
from articles.problems import find_problems
from importer.attention import AttentionItem, AttentionKind, PageAttention, describe

from .models import BodyProblemRecord

# articles.problems kinds -> the attention vocabulary's labels.
ATTENTION_KINDS = {
    kinds.LEAD_IN: AttentionKind.LOST_LIST,
    kinds.EMPTY_SECTION: AttentionKind.EMPTY_HEADING,
    kinds.TRUNCATED: AttentionKind.TRUNCATED,
    kinds.MISSING_MEDIA: AttentionKind.VIDEO_INCOMPLETE,
    kinds.UNRESOLVED_LINK: AttentionKind.UNRESOLVED_LINK,
}
# Import notes about places the body now answers for itself (the latest revision's problems).
SUPERSEDED_NOTES = {AttentionKind.LOST_LIST, AttentionKind.EMPTY_HEADING, AttentionKind.TRUNCATED}
# Kinds the importer already lists from the live body, one line per place.
LISTED_FROM_BODY = {AttentionKind.UNRESOLVED_LINK, AttentionKind.VIDEO_INCOMPLETE}
EXCERPT = 120
# Articles whose records are behind, read this many at a time.
BATCH = 200


def _problems(raw_body):
    if isinstance(raw_body, str):
        raw_body = json.loads(raw_body or "[]")
    return [
        {"kind": problem.kind, "text": problem.text, "block_id": problem.block_id}
        for problem in find_problems(raw_body or [])
    ]


def _article_type_id():
    return ContentType.objects.get_for_model(ArticlePage).pk


def record_revision(revision):
    BodyProblemRecord.objects.update_or_create(
        page_id=int(revision.object_id),
        defaults={"revision": revision, "problems": _problems(revision.content.get("body"))},
    )


def revision_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.content_type_id == _article_type_id():
        record_revision(instance)


def connect():
    post_save.connect(revision_saved, sender=Revision, dispatch_uid="editorial.body_problems")


def current_problems():
    """{article id: [problem]} for every article's latest revision (or its own body when it
    has none), refreshing the records that are behind."""
    latest = dict(ArticlePage.objects.values_list("pk", "latest_revision_id"))
    records = {
        record.page_id: record
        for record in BodyProblemRecord.objects.filter(page_id__in=ArticlePage.objects.values("pk"))
    }
    behind = [
        pk
        for pk, revision_id in latest.items()
        if pk not in records or records[pk].revision_id != revision_id
    ]
    for start in range(0, len(behind), BATCH):
        records.update(_refresh(behind[start : start + BATCH], latest))
    return {pk: record.problems for pk, record in records.items() if pk in latest}


def _refresh(pks, latest):
    """New records for these articles, read from their latest revisions (or bodies)."""
    revisions = Revision.objects.in_bulk([latest[pk] for pk in pks if latest[pk]])
    without = ArticlePage.objects.filter(pk__in=[pk for pk in pks if not latest[pk]])
    bodies = {page.pk: list(page.body.raw_data) for page in without.only("pk", "body")}
    refreshed = {}
    for pk in pks:
        revision = revisions.get(latest[pk])
        if revision is not None:
            found = _problems(revision.content.get("body"))
        elif pk in bodies:
            found = _problems(bodies[pk])
        else:
            continue  # its revision went while we read
        refreshed[pk], _ = BodyProblemRecord.objects.update_or_create(
            page_id=pk, defaults={"revision": revision, "problems": found}
        )
    return refreshed


def _short(text):
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def with_body_problems(attention):
    """The importer's attention list (`importer.attention.articles_needing_attention`) with one
    line per broken-text place in each article's latest revision, in title order. Import notes
    about held-back places give way to those lines: the body says what is still to do."""
    entries = {entry.page.pk: entry for entry in attention}
    found = {pk: problems for pk, problems in current_problems().items() if problems}
    pages = ArticlePage.objects.only("pk", "title", "attention").in_bulk(
        [pk for pk in found if pk not in entries]
    )
    for pk, problems in found.items():
        if pk not in entries:
            if pk not in pages:
                continue
            entries[pk] = PageAttention(page=pages[pk])
        entry = entries[pk]
        superseded = {
            describe(note)
            for note in (entry.page.attention or [])
            if isinstance(note, dict)
            and AttentionKind.read(note.get("kind") or "") in SUPERSEDED_NOTES
        }
        items = [
            item
            for item in entry.items
            if not (item.kind == AttentionKind.IMPORT_NOTE and item.detail in superseded)
        ]
        listed = [item.detail for item in items if item.kind in LISTED_FROM_BODY]
        for problem in problems:
            kind = ATTENTION_KINDS[problem["kind"]]
            if kind in LISTED_FROM_BODY and any(problem["text"] in detail for detail in listed):
                continue
            items.append(AttentionItem(kind, f"“{_short(problem['text'])}”"))
        entry.items = items
    return sorted(entries.values(), key=lambda entry: (entry.page.title.lower(), entry.page.pk))
