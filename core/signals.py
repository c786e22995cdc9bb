"""Keep cached lookups of pages honest when the page tree changes."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .sections import forget_section_urls


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def page_tree_changed(sender, **kwargs):
    forget_section_urls()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_section_urls()
