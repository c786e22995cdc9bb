"""Keep the search index in step with brand names and the drugs an article lists.

A drug is found by its brand names (DrugPage.search_fields), but brand names are rows of
their own, saved after the page: the page's own index update runs before they exist, and a
brand name changed outside a page publish (the importer, the shell) would never reach the
index. Re-index the drug whenever one of its brand names is saved or deleted, through the
same task Wagtail uses for its own index updates.
"""

from modelsearch.tasks import insert_or_update_object_task

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from articles.models import ArticlePage
from drugs.models import BrandName, DrugPage


@receiver(post_save, sender=BrandName)
@receiver(post_delete, sender=BrandName)
def reindex_drug(sender, instance, raw=False, **kwargs):
    if raw or not DrugPage.objects.filter(pk=instance.page_id).exists():
        return
    insert_or_update_object_task.enqueue("drugs", "drugpage", str(instance.page_id))


@receiver(page_published, sender=ArticlePage)
def reindex_article(sender, instance, **kwargs):
    """An article is found by the drugs it lists ("Drugs mentioned"), rows written after the
    page itself: index it again once the publish has committed them."""
    page_id = str(instance.pk)
    transaction.on_commit(
        lambda: insert_or_update_object_task.enqueue("articles", "articlepage", page_id)
    )
