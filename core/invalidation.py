"""Which changes bump which content versions (core.fragments), and the signals that tell a
cache in front of the site (serving.frontend_cache) what to purge.

A page published, unpublished, saved live or deleted changes what a few addresses show: its
own, its section's listing, the pages it is related to (an article and the drugs it
mentions, both ways, before and after the change), the home page, search and the sitemap.
Those are bumped, and ``paths_changed`` is sent with them. Anything that can show on every
page (the home page or a section, which are in the navigation; a move; a snippet, setting,
site, privacy rule, image, document, topic or route) bumps the site version, and
``site_changed`` is sent with the changed object.
"""

import functools

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal
from django.urls import NoReverseMatch, reverse

from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .fragments import invalidate, invalidate_paths

# Sent with `paths=` (addresses whose content changed) and with `instance=` (anything else
# readers see changed). Both are sent inside the change's transaction.
paths_changed = Signal()
site_changed = Signal()

# Fields Wagtail writes when an editor saves a draft of a page or a reviewed snippet, or locks
# it: the live version does not change, so the cache is kept.
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
# Home (depth 2) and its sections (depth 3) are in every page's navigation.
SITE_WIDE_DEPTH = 3
# Addresses that list every page: searched by title, listed in the sitemap.
LISTING_URL_NAMES = ("search", "search_suggestions", "sitemap")


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


def _our_relation(field):
    """A relation declared by our apps, not Wagtail's own (tree, aliases)."""
    forward = field if field.concrete else field.remote_field
    return forward.model is not Page and not getattr(forward.remote_field, "parent_link", False)


def _is_page_model(model):
    return isinstance(model, type) and issubclass(model, Page)


def _row_links(field):
    """For the reverse relation of an inline row model (one with a ParentalKey, like an
    article's "Drugs mentioned" rows), the row's other relations to page models: the pages a
    page is related to through its rows (an article's drugs), or whose rows point at it (a
    drug's articles). A relation named "+" is not followed (nothing reads it from this side)."""
    row_model = field.related_model
    if field.concrete or not field.one_to_many or field.hidden or _is_page_model(row_model):
        return []
    if not any(isinstance(f, ParentalKey) for f in row_model._meta.concrete_fields):
        return []
    return [
        hop
        for hop in row_model._meta.concrete_fields
        if hop.is_relation and hop is not field.remote_field and _is_page_model(hop.related_model)
    ]


@functools.cache
def page_relations(model):
    """Relations between `model` and other page models declared by our apps (an article's
    quiz; reverse: a quiz's articles), never Wagtail's own (tree, aliases), as (field, hop):
    hop is None for a direct relation, else the field of an inline row that points at the
    other page (an article's drugs, a drug's articles: `_row_links`)."""
    found = []
    for field in model._meta.get_fields(include_hidden=True):
        other = field.related_model if field.is_relation else None
        if _is_page_model(other):
            if _our_relation(field):
                found.append((field, None))
        elif isinstance(other, type):
            found.extend((field, hop) for hop in _row_links(field))
    return tuple(found)


def related_pages(page):
    """The pages `page` is related to in the database now."""
    if page.pk is None:
        return []
    found = []
    for field, hop in page_relations(type(page)):
        other = hop.related_model if hop is not None else field.related_model
        if hop is not None:  # through inline rows: the pages the rows point at
            rows = field.related_model.objects.filter(**{field.remote_field.name: page.pk})
            queryset = other.objects.filter(pk__in=rows.values(hop.attname))
        elif not field.concrete:  # declared on the other model: filter it by its own field
            queryset = other.objects.filter(**{field.remote_field.name: page.pk})
        elif field.many_to_many:
            through = field.remote_field.through.objects.filter(**{field.m2m_field_name(): page.pk})
            queryset = other.objects.filter(pk__in=through.values(field.m2m_reverse_name()))
        else:
            current = type(page).objects.filter(pk=page.pk).values(field.attname)
            queryset = other.objects.filter(pk__in=current)
        found += queryset.only("url_path", "path", "depth")
    return found


