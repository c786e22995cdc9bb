"""Rebuild the compiled glossary whenever an editor changes a term or the glossary page."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from .markup import invalidate
from .models import GlossaryIndexPage, GlossaryTerm


def _invalidate_now_and_after_commit():
    # Now, so this process never shows the old term; after commit as well, so no other
    # process keeps a copy it rebuilt from the database before the change was committed.
    invalidate()
    transaction.on_commit(invalidate)


# What saving a draft revision writes to the row: nothing readers see (terms are under medical
# review; the live text changes when a reviewer approves, which saves the whole row).
DRAFT_ONLY_FIELDS = {"latest_revision", "has_unpublished_changes"}


@receiver(post_save, sender=GlossaryTerm)
def glossary_term_saved(sender, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    _invalidate_now_and_after_commit()


@receiver(post_delete, sender=GlossaryTerm)
def glossary_term_changed(sender, **kwargs):
    _invalidate_now_and_after_commit()


@receiver(page_published, sender=GlossaryIndexPage)
@receiver(page_unpublished, sender=GlossaryIndexPage)
@receiver(post_delete, sender=GlossaryIndexPage)
def glossary_page_changed(sender, **kwargs):
    _invalidate_now_and_after_commit()
