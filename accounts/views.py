"""Signing out of the admin."""

from django.http import HttpResponseNotAllowed

from wagtail.admin.views.account import LogoutView


class PostOnlyLogoutView(LogoutView):
    """Wagtail's logout deletes the session cookie and says "logged out" even for a GET, which
    Django refuses (405) without ending the session: the session stayed valid on the server for
    anyone holding the cookie. Only a POST (the admin's sign-out form, CSRF-checked) signs out,
    and it ends the session on the server."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)
