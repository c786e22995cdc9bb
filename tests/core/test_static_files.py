"""Static files in production: hashed names, compressed, cached by browsers for years."""

from whitenoise.middleware import WhiteNoiseMiddleware

from django.core.management import call_command
from django.http import HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory


def test_hashed_static_files_get_far_future_headers(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)

    url = static("css/site.css")
    assert url != "/static/css/site.css"  # the name carries the content hash
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    request = RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip")
    response = middleware(request)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert int(response["Cache-Control"].split("max-age=")[1].split(",")[0]) >= 365 * 86400
    assert response["Content-Encoding"] == "gzip"
