"""Plain-language definitions of medical words, shown where they first appear in articles."""

import string

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.loading import LoadOwned
from core.models import INTRO_FEATURES


class GlossaryTerm(index.Indexed, LoadOwned):
    term = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    definition = models.TextField(help_text="One or two plain sentences.")
    aliases = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other spellings or phrases, comma-separated (e.g. paraesthesia, pins and needles).",
    )
    # What load_site_content writes; it never overwrites an editor's change (LoadOwned).
    load_fields = ("term", "definition", "aliases")

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("aliases"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("definition"),
        index.SearchField("aliases"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def alias_list(self):
        return [alias.strip() for alias in self.aliases.split(",") if alias.strip()]


class GlossaryIndexPage(Page):
    intro = RichTextField(features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = {}
        for term in sorted(GlossaryTerm.objects.all(), key=lambda t: t.term.casefold()):
            letter = term.term[:1].upper()
            groups.setdefault(letter if letter in string.ascii_uppercase else "#", []).append(term)
        # Every letter A-Z in the navigation; letters without terms are shown but not linked.
        context["letters"] = [(letter, letter in groups) for letter in string.ascii_uppercase]
        context["term_groups"] = sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))
        return context
