"""Synthetic content at production scale, for benchmarks and query-budget tests.

Pages are inserted in bulk: treebeard paths, depths and URL paths are computed here and the
base and specific rows written with one INSERT per batch, instead of one ``add_child`` and
revision per page. Every article, drug and physician made here has ``is_synthetic=True`` and
synthetic people and drug classes carry ``SYNTHETIC_PREFIX``, so ``purge`` removes exactly
what was generated and never touches real content.

Synthetic pages have no revisions: they are published rows for readers, not drafts to edit.
"""

import datetime
import json
import random
import uuid
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from articles.models import ArticleAuthor, ArticlePage, ArticlePageTag, ArticleReference
from core.models import Person
from drugs.models import BrandName, DrugClass, DrugPage
from physicians.models import US_STATES, Physician, Specialty

SYNTHETIC_PREFIX = "Synthetic "

# Medicines patients actually search for: synthetic articles mention them in their text.
REAL_DRUG_NAMES = [
    "gabapentin", "pregabalin", "amitriptyline", "nortriptyline", "duloxetine",
    "venlafaxine", "carbamazepine", "oxcarbazepine", "lidocaine", "capsaicin", "tramadol",
]  # fmt: skip
CONDITIONS = [
    "Diabetic neuropathy", "Sciatica", "Postherpetic neuralgia", "Trigeminal neuralgia",
    "Carpal tunnel syndrome", "Complex regional pain syndrome", "Chemotherapy nerve pain",
    "Phantom limb pain", "Peripheral neuropathy", "Radiculopathy", "Spinal cord injury pain",
    "Multiple sclerosis pain", "Post-surgical nerve pain", "Small fibre neuropathy",
]  # fmt: skip
ASPECTS = [
    "causes", "symptoms", "diagnosis", "treatment options", "medicines", "sleep", "exercise",
    "work and daily life", "when to see a doctor", "tests", "living well", "questions to ask",
    "pain at night", "managing flare-ups", "talking therapies", "nerve blocks",
]  # fmt: skip
TOPICS = [
    "diabetes", "back pain", "shingles", "medicines", "treatment", "diagnosis", "self-care",
    "surgery", "cancer", "face pain", "hands and feet",
]  # fmt: skip
SENTENCES = [
    "Nerve pain often feels like burning, shooting or stabbing pain.",
    "Some people notice tingling or pins and needles before the pain starts.",
    "A light touch from clothing or bed sheets can hurt, which is called allodynia.",
    "Your doctor will ask where the pain is, what it feels like and what makes it worse.",
    "Medicines for nerve pain are different from ordinary painkillers.",
    "It can take several weeks for a nerve pain medicine to work fully.",
    "Keeping active, within your limits, can help you cope with long-term pain.",
    "Tell your doctor about any side effects, such as dizziness or feeling sleepy.",
    "Good control of blood sugar can slow down diabetic neuropathy.",
    "A pain diary can help you and your doctor see what helps.",
    "Many people use a combination of treatments rather than just one.",
    "Do not stop taking a medicine suddenly without talking to your doctor.",
]  # fmt: skip
JOURNALS = [
    "Pain", "Lancet Neurol", "N Engl J Med", "BMJ", "Neurology", "J Pain", "Eur J Pain",
    "Cochrane Database Syst Rev", "Diabetes Care", "Reg Anesth Pain Med",
]  # fmt: skip
SYLLABLES = ["za", "lo", "pra", "ti", "ne", "mi", "ro", "ga", "ba", "do", "xe", "lu", "va",
             "ren", "tor", "sil", "mab", "cor", "fen", "dol", "quin", "pe", "ka", "sa"]  # fmt: skip
DRUG_SUFFIXES = ["ine", "ide", "ol", "ate", "amab", "adol", "epam", "oxetine", "gabalin"]
FIRST_NAMES = ["Maria", "James", "Aisha", "Wei", "Carlos", "Fatima", "John", "Priya", "Olga",
               "David", "Grace", "Ahmed", "Linda", "Kenji", "Sofia", "Michael", "Amara"]  # fmt: skip
