"""The editorial roles: who writes, who medically reviews, who administers.

The groups and the "Medical review" workflow are created by a migration
(core/migrations/0004_editor_roles_and_medical_review.py).
"""

from django.apps import apps as global_apps

EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Medical reviewers"
ADMINISTRATORS_GROUP = "Administrators"
WORKFLOW_NAME = "Medical review"


def in_group(user, *names):
    return bool(user and user.is_active and user.groups.filter(name__in=names).exists())


def is_medical_reviewer(user):
    """A member of the medical reviewers group: their publish is a medical review."""
    return in_group(user, REVIEWERS_GROUP)


def can_edit_review_fields(user):
    """Only reviewers and administrators may set the reviewer and review dates by hand."""
    return bool(user and user.is_active) and (
        user.is_superuser or in_group(user, REVIEWERS_GROUP, ADMINISTRATORS_GROUP)
    )


def complete_administrators(app_config, using="default", apps=global_apps, **kwargs):
    """Administrators hold every permission, including those of models added after the roles
    migration. Django creates each app's permissions in this same signal, possibly after this
    receiver, so they are created first (idempotent)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    group = Group.objects.using(using).filter(name=ADMINISTRATORS_GROUP).first()
    if group is not None:
        group.permissions.add(*Permission.objects.using(using).exclude(group=group))
