"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this while loading its own models, so app imports stay inside the function.
"""


def publish_with_review_stamp(workflow_state, user=None):
    """Wagtail's default (publish the latest revision), with the medical review stamped onto
    that revision first: the approved revision is the one that goes live, carrying the reviewer
    and the review dates, and no extra revision appears in the page history."""
    from .stamping import stamp_approved_revision

    revision = workflow_state.content_object.get_latest_revision()
    stamp_approved_revision(revision, user)
    revision.publish(user=user)
