"""core.prepared against the ORM: for each kind of queryset the site prepares, the same rows,
instances, related objects and annotations as Django gives, in one query; what it cannot
substitute or run in one query is refused. It reaches into Django's compiler: these tests
are the contract that fails first when Django changes what it relies on."""

import pytest

from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.query import get_related_populators
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from articles import queries
from articles.models import ArticleAuthor, ArticlePage
from core.prepared import prepared
from drugs.models import DrugPage
from tests.factories import (
    ArticleAuthorFactory,
    ArticlePageFactory,
    ArticleReferenceFactory,
    BrandNameFactory,
    DrugPageFactory,
    PersonFactory,
    mention_drugs,
)


def fields_of(obj):
    """An instance's loaded values, its related objects (select_related) and annotations."""
    values = {key: value for key, value in obj.__dict__.items() if key != "_state"}
    cached = {name: fields_of(related) for name, related in obj._state.fields_cache.items()}
    return type(obj), obj._state.db, obj._state.adding, values, cached


@pytest.fixture
def article(article_index, drug_index):
    page = ArticlePageFactory(parent=article_index)
    ArticleAuthorFactory(page=page, person=PersonFactory(), sort_order=1)
    ArticleAuthorFactory(page=page, person=PersonFactory(live=False), sort_order=0)
    ArticleReferenceFactory(page=page, number=3, sort_order=0)
    ArticleReferenceFactory(page=page, number=None, year=None, sort_order=1)
    drugs = DrugPageFactory.create_batch(3, parent=drug_index)
    for index, drug in enumerate(drugs):
        BrandNameFactory(page=drug, name=f"Brand {index}b", sort_order=1)
        BrandNameFactory(page=drug, name=f"Brand {index}a", sort_order=0)
    drugs[1].unpublish()
    mention_drugs(page, drugs[2], drugs[0], drugs[1])
    page.tags.add("numbness", "burning")
    page.save()
    return page


def test_instances_with_related_objects_are_the_orms(article):
    orm = list(ArticleAuthor.objects.filter(page_id=article.pk).select_related("person"))
    assert len(orm) == 2
    assert [fields_of(a) for a in queries.authors(article.pk)] == [fields_of(a) for a in orm]


def test_a_page_row_with_its_joined_row_and_deferred_columns_is_the_orms(article):
    reviewer = PersonFactory()
    ArticlePage.objects.filter(pk=article.pk).update(reviewer=reviewer)
    by_pk = prepared(lambda pk: ArticlePage.objects.filter(pk=pk).select_related("reviewer"))
    orm = ArticlePage.objects.filter(pk=article.pk).select_related("reviewer").get()
    (page,) = by_pk(article.pk)
    assert fields_of(page) == fields_of(orm)
    assert page.reviewer == reviewer and page.title == article.title

    drugs = queries.live_drugs(article.pk)
    orm = (
        DrugPage.objects.filter(article_links__page=article.pk, live=True)
        .order_by("article_links__sort_order", "article_links__pk")
        .only("title", "url_path", "live")
    )
    assert [fields_of(d) for d in drugs] == [fields_of(d) for d in orm]
    assert len(drugs) == 2  # the unpublished one is left out
    assert drugs[0].get_deferred_fields() == orm[0].get_deferred_fields()
    assert "description" in drugs[0].get_deferred_fields()


def test_annotations_and_sequence_arguments_of_each_length(article):
    def build(url_paths):
        restricted = PageViewRestriction.objects.filter(page_id=OuterRef("pk"))
        return (
            Page.objects.filter(url_path__in=url_paths)
            .only("title", "url_path")
            .annotate(restricted=Exists(restricted))
            .order_by("depth")
        )

    pages_at = prepared(build)
    chain = [article.get_parent().get_parent(), article.get_parent(), article]
    PageViewRestriction.objects.create(page=chain[1], restriction_type="login")
    for paths in ([chain[0].url_path], [p.url_path for p in chain], [], ["/nowhere/"]):
        ours, orm = pages_at(paths), list(build(paths))
        assert [fields_of(p) for p in ours] == [fields_of(p) for p in orm]
    assert [p.restricted for p in pages_at([p.url_path for p in chain])] == [False, True, False]


def test_values_list_rows_and_flat_values_are_the_orms(article):
    drugs = queries.live_drugs(article.pk)
    names = queries.brand_names(drugs)
    assert names == {drugs[0].pk: ["Brand 2a", "Brand 2b"], drugs[1].pk: ["Brand 0a", "Brand 0b"]}
    assert queries.topic_names(article.pk) == [tag.name for tag in article.tags.all()]
    assert queries.brand_names([]) == {}


def test_one_query_each_and_the_sql_compiled_once(article, monkeypatch):
    queries.references(article.pk)  # compiled here, for this connection
    compiles = []
    monkeypatch.setattr(
        "django.db.models.sql.compiler.SQLCompiler.as_sql",
        lambda *args, **kwargs: compiles.append(args) or pytest.fail("compiled again"),
    )
    with CaptureQueriesContext(connection) as captured:
        references = queries.references(article.pk)
    assert len(captured) == 1 and not compiles
    assert [ref.number for ref in references] == [3, None]


def test_arguments_the_query_transforms_or_more_than_one_query_are_refused(article):
    with pytest.raises(TypeError, match="unchanged"):
        prepared(lambda path: Page.objects.filter(url_path__startswith=path))("/home/")
    with pytest.raises(TypeError, match="prefetch_related"):
        prepared(lambda pk: Page.objects.filter(pk=pk).prefetch_related("children"))(article.pk)
    with pytest.raises(TypeError, match="plain queryset"):
        prepared(lambda pk: article.authors.filter(pk=pk))(article.pk)
    with pytest.raises(TypeError, match="values_list"):
        prepared(lambda pk: Page.objects.filter(pk=pk).values("title"))(article.pk)
    with pytest.raises(TypeError, match="ints and strings"):
        prepared(lambda when: Page.objects.filter(last_published_at=when))(None)


def test_the_private_django_names_it_relies_on_are_still_there():
    compiler = Page.objects.select_related("owner").query.get_compiler(using="default")
    sql, params = compiler.as_sql()
    assert sql and isinstance(params, (list, tuple))
    for name in ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select"):
        assert hasattr(compiler, name)
    assert compiler.klass_info["model"] is Page and compiler.klass_info["select_fields"]
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    assert not compiler.has_composite_fields(fields)
    converters = compiler.get_converters(fields)
    assert list(compiler.apply_converters([], converters)) == []
    assert get_related_populators(compiler.klass_info, compiler.select, "default")