LAST_NAMES = ["Garcia", "Smith", "Khan", "Chen", "Johnson", "Okafor", "Nguyen", "Patel",
              "Kowalski", "Brown", "Rossi", "Haddad", "Miller", "Tanaka", "Lopez", "Davis"]  # fmt: skip
CITIES = ["Fairview", "Riverside", "Franklin", "Greenville", "Springfield", "Clinton",
          "Madison", "Georgetown", "Salem", "Lakeside", "Oakdale", "Milton"]  # fmt: skip
# First three ZIP digits for each state (one plausible range each).
ZIP3 = {
    "AL": (350, 369), "AK": (995, 999), "AZ": (850, 865), "AR": (716, 729),
    "CA": (900, 961), "CO": (800, 816), "CT": (60, 69), "DE": (197, 199), "DC": (200, 205),
    "FL": (320, 349), "GA": (300, 319), "HI": (967, 968), "ID": (832, 838), "IL": (600, 629),
    "IN": (460, 479), "IA": (500, 528), "KS": (660, 679), "KY": (400, 427), "LA": (700, 714),
    "ME": (39, 49), "MD": (206, 219), "MA": (10, 27), "MI": (480, 499), "MN": (550, 567),
    "MS": (386, 397), "MO": (630, 658), "MT": (590, 599), "NE": (680, 693), "NV": (889, 898),
    "NH": (30, 38), "NJ": (70, 89), "NM": (870, 884), "NY": (100, 149), "NC": (270, 289),
    "ND": (580, 588), "OH": (430, 459), "OK": (730, 749), "OR": (970, 979), "PA": (150, 196),
    "PR": (6, 9), "RI": (28, 29), "SC": (290, 299), "SD": (570, 577), "TN": (370, 385),
    "TX": (750, 799), "UT": (840, 847), "VT": (50, 59), "VA": (220, 246), "WA": (980, 994),
    "WV": (247, 268), "WI": (530, 549), "WY": (820, 831),
}  # fmt: skip
BATCH = 500


def batched(items, size):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- Pages in bulk ----------------------------------------------------------------------


def bulk_add_children(parent, pages, batch_size=BATCH):
    """Insert live, published child pages of `parent` without revisions.

    Treebeard paths continue after the parent's last child. Returns the pages with pks set.
    """
    if not pages:
        return pages
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    last_child = parent.get_last_child()
    step = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
    now = timezone.now()
    base_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    own_fields = model._meta.local_concrete_fields
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.translation_key = uuid.uuid4()
    with transaction.atomic():
        for chunk in batched(pages, batch_size):
            bases = [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in chunk]
            Page.objects.bulk_create(bases)
            for page, base in zip(chunk, bases, strict=True):
                page.id = page.page_ptr_id = base.pk
            # Django's bulk_create refuses multi-table children; its batched insert does not.
            model._base_manager.all()._batched_insert(chunk, own_fields, batch_size)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


def index_for_search(model, pks):
    """Add pages to every search backend, the way ``update_index`` does, in chunks."""
    for backend in get_search_backends():
        index = backend.get_index_for_model(model)
        if index is None:
            continue
        for chunk in batched(pks, BATCH):
            index.add_items(model, list(model.get_indexed_objects().filter(pk__in=chunk)))


# --- Shapes -----------------------------------------------------------------------------


def _word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def drug_name(rng, taken):
    while True:
        name = _word(rng) + rng.choice(DRUG_SUFFIXES)
        if name not in taken:
            taken.add(name)
            return name


def brand_count(rng, max_brands=30):
    """Most drugs have a few brand names, a handful have dozens."""
    return min(max_brands, max(1, int(rng.paretovariate(1.2))))


def _paragraph(rng, mentions, glossary=("allodynia", "neuropathy", "paresthesia")):
    sentences = rng.sample(SENTENCES, rng.randint(2, 4))
    if mentions and rng.random() < 0.5:
        sentences.append(f"Medicines such as {rng.choice(mentions)} can help some people.")
    if rng.random() < 0.3:
        sentences.append(f"This is sometimes called {rng.choice(glossary)}.")
    text = " ".join(sentences)
    if rng.random() < 0.3:
        n = rng.randint(1, 8)
        text += f'<sup><a href="#ref-{n}">{n}</a></sup>'
    return f"<p>{text}</p>"


