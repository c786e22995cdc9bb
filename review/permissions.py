"""Roles that cannot destroy: only Administrators delete, unpublish, move or restrict pages.

Editors publish quizzes and medical reviewers publish (approve) articles and drugs, and Wagtail
lets whoever publishes also unpublish, delete, move and password-protect. Those are not part of
writing or reviewing, so page models hand out this tester (``permissions_for_user`` is Wagtail's
documented override point, and the admin casts to the specific page to honour it).
"""

from functools import cached_property

from wagtail.models import PagePermissionTester

from .roles import ADMINISTRATORS_GROUP, in_group


def is_administrator(user):
    return bool(user and user.is_active) and (
        user.is_superuser or in_group(user, ADMINISTRATORS_GROUP)
    )


class GovernedPermissionTester(PagePermissionTester):
    @cached_property
    def is_administrator(self):
        return is_administrator(self.user)

    def can_delete(self, ignore_bulk=False):
        return self.is_administrator and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self.is_administrator and super().can_unpublish()

    def can_set_view_restrictions(self):
        return self.is_administrator and super().can_set_view_restrictions()


class GovernedPageMixin:
    """Mixed into every page type: destructive actions are for Administrators only."""

    def permissions_for_user(self, user):
        return GovernedPermissionTester(user, self)
