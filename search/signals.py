"""Keep the search index in step with brand names.

A drug is found by its brand names (DrugPage.search_fields), but brand names are rows of
their own, saved after the page: the page's own index update runs before they exist, and a
brand name changed outside a page publish (the importer, the shell) would never reach the
index. Re-index the drug whenever one of its brand names is saved or deleted, through the
same task Wagtail uses for its own index updates.
"""

from modelsearch.tasks import insert_or_update_object_task

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from drugs.models import BrandName, DrugPage


@receiver(post_save, sender=BrandName)
@receiver(post_delete, sender=BrandName)
def reindex_drug(sender, instance, raw=False, **kwargs):
    if raw or not DrugPage.objects.filter(pk=instance.page_id).exists():
        return
    insert_or_update_object_task.enqueue("drugs", "drugpage", str(instance.page_id))