def article_body(rng, mentions, related_ids, blocks=None):
    """10–40 blocks: sections of paragraphs and lists, with related links ("See ...")."""
    count = blocks or rng.randint(10, 40)
    body = []
    related = list(related_ids)
    while len(body) < count:
        roll = rng.random()
        if not body or roll < 0.15:
            value = {"text": rng.choice(ASPECTS).capitalize(), "level": "h2"}
            body.append(("heading", value))
        elif roll < 0.25:
            items = [_paragraph(rng, mentions) for _ in range(rng.randint(2, 5))]
            body.append(("bullet_list", {"items": items}))
        elif roll < 0.33 and related:
            page_id = related.pop()
            body.append(("see_also", {"page": page_id, "title": "", "verb": "See"}))
        else:
            body.append(("paragraph", _paragraph(rng, mentions)))
    for page_id in related:  # every related link appears, even past the block count
        body.append(("see_also", {"page": page_id, "title": "", "verb": "See"}))
    return json.dumps(
        [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in body]
    )


def _zip_code(rng, state):
    low, high = ZIP3[state]
    return f"{rng.randint(low, high):03d}{rng.randint(0, 99):02d}"


# --- Generators -------------------------------------------------------------------------


def synthetic_people(rng, count=40):
    people = []
    for n in range(count):
        name = f"{SYNTHETIC_PREFIX}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n:03d}"
        person, _ = Person.objects.get_or_create(
            name=name,
            defaults={
                "credentials": rng.choice(["MD", "PhD", "MD, PhD", "RN", "PharmD"]),
                "affiliation": f"{rng.choice(CITIES)} University Hospital",
                "role": rng.choice(Person.Role.values),
            },
        )
        people.append(person)
    return people


def synthetic_drug_classes():
    classes = list(DrugClass.objects.all())
    if classes:
        return classes
    return [
        DrugClass.objects.create(name=f"{SYNTHETIC_PREFIX}class {n}", slug=f"synthetic-class-{n}")
        for n in range(12)
    ]


def create_drugs(parent, count, rng, max_brands=30, progress=None):
    """Synthetic drug pages under the drugs A–Z with 1–`max_brands` brand names each."""
    taken = set(parent.get_children().values_list("title", flat=True))
    classes = synthetic_drug_classes()
    drugs = []
    for _ in range(count):
        name = drug_name(rng, taken)
        drugs.append(
            DrugPage(
                title=name,
                slug=slugify(name),
                drug_class=rng.choice(classes),
                description=f"<p>{name.capitalize()} is a synthetic medicine for scale tests.</p>",
                is_synthetic=True,
            )
        )
    bulk_add_children(parent, drugs)
    brands = []
    for drug in drugs:
        names = set()
        while len(names) < brand_count(rng, max_brands):
            names.add(_word(rng).capitalize() + rng.choice(["", "x", "a", " XR", " CR"]))
        for order, name in enumerate(sorted(names)):
            brands.append(BrandName(page=drug, name=name, slug=slugify(name), sort_order=order))
        if progress:
            progress.update(1)
    BrandName.objects.bulk_create(brands, batch_size=BATCH)
    return drugs


def create_articles(parent, count, rng, drugs=(), people=(), progress=None):
    """Synthetic articles: 10–40 blocks, 0–8 references, 0–10 drug mentions, related links."""
    drugs = list(drugs)
    people = list(people) or synthetic_people(rng)
    synthetic_names = [d.title for d in drugs[:200]] or REAL_DRUG_NAMES
    created = []
    serial = parent.numchild
    for chunk_size in [BATCH] * (count // BATCH) + ([count % BATCH] if count % BATCH else []):
        pages, mentions = [], []
        for _ in range(chunk_size):
            serial += 1
            title = f"{rng.choice(CONDITIONS)}: {rng.choice(ASPECTS)} ({serial})"
            # Common medicines come up often: gabapentin in about one article in seven.
            named = rng.sample(REAL_DRUG_NAMES, rng.randint(0, 3))
            named += rng.sample(synthetic_names, min(len(synthetic_names), rng.randint(0, 2)))
            related = [p.pk for p in rng.sample(created, min(len(created), rng.randint(0, 10)))]
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
                    is_synthetic=True,
                )
            )
            mentions.append(rng.sample(drugs, min(len(drugs), rng.randint(0, 10))))
        bulk_add_children(parent, pages)
        _article_relations(rng, pages, mentions, people)
        created.extend(pages)
        if progress:
            progress.update(len(pages))
    return created


