"""Caching for a site that is read far more often than it is edited.

Every change to published content (a page published, unpublished, moved or deleted; a snippet,
setting, site, image, document or privacy rule saved or deleted) replaces the *content
generation*: a token (the time of the change and a random part) kept in the shared cache
(Redis when ``REDIS_URL`` is set). Whole pages cached for anonymous readers, and the small
per-process fragments below (site lookup, page routes, navigation, private sections, drug
classes), are stored with the generation they were built under and ignored once it changes.
So a publish shows at the next request, in every worker and on every host, without having to
know which pages show which snippet.

The cache fails open: when it cannot be reached there is no generation, nothing is served from
or stored in it, and every request is rendered from the database.
"""

import functools
import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from http import HTTPStatus

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, parse_cookie
from django.utils.cache import patch_cache_control, patch_vary_headers

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.url_routing import RouteResult

from neuropain import logs

from . import cache_push

logger = logging.getLogger(__name__)

GENERATION_KEY = "neuropain:generation"
PAGE_KEY_PREFIX = "neuropain:page:"
FRAGMENT_KEY_PREFIX = "neuropain:fragment:"
CACHE_HEADER = "X-Page-Cache"

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
# Cookies that mean the reader may see something personal: a session (signed in, or a
# password-protected page unlocked) or flash messages.
PERSONAL_COOKIES = ("messages",)
MEMO_MAX_ENTRIES = 5000


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
    """The generation read once for this request (the middleware sets it), else from the cache."""
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    generation = current_generation()
    if request is not None:
        request._content_generation = generation
    return generation


def _replace_generation():
    generation = new_generation()
    try:
        cache.set(GENERATION_KEY, generation, None)
        if cache_push.enabled():
            cache_push.publish(generation)
    except Exception:  # noqa: BLE001 - fail open; cached entries also expire by timeout
        logger.warning("Cache unreachable; could not invalidate cached pages", exc_info=True)


def invalidate():
    """Drop every cached page and fragment.

    Called now, and again once the transaction commits, so a request that read the old rows
    while the change was in flight cannot leave a stale copy under the new generation.
    (Rows saved outside a page publish or a tracked model, e.g. inline rows written by a
    script, need an explicit call.)
    """
    _replace_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        pending = (entry[1] for entry in connection.run_on_commit)
        if _replace_generation not in pending:  # once per transaction is enough
            transaction.on_commit(_replace_generation, robust=True)
    # Outside a transaction the change is already committed: the bump above suffices.


# --- Per-process fragments --------------------------------------------------------------

_memo = OrderedDict()
_memo_lock = threading.Lock()


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
    with _memo_lock:
        _memo[key] = (generation, value)
        _memo.move_to_end(key)
        while len(_memo) > MEMO_MAX_ENTRIES:
            _memo.popitem(last=False)
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


# --- Invalidation signals ---------------------------------------------------------------


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
    from .frontend_cache import purge_around

    purge_around(kwargs.get("instance"))


def connect_signals():
    post_save.connect(_on_save, dispatch_uid="neuropain-cache-save")
    post_delete.connect(_on_delete, dispatch_uid="neuropain-cache-delete")
    page_published.connect(_on_page_change, dispatch_uid="neuropain-cache-publish")
    page_unpublished.connect(_on_page_change, dispatch_uid="neuropain-cache-unpublish")
    post_page_move.connect(_on_page_change, dispatch_uid="neuropain-cache-move")


# --- The middleware ---------------------------------------------------------------------


def _no_view_restrictions():
    return PageViewRestriction.objects.none()


def _attach_ancestors(page, ancestors):
    """Give a page loaded from a remembered route its remembered ancestors (breadcrumbs,
    parent links) as an already-evaluated queryset: chaining on it still queries afresh."""
    if not ancestors:
        return
    original = page.get_ancestors

    def get_ancestors(inclusive=False):
        if inclusive:
            return original(inclusive=True)
        queryset = Page.objects.filter(pk__in=[a.pk for a in ancestors]).order_by("path")
        queryset._result_cache = list(ancestors)
        queryset._prefetch_done = True
        return queryset

    page.get_ancestors = get_ancestors
    page._cached_parent_obj = ancestors[-1]


