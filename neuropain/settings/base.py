"""Settings shared by every environment. Safe for production: no secrets, DEBUG off."""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

from search.backend_settings import search_backends

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False

# Our apps, ground floor first: an app imports only apps listed above it (README
# "Architecture"; tests/test_architecture.py holds the rule).
INSTALLED_APPS = [
    "core",
    "review",
    "serving",
    "articles",
    "drugs",
    "physicians",
    "quizzes",
    "glossary",
    "trust",
    "search",
    "home",
    "accounts",
    "importer",
    "editorial",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "serving.health.HealthCheckMiddleware",
    "serving.logs.RequestIDMiddleware",
    # Page cache: a hit is replayed with the headers the middleware below set when it was
    # stored (security headers, CSP, Permissions-Policy), skipping everything else. Only
    # what differs per response (the request id) sits above it.
    "serving.page_cache.PageCacheMiddleware",
    "serving.replica.ReadReplicaMiddleware",  # only with DATABASE_REPLICA_URL
    "django.middleware.security.SecurityMiddleware",
    "serving.security.InputGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "serving.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "neuropain.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "neuropain.wsgi.application"


# One line picks the database: SQLite file by default, PostgreSQL via DATABASE_URL.
def _database(url, default=None):
    database = dj_database_url.parse(
        url or default,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.postgresql":
        # Time limits, so a hung database gives the 503 page within seconds (README
        # "Reliability": DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT, ...; none for long commands).
        from serving.database import add_time_limits

        add_time_limits(database.setdefault("OPTIONS", {}), os.environ, sys.argv)
    return database


# /healthz/ reports the database down when it does not answer SELECT 1 within this many seconds.
DB_HEALTH_TIMEOUT = float(os.environ.get("DB_HEALTH_TIMEOUT", "2"))
DATABASES = {
    "default": _database(
        os.environ.get("DATABASE_URL"), default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
# A read replica for anonymous page views (serving/replica.py): README "Running at scale".
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = _database(os.environ["DATABASE_REPLICA_URL"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["serving.replica.ReplicaRouter"]
REPLICA_LAG_SECONDS = float(os.environ.get("REPLICA_LAG_SECONDS", "10"))
REPLICA_RETRY_SECONDS = int(os.environ.get("REPLICA_RETRY_SECONDS", "30"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"


# Complex page models can exceed Django's default in Wagtail's page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "NeuroPain"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# Alt text is required on every image editors place (accessibility).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.AltTextImageForm"
# Approving a workflow stamps the medical review onto the revision that goes live, then publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.workflows.publish_with_review_stamp"

# --- Performance and scale (caching, static/media storage, search, CDN) -----------------
# README "Running at scale" lists the variables. Each service is optional and off by default.

# Redis shared by every gunicorn worker and host when REDIS_URL is set. It fails open through a
# circuit breaker (serving/cache_backend.py): a Redis that errs or does not answer within
# REDIS_TIMEOUT seconds is skipped for REDIS_BREAKER_SECONDS, and the site is served from the
# database meanwhile (README "Reliability").
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "serving.cache_backend.CircuitBreakerRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "neuropain"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.25")),
                "BREAKER_SECONDS": float(os.environ.get("REDIS_BREAKER_SECONDS", "30")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Every public page for anonymous readers is marked for shared caches (Varnish, a CDN:
# s-maxage PAGE_CACHE_CDN_MAX_AGE, purged on publish; PAGE_CACHE_QUERY_MAX_AGE for searches
# and filtered listings, never purged). PAGE_CACHE=1 also keeps them in Django's cache, for
# a site without a cache in front; FRAGMENT_CACHE=1 keeps fragments (navigation, counts, an
# article's body). Both are checked against the content versions in the database.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "1") == "1"
FRAGMENT_CACHE_ENABLED = os.environ.get("FRAGMENT_CACHE", "1") == "1"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))
PAGE_CACHE_CDN_MAX_AGE = int(os.environ.get("PAGE_CACHE_CDN_MAX_AGE", "3600"))
PAGE_CACHE_QUERY_MAX_AGE = int(os.environ.get("PAGE_CACHE_QUERY_MAX_AGE", "60"))
PAGE_CACHE_STATUSES = (200,)
# Longer normalised query strings are served but not kept by the page cache.
PAGE_CACHE_MAX_QUERY = 200
# Besides ADMIN_URL, STATIC_URL and MEDIA_URL, which are never cached (serving.requests).
PAGE_CACHE_EXCLUDE_PATHS = ["/documents/", "/_util/"]

# Hashed static files are served by WhiteNoise with a one-year, immutable Cache-Control.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible storage (needs `pip install django-storages[s3]`); credentials
# come from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# PostgreSQL full-text search by default; Elasticsearch or OpenSearch when SEARCH_URL is
# set (needs the matching client package, e.g. `pip install "elasticsearch>=8,<9"`).
SEARCH_URL = os.environ.get("SEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = search_backends(os.environ)

# Purges on publish (serving.frontend_cache): an HTTP purge endpoint (Varnish:
# deploy/varnish/default.vcl), or Cloudflare.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
# --- end of performance and scale ------------------------------------------------------

# One JSON object per line on stdout; every line logged during a request carries its id.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "serving.logs.RequestIDFilter"},
        "one_line_per_request": {"()": "serving.logs.OneLinePerRequestFilter"},
    },
    "formatters": {"json": {"()": "serving.logs.JSONFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id", "one_line_per_request"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "neuropain.request": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
        # Django's own handlers (plain text on stderr, runserver's access lines) give way to
        # the JSON console above: one line per request, from serving.logs.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# --- Security (README "Security"). HTTPS-only settings live in production.py. ---
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

AUTHENTICATION_BACKENDS = [
    "serving.security.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: lock a username from one client address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "serving.security.client_ip"
AXES_LOCKOUT_CALLABLE = "serving.security.lockout_response"
AXES_ENABLE_ADMIN = False
# The client address comes from REMOTE_ADDR unless a trusted proxy sets this header
# (e.g. "X-Forwarded-For"); the address TRUSTED_PROXY_COUNT entries from the right is used.
TRUSTED_PROXY_IP_HEADER = os.environ.get("TRUSTED_PROXY_IP_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# The header is believed only on requests whose socket address is one of these proxies
# (addresses or networks): a client reaching gunicorn directly cannot choose its address.
TRUSTED_PROXY_ADDRESSES = [
    address.strip()
    for address in os.environ.get("TRUSTED_PROXY_ADDRESSES", "127.0.0.1,::1").split(",")
    if address.strip()
]

# Two-factor sign-in to the admin with an authenticator app (accounts/two_factor.py):
# "optional" (default): anyone may set one up from their account menu, and is then asked
# for a code at every sign-in; "required": everyone who uses the admin must set one up;
# "off": nobody is asked.
ADMIN_2FA = os.environ.get("ADMIN_2FA", "optional").strip().lower()
if ADMIN_2FA not in {"off", "optional", "required"}:
    raise ImproperlyConfigured('ADMIN_2FA must be "off", "optional" or "required".')
OTP_TOTP_ISSUER = "NeuroPain"

# Staff sessions end after SESSION_COOKIE_AGE seconds (default 8 hours).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "serving.security.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Public pages: no inline script or style except nonced elements. The Wagtail admin (which
# needs inline scripts and styles) gets CONTENT_SECURITY_POLICY_ADMIN by path instead.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "media-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "media-src": [SELF, "blob:"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "ambient-light-sensor", "autoplay", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "magnetometer",
        "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
        "serial", "usb", "xr-spatial-tracking",
    ]
} | {"fullscreen": ["self"]}  # fmt: skip

# Abuse caps: public form posts are tiny; the admin's page editor posts more.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PUBLIC_MAX_BODY_BYTES = 64 * 1024
PUBLIC_MAX_QUERY_STRING = 8192
MAX_SEARCH_QUERY = 200

# No third-party calls from the admin (also keeps its CSP same-origin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