def _article_relations(rng, pages, mentions, people):
    authors, references, drug_links, tag_links = [], [], [], []
    through = ArticlePage.drugs.through
    tags = _topic_tags()
    for page, mentioned in zip(pages, mentions, strict=True):
        for order, person in enumerate(rng.sample(people, rng.randint(1, 3))):
            authors.append(ArticleAuthor(page=page, person=person, sort_order=order))
        for order in range(rng.randint(0, 8)):
            references.append(
                ArticleReference(
                    page=page,
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
            )
        drug_links.extend(through(articlepage_id=page.pk, drugpage_id=d.pk) for d in mentioned)
        for tag in rng.sample(tags, rng.randint(1, 3)):
            tag_links.append(ArticlePageTag(content_object=page, tag=tag))
    ArticleAuthor.objects.bulk_create(authors, batch_size=BATCH)
    ArticleReference.objects.bulk_create(references, batch_size=BATCH)
    through.objects.bulk_create(drug_links, batch_size=BATCH)
    ArticlePageTag.objects.bulk_create(tag_links, batch_size=BATCH)


def _topic_tags():
    tag_model = ArticlePageTag.tag_model()
    return [tag_model.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in TOPICS]  # fmt: skip


def create_physicians(count, rng, progress=None):
    """Listings across every state and specialty, several per city and ZIP area."""
    states = [code for code, _name in US_STATES]
    specialties = Specialty.values
    physicians = []
    for n in range(count):
        state = rng.choice(states)
        last = rng.choice(LAST_NAMES)
        physicians.append(
            Physician(
                name=f"Dr. {rng.choice(FIRST_NAMES)} {last} {n:05d}",
                practice=f"{last} {rng.choice(['Pain Clinic', 'Neurology', 'Spine Center'])}",
                specialty=rng.choice(specialties),
                address=f"{rng.randint(1, 9999)} {rng.choice(CITIES)} Avenue",
                city=rng.choice(CITIES),
                state=state,
                zip_code=_zip_code(rng, state),
                phone=f"555-01{rng.randint(0, 99):02d}",
                accepting_new_patients=rng.random() < 0.7,
                is_synthetic=True,
            )
        )
    for chunk in batched(physicians, BATCH):
        Physician.objects.bulk_create(chunk)
        if progress:
            progress.update(len(chunk))
    return physicians


def purge():
    """Delete every synthetic article, drug and physician, then unused synthetic people and
    classes. Returns {label: count}."""
    counts = {}
    for model in (ArticlePage, DrugPage):
        pages = model.objects.filter(is_synthetic=True)
        counts[model._meta.verbose_name_plural] = pages.count()
        parents = set(pages.values_list("path", flat=True).distinct())
        parent_paths = {path[: -Page.steplen] for path in parents}
        with transaction.atomic():
            # Leaf pages: deleting the rows is the whole of treebeard's delete.
            Page.objects.filter(pk__in=pages.values("pk")).delete()
            for path in parent_paths:
                parent = Page.objects.get(path=path)
                parent.numchild = Page.objects.child_of(parent).count()
                parent.save(update_fields=["numchild"])
    counts["physicians"] = Physician.objects.filter(is_synthetic=True).delete()[0]
    counts["people"] = (
        Person.objects.filter(name__startswith=SYNTHETIC_PREFIX)
        .exclude(pk__in=ArticleAuthor.objects.values("person"))
        .exclude(pk__in=ArticlePage.objects.filter(reviewer__isnull=False).values("reviewer"))
        .delete()[0]
    )
    DrugClass.objects.filter(name__startswith=SYNTHETIC_PREFIX, drugs__isnull=True).delete()
    return counts


def make_rng(seed):
    return random.Random(seed)  # noqa: S311 - synthetic content, not security
