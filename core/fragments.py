"""The content generation, and the fragments cached under it.

Every change to published content (a page published, unpublished, moved or deleted; a snippet,
setting, site, image, document or privacy rule saved or deleted: see core.invalidation)
replaces the *content generation*: a token (the time of the change and a random part) kept in
the shared cache (Redis when ``REDIS_URL`` is set). The small per-process fragments below (site
lookup, page routes, navigation, private sections, drug classes), shared rendered fragments,
and the whole pages the serving app caches, are stored with the generation they were built
under and ignored once it changes. So a publish shows at the next request, in every worker and
on every host, without having to know which pages show which snippet.

The cache fails open: when it cannot be reached there is no generation, nothing is served from
or stored in it, and every request is rendered from the database.
"""

import itertools
import logging
import threading
import time
import uuid
import weakref
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal

from wagtail.models import PageViewRestriction

logger = logging.getLogger(__name__)

GENERATION_KEY = "neuropain:generation"
FRAGMENT_KEY_PREFIX = "neuropain:fragment:"
MEMO_MAX_ENTRIES = 5000

# Sent with `generation=` each time the generation is replaced (the serving app pushes it to
# every worker). Receivers run inside the fail-open guard: an error is logged, not raised.
generation_replaced = Signal()


# --- The generation ---------------------------------------------------------------------


def new_generation():
    """A token that is new on every change and says when the change was made."""
    return f"{time.time():.3f}-{uuid.uuid4().hex}"


def changed_at(generation):
    """When the generation was made (seconds since the epoch), or None if it does not say."""
    try:
        return float(generation.split("-", 1)[0])
    except (AttributeError, ValueError):
        return None


def current_generation():
    """The content generation, or None when the cache cannot be reached."""
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, new_generation(), None)
            generation = cache.get(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - fail open: any cache error means "no cache"
        logger.warning("Cache unreachable; serving uncached", exc_info=True)
        return None
    return generation


def request_generation(request):
    """The generation read once for this request (the page cache sets it), else from the cache."""
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    generation = current_generation()
    if request is not None:
        use_generation(request, generation)
    return generation


def use_generation(request, generation):
    """Record the generation this request is served under (read once per request)."""
    request._content_generation = generation


def replace_generation():
    generation = new_generation()
    try:
        cache.set(GENERATION_KEY, generation, None)
        generation_replaced.send(sender=None, generation=generation)
    except Exception:  # noqa: BLE001 - fail open; cached entries also expire by timeout
        logger.warning("Cache unreachable; could not invalidate cached pages", exc_info=True)


class _AfterCommit:
    """Replaces the generation once when a transaction commits, however many changes it held.

    Each change inside a transaction registers a callback (public ``transaction.on_commit``)
    with a new ticket; the first callback to run after the commit replaces the generation and
    marks every ticket issued so far on that connection as done, so the others do nothing.
    Callbacks of a transaction or savepoint that is rolled back are dropped by Django.
    """

    def __init__(self):
        self.tickets = itertools.count(1)
        self.issued = weakref.WeakKeyDictionary()  # connection -> last ticket issued
        self.done = weakref.WeakKeyDictionary()  # connection -> last ticket done
        self.lock = threading.Lock()

    def register(self, connection):
        with self.lock:
            ticket = self.issued[connection] = next(self.tickets)
        transaction.on_commit(lambda: self.run(connection, ticket), robust=True)

    def run(self, connection, ticket):
        with self.lock:
            if ticket <= self.done.get(connection, 0):
                return
            self.done[connection] = self.issued[connection]
        replace_generation()


_after_commit = _AfterCommit()


def invalidate():
    """Drop every cached page and fragment.

    Called now, and again once the transaction commits, so a request that read the old rows
    while the change was in flight cannot leave a stale copy under the new generation.
    (Rows saved outside a page publish or a tracked model, e.g. inline rows written by a
    script, need an explicit call.)
    """
    replace_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        _after_commit.register(connection)
    # Outside a transaction the change is already committed: the bump above suffices.


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


def fragment(key, build, request=None):
    """`build()`, remembered in this process until the content generation changes.

    For small, site-wide values many pages need (navigation, private sections, drug
    classes): no query and no cache round trip once warm. Values are shared between
    requests, so they must be treated as read-only.
    """
    if not settings.FRAGMENT_CACHE_ENABLED:
        return build()
    generation = request_generation(request)
    if generation is None:
        return build()
    entry = _memo.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = build()
    remember(key, value, generation)
    return value


def counted_paginator(items, per_page, count_key, request=None):
    """Django's Paginator, with the total a fragment: thousands of rows are counted once per
    content generation, not on every request. The key must name everything that filters
    `items`."""
    paginator = Paginator(items, per_page)
    paginator.count = fragment(count_key, items.count, request)
    return paginator


def shared_fragment(key, build, request=None):
    """`build()`, kept in the shared cache until the content generation changes.

    For rendered HTML that is costly to build and the same for every reader, such as an
    article's body (its blocks, glossary popovers and citation links): one cache read instead
    of rendering dozens of block templates. Never for previews, which show unpublished
    content under the live page's id. The value must be picklable.
    """
    if not settings.FRAGMENT_CACHE_ENABLED or getattr(request, "is_preview", False):
        return build()
    generation = request_generation(request)
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
