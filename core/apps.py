from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from . import invalidation, signals  # noqa: F401

        invalidation.connect_signals()
