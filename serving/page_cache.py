"""Which responses a shared cache may keep, and the small page cache the site has of its own.

Every response says whether a shared cache in front (Varnish, a CDN) may keep it: public
pages for anonymous readers get ``Cache-Control: public, max-age=0, s-maxage=N`` (a long N,
since publishing purges the addresses that show a page; a short one for addresses with a
query string, searches and filtered listings, which are never purged), everything else
``private``. deploy/varnish/default.vcl keeps what this allows.

Without a cache in front (``make run``, one machine) the same responses are kept in Django's
cache (``PAGE_CACHE=1``), keyed by host, path and the query parameters pages read, and
stored with the content versions they were built under (core.fragments): a copy is used only
while the site's version and its address's version are unchanged, read from the database on
every request, so a change made while the cache was unreachable is never served stale.
"""

import hashlib
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.fragments import request_versions

from .requests import is_anonymous_request, is_never_cached, normalised_query

logger = logging.getLogger(__name__)

PAGE_KEY_PREFIX = "neuropain:page:"
CACHE_HEADER = "X-Page-Cache"
PORT = re.compile(r":\d+$")


def cache_key(request):
    """One key per page a reader can get: scheme, host without port, path and the query
    parameters pages read, in order."""
    host = PORT.sub("", request.get_host().lower())
    query = normalised_query(request.GET)
    url = f"{request.scheme}://{host}{request.path}?{query}"
    return PAGE_KEY_PREFIX + hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()


def shared_max_age(request):
    """How long a shared cache may keep this page: searches and filtered listings (any query
    parameter a page reads) briefly, since they are not purged; the rest until purged."""
    if normalised_query(request.GET):
        return settings.PAGE_CACHE_QUERY_MAX_AGE
    return settings.PAGE_CACHE_CDN_MAX_AGE


def is_cacheable(request, response):
    """May every anonymous reader of this address get this response?"""
    if response.status_code not in settings.PAGE_CACHE_STATUSES or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a form's token, a session, a message
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a per-response secret must not be replayed to other readers
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"cookie", "accept-encoding"}


class PageCacheMiddleware:
    """Marks each response public or private for shared caches, and serves anonymous GET/HEAD
    requests from Django's cache when PAGE_CACHE_ENABLED.

    Sits above every middleware whose headers are the same for every reader of a page
    (security headers, CSP, Permissions-Policy): a response is stored with them, and a hit
    replays them and skips the rest of the stack. Never cached: other methods, the admin
    (previews included), static and media files and documents, requests with a session or
    messages cookie or an Authorization header (editors, unlocked private pages), and
    responses that set a cookie, are private/no-cache, vary on anything but Cookie, carry a
    CSP nonce, or have another status than PAGE_CACHE_STATUSES.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_never_cached(request.path_info):
            return self.get_response(request)
        if not is_anonymous_request(request):
            return self._private(self.get_response(request))
        try:
            key = cache_key(request) if settings.PAGE_CACHE_ENABLED else None
        except DisallowedHost:
            return self.get_response(request)
        versions = request_versions(request) if key else None
        if versions is not None:
            entry = self._get(key)
            if entry is not None and tuple(entry[:2]) == versions:
                return self._replay(entry)

        response = self.get_response(request)
        if not is_cacheable(request, response):
            return self._private(response)
        patch_vary_headers(response, ["Cookie"])
        # Browsers revalidate pages (max-age=0) unless the view chose a max-age of its own.
        max_age = {} if "max-age" in response.get("Cache-Control", "") else {"max_age": 0}
        patch_cache_control(response, public=True, s_maxage=shared_max_age(request), **max_age)
        # Long queries (a pasted paragraph searched for) are served but not kept: one-off
        # addresses would only push out pages others read.
        kept = len(normalised_query(request.GET)) <= settings.PAGE_CACHE_MAX_QUERY
        if versions is not None and kept:
            self._store(key, versions, request, response)
        return response

    @staticmethod
    def _get(key):
        try:
            return cache.get(key)
        except Exception:  # noqa: BLE001 - fail open
            logger.warning("Cache unreachable; serving uncached", exc_info=True)
            return None

    @staticmethod
    def _store(key, versions, request, response):
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        headers = [(k, v) for k, v in response.items() if k.lower() != CACHE_HEADER.lower()]
        entry = (*versions, response.status_code, headers, response.content)
        try:
            query = normalised_query(request.GET)
            timeout = settings.PAGE_CACHE_QUERY_MAX_AGE if query else settings.PAGE_CACHE_TIMEOUT
            cache.set(key, entry, timeout)
        except Exception:  # noqa: BLE001 - fail open
            logger.warning("Cache unreachable; page not stored", exc_info=True)
        response[CACHE_HEADER] = "MISS"

    @staticmethod
    def _replay(entry):
        _site, _page, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=dict(headers))
        response[CACHE_HEADER] = "HIT"
        return response

    @staticmethod
    def _private(response):
        """Whatever is not public must not be kept by a CDN or another shared cache."""
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
        if settings.PAGE_CACHE_ENABLED:
            response[CACHE_HEADER] = "BYPASS"
        return response
