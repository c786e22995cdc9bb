"""The official prescribing information (the FDA label) kept on a drug page.

`manage.py import_drug_labels` fills it from openFDA's drug-label files. It is a child of the
page (a ParentalKey), so it travels in the page's revisions: a label arriving for a page an
editor has changed waits in a draft for review like any other change. Its sections are stored
as plain structure (paragraphs, lists and tables of text), never HTML, and rendered escaped.
"""

from django.db import models

from modelcluster.fields import ParentalKey

DAILYMED_URL = "https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid={set_id}"


class DrugLabel(models.Model):
    """One drug label (an SPL document) as published on DailyMed, for professionals."""

    page = ParentalKey("drugs.DrugPage", on_delete=models.CASCADE, related_name="fda_labels")
    set_id = models.CharField(
        max_length=64, help_text="The label's SPL set id (the same for every version)."
    )
    version = models.CharField(max_length=20, blank=True)
    effective_date = models.DateField(help_text="The date the label took effect.")
    title = models.CharField(max_length=255, blank=True, help_text="Brand and maker, as labelled.")
    # [{"key", "title", "blocks": [{"type": "p", "text"} | {"type": "ul", "items"} |
    #   {"type": "table", "caption", "head", "rows"}]}], in the label's own order.
    sections = models.JSONField(default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page"], name="one_fda_label_per_drug"),
        ]

    def __str__(self):
        return f"FDA label {self.set_id} ({self.effective_date})"

    @property
    def dailymed_url(self):
        return DAILYMED_URL.format(set_id=self.set_id)
