from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from . import cache, signals  # noqa: F401

        cache.connect_signals()
