"""The reviewer's approve / request-changes pop-ups: our words, and each import finding confirmed.

Two of Wagtail's page workflow views are subclassed here and mounted before Wagtail's admin URLs
in neuropain/urls.py, through their public ``get_form_class`` and ``post``:

- the "Awaiting your review" dashboard panel posts to Wagtail's workflow-action view (pages'
  and shared snippets' alike; snippets' are set on their viewsets, editorial.snippet_review), which adds
  no message at all: the reviewer was returned to the dashboard with no word of what happened.
  It now says "approved and published" or "Changes requested — NAME has been notified", as the
  page editor does (editorial.wording);
- approving a page whose draft still carries import findings (an importer's note such as a
  dropped table) asks the reviewer to tick each finding as checked, in the approval pop-up of
  both the dashboard and the page editor. The ticks are only the reviewer's confirmation: they
  are removed before Wagtail's task sees the form data (which takes only a comment).
"""

from django import forms

from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import CollectWorkflowActionDataView, WorkflowActionView
from wagtail.models import TaskState
from wagtail.snippets.views import snippets as snippet_views

from .wording import open_import_findings, workflow_outcome

FINDING_PREFIX = "checked_finding_"


def confirm_findings_form(base_form, findings):
    """``base_form`` (Wagtail's comment form) with one required tick per finding."""
    fields = {
        f"{FINDING_PREFIX}{number}": forms.BooleanField(
            label=f"I have checked: {finding}",
            error_messages={
                "required": "Tick this once you have checked it, or request changes instead."
            },
        )
        for number, finding in enumerate(findings, start=1)
    }

    def clean(self):
        cleaned = base_form.clean(self) or self.cleaned_data
        return {key: value for key, value in cleaned.items() if not key.startswith(FINDING_PREFIX)}

    return type("ConfirmFindingsForm", (base_form,), {**fields, "clean": clean})


class ConfirmFindingsMixin:
    # Wagtail's pop-up template, its fields out of a <ul> (axe: "list").
    template_name = "editorial/workflow_action_modal.html"

    def get_form_class(self):
        form_class = super().get_form_class()
        if self.action_name != "approve" or form_class is None:
            return form_class
        findings = open_import_findings(getattr(self.object, "specific", self.object))
        return confirm_findings_form(form_class, findings) if findings else form_class


class SayWhatHappenedMixin:
    """After the action, one message in our words (Wagtail's pop-up adds none)."""

    OUTCOMES = {TaskState.STATUS_APPROVED: "approve", TaskState.STATUS_REJECTED: "reject"}

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        text = workflow_outcome(self.object, self.OUTCOMES.get(self.task_state.status))
        if text:
            messages.success(request, text)
        return response


class ReviewWorkflowActionView(SayWhatHappenedMixin, ConfirmFindingsMixin, WorkflowActionView):
    pass


class ReviewCollectActionDataView(ConfirmFindingsMixin, CollectWorkflowActionDataView):
    pass


class SnippetReviewWorkflowActionView(
    SayWhatHappenedMixin, ConfirmFindingsMixin, snippet_views.WorkflowActionView
):
    """The same pop-up for people, glossary terms and drug classes (their viewsets'
    ``workflow_action_view_class``); snippets carry no import findings."""


class SnippetReviewCollectActionDataView(
    ConfirmFindingsMixin, snippet_views.CollectWorkflowActionDataView
):
    pass
