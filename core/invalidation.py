"""Which changes replace the content generation (core.fragments): the signals that invalidate
every cached page and fragment."""

import functools

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .fragments import invalidate

# Page fields Wagtail writes when an editor saves a draft or locks a page: the live page
# does not change, so the cache is kept.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
    }
)
# Reader-facing models that are not pages or snippets but change what pages show.
EXTRA_TRACKED_MODELS = [
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
    "drugs.Route",
]


@functools.cache
def _tracked_models():
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.snippets.models import get_snippet_models

    models = set(get_snippet_models())
    models.update(
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    )
    for label in EXTRA_TRACKED_MODELS:
        try:
            models.add(apps.get_model(label))
        except LookupError:
            continue
    return models


def _on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if issubclass(sender, Page):
        # Publishing sends page_published; a save that only touches draft bookkeeping
        # changes nothing a reader sees. Other saves (scripts, imports) invalidate.
        if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
            return
        invalidate()
    elif sender in _tracked_models():
        invalidate()


def _on_delete(sender, instance, **kwargs):
    if issubclass(sender, Page) or sender in _tracked_models():
        invalidate()


def _on_page_change(sender, **kwargs):
    invalidate()


def connect_signals():
    """Connected by CoreConfig.ready(), before any app above core connects its own receivers
    (the serving app's CDN purge runs after the generation is replaced)."""
    post_save.connect(_on_save, dispatch_uid="neuropain-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="neuropain-cache-delete")
    page_published.connect(_on_page_change, dispatch_uid="neuropain-cache-publish")
    page_unpublished.connect(_on_page_change, dispatch_uid="neuropain-cache-unpublish")
    post_page_move.connect(_on_page_change, dispatch_uid="neuropain-cache-move")
