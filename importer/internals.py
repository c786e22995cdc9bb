"""Every private Django, Wagtail, treebeard and modelcluster name the importer relies on.

Bulk page creation (`bulk.py`) and deferred indexing (`indexing.py`) write, in a few queries, the
rows that `add_child()`, `save_revision()`, `publish()` and the reference index would write one
page at a time (dozens of queries each, which an import of thousands of documents cannot
afford). Doing so needs a handful of internals with no public equivalent; they are all here, so
an upgrade has one place to check, and `tests/importer/test_internals_contract.py` compares the
bulk path with the public one and fails loudly when an internal changes:

- treebeard's materialised path: `Page._str2int`, `Page._get_path` (and the public `steplen`),
  to number new children after the parent's last child without a query per page;
- Django's `QuerySet._insert`, the insert that `save()` and `bulk_create()` run, because
  `bulk_create()` refuses multi-table models (a page type's own table);
- `Model._state`, to mark rows inserted that way as saved;
- modelcluster's `_cluster_related_objects`, where a page holds its unsaved child objects;
- `ReferenceIndex._extract_references_from_object` and `_get_content_path_hash`, to write a new
  page's reference-index rows in one insert instead of two queries per page.

(`_meta`, `_base_manager` and `_default_manager` are Django's documented model API.)
"""

from django.db import connections

from wagtail.models import Page, ReferenceIndex


def last_child_position(parent):
    """The tree position (1, 2, ...) of the parent's last child, 0 when it has none."""
    last = parent.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) if last else 0


def child_path(parent, position):
    """The materialised path of the parent's child at `position`."""
    return Page._get_path(parent.path, parent.depth + 1, position)


def insert_rows(model, objects, db):
    """INSERT the objects' rows into the model's own table (not its parents'), in batches."""
    fields = model._meta.local_concrete_fields
    size = max(connections[db].ops.bulk_batch_size(fields, objects), 1)
    for start in range(0, len(objects), size):
        model._base_manager.using(db)._insert(
            objects[start : start + size], fields=fields, using=db
        )
    for obj in objects:
        obj._state.adding, obj._state.db = False, db


def held_relations(instance):
    """Names of the child relations a ClusterableModel instance holds in memory."""
    return set(getattr(instance, "_cluster_related_objects", {}))


def reference_rows(obj, content_type, base_content_type):
    """The ReferenceIndex rows `create_or_update_for_object(obj)` records for a new object."""
    return [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=obj.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(obj)
        )
    ]
