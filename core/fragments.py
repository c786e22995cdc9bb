"""Content versions, and the fragments cached under them.

Every change to published content bumps a *version* (a token: the time of the change and a
random part) kept in the database (``core.models.ContentVersion``), in the same transaction as
the change:

- a page published, unpublished or deleted bumps the version of each address that shows it
  (its own, its section's listing, the pages linked to it, the home page and search: see
  core.invalidation), so the rest of the site keeps its cached copies;
- anything that can show on every page (a section or the home page, a move, a snippet,
  setting, site, image, document or privacy rule) bumps the *site* version.

A cached copy (a whole page in the serving app, a shared fragment, a per-process fragment)
is stored with the versions it was built under and ignored once either differs. The versions
are read from the database once per request, so a change shows at the next request on every
worker and host, and a change made while the cache (Redis) was unreachable is never served
stale once it answers again. The cache fails open: when it cannot be reached nothing is
served from or stored in it, and pages are rendered from the database.
"""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.db.models import Q

from wagtail.models import PageViewRestriction

logger = logging.getLogger(__name__)

SITE_KEY = "site"
# The version of anything that has never changed since the table was created.
INITIAL = "0"
FRAGMENT_KEY_PREFIX = "neuropain:fragment:"
MEMO_MAX_ENTRIES = 5000


# --- Versions ---------------------------------------------------------------------------


def new_generation():
    """A token that is new on every change and says when the change was made."""
    return f"{time.time():.3f}-{uuid.uuid4().hex}"


def changed_at(generation):
    """When the latest change in a token ("site|page" tokens: the later of the two) was made,
    in seconds since the epoch, or None if it does not say."""
    try:
        return max(float(part.split("-", 1)[0]) for part in generation.split("|"))
    except (AttributeError, ValueError):
        return None


def path_key(path):
    """The version key of one address (a path, whatever the host or query string)."""
    return "path:" + hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()  # noqa: S324 - a key, not a secret


def read_versions(keys):
    """The tokens of `keys`, in order, from the primary database (INITIAL if never bumped)."""
    from .models import ContentVersion

    rows = dict(
        ContentVersion.objects.using(DEFAULT_DB_ALIAS)
        .filter(key__in=keys)
        .values_list("key", "token")
    )
    return [rows.get(key, INITIAL) for key in keys]


def request_versions(request):
    """(site token, token of this request's path), read once per request in one query; None
    when the database cannot be asked (nothing is then cached)."""
    if request is not None and hasattr(request, "_content_versions"):
        return request._content_versions
    path = getattr(request, "path_info", None)
    try:
        if path:
            versions = tuple(read_versions([SITE_KEY, path_key(path)]))
        else:
            versions = (read_versions([SITE_KEY])[0], INITIAL)
    except DatabaseError:
        logger.warning("Content versions unreadable; serving uncached", exc_info=True)
        versions = None
    if request is not None:
        request._content_versions = versions
    return versions


def use_generation(request, site, page=INITIAL):
    """Record the versions this request is served under (tests, and callers that know)."""
    request._content_versions = (site, page)


def request_generation(request, per_page=False):
    """The site token for this request, or "site|page" with `per_page` (for what the
    request's own address shows); None when unknown."""
    versions = request_versions(request)
    if versions is None:
        return None
    return f"{versions[0]}|{versions[1]}" if per_page else versions[0]


def current_generation():
    """The site token now."""
    return request_generation(None)


def _bump(keys):
    from .models import ContentVersion

    token = new_generation()
    ContentVersion.objects.using(DEFAULT_DB_ALIAS).bulk_create(
        [ContentVersion(key=key, token=token) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token"],
    )
    return token


def invalidate():
    """Drop every cached page and fragment (a new site version, in the change's transaction:
    a reader that read the old rows while the change was in flight stored its copy under the
    old version, which is no longer current once the change commits)."""
    _bump([SITE_KEY])


def invalidate_paths(paths):
    """Drop the cached copies of these addresses (and the fragments they show) only."""
    keys = sorted({path_key(path) for path in paths if path})
    if keys:
        _bump(keys)


# --- Per-process fragments --------------------------------------------------------------

_memo = OrderedDict()
_memo_lock = threading.Lock()


def recall(key, generation):
    """The value remembered in this process under `key` for `generation`, else None."""
    entry = _memo.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    return None


def remember(key, value, generation):
    """Keep `value` in this process until the generation changes (least recently set dropped
    first beyond MEMO_MAX_ENTRIES)."""
    with _memo_lock:
        _memo[key] = (generation, value)
        _memo.move_to_end(key)
        while len(_memo) > MEMO_MAX_ENTRIES:
            _memo.popitem(last=False)


def fragment(key, build, request=None, per_page=False):
    """`build()`, remembered in this process until the site version changes (with
    `per_page`, also until the version of the request's address changes: for what a listing
    shows of its children, such as its totals and topics).

    For small values many requests need (navigation, private sections, drug classes): no
    query and no cache round trip once warm. Values are shared between requests, so they
    must be treated as read-only.
    """
    if not settings.FRAGMENT_CACHE_ENABLED:
        return build()
    generation = request_generation(request, per_page)
    if generation is None:
        return build()
    if per_page and request is not None:
        key = f"{key}@{request.path_info}"
    value = recall(key, generation)
    if value is None:
        value = build()
        remember(key, value, generation)
    return value


def counted_paginator(items, per_page, count_key, request=None):
    """Django's Paginator, with the total a fragment of the listing's address: thousands of
    rows are counted once per version, not on every request. The key must name everything
    that filters `items`."""
    paginator = Paginator(items, per_page)
    paginator.count = fragment(count_key, items.count, request, per_page=True)
    return paginator


def shared_fragment(key, build, request=None):
    """`build()`, kept in the shared cache until the site version or the version of the
    request's address changes.

    For rendered HTML that is costly to build and the same for every reader, such as an
    article's body (its blocks, glossary popovers and citation links): one cache read instead
    of rendering dozens of block templates. Never for previews, which show unpublished
    content under the live page's id. The value must be picklable.
    """
    if not settings.FRAGMENT_CACHE_ENABLED or getattr(request, "is_preview", False):
        return build()
    generation = request_generation(request, per_page=True)
    if generation is None:
        return build()
    full_key = f"{FRAGMENT_KEY_PREFIX}{generation}:{key}"
    try:
        value = cache.get(full_key)
    except Exception:  # noqa: BLE001 - fail open
        logger.warning("Cache unreachable; fragment rendered afresh", exc_info=True)
        return build()
    if value is not None:
        return value
    value = build()
    try:
        cache.set(full_key, value, settings.PAGE_CACHE_TIMEOUT)
    except Exception:  # noqa: BLE001 - fail open
        logger.warning("Cache unreachable; fragment not stored", exc_info=True)
    return value


def clear_fragments():
    with _memo_lock:
        _memo.clear()


def _private_sections(request=None):
    return fragment(
        "private-sections",
        lambda: tuple(
            PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
        ),
        request,
    )


def exclude_private(queryset, request=None):
    """Same as Wagtail's ``PageQuerySet.public()`` without its query for the restrictions."""
    private = Q()
    for path, depth in _private_sections(request):
        private |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(private) if private else queryset
