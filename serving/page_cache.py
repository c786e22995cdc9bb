"""The whole-page cache: anonymous GET/HEAD requests for public pages served from the shared
cache (Redis when ``REDIS_URL`` is set), stored under the content generation (core.fragments)
and ignored once it changes, so a publish shows at the next request on every host.

With Redis, workers also hear of each new generation by pub/sub (serving.push) and keep their
own copies of pages; serving.replay answers those before Django. The cache fails open: when it
cannot be reached every request is rendered from the database.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.fragments import GENERATION_KEY, current_generation, use_generation

from . import push, routes
from .requests import is_anonymous_request, is_never_cached

logger = logging.getLogger(__name__)

PAGE_KEY_PREFIX = "neuropain:page:"
CACHE_HEADER = "X-Page-Cache"


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
        if request.method not in ("GET", "HEAD") or is_never_cached(request.path_info):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)

        page_key = None
        if settings.PAGE_CACHE_ENABLED and is_anonymous_request(request):
            page_key = cache_key_for(request.META)
        generation, entry = self._lookup(page_key)
        use_generation(request, generation)
        if generation is None:
            return self._private(self.get_response(request))

        if entry is not None and entry[0] == generation:
            return self._replay(entry)

        route_key = routes.route_key(host, request.path_info)
        routed = False
        if settings.FRAGMENT_CACHE_ENABLED:
            routed = routes.restore(request, host, route_key, generation)
        response = self.get_response(request)
        if settings.FRAGMENT_CACHE_ENABLED:
            routes.record(request, host, route_key, generation, routed)

        if page_key and self._cacheable(request, response):
            self._store(page_key, generation, response)
            return response
        return self._private(response)

    # Requests

    @staticmethod
    def _lookup(page_key):
        """The generation and the cached page, in one round trip when the page is wanted
        (none when the generation is pushed and this worker has the page already)."""
        if push.enabled() and (generation := push.listener.current()):
            if page_key is None:
                return generation, None
            entry = push.local_pages.get(page_key)
            if entry is not None and entry[0] == generation:
                return generation, entry
            try:
                entry = cache.get(page_key)
            except Exception:  # noqa: BLE001 - fail open
                logger.warning("Cache unreachable; serving uncached", exc_info=True)
                return None, None
            if entry is not None and entry[0] == generation:
                push.local_pages.put(page_key, entry)
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
        if push.enabled():
            push.local_pages.put(page_key, entry)
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
