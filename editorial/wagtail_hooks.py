from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import WorkflowMixin
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.models import Person
from core.viewsets import PersonViewSet
from drugs.viewsets import DrugClassViewSet
from glossary.viewsets import GlossaryTermViewSet
from physicians.viewsets import PhysicianViewSet
from review.due import due_for_review
from review.forms import PersonForm
from review.permissions import GovernedSnippetPermissionPolicy, is_administrator
from search.viewsets import SynonymViewSet

from .archive import ARCHIVE_ACTION, RESTORE_ACTION, archive_page, archives_on_delete
from .dashboard import AttentionPanel, ReviewDuePanel, order_for_role
from .models import ArchiveRecord
from .proposals import ProposalView
from .reports import (
    AttentionReportView,
    ReviewDueReportView,
    editable_pages,
    user_can_see_reports,
)
from .snippet_review import ReviewedSnippetViewSetMixin
from .views import RestoreView
from .wording import banner_on_edit, malformed_workflow_action, reword_after_action


class ReviewedPersonViewSet(ReviewedSnippetViewSetMixin, PersonViewSet):
    """People, with the "User" field offering only medical reviewers' accounts."""

    edit_handler = ObjectList(Person.panels, base_form_class=PersonForm)


class ReviewedGlossaryTermViewSet(ReviewedSnippetViewSetMixin, GlossaryTermViewSet):
    pass


class ReviewedDrugClassViewSet(ReviewedSnippetViewSetMixin, DrugClassViewSet):
    pass


REVIEWED_SNIPPET_VIEWSETS = (
    ReviewedPersonViewSet,
    ReviewedGlossaryTermViewSet,
    ReviewedDrugClassViewSet,
)
# Before the viewsets are registered, so that Wagtail uses these policies instead of its own.
for viewset in REVIEWED_SNIPPET_VIEWSETS:
    register_permission_policy(viewset.model, GovernedSnippetPermissionPolicy(viewset.model))


class ContentLibraryGroup(SnippetViewSetGroup):
    """The reusable records editors keep up to date, in one admin menu."""

    menu_label = "Content library"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (*REVIEWED_SNIPPET_VIEWSETS, PhysicianViewSet, SynonymViewSet)


register_snippet(ContentLibraryGroup)


def _archived_message(request, pages):
    titles = ", ".join(f"'{page.get_admin_display_title()}'" for page in pages)
    its, it = ("its", "it") if len(pages) == 1 else ("their", "them")
    messages.success(
        request,
        f"{titles} moved to the archive, unpublished, with {its} revisions. "
        f"An administrator can restore or purge {it} there.",
    )


@hooks.register("register_log_actions")
def register_archive_log_actions(actions):
    actions.register_action(ARCHIVE_ACTION, "Archive", "Moved to the archive (deleted)")
    actions.register_action(RESTORE_ACTION, "Restore", "Restored from the archive")


@hooks.register("before_delete_page")
def archive_instead_of_delete(request, page):
    if request.method == "POST" and archives_on_delete(page):
        parent_id = page.get_parent().pk
        _archived_message(request, [archive_page(page, request.user)])
        return redirect("wagtailadmin_explore", parent_id)
    return None


@hooks.register("before_bulk_action")
def archive_instead_of_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not hasattr(objects[0], "get_parent"):
        return None
    archived = [archive_page(page, request.user) for page in objects if archives_on_delete(page)]
    objects[:] = [page for page in objects if page.pk not in {p.pk for p in archived}]
    if not archived:
        return None
    _archived_message(request, archived)
    return None if objects else redirect(action_class_instance.next_url)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def say_what_happened(request, page):
    reword_after_action(request, page)


@hooks.register("before_edit_page")
def show_review_banner(request, page):
    if malformed_workflow_action(request):
        messages.error(request, "The review action could not be read. Choose it again.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    banner_on_edit(request, page)
    return None


@hooks.register("before_edit_snippet")
def show_snippet_review_banner(request, instance):
    if not isinstance(instance, WorkflowMixin):
        return None
    if malformed_workflow_action(request):
        messages.error(request, "The review action could not be read. Choose it again.")
        edit_url_name = instance.snippet_viewset.get_url_name("edit")
        return redirect(edit_url_name, quote(instance.pk))
    banner_on_edit(request, instance)
    return None


@hooks.register("construct_snippet_action_menu")
def unpublish_for_administrators(menu_items, request, context):
    """Wagtail offers "Unpublish" to whoever may publish; a reviewer approves but does not
    unpublish shared content."""
    policy = policy_registry.get_by_type(context["model"])
    if isinstance(policy, GovernedSnippetPermissionPolicy) and not policy.user_has_permission(
        request.user, "unpublish"
    ):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]


class RestoreButton(PageMenuItem):
    label = "Restore"
    icon_name = "undo"
    url_name = "editorial_restore_page"

    def is_shown(self, user):
        return is_administrator(user) and ArchiveRecord.objects.filter(page=self.page).exists()


@hooks.register("register_page_listing_more_buttons")
def restore_button(page, user, next_url=None):
    yield RestoreButton(page=page, priority=35)


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
            "archive/<int:page_id>/restore/", RestoreView.as_view(), name="editorial_restore_page"
        ),
        path(
            "reports/import-attention/",
            AttentionReportView.as_view(),
            name="editorial_attention_report",
        ),
        path(
            "reports/import-attention/proposals/<int:proposal_id>/",
            ProposalView.as_view(),
            name="editorial_import_proposal",
        ),
        path(
            "reports/import-attention/results/",
            AttentionReportView.as_view(results_only=True),
            name="editorial_attention_report_results",
        ),
    ]


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insert_editor_js")
def editor_labels_js():
    return format_html('<script src="{}"></script>', static("js/admin-labels.js"))


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
    editable = editable_pages(request.user).values("pk")
    pages = due_for_review().filter(pk__in=editable)
    panels.append(ReviewDuePanel(pages))
    panels.append(AttentionPanel())
    order_for_role(request.user, panels, editable_pages(request.user).values_list("pk", flat=True))
