"""The medical page editor's review controls, and the person editor's reviewer account."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .chooser import account_name, reviewer_account_chooser
from .models import MINOR_CHANGE_KEY, REVIEW_FIELDS
from .roles import REVIEWERS_GROUP, can_edit_review_fields, is_medical_reviewer
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


class PersonForm(WagtailAdminModelForm):
    """The person editor: "User" links a medical reviewer's admin account, so it offers only
    active accounts in the medical reviewers group (editors must not be able to list every
    account on the site, nor link a person to an administrator's account)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("user")
        if field is None:
            return
        accounts = Q(is_active=True, groups__name=REVIEWERS_GROUP)
        if self.instance.user_id:
            accounts |= Q(pk=self.instance.user_id)
        field.queryset = (
            get_user_model().objects.filter(accounts).distinct().order_by("last_name", "username")
        )
        field.label_from_instance = account_name
        field.error_messages["invalid_choice"] = (
            "Choose the account of an active member of the Medical reviewers group."
        )
        field.widget = reviewer_account_chooser.widget_class()
        field.widget.is_required = field.required
        field.widget.accounts = field.queryset
        field.help_text = (
            "The medical reviewer's admin account (only members of the Medical reviewers group "
            "can be chosen), so their approvals name this person."
        )
