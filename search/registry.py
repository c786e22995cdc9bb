"""What site search looks through, defined once.

Every searchable type is listed here with the label readers see on its results and the field
that supplies its text snippet. Page types are searched together in one query (their snippet
fields joined in). The glossary, the one snippet type, is small and matched in memory from the
search vocabulary (search.engine), so a search costs the same number of queries however many
results it finds.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Case, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce

from wagtail.models import Page

from core.fragments import exclude_private


@dataclass(frozen=True)
class SearchablePage:
    """A page type; its results link to the page."""

    label: str
    model_label: str
    snippet_field: str
    boost: float = 1.0
    # (boolean fields, what a result says when all are true), first match wins: what kind of
    # information the page holds (a drug's patient leaflet or only its FDA label).
    markers: tuple = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def snippet_lookup(self):
        # Each type is a direct Page subclass, reachable from Page by its lower-case name.
        return f"{self.model._meta.model_name}__{self.snippet_field}"


@dataclass(frozen=True)
class SearchableSnippet:
    """A snippet shown as a result of its own, linking to an anchor on a section page."""

    label: str
    model_label: str
    title_field: str
    snippet_field: str
    section: str  # a key of core.sections.SECTION_MODELS
    anchor_field: str
    boost: float = 1.0

    @property
    def model(self):
        return apps.get_model(self.model_label)


SEARCHABLE_TYPES = (
    SearchablePage("Article", "articles.ArticlePage", "summary"),
    SearchablePage(
        "Drug",
        "drugs.DrugPage",
        "description",
        markers=(
            (("has_leaflet", "has_label"), "Patient leaflet and FDA label"),
            (("has_leaflet",), "Patient leaflet"),
            (("has_label",), "FDA prescribing label only"),
        ),
    ),
    SearchablePage("Quiz", "quizzes.QuizPage", "intro"),
    # A definition is a sentence or two, so it out-scores a long article on any word it
    # contains; halved, definitions help without crowding the articles out.
    SearchableSnippet(
        "Glossary",
        "glossary.GlossaryTerm",
        title_field="term",
        snippet_field="definition",
        section="glossary",
        anchor_field="slug",
        boost=0.5,
    ),
)


def page_types():
    return [t for t in SEARCHABLE_TYPES if isinstance(t, SearchablePage)]


def snippet_types():
    return [t for t in SEARCHABLE_TYPES if isinstance(t, SearchableSnippet)]


def page_type_of(page):
    """The registered type a search hit belongs to (its own class or the nearest ancestor)."""
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(page.content_type_id).model_class()  # cached
    for searchable in page_types():
        if model is not None and issubclass(model, searchable.model):
            return searchable
    raise LookupError(f"{model} is not a registered searchable type")


def searchable_pages(request=None):
    """Live, public pages of every registered type, each annotated with `search_snippet`.

    Pages under a view restriction are left out by path, from the remembered list of
    restricted sections (rather than PageQuerySet.public(), which costs a query of its own,
    or a subquery that PostgreSQL evaluates against every page).
    """
    types = page_types()
    snippet = Coalesce(
        *[Cast(t.snippet_lookup, TextField()) for t in types],
        Value("", output_field=TextField()),
        output_field=TextField(),
    )
    marker = Case(
        *[
            When(Q(**{f"{t.model._meta.model_name}__{f}": True for f in fields}), then=Value(text))
            for t in types
            for fields, text in t.markers
        ],
        default=Value(""),
        output_field=TextField(),
    )
    pages = Page.objects.live().type(*[t.model for t in types])
    return exclude_private(pages, request).annotate(search_snippet=snippet, search_marker=marker)
