"""Local development: DEBUG on (unless DJANGO_DEBUG=false) and a throwaway secret key."""

import os

from .base import *  # noqa: F403

# `make run` serves with DJANGO_DEBUG=false, so a missing page shows the designed 404 page a
# reader would see; `make run DEBUG=true` (or plain `manage.py runserver`) shows Django's
# debugging pages instead.
DEBUG = os.environ.get("DJANGO_DEBUG", "true").strip().lower() not in {"0", "false", "no", "off"}
SECRET_KEY = "django-insecure-dev-only-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Serve static files straight from the source folders, no collectstatic needed (so no
# manifest of hashed names either, with DEBUG on or off).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# runserver leaves static files to WhiteNoise, inside the middleware that logs each request.
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded images and documents are served by Django here, with DEBUG on or off.
SERVE_MEDIA = True
