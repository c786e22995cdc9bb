"""Purging the cache in front of the site (Varnish, or a CDN) through
``wagtail.contrib.frontend_cache``, configured by environment (WAGTAILFRONTENDCACHE).

Precisely what changed, once the change has committed (a cache refetching earlier would keep
the old content): core.invalidation names the addresses that show a changed page (its own,
its listing, its related pages, home, search, the sitemap), and for a snippet the pages
related to it and their listings are purged. Searches and filtered listings (addresses with a
query string) are never purged: their short ``s-maxage`` (serving.page_cache) lets them go.
Only a change with no page to point at (a setting, a site, a glossary term found in texts, a
move) bans everything from an HTTP cache (``BAN``, see deploy/varnish/default.vcl).
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, Site

from core.invalidation import page_paths, paths_changed, site_changed

logger = logging.getLogger(__name__)

HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
TIMEOUT_SECONDS = 5


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_for(paths):
    """Each path on each site's root URL."""
    roots = sorted({site.root_url for site in Site.objects.all()})
    return [root + path for root in roots for path in sorted(set(paths))]


def purge_urls(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    if urls:
        purge_urls_from_cache(urls)


def ban_everything():
    """Empty every HTTP cache configured (Varnish answers BAN from its purge ACL)."""
    for name, backend in settings.WAGTAILFRONTENDCACHE.items():
        if backend.get("BACKEND") != HTTP_BACKEND:
            continue
        location = urlsplit(backend["LOCATION"])
        if location.scheme not in ("http", "https"):
            continue
        url = urlunsplit([location.scheme, location.netloc, "/", "", ""])
        request = Request(url)  # noqa: S310 - http(s) only, from settings
        request.method = "BAN"
        try:
            urlopen(request, timeout=TIMEOUT_SECONDS).close()  # noqa: S310 - configured location
        except (URLError, OSError) as exc:
            logger.error("Couldn't ban everything from cache %s: %s", name, exc)


def pages_showing(instance):
    """Pages that show a snippet through a relation (an article's authors, a drug's class,
    a page's reviewer), and their listings; None when nothing relates it to a page."""
    pages = []
    related = False
    for relation in type(instance)._meta.related_objects:
        model, field = relation.related_model, relation.field
        if issubclass(model, Page):
            pages += model.objects.filter(**{field.name: instance.pk}).only(
                "url_path", "path", "depth"
            )
            related = True
            continue
        links = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and isinstance(f.related_model, type)
            if issubclass(f.related_model, Page)
        ]
        for link in links:  # an inline row (an article's author) pointing at its page
            ids = model.objects.filter(**{field.name: instance.pk}).values(link.attname)
            pages += Page.objects.filter(pk__in=ids).only("url_path", "path", "depth")
            related = True
    if not related or not pages:
        return None  # a deleted snippet's relations are gone with it
    parents = {page.get_parent() for page in pages if page.depth > 2}
    return [*pages, *(parent for parent in parents if parent is not None)]


def on_paths_changed(sender, paths, **kwargs):
    if enabled():
        urls = urls_for(paths)
        transaction.on_commit(lambda: purge_urls(urls), robust=True)


def on_site_changed(sender, instance, **kwargs):
    if not enabled():
        return
    pages = None if isinstance(instance, Page) else pages_showing(instance)
    if pages is None:
        transaction.on_commit(ban_everything, robust=True)
        return
    paths = {path for page in pages for path in page_paths(page)}
    on_paths_changed(sender, [*paths, "/"])


def connect_signals():
    paths_changed.connect(on_paths_changed, dispatch_uid="neuropain-purge-paths")
    site_changed.connect(on_site_changed, dispatch_uid="neuropain-purge-site")
