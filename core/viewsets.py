from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    list_display = ["name", "credentials", "affiliation", "role"]
    list_filter = ["role"]
    search_fields = ["name", "affiliation"]
    ordering = ["name"]
