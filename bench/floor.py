"""The floor: a constant 20 KB HTML page from a bare Django view, served by the same gunicorn
configuration as the site. No page can be served faster through this stack, so pages are
reported as a ratio of it. `raw_application` is the same bytes without Django, for scale."""

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

END = b"</main></body></html>"
HEAD = b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Floor</title></head>"
FILLER = b"<p>" + b"Nerve pain can feel like burning or tingling. " * 2 + b"</p>"
BODY = (HEAD + b"<body><main>" + FILLER * 300)[: 20 * 1024 - len(END)] + END


def floor(request):
    return HttpResponse(BODY)


urlpatterns = [path("", floor)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only",  # noqa: S106 - serves one constant page on loopback
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings

application = get_wsgi_application()

RAW_HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def raw_application(environ, start_response):
    start_response("200 OK", RAW_HEADERS)
    return [BODY]
