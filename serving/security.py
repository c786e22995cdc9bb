"""Request-level defences shared by every page: CSP by path, input limits, login lockout keys."""

import ipaddress
import re

from axes.backends import AxesBackend as AxesModelBackend
from csp.middleware import CSPMiddleware
from csp.utils import default_config

from django.conf import settings
from django.db import DataError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .requests import is_admin

# C0 controls except tab, line feed and carriage return, plus DEL. NUL in particular makes
# PostgreSQL reject a query ("A string literal cannot contain NUL characters").
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with CONTENT_SECURITY_POLICY_ADMIN for the Wagtail admin's paths."""

    def process_response(self, request, response):
        # Wagtail renders previews through the whole middleware stack with a dummy request for
        # the page's public URL; the admin request that frames the preview sets the policy.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


def bad_request(request, message):
    body = loader.render_to_string("400.html", {"message": message})
    return HttpResponseBadRequest(body)


class InputGuardMiddleware:
    """Turn unreadable or oversized input into a clear 400 instead of a crash.

    Control characters in the path are refused outright (no page has one; page routing would
    look them up). Values in the query or a form are the views' to validate, with their own
    messages; if one still carries a NUL into PostgreSQL (which rejects it), the error becomes
    a 400 here rather than a 500. Length caps apply to public pages only, since the admin's
    page editor legitimately posts more; searches are capped everywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = self.problem(request)
        if message:
            return bad_request(request, message)
        return self.get_response(request)

    def problem(self, request):
        if CONTROL_CHARACTERS.search(request.path):
            return "This address contains characters we can't read."
        public = not is_admin(request.path)
        if public and len(request.META.get("QUERY_STRING", "")) > settings.PUBLIC_MAX_QUERY_STRING:
            return "This address is too long. Please shorten your search and try again."
        # Search backends build one nested expression per word: thousands of words exhaust
        # the stack (the admin's page search has no cap of its own).
        if any(len(q) > settings.MAX_SEARCH_QUERY for q in request.GET.getlist("q")):
            return f"Please search with {settings.MAX_SEARCH_QUERY} characters or fewer."
        if public and request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return "The form could not be read."
            if length > settings.PUBLIC_MAX_BODY_BYTES:
                return "The form you sent is too large."
        return ""

    def process_exception(self, request, exception):
        if isinstance(exception, DataError) and "NUL" in str(exception):
            return bad_request(
                request, "Something you typed contains characters we can't read. Please retype it."
            )
        return None


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explain what to do instead of Django's page."""
    body = loader.render_to_string("403_csrf.html", request=request)
    return HttpResponseForbidden(body)


def client_ip(request):
    """The visitor's address for login lockouts and page-password limits.

    REMOTE_ADDR, unless TRUSTED_PROXY_IP_HEADER names a header our own proxy sets and the
    request came from that proxy (TRUSTED_PROXY_ADDRESSES): then the address
    TRUSTED_PROXY_COUNT entries from the right, since entries further left can be forged by
    the client. A client reaching gunicorn directly is known by its socket address, whatever
    header it sends.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.TRUSTED_PROXY_IP_HEADER
    if not header or not _from_trusted_proxy(remote):
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    addresses = [a.strip() for a in request.META.get(key, "").split(",") if a.strip()]
    count = max(settings.TRUSTED_PROXY_COUNT, 1)
    if len(addresses) < count:
        return remote
    candidate = addresses[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _from_trusted_proxy(remote):
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXY_ADDRESSES
    )


def lockout_response(request, original_response=None, credentials=None):
    """django-axes lockout: a 429 page that says how long to wait, not a bare error."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    response = HttpResponse(loader.render_to_string("429.html", context, request), status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


class AxesBackend(AxesModelBackend):
    """Axes' lockout check, skipped for sign-ins that don't come from a web request.

    Management commands and the test client's login() authenticate without a request; only
    web logins can be brute-forced, and those always carry one. First in
    AUTHENTICATION_BACKENDS, so it is also a full ModelBackend for get_user() (Wagtail's test
    utilities log in with AUTHENTICATION_BACKENDS[0]); ModelBackend after it checks passwords.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
