"""Dashboard panels: what needs a medical review soon, and what the import left to check."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_latest_str
from wagtail.models import Page, WorkflowState

from importer.attention import articles_needing_attention, counts_by_kind
from review.due import DUE_SOON_DAYS, ReviewStatus, order_by_urgency
from review.roles import EDITORS_GROUP, in_group, is_medical_reviewer

from .wording import display_name

PANEL_ROWS = 10


class ReviewDuePanel(Component):
    name = "review_due"
    template_name = "editorial/dashboard/review_due_panel.html"
    order = 150

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        pages = list(order_by_urgency(self.pages))
        counts = dict.fromkeys(ReviewStatus.LABELS, 0)
        for page in pages:
            counts[page.review_status] += 1
            page.status_label = ReviewStatus.LABELS[page.review_status]
        return {
            "total": len(pages),
            "counts": [
                (ReviewStatus.LABELS[status], counts[status])
                for status in ReviewStatus.URGENCY
                if counts[status] and status != ReviewStatus.CURRENT
            ],
            "pages": pages[:PANEL_ROWS],
            "more": max(0, len(pages) - PANEL_ROWS),
            "due_soon_days": DUE_SOON_DAYS,
            "today": timezone.localdate(),
        }


class AttentionPanel(Component):
    name = "import_attention"
    template_name = "editorial/dashboard/attention_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        attention = articles_needing_attention()
        return {
            "counts": counts_by_kind(attention),
            "articles": attention[:PANEL_ROWS],
            "more": max(0, len(attention) - PANEL_ROWS),
            "total": len(attention),
        }


class ChangesRequestedPanel(Component):
    """An editor's first panel: pages and shared snippets (people, glossary terms, drug classes)
    a medical reviewer sent back, with the comment."""

    name = "changes_requested"
    template_name = "editorial/dashboard/changes_requested_panel.html"
    order = 10

    def __init__(self, editable_page_ids):
        self.editable_page_ids = editable_page_ids

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        states = (
            WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")
        )
        page_type = ContentType.objects.get_for_model(Page)
        page_ids = {int(s.object_id) for s in states if s.base_content_type_id == page_type.pk}
        pages = Page.objects.in_bulk(set(self.editable_page_ids.filter(pk__in=page_ids)))
        finder = AdminURLFinder(user)
        rows = []
        for state in states:
            if state.base_content_type_id == page_type.pk:
                obj = pages.get(int(state.object_id))
                url = obj and reverse("wagtailadmin_pages:edit", args=[obj.pk])
            else:
                obj = state.content_object
                url = obj and finder.get_edit_url(obj)
            if obj is None or not url:
                continue
            task_state = state.current_task_state
            rows.append(
                {
                    "title": get_latest_str(obj),
                    "url": url,
                    "kind": "Page" if isinstance(obj, Page) else capfirst(obj._meta.verbose_name),
                    "reviewer": display_name(task_state.finished_by) if task_state else "",
                    "comment": task_state.get_comment() if task_state else "",
                    "when": task_state.finished_at if task_state else None,
                }
            )
        return {"rows": rows[:PANEL_ROWS], "total": len(rows)}


def order_for_role(user, panels, editable_page_ids):
    """Reviewers see "Awaiting your review" first; editors see "Changes requested" first."""
    if is_medical_reviewer(user):
        for panel in panels:
            if panel.name == "workflow_objects_to_moderate":
                panel.order = 5
    elif in_group(user, EDITORS_GROUP):
        panels.append(ChangesRequestedPanel(editable_page_ids))
