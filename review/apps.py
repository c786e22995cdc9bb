from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReviewConfig(AppConfig):
    """Medical review: the page mixin, the workflow's approval stamp, roles and reminders."""

    name = "review"

    def ready(self):
        from .roles import complete_administrators

        post_migrate.connect(complete_administrators, dispatch_uid="core_complete_administrators")
