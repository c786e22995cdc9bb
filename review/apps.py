from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """Medical review: the page mixin, the workflow's approval stamp, roles and reminders."""

    name = "review"
