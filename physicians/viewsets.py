from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Physician


class PhysicianViewSet(SnippetViewSet):
    model = Physician
    icon = "group"
    menu_label = "Physicians"
    list_display = [
        "name",
        "practice",
        "specialty",
        "city",
        "state",
        "zip_code",
        "listed",
        "is_sample",
    ]
    list_filter = ["specialty", "state", "listed", "source", "accepting_new_patients", "is_sample"]
    search_fields = ["name", "practice", "city"]
    ordering = ["name"]
