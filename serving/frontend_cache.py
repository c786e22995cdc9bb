"""Purging a CDN in front of the site (wagtail.contrib.frontend_cache, configured by env).

Wagtail purges a page's own URL when it is published or unpublished. A page also shows in
its section's listing and may be featured on the home page, so those are purged with it.
Everything else a CDN holds expires after ``PAGE_CACHE_CDN_MAX_AGE`` seconds (s-maxage).
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def purge_around(page):
    """Purge the page, its parent listing and the site's home page from the CDN."""
    if page is None or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_page(page)
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        batch.add_page(parent)
    site = page.get_site()
    if site is not None:
        batch.add_url(site.root_url + "/")
    batch.purge()


def purge_on_page_change(sender, **kwargs):
    """Receiver of page_published, page_unpublished and post_page_move."""
    purge_around(kwargs.get("instance"))
