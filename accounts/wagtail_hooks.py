"""Two-factor sign-in in the admin: its pages, the users-list button and the account menu."""

from django.conf import settings
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.widgets import Button

from .two_factor import ManageView, ResetView, VerifyView, can_reset, users_with_app


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", ManageView.as_view(), name="accounts_two_factor_manage"),
        path("two-factor/verify/", VerifyView.as_view(), name="accounts_two_factor_verify"),
        path(
            "two-factor/reset/<int:user_id>/", ResetView.as_view(), name="accounts_two_factor_reset"
        ),
    ]


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """In the users list, for someone who lost their phone."""
    if settings.ADMIN_2FA == "off" or not can_reset(request_user, user):
        return
    # One query for the whole list: kept on the signed-in user, who lives for one request.
    if not hasattr(request_user, "_users_with_app"):
        request_user._users_with_app = users_with_app()
    if user.pk in request_user._users_with_app:
        yield Button(
            "Remove authenticator app",
            reverse("accounts_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        "core.two_factor_reset", "Remove authenticator app", "Authenticator app removed"
    )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if settings.ADMIN_2FA == "off":
        return None
    return {
        "url": reverse("accounts_two_factor_manage"),
        "label": "Two-factor sign-in",
        "help_text": "Ask for a code from your phone after your password.",
    }
