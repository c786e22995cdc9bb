"""Replaying cached pages before Django: the WSGI application gunicorn serves."""

import time
from http import HTTPStatus

from django.conf import settings

from . import logs, push
from .page_cache import CACHE_HEADER, cache_key_for
from .requests import is_anonymous_environ, is_never_cached


class CachedPageApplication:
    """WSGI: answers a request for a page this worker already holds, before Django builds a
    request object, sends its signals or runs any middleware.

    Only pages kept in this process's memory under the generation pushed by Redis
    (serving.push) are replayed here, with the status, headers and body stored by
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
        if not (settings.PAGE_CACHE_ENABLED and push.enabled()):
            return None
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if is_never_cached(environ.get("PATH_INFO", "")):
            return None
        if not is_anonymous_environ(environ):
            return None
        generation = push.listener.current()
        if generation is None:
            return None
        entry = push.local_pages.get(cache_key_for(environ))
        if entry is None or entry[0] != generation:
            return None
        return entry