def page_paths(page):
    """The address `page` is served at (its routable sub-pages are redirects, never cached)."""
    parts = page.get_url_parts()
    return [parts[2]] if parts and parts[2] else []


def listing_paths():
    paths = []
    for name in LISTING_URL_NAMES:
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue
    return paths


def paths_showing(page, also=()):
    """Every address whose content shows `page`: its own, its parent's, its related pages',
    the home page's, search and the sitemap."""
    paths = set(page_paths(page))
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        paths.update(page_paths(parent))
    for other in [*related_pages(page), *also]:
        paths.update(page_paths(other))
    paths.add("/")
    paths.update(listing_paths())
    return sorted(paths)


def _page_changed(page, before=()):
    if page.depth <= SITE_WIDE_DEPTH:
        _site_changed(page)
        return
    paths = paths_showing(page, also=before)
    invalidate_paths(paths)
    paths_changed.send(sender=type(page), paths=paths, instance=page)


def _site_changed(instance):
    invalidate()
    site_changed.send(sender=type(instance), instance=instance)


def _draft_only(update_fields):
    # A save that only touches draft bookkeeping (a page's or a reviewed snippet's draft
    # waiting for approval) changes nothing a reader sees: the cache is replaced when the
    # draft is published. Other saves (publishing, scripts, imports) invalidate.
    return update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS


def _before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """Remember the pages a page was related to, and whether its address is changing: after
    the save they may be gone."""
    if raw or not issubclass(sender, Page) or instance.pk is None or _draft_only(update_fields):
        return
    old = Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first()
    instance._invalidation_before = (old, related_pages(instance))


def _new_page(page):
    """A page just created: nothing showed it yet but its listing, home, search and the
    sitemap. No query beyond the one write: imports create thousands in one go."""
    page._invalidation_done = True
    if page.depth <= SITE_WIDE_DEPTH:
        _site_changed(page)
        return
    paths = set(page_paths(page))
    paths.update(path.rstrip("/").rsplit("/", 1)[0] + "/" for path in list(paths))
    paths.update(["/", *listing_paths()])
    invalidate_paths(paths)
    paths_changed.send(sender=type(page), paths=sorted(paths), instance=page)


def _on_save(sender, instance, update_fields=None, raw=False, created=False, **kwargs):
    if raw or _draft_only(update_fields):
        return
    if issubclass(sender, Page) and created:
        _new_page(instance)
    elif issubclass(sender, Page):
        old_url_path, before = getattr(instance, "_invalidation_before", (None, []))
        if old_url_path is not None and old_url_path != instance.url_path:
            _site_changed(instance)  # a new address: every link to it changes
        else:
            _page_changed(instance, before)
    elif sender in _tracked_models():
        _site_changed(instance)


def _before_delete(sender, instance, **kwargs):
    if issubclass(sender, Page):
        _page_changed(instance)  # its relations are deleted with it


def _on_delete(sender, instance, **kwargs):
    if not issubclass(sender, Page) and sender in _tracked_models():
        _site_changed(instance)


def _on_publish_or_unpublish(sender, instance, **kwargs):
    if getattr(instance, "_invalidation_done", False):
        return  # created and published in one step (a bulk import): done by _new_page
    _page_changed(instance)


def _on_move(sender, instance, **kwargs):
    _site_changed(instance)


def connect_signals():
    """Connected by CoreConfig.ready()."""
    pre_save.connect(_before_save, dispatch_uid="neuropain-cache-before-save")
    post_save.connect(_on_save, dispatch_uid="neuropain-cache-save")
    pre_delete.connect(_before_delete, dispatch_uid="neuropain-cache-before-delete")
    post_delete.connect(_on_delete, dispatch_uid="neuropain-cache-delete")
    page_published.connect(_on_publish_or_unpublish, dispatch_uid="neuropain-cache-publish")
    page_unpublished.connect(_on_publish_or_unpublish, dispatch_uid="neuropain-cache-unpublish")
    post_page_move.connect(_on_move, dispatch_uid="neuropain-cache-move")