def cache_key_for(environ):
    """The cache key of the page a request asks for, from its WSGI environ alone: the same
    function for storing (the middleware) and for replaying (CachedPageApplication)."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    else:
        host = (
            environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
        )
    scheme = environ.get("wsgi.url_scheme", "http")
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            scheme = "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    url = f"{scheme}://{host}{path}?{environ.get('QUERY_STRING', '')}"
    return PAGE_KEY_PREFIX + hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()


def _excluded_prefixes():
    return (
        f"/{settings.ADMIN_URL}",
        settings.STATIC_URL,
        settings.MEDIA_URL,
        *settings.PAGE_CACHE_EXCLUDE_PATHS,
    )


def is_anonymous(cookies, environ):
    """No session, messages or other personal cookie, and no credentials: a public reader."""
    names = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    if any(name in cookies for name in names):
        return False
    return "HTTP_AUTHORIZATION" not in environ


class PageCacheMiddleware:
    """Serves anonymous GET/HEAD requests for public pages from the cache.

    Sits above every middleware whose headers are the same for every reader of a page
    (security headers, CSP, Permissions-Policy): a response is stored with them, and a hit
    replays them and skips the rest of the stack. Never cached: other methods, the admin,
    static and media files and documents, requests with a session or messages cookie or an
    Authorization header (editors, unlocked private pages), and responses that set a cookie
    (a CSRF token in a form), are private/no-cache, vary on anything but Cookie, carry a CSP
    nonce (which must not be replayed to other readers), or are not 200.

    It also remembers, per process and generation, which page each URL routes to and which
    Site a host maps to, so an uncached request needs one query instead of one per URL
    segment to find its page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_ENABLED or settings.FRAGMENT_CACHE_ENABLED):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD") or self._excluded(request.path_info):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)

        page_key = None
        if settings.PAGE_CACHE_ENABLED and is_anonymous(request.COOKIES, request.META):
            page_key = cache_key_for(request.META)
        generation, entry = self._lookup(page_key)
        request._content_generation = generation
        if generation is None:
            return self._private(self.get_response(request))

        if entry is not None and entry[0] == generation:
            return self._replay(entry)

        route_key = f"route:{host}:{request.path_info}"
        routed = False
        if settings.FRAGMENT_CACHE_ENABLED:
            site = _memo.get(f"site:{host}")
            if site is not None and site[0] == generation:
                request._wagtail_site = site[1]
            root_paths = _memo.get("site-root-paths")
            if root_paths is not None and root_paths[0] == generation:
                # Wagtail would read these from the cache once per request to build URLs.
                request._wagtail_cached_site_root_paths = root_paths[1]
            routed = self._restore_route(request, route_key, generation)
        response = self.get_response(request)
        if settings.FRAGMENT_CACHE_ENABLED:
            self._remember_site(request, host, generation)
            if not routed:
                self._remember_route(request, route_key, generation)

        if page_key and self._cacheable(request, response):
            self._store(page_key, generation, response)
            return response
        return self._private(response)

    # Requests

    @staticmethod
    def _excluded(path):
        return path.startswith(_excluded_prefixes())

    @staticmethod
    def _lookup(page_key):
        """The generation and the cached page, in one round trip when the page is wanted
        (none when the generation is pushed and this worker has the page already)."""
        if cache_push.enabled() and (generation := cache_push.listener.current()):
            if page_key is None:
                return generation, None
            entry = cache_push.local_pages.get(page_key)
            if entry is not None and entry[0] == generation:
                return generation, entry
            try:
                entry = cache.get(page_key)
            except Exception:  # noqa: BLE001 - fail open
                logger.warning("Cache unreachable; serving uncached", exc_info=True)
                return None, None
            if entry is not None and entry[0] == generation:
                cache_push.local_pages.put(page_key, entry)
            return generation, entry
        try:
            if page_key is None:
                return current_generation(), None
            values = cache.get_many([GENERATION_KEY, page_key])
        except Exception:  # noqa: BLE001 - fail open
            logger.warning("Cache unreachable; serving uncached", exc_info=True)
            return None, None
        generation = values.get(GENERATION_KEY) or current_generation()
        return generation, values.get(page_key)

    # Responses

    @staticmethod
    def _cacheable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        if "'nonce-" in response.get("Content-Security-Policy", ""):
            return False
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("private", "no-cache", "no-store")):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= {"cookie", "accept-encoding"}

    @staticmethod
    def _store(page_key, generation, response):
        patch_vary_headers(response, ["Cookie"])
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_CDN_MAX_AGE
        )
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        headers = [(k, v) for k, v in response.items() if k.lower() != CACHE_HEADER.lower()]
        entry = (generation, response.status_code, headers, response.content)
        try:
            cache.set(page_key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:  # noqa: BLE001 - fail open
            logger.warning("Cache unreachable; page not stored", exc_info=True)
        if cache_push.enabled():
            cache_push.local_pages.put(page_key, entry)
        response[CACHE_HEADER] = "MISS"

    @staticmethod
    def _replay(entry):
        _generation, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=dict(headers))
        response[CACHE_HEADER] = "HIT"
        return response

    @staticmethod
    def _private(response):
        """Whatever is not cached here must not be kept by a CDN or another shared cache."""
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
        response[CACHE_HEADER] = "BYPASS"
        return response

    # Site and route memos

    @staticmethod
    def _remember_site(request, host, generation):
        site = getattr(request, "_wagtail_site", None)
        if site is not None:
            fragment(f"site:{host}", lambda: site, request)
        root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
        if root_paths is not None:
            fragment("site-root-paths", lambda: root_paths, request)

    @staticmethod
    def _restore_route(request, route_key, generation):
        entry = _memo.get(route_key)
        if entry is None or entry[0] != generation:
            return False
        label, pk, subpath, unrestricted, ancestors = entry[1]
        model = apps.get_model(label)
        queryset = model._default_manager.filter(pk=pk, live=True)
        related = getattr(model, "serve_select_related", ())
        if related:
            queryset = queryset.select_related(*related)
        page = queryset.first()
        if page is None:
            return False
        if unrestricted:
            # The route was recorded with no view restriction on the page or its ancestors,
            # and any change to restrictions, aliases or the tree replaces the generation.
            page.get_view_restrictions = _no_view_restrictions
        _attach_ancestors(page, ancestors)
        if subpath is None:
            request._wagtail_route_for_request = RouteResult(page)
        else:
            match = page.resolve_subpage(subpath)
            request.routable_resolver_match = match
            request._wagtail_route_for_request = RouteResult(
                page, args=(match.func, match.args, match.kwargs)
            )
        return True

    @staticmethod
    def _remember_route(request, route_key, generation):
        result = getattr(request, "_wagtail_route_for_request", None)
        site = getattr(request, "_wagtail_site", None)
        if result is None or site is None:
            return
        page, args, kwargs = result
        if kwargs:
            return
        requested = [part for part in request.path_info.split("/") if part]
        root_url_path = site.root_page.url_path
        if not page.url_path.startswith(root_url_path):
            return
        own = [part for part in page.url_path[len(root_url_path) :].split("/") if part]
        if requested[: len(own)] != own:
            return
        remaining = requested[len(own) :]
        if args:
            if getattr(request, "routable_resolver_match", None) is None:
                return  # a custom route() we cannot replay
            subpath = "/" + "".join(f"{part}/" for part in remaining)
        elif remaining:
            return
        else:
            subpath = None
        unrestricted = not page.get_view_restrictions().exists()
        ancestors = tuple(Page.objects.ancestor_of(page).order_by("path"))
        value = (page._meta.label, page.pk, subpath, unrestricted, ancestors)
        with _memo_lock:
            _memo[route_key] = (generation, value)
            while len(_memo) > MEMO_MAX_ENTRIES:
                _memo.popitem(last=False)


