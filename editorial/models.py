"""The archive: where a deleted article or drug goes, unpublished and with its revisions, until
an administrator restores or purges it."""

from django.conf import settings
from django.db import models

from wagtail.models import Page

from review.permissions import GovernedPageMixin


class ArchivePage(GovernedPageMixin, Page):
    """Holds archived pages. It sits directly under the tree's root, outside every site, and is
    never published, so nothing in it can be served."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "archive"

    @classmethod
    def can_create_at(cls, parent):
        # Created by the first deletion, never by hand.
        return False


class ArchiveRecord(models.Model):
    """Where an archived page came from, so a restore puts it back."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="archive_record"
    )
    original_parent = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_slug = models.SlugField(max_length=255, allow_unicode=True)
    archived_at = models.DateTimeField(auto_now_add=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.page} (archived {self.archived_at:%Y-%m-%d})"


class BodyProblemRecord(models.Model):
    """What in an article's latest revision would read as broken text (`articles.problems`),
    recorded when the revision is saved, so the import-attention report lists problems an
    editor wrote without reading every article body on each request."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="body_problem_record"
    )
    # The revision the problems were read from; none for a page saved without revisions.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # [{"kind": articles.problems kind, "text": the place's text, "block_id": ...}], body order.
    problems = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"{self.page_id}: {len(self.problems)} problems"
