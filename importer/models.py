"""An import's proposal for an article an editor has changed since its last import."""

from django.conf import settings
from django.db import models


class ImportProposal(models.Model):
    """What a re-import would change on a page someone changed since the import wrote it.

    The editor's version stays the page's latest revision. `imported` holds the import's value
    of every content field it would change (JSON, see `importer.proposals`); `kept` names the
    fields the editor changed, which applying the proposal leaves as the editor has them.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an editor"
        APPLIED = "applied", "Applied"
        DISMISSED = "dismissed", "Dismissed"
        SUPERSEDED = "superseded", "Replaced by a later import"

    page = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="import_proposals"
    )
    origin = models.CharField(max_length=500, blank=True, help_text="The imported file.")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    imported = models.JSONField(default=dict)
    kept = models.JSONField(default=list)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "page"])]

    def __str__(self):
        return f"Import proposal for {self.page_id} ({self.status})"

    @property
    def carried(self):
        """The fields applying the proposal changes: the import's, minus the editor's."""
        return [name for name in self.imported if name not in self.kept]
