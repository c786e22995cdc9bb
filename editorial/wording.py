"""Say plainly what happened in the medical review: the messages after submitting, approving and
requesting changes, the reviewer's comment as a banner for the editor, and the change comparison
one click from the reviewer's approve button.

Wagtail's own words ("has been updated", "submitted for moderation") are replaced after the
edit view has added them, through Django's public message API (reading the queued messages
marks them used; those kept are added again).
"""

import json

from django.contrib import messages as django_messages
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.dateformat import format as format_date

from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.models import Page, TaskState, WorkflowState

from review.roles import WORKFLOW_NAME

SUBMITTED = "'{title}' submitted for medical review. The medical reviewers have been notified."
APPROVED = "'{title}' approved and published."
CHANGES_REQUESTED = "Changes requested — {name} has been notified."
WAGTAIL_WORDS = ("has been updated", "submitted for moderation")


def display_name(user):
    if user is None:
        return "the editor"
    return user.get_full_name().strip() or user.get_username()


def workflow_outcome(obj, action):
    """Our words for a review action ("approve", "reject") just taken on a page or snippet."""
    if action == "approve":
        return APPROVED.format(title=get_latest_str(obj))
    if action == "reject":
        state = _latest_workflow_state(obj)
        return CHANGES_REQUESTED.format(name=display_name(state and state.requested_by))
    return None


def outcome_message(request, page):
    """What the edit form's POST did, in our words, or None for an ordinary save."""
    post = request.POST
    if post.get("action-workflow-action"):
        return workflow_outcome(page, post.get("workflow-action-name"))
    # The page's workflow state is cached from before the action: ask the database.
    if post.get("action-submit") and page.get_workflow() is not None:
        return SUBMITTED.format(title=get_latest_str(page))
    return None


def _latest_workflow_state(obj):
    return WorkflowState.objects.for_instance(obj).order_by("-created_at").first()


def reword_after_action(request, page):
    """after_create_page / after_edit_page: replace Wagtail's message with ours."""
    text = outcome_message(request, page)
    if text is None:
        return
    queued = list(django_messages.get_messages(request))
    for message in queued:
        if any(words in message.message for words in WAGTAIL_WORDS):
            continue
        django_messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(request, text)


def latest_change_request(obj):
    """The reviewer's request for changes still open on a page or snippet, or None once it is
    resubmitted or the workflow ends."""
    state = obj.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )


def compare_url(obj):
    """The latest draft against what readers see now (or the first version of a new record)."""
    if isinstance(obj, Page):
        base = "live" if obj.live_revision_id else "earliest"
        return reverse("wagtailadmin_pages:revisions_compare", args=[obj.pk, base, "latest"])
    # A snippet's "live" is its database row, which may predate its first revision.
    base = "live" if obj.live else "earliest"
    url_name = obj.snippet_viewset.get_url_name("revisions_compare")
    return reverse(url_name, args=[quote(obj.pk), base, "latest"])


def banner_on_edit(request, page):
    """before_edit_page / before_edit_snippet (GET): the editor sees the open change request,
    the reviewer sees the comparison beside the approve button."""
    if request.method != "GET":
        return
    rejected = latest_change_request(page)
    if rejected is not None:
        when = format_date(rejected.finished_at, "j M Y, H:i") if rejected.finished_at else ""
        comment = rejected.get_comment() or "No comment was left."
        messages.warning(
            request,
            f"Changes requested by {display_name(rejected.finished_by)} ({when}): “{comment}” "
            "Make the changes, then choose “Resubmit to Medical review”.",
        )
        return
    task = page.current_workflow_task
    if task is None or not page.workflow_in_progress:
        return
    actions = {name for name, *_ in task.specific.get_actions(page, request.user)}
    if "approve" in actions:
        messages.info(
            request,
            f"Awaiting your medical review ({WORKFLOW_NAME}). Check what changed before approving.",
            buttons=[messages.button(compare_url(page), "Compare with the live version")],
        )
        findings = open_import_findings(page)
        if findings:
            messages.warning(
                request,
                f"The import left {len(findings)} finding{'s' if len(findings) != 1 else ''} "
                "on this page. Check each before approving: " + "; ".join(findings),
            )


def open_import_findings(page):
    """The importer's findings still recorded on the page's latest draft."""
    draft = page.get_latest_revision_as_object()
    findings = getattr(draft, "attention", None) or []
    return [
        str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in findings
    ]


ACTION_DATA_KEYS = {"comment"}


def malformed_workflow_action(request):
    """The page editor posts a review action's comment as JSON, which Wagtail passes on as
    keyword arguments: malformed JSON, a list or an unknown key was a server error."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return False
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data", "{}"))
    except ValueError:
        return True
    return not (
        isinstance(data, dict)
        and set(data) <= ACTION_DATA_KEYS
        and all(isinstance(value, str) for value in data.values())
    )
