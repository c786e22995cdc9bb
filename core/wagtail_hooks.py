from django.conf import settings
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from drugs.viewsets import DrugClassViewSet
from glossary.viewsets import GlossaryTermViewSet
from physicians.viewsets import PhysicianViewSet
from search.viewsets import SynonymViewSet

from .dashboard import AttentionPanel, ReviewDuePanel
from .reports import (
    AttentionReportView,
    ReviewDueReportView,
    editable_pages,
    user_can_see_reports,
)
from .review import due_for_review
from .two_factor import ManageView, ResetView, VerifyView, can_reset, users_with_app
from .viewsets import PersonViewSet


class ContentLibraryGroup(SnippetViewSetGroup):
    """The reusable records editors keep up to date, in one admin menu."""

    menu_label = "Content library"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (PersonViewSet, GlossaryTermViewSet, DrugClassViewSet, PhysicianViewSet, SynonymViewSet)


register_snippet(ContentLibraryGroup)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", ManageView.as_view(), name="core_two_factor_manage"),
        path("two-factor/verify/", VerifyView.as_view(), name="core_two_factor_verify"),
        path("two-factor/reset/<int:user_id>/", ResetView.as_view(), name="core_two_factor_reset"),
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
            reverse("core_two_factor_reset", args=[user.pk]),
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
        "url": reverse("core_two_factor_manage"),
        "label": "Two-factor sign-in",
        "help_text": "Ask for a code from your phone after your password.",
    }


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/review-due/", ReviewDueReportView.as_view(), name="core_review_due_report"),
        path(
            "reports/review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="core_review_due_report_results",
        ),
        path(
            "reports/import-attention/", AttentionReportView.as_view(), name="core_attention_report"
        ),
        path(
            "reports/import-attention/results/",
            AttentionReportView.as_view(results_only=True),
            name="core_attention_report_results",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_review_due_menu_item():
    return ReportMenuItem(
        "Review due",
        reverse("core_review_due_report"),
        name="review-due",
        icon_name="calendar-alt",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_attention_menu_item():
    return ReportMenuItem(
        "Import attention",
        reverse("core_attention_report"),
        name="import-attention",
        icon_name="warning",
        order=110,
    )


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    if not user_can_see_reports(request.user):
        return
    pages = due_for_review().filter(pk__in=editable_pages(request.user).values("pk"))
    panels.append(ReviewDuePanel(pages))
    panels.append(AttentionPanel())
