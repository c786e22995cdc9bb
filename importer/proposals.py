"""Editors win: what someone changed on an imported article, and the import's proposal.

Change detection compares content, not only revisions: the content fields of the revision the
import last wrote (`loaded_revision`) against the editor's version of the page, the latest
revision, or the live row when it has no unpublished changes (a title changed directly in the
database counts). A re-import into a changed page writes no revision; it stores an
`ImportProposal` that carries only the imported fields the editor did not change. An editor
applies it (a new draft revision on top of theirs) or dismisses it.
"""

import datetime
import json

from django.db import transaction
from django.utils import timezone

from wagtail.blocks import StreamValue

from articles.citations import numbered
from articles.models import ArticleAuthor, ArticlePage, ArticleReference

from .models import ImportProposal

CONTENT_FIELDS = (
    "title",
    "summary",
    "body",
    "references",
    "authors",
    "last_reviewed",
    "last_modified",
)
FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "body": "Body",
    "references": "References",
    "authors": "Authors",
    "last_reviewed": "Reviewed/Revised",
    "last_modified": "Modified",
}
# "number" is the number readers see (a reference stored without one shows its position).
REFERENCE_FIELDS = ("number", "authors", "title", "journal", "year", "volume", "issue", "pages")


def _date(value):
    return value.isoformat() if value else None


def body_data(body):
    """A body as comparable JSON: blocks' types and values, without their ids."""
    raw = body.get_prep_value() if hasattr(body, "get_prep_value") else list(body or [])
    return [{"type": block["type"], "value": block["value"]} for block in raw]


def content_values(page):
    """The content fields of a page object (a row or a revision's object), as JSON values."""
    return {
        "title": page.title,
        "summary": page.summary,
        "body": body_data(page.body),
        "references": [
            {**{name: getattr(ref, name) for name in REFERENCE_FIELDS}, "number": number}
            for number, ref in numbered(page.references.all())
        ],
        "authors": [author.person_id for author in page.authors.all()],
        "last_reviewed": _date(page.last_reviewed),
        "last_modified": _date(page.last_modified),
    }


def _same(a, b):
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def editor_version(page):
    """The version an editor sees: the live row, or the latest revision when it has
    unpublished changes."""
    if page.has_unpublished_changes and page.latest_revision_id:
        return page.get_latest_revision_as_object()
    return page


def editor_changes(page):
    """(changed by someone since the import, content fields they changed, what the import
    last wrote or None, the editor's version's values).

    Someone changed the page when a revision other than the import's is its latest, or when
    its content differs from what the import wrote (directly in the database, say)."""
    current = content_values(editor_version(page))
    loaded = page.loaded_revision
    if loaded is None:  # never written by the import (or its revision was purged)
        return True, set(CONTENT_FIELDS), None, current
    base = content_values(loaded.as_object())
    changed = {name for name in CONTENT_FIELDS if not _same(base[name], current[name])}
    revised = page.latest_revision_id != page.loaded_revision_id
    return revised or bool(changed), changed, base, current


def propose(page, imported, *, origin):
    """Store what the import changed, where the editor's version differs, as a proposal;
    returns it, or None when there is nothing to propose. A field the editor changed is only
    listed (kept as theirs) when the import changed it too. A newer proposal replaces a
    pending older one."""
    _, changed, base, current = editor_changes(page)
    differing = {}
    for name, value in imported.items():
        if _same(value, current[name]):
            continue
        if name in changed and base is not None and _same(value, base[name]):
            continue  # only the editor changed it
        differing[name] = value
    ImportProposal.objects.filter(page=page, status=ImportProposal.Status.PENDING).update(
        status=ImportProposal.Status.SUPERSEDED, decided_at=timezone.now()
    )
    if not differing:
        return None
    return ImportProposal.objects.create(
        page=page,
        origin=origin[:500],
        imported=differing,
        kept=sorted(name for name in differing if name in changed),
    )


def _set_field(page, name, value):
    if name == "body":
        stream_block = ArticlePage._meta.get_field("body").stream_block
        page.body = StreamValue(stream_block, [dict(block) for block in value], is_lazy=True)
    elif name == "references":
        page.references = [
            ArticleReference(sort_order=position, **reference)
            for position, reference in enumerate(value)
        ]
    elif name == "authors":
        page.authors = [
            ArticleAuthor(person_id=person_id, sort_order=position)
            for position, person_id in enumerate(value)
        ]
    elif name in ("last_reviewed", "last_modified"):
        setattr(page, name, datetime.date.fromisoformat(value) if value else None)
    else:
        setattr(page, name, value)


@transaction.atomic
def apply_proposal(proposal, user):
    """Put the proposal's carried fields on top of the editor's version as a new draft
    revision (published only through the usual review); returns the revision."""
    page = ArticlePage.objects.select_for_update().get(pk=proposal.page_id)
    target = editor_version(page)
    for name in proposal.carried:
        _set_field(target, name, proposal.imported[name])
    revision = target.save_revision(user=user, clean=False, log_action=True)
    _decide(proposal, ImportProposal.Status.APPLIED, user)
    return revision


def dismiss_proposal(proposal, user):
    _decide(proposal, ImportProposal.Status.DISMISSED, user)


def _decide(proposal, status, user):
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = user if getattr(user, "is_authenticated", False) else None
    proposal.save(update_fields=["status", "decided_at", "decided_by"])


def pending_proposals():
    return ImportProposal.objects.filter(status=ImportProposal.Status.PENDING)
