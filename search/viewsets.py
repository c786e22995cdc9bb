from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    list_display = ["term", "expands_to"]
    search_fields = ["term", "expands_to"]
    ordering = ["term"]
