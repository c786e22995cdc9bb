"""Lay words readers search with, mapped to the words our pages use."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.loading import LoadOwned


class Synonym(index.Indexed, LoadOwned):
    term = models.CharField(max_length=100, unique=True, help_text="What a reader types.")
    expands_to = models.CharField(
        max_length=255, help_text="Words our pages use, comma-separated (e.g. paresthesia)."
    )
    # What load_site_content writes; it never overwrites an editor's change (LoadOwned).
    load_fields = ("term", "expands_to")

    panels = [FieldPanel("term"), FieldPanel("expands_to")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.expands_to}"

    @property
    def expansions(self):
        return [word.strip() for word in self.expands_to.split(",") if word.strip()]
