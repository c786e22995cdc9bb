"""Test settings: fast hashing, no manifest storage, in-memory email."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The page cache and fragments are tested on their own (tests/serving/test_page_cache.py,
# tests/perf/); elsewhere a cached page from an earlier test must not leak into the next.
PAGE_CACHE_ENABLED = FRAGMENT_CACHE_ENABLED = False

# The benchmark app (synthetic content, generate_scale_data) is tested; production never has it.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