# --- Replaying before Django ------------------------------------------------------------


class CachedPageApplication:
    """WSGI: answers a request for a page this worker already holds, before Django builds a
    request object, sends its signals or runs any middleware.

    Only pages kept in this process's memory under the generation pushed by Redis
    (core.cache_push) are replayed here, with the status, headers and body stored by
    PageCacheMiddleware, which decides what may be cached; everything else, including a
    page that must first be read from Redis, goes to Django. The request still gets its own
    X-Request-ID and log line.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        entry = self._in_memory(environ)
        if entry is None:
            return self.application(environ, start_response)
        start = time.perf_counter()
        _generation, status, headers, content = entry
        request_id = logs.request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))
        start_response(
            f"{status} {HTTPStatus(status).phrase}",
            [*headers, (CACHE_HEADER, "HIT"), ("X-Request-ID", request_id)],
        )
        method = environ["REQUEST_METHOD"]
        logs.log_request(method, environ.get("PATH_INFO", ""), status, start, request_id)
        return [b"" if method == "HEAD" else content]

    @staticmethod
    def _in_memory(environ):
        if not (settings.PAGE_CACHE_ENABLED and cache_push.enabled()):
            return None
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if environ.get("PATH_INFO", "").startswith(_excluded_prefixes()):
            return None
        cookies = parse_cookie(environ["HTTP_COOKIE"]) if "HTTP_COOKIE" in environ else {}
        if not is_anonymous(cookies, environ):
            return None
        generation = cache_push.listener.current()
        if generation is None:
            return None
        entry = cache_push.local_pages.get(cache_key_for(environ))
        if entry is None or entry[0] != generation:
            return None
        return entry
