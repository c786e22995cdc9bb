from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from drugs.viewsets import DrugClassViewSet
from glossary.viewsets import GlossaryTermViewSet
from physicians.viewsets import PhysicianViewSet
from search.viewsets import SynonymViewSet

from .viewsets import PersonViewSet


class ContentLibraryGroup(SnippetViewSetGroup):
    """The reusable records editors keep up to date, in one admin menu."""

    menu_label = "Content library"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (PersonViewSet, GlossaryTermViewSet, DrugClassViewSet, PhysicianViewSet, SynonymViewSet)


register_snippet(ContentLibraryGroup)
