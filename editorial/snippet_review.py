"""Shared snippets under medical review (people, glossary terms, drug classes) say what
happened in the same words as pages: "submitted for medical review", "approved and published",
"Changes requested — NAME has been notified", from the snippet editor and from the dashboard's
"Awaiting your review" pop-up.

Done through the viewsets' public view-class attributes (``edit_view_class``,
``create_view_class``, ``workflow_action_view_class``), so the URLs stay Wagtail's own and keep
its admin-access and permission checks.
"""

from wagtail.admin.utils import get_latest_str
from wagtail.snippets.views import snippets as snippet_views

from .wording import SUBMITTED, workflow_outcome
from .workflow_actions import SnippetReviewCollectActionDataView, SnippetReviewWorkflowActionView


class ReviewWordsMixin:
    def get_success_message(self, instance=None):
        obj = instance or self.object
        if self.action == "submit":
            return SUBMITTED.format(title=get_latest_str(obj))
        if self.action == "workflow-action":
            text = workflow_outcome(obj, self.workflow_action)
            if text:
                return text
        return super().get_success_message(instance)


class ReviewedSnippetEditView(ReviewWordsMixin, snippet_views.EditView):
    pass


class ReviewedSnippetCreateView(ReviewWordsMixin, snippet_views.CreateView):
    pass


class ReviewedSnippetViewSetMixin:
    """For the viewset of a snippet with ``core.drafts.ReviewedSnippetMixin``."""

    edit_view_class = ReviewedSnippetEditView
    add_view_class = ReviewedSnippetCreateView
    workflow_action_view_class = SnippetReviewWorkflowActionView
    collect_workflow_action_data_view_class = SnippetReviewCollectActionDataView
