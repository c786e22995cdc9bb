"""Lay words readers search with, mapped to the words our pages use."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Synonym(index.Indexed, models.Model):
    term = models.CharField(max_length=100, unique=True, help_text="What a reader types.")
    expands_to = models.CharField(
        max_length=255, help_text="Words our pages use, comma-separated (e.g. paresthesia)."
    )
    # Fingerprint of what load_site_content last wrote, so it never overwrites an editor's change.
    loaded_hash = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("term"), FieldPanel("expands_to")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.expands_to}"

    @property
    def expansions(self):
        return [word.strip() for word in self.expands_to.split(",") if word.strip()]
