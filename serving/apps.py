from django.apps import AppConfig


class ServingConfig(AppConfig):
    """The request path: page cache, replica routing, health check, request logs, security."""

    name = "serving"
