"""Adding many new pages under one parent in a handful of queries.

Wagtail's `add_child()`, `save_revision()` and `publish()` validate, save and re-save a page
(with its child objects) several times: dozens of queries per page, which an import of thousands
of documents cannot afford. For a brand-new page the outcome of those calls is fully determined,
so this writes the same rows directly and in bulk: the tree row (path, depth, url_path, locale),
the page's own table, its child objects and many-to-many links, its first revision, the live
and latest revision pointers, the audit log entries, the parent's child count. It then sends the
signals a normal save and publish send (`post_save`, `page_published`), so search and reference
indexing and any other listeners behave as usual.

Callers give pages whose slugs are already unique under the parent and whose field values are
valid; nothing here validates them. The private Django/Wagtail names this needs live in
`internals.py`, with a contract test.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from .indexing import index_as_new
from .internals import child_path, held_relations, insert_rows, last_child_position

BATCH = 500


def _hold_relations_in_memory(page):
    """Give every child relation an in-memory value (empty unless set), so that reading them
    later, once the page has an id, never queries the database for a page that has no rows."""
    held = held_relations(page)
    for relation in get_all_child_relations(type(page)):
        if relation.get_accessor_name() not in held:
            setattr(page, relation.get_accessor_name(), [])
    for field in get_all_child_m2m_relations(type(page)):
        if field.name not in held:
            setattr(page, field.name, [])


def _children(page):
    """The page's in-memory child objects and many-to-many targets, by relation."""
    relations = [
        (relation, list(getattr(page, relation.get_accessor_name()).all()))
        for relation in get_all_child_relations(type(page))
    ]
    m2m = [
        (field, list(getattr(page, field.name).all()))
        for field in get_all_child_m2m_relations(type(page))
    ]
    return relations, m2m


def bulk_add_children(parent, pages, *, publish=True, prepare=None, revision_field=None):
    """Add new `pages` (all of one specific page type) as the last children of `parent`.

    `prepare(pages)` runs once the pages have ids and before their content is stored, e.g. to
    fill in links to each other; it may change the page type's own fields and child objects,
    not the tree fields (title, slug, ...) that are already written. `revision_field` names a
    field of the page type to point at the first revision too (e.g. import bookkeeping).
    Returns the pages' first revisions, in order.
    """
    if not pages:
        return []
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)
    position = last_child_position(parent)
    depth = parent.depth + 1
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)

    rows = []
    for page in pages:
        _hold_relations_in_memory(page)
        position += 1
        page.path = child_path(parent, position)
        page.depth, page.numchild = depth, 0
        page.locale_id = parent.locale_id
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.content_type = content_type
        page.live, page.has_unpublished_changes = publish, not publish
        page.first_published_at = page.last_published_at = now if publish else None
        page.latest_revision_created_at = now
        rows.append(
            Page(
                **{
                    field.attname: getattr(page, field.attname)
                    for field in Page._meta.concrete_fields
                    if not field.primary_key
                }
            )
        )
    Page.objects.bulk_create(rows, batch_size=BATCH)
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
    if prepare:
        prepare(pages)

    children = [_children(page) for page in pages]
    # Django's bulk_create() refuses multi-table models: insert the page type's own rows.
    insert_rows(model, pages, router.db_for_write(model))
    by_model, links = {}, {}
    for page, (relations, m2m) in zip(pages, children, strict=True):
        for relation, objects in relations:
            for order, obj in enumerate(objects):
                setattr(obj, relation.field.name, page)
                if hasattr(obj, "sort_order") and obj.sort_order is None:
                    obj.sort_order = order
            by_model.setdefault(relation.related_model, []).extend(objects)
        for field, targets in m2m:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links.setdefault(through, []).extend(
                through(**{f"{source}_id": page.pk, f"{target}_id": obj.pk}) for obj in targets
            )
    for related_model, objects in {**by_model, **links}.items():
        related_model.objects.bulk_create(objects, batch_size=BATCH)

    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(page.pk),
            created_at=now,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        if publish:
            page.live_revision = revision
        if revision_field:
            setattr(page, revision_field, revision)
    # Point the pages at their revisions with one UPDATE per batch (a revision lookup per row
    # by index, where bulk_update() would compare every row with every other in the batch).
    first_revision = Subquery(
        Revision.objects.filter(
            base_content_type=base_content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("pk")
        .values("pk")[:1]
    )
    pointers = {"latest_revision": first_revision}
    if publish:
        pointers["live_revision"] = first_revision
    ids = [page.pk for page in pages]
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        Page.objects.filter(pk__in=batch).update(**pointers)
        if revision_field:
            model.objects.filter(pk__in=batch).update(**{revision_field: first_revision})
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))

    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        common = {"content_type": content_type, "label": page.draft_title, "page_id": page.pk}
        entries.append(
            PageLogEntry(action="wagtail.create", timestamp=now, content_changed=True, **common)
        )
        if publish:
            entries.append(
                PageLogEntry(
                    action="wagtail.publish",
                    timestamp=now,
                    revision=revision,
                    content_changed=True,
                    **common,
                )
            )
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH)

    for page, revision in zip(pages, revisions, strict=True):
        post_save.send(
            sender=model,
            instance=page,
            created=True,
            update_fields=None,
            raw=False,
            using=router.db_for_write(model),
        )
        index_as_new(page)
        if publish:
            page_published.send(sender=model, instance=page, revision=revision)
    return revisions
