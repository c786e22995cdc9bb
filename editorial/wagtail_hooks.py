from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.viewsets import PersonViewSet
from drugs.viewsets import DrugClassViewSet
from glossary.viewsets import GlossaryTermViewSet
from physicians.viewsets import PhysicianViewSet
from review.due import due_for_review
from search.viewsets import SynonymViewSet

from .dashboard import AttentionPanel, ReviewDuePanel
from .reports import (
    AttentionReportView,
    ReviewDueReportView,
    editable_pages,
    user_can_see_reports,
)


class ContentLibraryGroup(SnippetViewSetGroup):
    """The reusable records editors keep up to date, in one admin menu."""

    menu_label = "Content library"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (PersonViewSet, GlossaryTermViewSet, DrugClassViewSet, PhysicianViewSet, SynonymViewSet)


register_snippet(ContentLibraryGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/review-due/", ReviewDueReportView.as_view(), name="editorial_review_due_report"
        ),
        path(
            "reports/review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="editorial_review_due_report_results",
        ),
        path(
            "reports/import-attention/",
            AttentionReportView.as_view(),
            name="editorial_attention_report",
        ),
        path(
            "reports/import-attention/results/",
            AttentionReportView.as_view(results_only=True),
            name="editorial_attention_report_results",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_review_due_menu_item():
    return ReportMenuItem(
        "Review due",
        reverse("editorial_review_due_report"),
        name="review-due",
        icon_name="calendar-alt",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_attention_menu_item():
    return ReportMenuItem(
        "Import attention",
        reverse("editorial_attention_report"),
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
