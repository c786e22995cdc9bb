from django.apps import AppConfig


class ServingConfig(AppConfig):
    """The request path: page cache headers, replica routing, health check, request logs,
    security, and purging the cache in front of the site."""

    name = "serving"

    def ready(self):
        from . import frontend_cache

        frontend_cache.connect_signals()
