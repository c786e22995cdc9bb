"""Enough synthetic content for the load and fault scripts (`generate_scale_data --demo`):
articles, drugs with brand names, a quiz and physicians near ZIP 55905, made by the same
generator as the scale data (bench/scale.py) and recorded as synthetic the same way.
Idempotent: a second run adds nothing.
"""

from django.db import transaction

from articles.models import ArticleIndexPage, ArticlePage
from drugs.models import DrugIndexPage, DrugPage
from glossary.models import GlossaryTerm
from physicians.models import Physician
from quizzes.models import QuizIndexPage, QuizPage

from . import scale
from .models import SyntheticObject, synthetic

SEED = 55905
ARTICLES = 12
PHYSICIANS = 30
NEAR = ("Rochester", "MN", "559")
DRUGS = {
    "gabapentin": ["Neurontin", "Gralise"],
    "pregabalin": ["Lyrica"],
    "duloxetine": ["Cymbalta"],
    "amitriptyline": ["Elavil"],
    "carbamazepine": ["Tegretol"],
    "lidocaine": ["Lidoderm"],
}
QUESTION = {
    "question": "What is allodynia?",
    "choices": ["Pain from a light touch", "A kind of headache"],
    "correct_choice": 1,
    "explanation": "Hypersensitivity to touch is called allodynia.",
    "article": None,
    "section": "",
}


@transaction.atomic
def create_demo_content():
    rng = scale.make_rng(SEED)
    existing = set(DrugPage.objects.filter(slug__in=DRUGS).values_list("slug", flat=True))
    missing = {name: brands for name, brands in DRUGS.items() if name not in existing}
    drugs = scale.create_drugs(DrugIndexPage.objects.get(), 0, rng, names=missing)
    articles = ArticleIndexPage.objects.get()
    count = ARTICLES - synthetic(ArticlePage).count()
    if count > 0:
        scale.create_articles(articles, count, rng, drugs=drugs)
    quizzes = QuizIndexPage.objects.get()
    if not QuizPage.objects.filter(slug="synthetic-quiz").exists():
        quiz = QuizPage(
            title="Synthetic quiz", slug="synthetic-quiz", questions=[("question", QUESTION)]
        )
        scale.add_pages(quizzes, [quiz])
    if not synthetic(Physician).exists():
        physicians = scale.create_physicians(PHYSICIANS, rng, near=NEAR)
        Physician.objects.filter(pk__in=[p.pk for p in physicians]).update(is_sample=True)
    for term in ("allodynia", "paresthesia", "neuropathy"):
        glossary_term, created = GlossaryTerm.objects.get_or_create(
            term=term, defaults={"slug": term, "definition": "A synthetic definition."}
        )
        if created:
            SyntheticObject.objects.mark([glossary_term])
