"""What an article page shows of its inline rows, each read by a query compiled once per
process (core.prepared): its authors, topics, references and the drugs it mentions with their
brand names. A preview holds unsaved rows in memory (modelcluster) and is read from them."""

from django.apps import apps
from django.db.models import QuerySet

from core.prepared import prepared

from .inlines import ArticleAuthor, ArticleReference


def saved(relation):
    """True when a page's child relation (its manager) reads the database, not a list held in
    memory for a preview."""
    return isinstance(relation.all(), QuerySet)


def rows(relation, query, page_id):
    """`query(page_id)` when the page's child relation reads the database, else the unsaved
    rows a preview holds in it."""
    held = relation.all()
    return query(page_id) if isinstance(held, QuerySet) else list(held)


@prepared
def authors(page_id):
    """The page's author rows in the editor's order, each with its person."""
    return ArticleAuthor.objects.filter(page_id=page_id).select_related("person")


@prepared
def references(page_id):
    return ArticleReference.objects.filter(page_id=page_id)


@prepared
def topic_names(page_id):
    """The names of the page's tags, in the order they were added."""
    tagged = apps.get_model("articles", "ArticlePageTag").objects
    return (
        tagged.filter(content_object_id=page_id).order_by("pk").values_list("tag__name", flat=True)
    )


def _mentioned_drugs(page_id):
    """The drug pages under the page's "Drugs mentioned", in the editor's order, with the two
    columns an article shows of one (a drug page's leaflet and label are long)."""
    drug_model = apps.get_model("drugs", "DrugPage")
    return (
        drug_model.objects.filter(article_links__page=page_id)
        .order_by("article_links__sort_order", "article_links__pk")
        .only("title", "url_path", "live")
    )


mentioned_drugs = prepared(_mentioned_drugs)
live_drugs = prepared(lambda page_id: _mentioned_drugs(page_id).filter(live=True))


@prepared
def _brand_names(drug_ids):
    brand_model = apps.get_model("drugs", "BrandName")
    return (
        brand_model.objects.filter(page__in=drug_ids)
        .order_by("sort_order", "pk")
        .values_list("page_id", "name")
    )


def brand_names(drugs):
    """{drug page id: [its brand names, in the editor's order]} for `drugs`, in one query of
    two columns."""
    names = {}
    for page_id, name in _brand_names([drug.pk for drug in drugs]):
        names.setdefault(page_id, []).append(name)
    return names
