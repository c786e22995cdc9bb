"""Roles that cannot destroy: only Administrators delete, unpublish, move or restrict pages, and
only they delete or unpublish the shared content under medical review (people, glossary terms,
drug classes).

Editors publish quizzes and medical reviewers publish (approve) articles and drugs, and Wagtail
lets whoever publishes also unpublish, delete, move and password-protect. Those are not part of
writing or reviewing, so page models hand out this tester (``permissions_for_user`` is Wagtail's
documented override point, and the admin casts to the specific page to honour it).
"""

from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

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


class GovernedSnippetPermissionPolicy(ModelPermissionPolicy):
    """For a snippet under medical review: reviewers approve (Wagtail's "publish") and editors
    write as before, but "delete" and "unpublish" are for Administrators only.

    Wagtail unpublishes a snippet on the "publish" permission, the one reviewers approve with, so
    the viewsets ask for "unpublish" instead (editorial.snippet_review); an administrator still
    needs the Django permission behind each action ("publish" for unpublishing)."""

    ADMINISTRATOR_ONLY = {"delete": "delete", "unpublish": "publish"}

    def user_has_permission(self, user, action):
        if action in self.ADMINISTRATOR_ONLY:
            needed = self.ADMINISTRATOR_ONLY[action]
            return is_administrator(user) and super().user_has_permission(user, needed)
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        others = [action for action in actions if action not in self.ADMINISTRATOR_ONLY]
        needed = [self.ADMINISTRATOR_ONLY[action] for action in actions if action not in others]
        allowed = Q(pk__in=[])
        if others:
            allowed |= Q(pk__in=super().users_with_any_permission(others).values("pk"))
        if needed:
            candidates = super().users_with_any_permission(needed)
            allowed |= Q(pk__in=[user.pk for user in candidates if is_administrator(user)])
        return get_user_model().objects.filter(allowed)
