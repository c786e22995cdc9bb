"""Shared snippets under medical review (people, glossary terms, drug classes) say what
happened in the same words as pages: "submitted for medical review", "approved and published",
"Changes requested — NAME has been notified", from the snippet editor and from the dashboard's
"Awaiting your review" pop-up.

Only Administrators delete or unpublish them (review.permissions.GovernedSnippetPermissionPolicy,
registered for each model in wagtail_hooks): the unpublish view asks the policy for "unpublish"
rather than Wagtail's "publish", and whoever may not delete gets no bulk actions (deleting is the
only one snippets have).

Done through the viewsets' public view-class attributes (``edit_view_class``,
``create_view_class``, ``workflow_action_view_class``, ...), so the URLs stay Wagtail's own and
keep its admin-access and permission checks.
"""

from django.utils.functional import cached_property

from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
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


class ReviewedSnippetUnpublishView(snippet_views.UnpublishView):
    permission_required = "unpublish"


class ReviewedSnippetIndexView(snippet_views.IndexView):
    @cached_property
    def may_bulk_delete(self):
        return self.user_has_permission("delete")

    @cached_property
    def columns(self):
        columns = super().columns
        if self.may_bulk_delete:
            return columns
        return [column for column in columns if not isinstance(column, BulkActionsCheckboxColumn)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_bulk_delete=self.may_bulk_delete, **kwargs)


class ReviewedSnippetViewSetMixin:
    """For the viewset of a snippet with ``core.drafts.ReviewedSnippetMixin``."""

    index_view_class = ReviewedSnippetIndexView
    index_template_name = "editorial/reviewed_snippet_index.html"
    edit_view_class = ReviewedSnippetEditView
    unpublish_view_class = ReviewedSnippetUnpublishView
    add_view_class = ReviewedSnippetCreateView
    workflow_action_view_class = SnippetReviewWorkflowActionView
    collect_workflow_action_data_view_class = SnippetReviewCollectActionDataView
