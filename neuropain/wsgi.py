import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "neuropain.settings.production")

django_application = get_wsgi_application()

from serving.replay import CachedPageApplication  # noqa: E402 - needs the apps loaded

# Pages this worker holds in memory are answered before Django handles the request.
application = CachedPageApplication(django_application)
