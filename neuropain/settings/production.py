"""Production: everything secret or host-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# --- Performance: without a shared cache each worker would keep its own copies of pages and
# fragments (correct, as they are checked against the database's content versions, but
# memory-hungry): off unless asked for. Varnish in front is the page cache (README).
if not os.environ.get("REDIS_URL"):
    PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE") == "1"
    FRAGMENT_CACHE_ENABLED = os.environ.get("FRAGMENT_CACHE") == "1"


def _env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


# HTTPS only. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER to the header it
# sets, e.g. HTTP_X_FORWARDED_PROTO (and make sure the proxy overwrites it).
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(2 * 365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
        "upgrade-insecure-requests": True,
    }
}

# --- Error reports to Sentry when SENTRY_DSN is set (README "Observability") ---
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    from serving.logs import sentry_before_send

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        # No IP addresses, cookies, signed-in users or stack-frame variables (which hold
        # searches and form answers): readers of a health site are patients.
        send_default_pii=False,
        include_local_variables=False,
        before_send=sentry_before_send,
    )
