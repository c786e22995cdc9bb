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
# The pages about the site (About, Privacy, ..., the sitemap for people) the footer links to
# on every page, in page-tree order: [(title, url, slug)], cached and forgotten with the above.
SITE_PAGE_MODELS = ("trust.InfoPage", "trust.SitemapPage")
SITE_PAGES_CACHE_KEY = "neuropain:site-page-links:v1"


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
    cache.delete_many([CACHE_KEY, SITE_PAGES_CACHE_KEY])


def site_page_links():
    links = cache.get(SITE_PAGES_CACHE_KEY)
    if links is None:
        models = [apps.get_model(label) for label in SITE_PAGE_MODELS]
        pages = Page.objects.live().type(*models).order_by("path")
        links = [(page.title, page.get_url(), page.slug) for page in pages]
        cache.set(SITE_PAGES_CACHE_KEY, links, CACHE_SECONDS)
    return links


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
