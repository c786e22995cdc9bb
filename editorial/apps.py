from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editors' admin: reports, dashboard panels and the content library menu."""

    name = "editorial"

    def ready(self):
        from . import body_problems

        body_problems.connect()
