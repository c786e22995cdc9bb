"""The site's section pages (articles, drugs A–Z, find a physician, quizzes, glossary).

Templates and search link to these singletons on many pages; their URLs are looked up in one
query and cached until any page is published, unpublished, moved, renamed or deleted
(see core.signals), so a callout or a search result costs no query of its own.
"""

from django.apps import apps
from django.core.cache import cache

from wagtail.models import Page

SECTION_MODELS = {
    "articles": "articles.ArticleIndexPage",
    "drugs": "drugs.DrugIndexPage",
    "physicians": "physicians.PhysicianSearchPage",
    "quizzes": "quizzes.QuizIndexPage",
    "glossary": "glossary.GlossaryIndexPage",
}
CACHE_KEY = "neuropain:section-urls:v1"
CACHE_SECONDS = 60 * 60


def section_urls():
    """{"articles": "/articles/", ...} for the live sections; a missing section has no key."""
    urls = cache.get(CACHE_KEY)
    if urls is None:
        urls = _load_section_urls()
        cache.set(CACHE_KEY, urls, CACHE_SECONDS)
    return urls


def section_url(name):
    return section_urls().get(name, "")


def forget_section_urls():
    cache.delete(CACHE_KEY)


def _load_section_urls():
    models = {name: apps.get_model(label) for name, label in SECTION_MODELS.items()}
    by_type = {model: name for name, model in models.items()}
    pages = Page.objects.live().type(*models.values()).order_by("path").specific(defer=True)
    urls = {}
    for page in pages:
        name = by_type.get(type(page))
        if name and name not in urls:
            urls[name] = page.get_url()
    return urls
