from django.apps import AppConfig


class ServingConfig(AppConfig):
    """The request path: page cache, replica routing, health check, request logs, security."""

    name = "serving"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.fragments import generation_replaced

        from . import frontend_cache, push

        # Every worker hears of a new content generation at once (with Redis).
        generation_replaced.connect(push.on_generation_replaced, dispatch_uid="neuropain-push")
        # After core.invalidation's receivers (core is set up first): a CDN refetching a
        # purged page gets the new content.
        purge = frontend_cache.purge_on_page_change
        page_published.connect(purge, dispatch_uid="neuropain-cdn-publish")
        page_unpublished.connect(purge, dispatch_uid="neuropain-cdn-unpublish")
        post_page_move.connect(purge, dispatch_uid="neuropain-cdn-move")
