"""Search and reference indexing deferred to the end of an import run.

Wagtail re-indexes a page on every save, and an import saves each page several times (into the
tree, its revision, publishing). Inside an import run those updates are collected instead and
each touched object is indexed once at the end, in the same transaction. That includes the
re-index the search app asks for after an article is published (search.signals): one backend
call per article, each refreshing the whole index's title norms on PostgreSQL, made a 10,000
document import quadratic.
"""

from collections import defaultdict
from contextlib import contextmanager

from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import post_save

from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from articles.models import ArticlePage
from search.signals import reindex_article

from .internals import reference_rows

CHUNK = 500
_collectors = []  # the touched-objects maps of the runs in progress (innermost last)


def _is_child_model(model):
    return any(isinstance(field, ParentalKey) for field in model._meta.get_fields())


@contextmanager
def deferred_index_updates():
    """Collect saves of indexed models while the block runs; index each object once after it."""
    searchable = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    referencing = [
        m for m in ReferenceIndex.tracked_models if not _is_child_model(m) and m not in searchable
    ]
    touched = defaultdict(dict)  # model -> {pk: in-memory instance to index, or None to reload}

    def collect(sender, instance, raw=False, **kwargs):
        if not raw:
            touched[sender][instance.pk] = None

    for model in searchable:
        post_save.disconnect(post_save_signal_handler, sender=model)
    for model in searchable + referencing:
        post_save.connect(collect, sender=model, weak=False, dispatch_uid="deferred-index")
    # A published article is saved, so collected: the flush indexes it with its drugs.
    outermost = not _collectors
    if outermost:
        page_published.disconnect(reindex_article, sender=ArticlePage)
    _collectors.append(touched)
    try:
        with disable_reference_index_auto_update():
            yield touched
    finally:
        _collectors.remove(touched)
        if outermost:
            page_published.connect(reindex_article, sender=ArticlePage)
        for model in searchable + referencing:
            post_save.disconnect(collect, sender=model, dispatch_uid="deferred-index")
        for model in searchable:
            post_save.connect(post_save_signal_handler, sender=model)
    flush(touched)


def index_as_new(instance):
    """Index this in-memory object, new in this run, at the end of the run instead of reloading
    it: for objects written in bulk, whose child objects are all in memory."""
    if _collectors and instance.pk in _collectors[-1].get(type(instance), {}):
        _collectors[-1][type(instance)][instance.pk] = instance


def flush(touched):
    """Update the search index and the reference index for every collected object."""
    backends = list(get_search_backends(with_auto_update=True))
    for model, entries in touched.items():
        pks = sorted(entries)
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            new = [entries[pk] for pk in chunk if entries[pk] is not None]
            reload = [pk for pk in chunk if entries[pk] is None]
            stored = []
            if reload and index.class_is_indexed(model):
                stored = list(model.get_indexed_objects().filter(pk__in=reload))
            elif reload:
                stored = list(model._default_manager.filter(pk__in=reload))
            if index.class_is_indexed(model) and (new or stored):
                for backend in backends:
                    backend.add_bulk(model, new + stored)
            if ReferenceIndex.model_is_indexable(model):
                for obj in stored:
                    ReferenceIndex.create_or_update_for_object(obj)
                _index_new_references(new)


def _index_new_references(objects):
    """What ReferenceIndex.create_or_update_for_object() records, for objects that have no
    records yet, in one insert instead of two queries per object."""
    rows = []
    for obj in objects:
        models = [obj, *obj._meta.get_parent_list()]
        content_type = ContentType.objects.get_for_model(models[0], for_concrete_model=False)
        base_content_type = ContentType.objects.get_for_model(models[-1], for_concrete_model=False)
        rows.extend(reference_rows(obj, content_type, base_content_type))
    ReferenceIndex.objects.bulk_create(
        rows, batch_size=CHUNK, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
