"""What kind of request this is, decided once for the whole request path: the admin or a
public page, a file or a page, an anonymous reader or someone who may see something personal.

Each question works from the path or the WSGI environ alone, so the WSGI replay
(serving.replay) can ask it before Django builds a request.
"""

from django.conf import settings
from django.http import parse_cookie

# Cookies that mean the reader may see something personal: a session (signed in, or a
# password-protected page unlocked) or flash messages.
PERSONAL_COOKIES = ("messages",)


def admin_prefix():
    """The path every admin URL starts with (ADMIN_URL may be changed by environment)."""
    return f"/{settings.ADMIN_URL}"


def is_admin(path):
    """Is this the admin?"""
    return path.startswith(admin_prefix())


def _admin_or_files():
    return (admin_prefix(), settings.STATIC_URL, settings.MEDIA_URL)


def is_admin_or_file(path):
    """The admin (which reads from the primary database) or a static or media file (which
    reads nothing)."""
    return path.startswith(_admin_or_files())


def is_never_cached(path):
    """The admin, static and media files, and PAGE_CACHE_EXCLUDE_PATHS (documents, ...):
    never kept in the page cache. (Asked on every request replayed before Django: kept flat.)"""
    admin_and_files = (admin_prefix(), settings.STATIC_URL, settings.MEDIA_URL)
    return path.startswith((*admin_and_files, *settings.PAGE_CACHE_EXCLUDE_PATHS))


def is_anonymous(cookies, environ):
    """Is the reader anonymous? No session, messages or other personal cookie, and no
    credentials: a public reader, who may be served what every other public reader gets."""
    names = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    if any(name in cookies for name in names):
        return False
    return "HTTP_AUTHORIZATION" not in environ


def is_anonymous_request(request):
    """`is_anonymous` for a Django request (its cookies are parsed once, by Django)."""
    return is_anonymous(request.COOKIES, request.META)


def is_anonymous_environ(environ):
    """`is_anonymous` for a WSGI environ, before Django has parsed anything."""
    cookies = parse_cookie(environ["HTTP_COOKIE"]) if "HTTP_COOKIE" in environ else {}
    return is_anonymous(cookies, environ)
