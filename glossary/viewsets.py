from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    menu_label = "Glossary"
    list_display = ["term", "aliases"]
    search_fields = ["term", "definition", "aliases"]
    ordering = ["term"]
