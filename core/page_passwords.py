"""Page passwords are rate-limited like staff sign-in.

Wagtail checks a password-protected page's password without any limit (40 guesses in 1.4 s).
Failed guesses are counted per client address and restriction in the cache; after
AXES_FAILURE_LIMIT failures the address gets 429 until AXES_COOLOFF_TIME has passed, the same
numbers as the admin sign-in lockout. The client address comes from AXES_CLIENT_IP_CALLABLE, so
both locks read the proxy header the same way.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.module_loading import import_string

from wagtail.views import authenticate_with_password


def client_address(request):
    path = getattr(settings, "AXES_CLIENT_IP_CALLABLE", "")
    if path:
        return import_string(path)(request) or ""
    return request.META.get("REMOTE_ADDR", "")


def _key(request, restriction_id):
    return f"page-password-failures:{restriction_id}:{client_address(request)}"


def rate_limited_authenticate_with_password(request, page_view_restriction_id, page_id):
    limit = settings.AXES_FAILURE_LIMIT
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds())
    key = _key(request, page_view_restriction_id)
    if request.method == "POST" and cache.get(key, 0) >= limit:
        context = {"failure_limit": limit, "cooloff_minutes": max(1, cooloff // 60)}
        response = render(request, "core/page_password_locked.html", context, status=429)
        response["Retry-After"] = str(cooloff)
        return response
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST":
        if response.status_code == 302:
            cache.delete(key)
        else:
            cache.add(key, 0, cooloff)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, cooloff)
    return response
