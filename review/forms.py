"""The medical page editor's review controls."""

from django import forms

from wagtail.admin.forms import WagtailAdminPageForm

from .models import MINOR_CHANGE_KEY, REVIEW_FIELDS
from .roles import can_edit_review_fields, is_medical_reviewer
from .stamping import stamp_review

MINOR_CHANGE_LABEL = "Minor change — do not reset the review date"


class MedicalReviewPageForm(WagtailAdminPageForm):
    """Editor form for articles and drugs (their base_form_class).

    Editors cannot set the reviewer or review dates by hand; a reviewer's approval stamps them.
    A direct publish by a medical reviewer counts as their review; any other publish, or one
    marked as a minor change, only moves "Modified".
    """

    minor_change = forms.BooleanField(
        required=False,
        label=MINOR_CHANGE_LABEL,
        help_text=(
            "Tick for a correction that needs no new medical review (a typo, a broken link): "
            "publishing then updates 'Modified' and keeps the reviewer and 'Reviewed/Revised'."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_edit_review_fields(self.for_user):
            for name in REVIEW_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = (
                        "Set when the page is published."
                        if name == "last_modified"
                        else "Set when a medical reviewer approves the page."
                    )
        if self.instance.pk and self.instance.workflow_in_progress:
            # Show the reviewer what the editor declared when submitting.
            latest = self.instance.get_latest_revision()
            self.fields["minor_change"].initial = bool(
                latest and latest.content.get(MINOR_CHANGE_KEY)
            )

    def is_direct_publish(self):
        if not self.data.get("action-publish") or self.for_user is None:
            return False
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        return self.parent_page.permissions_for_user(self.for_user).can_publish_subpage()

    def save(self, commit=True):
        page = self.instance
        page.minor_change = self.cleaned_data.get("minor_change", False)
        if self.is_direct_publish():
            reviewer = self.for_user if is_medical_reviewer(self.for_user) else None
            stamp_review(page, reviewer, minor=page.minor_change)
        return super().save(commit=commit)
