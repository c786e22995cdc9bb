"""What kind of request this is, decided once for the whole request path: the admin or a
public page, a file or a page, an anonymous reader or someone who may see something personal,
and which query parameters make a different page.

deploy/varnish/default.vcl applies the same rules in front of the site: keep the two in step
(tests/serving/test_varnish.py checks them against each other).
"""

from urllib.parse import urlencode

from django.conf import settings

# Cookies that mean the reader may see something personal: a session (signed in, or a
# password-protected page unlocked) or flash messages. The CSRF cookie alone does not: it is
# the same form token for anyone, and a page that needs it sets it (and is never cached).
PERSONAL_COOKIES = ("messages",)

# The query parameters pages read (search, listings, filters, the physician search, quiz
# results); any other parameter changes nothing and is left out of cache keys.
PAGE_QUERY_PARAMETERS = frozenset(
    {
        "q",
        "group",
        "exact",
        "page",
        "topic",
        "letter",
        "class",
        "a",
        "zip_code",
        "radius",
        "city",
        "state",
        "specialty",
        "sort",
    }
)


def admin_prefix():
    """The path every admin URL starts with (ADMIN_URL may be changed by environment)."""
    return f"/{settings.ADMIN_URL}"


def is_admin(path):
    """Is this the admin?"""
    return path.startswith(admin_prefix())


def is_admin_or_file(path):
    """The admin (which reads from the primary database) or a static or media file (which
    reads nothing)."""
    return path.startswith((admin_prefix(), settings.STATIC_URL, settings.MEDIA_URL))


def is_never_cached(path):
    """The admin (and so previews), static and media files (WhiteNoise sets their own
    headers), and PAGE_CACHE_EXCLUDE_PATHS (documents, page-password forms, ...)."""
    admin_and_files = (admin_prefix(), settings.STATIC_URL, settings.MEDIA_URL)
    return path.startswith((*admin_and_files, *settings.PAGE_CACHE_EXCLUDE_PATHS))


def is_anonymous_request(request):
    """Is the reader anonymous? No session, messages or other personal cookie, and no
    credentials: a public reader, who may be served what every other public reader gets."""
    names = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    if any(name in request.COOKIES for name in names):
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def normalised_query(query_dict):
    """The query string as a cache key sees it: only the parameters pages read, sorted by
    name (values in their order), so `?utm_source=x&page=2` and `?page=2` are one page."""
    items = [
        (name, value)
        for name in sorted(set(query_dict) & PAGE_QUERY_PARAMETERS)
        for value in query_dict.getlist(name)
    ]
    return urlencode(items)
