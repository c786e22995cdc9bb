from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def complete_administrators(app_config, using="default", apps=global_apps, **kwargs):
    """Administrators hold every permission, including those of models added after the roles
    migration. Django creates each app's permissions in this same signal, possibly after this
    receiver, so they are created first (idempotent)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from .review import ADMINISTRATORS_GROUP

    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    group = Group.objects.using(using).filter(name=ADMINISTRATORS_GROUP).first()
    if group is not None:
        group.permissions.add(*Permission.objects.using(using).exclude(group=group))


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        post_migrate.connect(complete_administrators, dispatch_uid="core_complete_administrators")
        from . import invalidation, signals  # noqa: F401

        invalidation.connect_signals()
