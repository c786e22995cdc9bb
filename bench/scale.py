"""Synthetic content at production scale, for benchmarks and query-budget tests: the one
generator of synthetic articles, drugs, physicians, people and drug classes.

Pages go in through the importer's `bulk_add_children` (a handful of queries per batch, with
revisions, log entries and the signals a publish sends), as children of the real article index
and drugs A–Z. Everything made here is recorded in `bench.SyntheticObject`, so `purge` removes
exactly what was generated and never touches real content; synthetic people and drug classes
also carry `SYNTHETIC_PREFIX` in their names, for readers of the admin.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page, PageLogEntry, Revision

from articles.models import (
    ArticleAuthor,
    ArticleDrug,
    ArticlePage,
    ArticlePageTag,
    ArticleReference,
)
from core.models import Person
from drugs.models import BrandName, DrugClass, DrugPage
from glossary.models import GlossaryTerm
from importer.bulk import bulk_add_children
from importer.indexing import deferred_index_updates
from physicians.choices import US_STATES, Specialty
from physicians.models import Physician
from quizzes.models import QuizPage

from .models import SyntheticObject, synthetic
from .words import (
    ASPECTS,
    CITIES,
    CONDITIONS,
    FIRST_NAMES,
    JOURNALS,
    LAST_NAMES,
    REAL_DRUG_NAMES,
    SYNTHETIC_PREFIX,
    TOPICS,
    article_body,
    batched,
    brand_count,
    drug_name,
    make_rng,
    word,
    zip_code,
)

__all__ = [
    "create_articles",
    "create_drugs",
    "create_physicians",
    "make_rng",
    "purge",
    "synthetic_drug_classes",
    "synthetic_people",
]

BATCH = 500
PAGE_TYPES = {"articles": ArticlePage, "drugs": DrugPage, "quizzes": QuizPage}


def add_pages(parent, pages, index=True):
    """Publish new `pages` under `parent` in bulk and record them as synthetic; search and
    reference indexing once per page, at the end of each batch (unless `index` is false)."""
    for chunk in batched(pages, BATCH):
        with deferred_index_updates() as touched:
            bulk_add_children(parent, chunk)
            SyntheticObject.objects.mark(chunk)
            if not index:
                touched.clear()
    return pages


# --- Generators -------------------------------------------------------------------------


def synthetic_people(rng, count=40):
    people = []
    for n in range(count):
        name = f"{SYNTHETIC_PREFIX}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n:03d}"
        person, created = Person.objects.get_or_create(
            name=name,
            defaults={
                "credentials": rng.choice(["MD", "PhD", "MD, PhD", "RN", "PharmD"]),
                "affiliation": f"{rng.choice(CITIES)} University Hospital",
                "role": rng.choice(Person.Role.values),
            },
        )
        if created:
            SyntheticObject.objects.mark([person])
        people.append(person)
    return people


def synthetic_drug_classes():
    classes = list(DrugClass.objects.all())
    if classes:
        return classes
    classes = [
        DrugClass.objects.create(name=f"{SYNTHETIC_PREFIX}class {n}", slug=f"synthetic-class-{n}")
        for n in range(12)
    ]
    return SyntheticObject.objects.mark(classes)


def create_drugs(parent, count, rng, max_brands=30, progress=None, names=None, index=True):
    """Synthetic drug pages under the drugs A–Z with 1–`max_brands` brand names each, or the
    generic and brand names given in `names` ({generic: [brand, ...]})."""
    taken = set(parent.get_children().values_list("title", flat=True))
    classes = synthetic_drug_classes()
    generics = list(names) if names else [drug_name(rng, taken) for _ in range(count)]
    drugs = [
        DrugPage(
            title=name,
            slug=slugify(name),
            drug_class=rng.choice(classes),
            description=f"<p>{name.capitalize()} is a synthetic medicine for scale tests.</p>",
        )
        for name in generics
    ]
    for drug in drugs:
        if names:
            brands = set(names[drug.title])
        else:
            brands = set()
            while len(brands) < brand_count(rng, max_brands):
                brands.add(word(rng).capitalize() + rng.choice(["", "x", "a", " XR", " CR"]))
        drug.brand_names = [
            BrandName(name=name, slug=slugify(name), sort_order=order)
            for order, name in enumerate(sorted(brands))
        ]
    for chunk in batched(drugs, BATCH):
        add_pages(parent, chunk, index=index)
        if progress:
            progress.update(len(chunk))
    return drugs


def create_articles(parent, count, rng, drugs=(), people=(), progress=None, index=True):
    """Synthetic articles: 10–40 blocks, 0–8 references, 0–10 drug mentions, related links.
    Returns their ids (not the pages, which with their revisions would fill the memory)."""
    drugs = list(drugs)
    people = list(people) or synthetic_people(rng)
    synthetic_names = [d.title for d in drugs[:200]] or REAL_DRUG_NAMES
    tags = _topic_tags()
    created = []
    serial = Page.objects.get(pk=parent.pk).numchild
    for chunk_size in [BATCH] * (count // BATCH) + ([count % BATCH] if count % BATCH else []):
        pages, mentions = [], []
        for _ in range(chunk_size):
            serial += 1
            title = f"{rng.choice(CONDITIONS)}: {rng.choice(ASPECTS)} ({serial})"
            # Common medicines come up often: gabapentin in about one article in seven.
            named = rng.sample(REAL_DRUG_NAMES, rng.randint(0, 3))
            named += rng.sample(synthetic_names, min(len(synthetic_names), rng.randint(0, 2)))
            related = rng.sample(created, min(len(created), rng.randint(0, 10)))
            reviewed = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
            pages.append(
                ArticlePage(
                    title=title,
                    slug=f"{slugify(title)}-s",
                    summary=f"What {title.split(':')[0].lower()} is and how it can be treated.",
                    body=article_body(rng, named, related),
                    reviewer=rng.choice(people),
                    last_reviewed=reviewed,
                    last_modified=reviewed,
                    next_review_due=reviewed + datetime.timedelta(days=365),
                    source_publisher="NeuroPain synthetic data",
                )
            )
            mentions.append(rng.sample(drugs, min(len(drugs), rng.randint(0, 10))))
        _article_relations(rng, pages, mentions, people, tags)
        add_pages(parent, pages, index=index)
        created.extend(page.pk for page in pages)
        if progress:
            progress.update(len(pages))
    return created


def _article_relations(rng, pages, mentions, people, tags):
    """Authors, references, drug mentions and topics, in memory: written with the pages."""
    for page, mentioned in zip(pages, mentions, strict=True):
        page.authors = [
            ArticleAuthor(person=person, sort_order=order)
            for order, person in enumerate(rng.sample(people, rng.randint(1, 3)))
        ]
        page.references = [
            ArticleReference(
                sort_order=order,
                authors=f"{rng.choice(LAST_NAMES)} {rng.choice('ABCDJKMR')}, et al",
                title=f"{rng.choice(CONDITIONS)}: a study of {rng.choice(ASPECTS)}",
                journal=rng.choice(JOURNALS),
                year=rng.randint(1995, 2025),
                volume=str(rng.randint(1, 400)),
                issue=str(rng.randint(1, 12)),
                pages=f"{rng.randint(1, 900)}-{rng.randint(901, 999)}",
                pubmed_id=str(rng.randint(10_000_000, 39_999_999)),
            )
            for order in range(rng.randint(0, 8))
        ]
        page.drug_links = [
            ArticleDrug(drug=drug, sort_order=order) for order, drug in enumerate(mentioned)
        ]
        page.tagged_items = [ArticlePageTag(tag=tag) for tag in rng.sample(tags, rng.randint(1, 3))]


def _topic_tags():
    tag_model = ArticlePageTag.tag_model()
    return [tag_model.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in TOPICS]  # fmt: skip


def create_physicians(count, rng, progress=None, near=None):
    """Listings across every state and specialty, several per city and ZIP area; or, with
    `near=(city, state, zip_prefix)`, all in that city and ZIP area."""
    states = [code for code, _name in US_STATES]
    specialties = Specialty.values
    physicians = []
    for n in range(count):
        state = near[1] if near else rng.choice(states)
        last = rng.choice(LAST_NAMES)
        physicians.append(
            Physician(
                name=f"Dr. {rng.choice(FIRST_NAMES)} {last} {n:05d}",
                practice=f"{last} {rng.choice(['Pain Clinic', 'Neurology', 'Spine Center'])}",
                specialty=rng.choice(specialties),
                address=f"{rng.randint(1, 9999)} {rng.choice(CITIES)} Avenue",
                city=near[0] if near else rng.choice(CITIES),
                state=state,
                zip_code=f"{near[2]}{n % 100:02d}"[:5] if near else zip_code(rng, state),
                phone=f"555-01{rng.randint(0, 99):02d}",
                accepting_new_patients=rng.random() < 0.7,
            )
        )
    for chunk in batched(physicians, BATCH):
        SyntheticObject.objects.mark(Physician.objects.bulk_create(chunk))
        if progress:
            progress.update(len(chunk))
    return physicians


# --- Removal ----------------------------------------------------------------------------


def purge():
    """Delete every synthetic article, drug and physician, then the synthetic people and
    classes nothing uses any more. Returns {label: count}."""
    counts = {}
    with transaction.atomic():
        for label, model in PAGE_TYPES.items():
            counts[label] = _delete_pages(model)
        counts["physicians"] = synthetic(Physician).delete()[0]
        counts["glossary terms"] = synthetic(GlossaryTerm).delete()[0]
        counts["people"] = (
            synthetic(Person)
            .exclude(pk__in=ArticleAuthor.objects.values("person"))
            .exclude(pk__in=ArticlePage.objects.filter(reviewer__isnull=False).values("reviewer"))
            .delete()[0]
        )
        synthetic(DrugClass).filter(drugs__isnull=True).delete()
        for model in (*PAGE_TYPES.values(), Physician, GlossaryTerm, Person, DrugClass):
            records = SyntheticObject.objects.of(model)
            records.exclude(object_id__in=model.objects.values("pk")).delete()
    return counts


def _delete_pages(model):
    """Delete the synthetic pages of `model` (leaves: deleting the rows is the whole of
    treebeard's delete), their revisions and log entries, and correct their parents' child
    counts."""
    pages = synthetic(model)
    pks = list(pages.values_list("pk", flat=True))
    parent_paths = {path[: -Page.steplen] for path in pages.values_list("path", flat=True)}
    page_type = ContentType.objects.get_for_model(Page)
    for chunk in batched(pks, BATCH):
        Page.objects.filter(pk__in=chunk).delete()
        Revision.objects.filter(
            base_content_type=page_type, object_id__in=[str(pk) for pk in chunk]
        ).delete()
        PageLogEntry.objects.filter(page_id__in=chunk).delete()
    for parent in Page.objects.filter(path__in=parent_paths):
        parent.numchild = Page.objects.child_of(parent).count()
        parent.save(update_fields=["numchild"])
    return len(pks)
