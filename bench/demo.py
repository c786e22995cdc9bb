"""Enough synthetic content for the load and fault scripts: articles, drugs with brand names, a
quiz and physicians near ZIP 55905. Idempotent; everything is marked synthetic where the model
allows. Run with DJANGO_SETTINGS_MODULE and DATABASE_URL set (the scripts do this).
"""

import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.db import transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from articles.models import ArticleIndexPage, ArticlePage  # noqa: E402
from drugs.models import BrandName, DrugIndexPage, DrugPage  # noqa: E402
from glossary.models import GlossaryTerm  # noqa: E402
from physicians.models import Physician  # noqa: E402
from quizzes.models import QuizIndexPage, QuizPage  # noqa: E402

DRUGS = {
    "gabapentin": ["Neurontin", "Gralise"],
    "pregabalin": ["Lyrica"],
    "duloxetine": ["Cymbalta"],
    "amitriptyline": ["Elavil"],
    "carbamazepine": ["Tegretol"],
    "lidocaine": ["Lidoderm"],
}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()


@transaction.atomic
def main():
    articles = ArticleIndexPage.objects.get()
    for n in range(12):
        title = f"Synthetic article {n} on nerve pain"
        if ArticlePage.objects.filter(slug=slugify(title)).exists():
            continue
        body = [("heading", {"text": "Symptoms", "level": "h2"})]
        body += [
            (
                "paragraph",
                f"<p>Nerve pain can feel like burning, tingling or electric shocks ({n}.{i}). "
                "Treatment aims to relieve symptoms and improve daily life.</p>",
            )
            for i in range(15)
        ]
        publish(
            articles,
            ArticlePage(
                title=title,
                slug=slugify(title),
                summary="Synthetic article for load tests.",
                body=body,
                is_synthetic=True,
            ),
        )
    drugs = DrugIndexPage.objects.get()
    for generic, brands in DRUGS.items():
        if DrugPage.objects.filter(slug=generic).exists():
            continue
        page = DrugPage(title=generic, slug=generic, description="<p>Synthetic.</p>")
        page.is_synthetic = True
        page.brand_names = [BrandName(name=brand) for brand in brands]
        publish(drugs, page)
    quizzes = QuizIndexPage.objects.get()
    if not QuizPage.objects.filter(slug="synthetic-quiz").exists():
        question = {
            "question": "What is allodynia?",
            "choices": ["Pain from a light touch", "A kind of headache"],
            "correct_choice": 1,
            "explanation": "Hypersensitivity to touch is called allodynia.",
            "article": None,
            "section": "",
        }
        publish(
            quizzes,
            QuizPage(
                title="Synthetic quiz", slug="synthetic-quiz", questions=[("question", question)]
            ),
        )
    for n in range(30):
        Physician.objects.get_or_create(
            name=f"Dr. Synthetic {n}",
            defaults={
                "specialty": "pain-medicine" if n % 2 else "neurology",
                "city": "Rochester",
                "state": "MN",
                "zip_code": f"{55900 + n % 10}",
                "is_sample": True,
                "is_synthetic": True,
            },
        )
    for term in ("allodynia", "paresthesia", "neuropathy"):
        GlossaryTerm.objects.get_or_create(
            term=term, defaults={"slug": term, "definition": "A synthetic definition."}
        )


if __name__ == "__main__":
    main()
