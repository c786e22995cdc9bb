from wagtail.snippets.views.snippets import SnippetViewSet

from .models import DrugClass


class DrugClassViewSet(SnippetViewSet):
    model = DrugClass
    icon = "tag"
    menu_label = "Drug classes"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
