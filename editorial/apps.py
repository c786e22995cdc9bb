from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editors' admin: reports, dashboard panels and the content library menu."""

    name = "editorial"
