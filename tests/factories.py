"""Factories for building content in tests (wagtail-factories)."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from articles.models import ArticleAuthor, ArticleDrug, ArticlePage, ArticleReference
from core.models import Person
from drugs.models import BrandName, DrugClass, DrugPage
from glossary.models import GlossaryTerm
from physicians.models import Physician
from quizzes.models import QuizPage


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test Author {n}")
    credentials = "MD"
    affiliation = "Example University Hospital"

    class Meta:
        model = Person


class DrugClassFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Drug class {n}")
    slug = factory.Sequence(lambda n: f"drug-class-{n}")

    class Meta:
        model = DrugClass


class DrugPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"testdrug{n}")
    drug_class = factory.SubFactory(DrugClassFactory)
    description = "<p>A medicine used in tests.</p>"

    class Meta:
        model = DrugPage


class BrandNameFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Brandex {n}")

    class Meta:
        model = BrandName


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Test article {n}")
    summary = "A short summary of the article."
    body = [
        ("heading", {"text": "Symptoms", "level": "h2"}),
        ("paragraph", "<p>Nerve pain can feel like burning or tingling.</p>"),
    ]
    last_reviewed = datetime.date(2024, 6, 1)
    last_modified = datetime.date(2024, 9, 1)
    next_review_due = datetime.date(2025, 6, 1)
    source_publisher = "Example Publisher"

    class Meta:
        model = ArticlePage


class ArticleAuthorFactory(DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)

    class Meta:
        model = ArticleAuthor


class ArticleReferenceFactory(DjangoModelFactory):
    authors = "Doe J, Roe R"
    title = "A trial of something"
    journal = "J Example Med"
    year = 2020
    volume = "12"
    issue = "3"
    pages = "45-67"

    class Meta:
        model = ArticleReference


def mention_drugs(article, *drugs):
    """Add `drugs` to the end of the article's "Drugs mentioned", in memory until the page or
    a revision of it is saved (as the editor's form does)."""
    links = list(article.drug_links.all())
    start = max((link.sort_order or 0 for link in links), default=-1) + 1
    article.drug_links = links + [
        ArticleDrug(drug=drug, sort_order=order) for order, drug in enumerate(drugs, start=start)
    ]


class QuizPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Test quiz {n}")
    questions = [
        (
            "question",
            {
                "question": "What is allodynia?",
                "choices": ["Pain from a light touch", "A kind of headache", "A blood test"],
                "correct_choice": 1,
                "explanation": "Hypersensitivity to touch is called allodynia.",
                "article": None,
                "section": "",
            },
        )
    ]

    class Meta:
        model = QuizPage


class GlossaryTermFactory(DjangoModelFactory):
    term = factory.Sequence(lambda n: f"term{n}")
    slug = factory.Sequence(lambda n: f"term{n}")
    definition = "A plain-language definition."

    class Meta:
        model = GlossaryTerm


class PhysicianFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr. Sample Tester {n}")
    practice = "Sample Pain Clinic"
    specialty = "pain-medicine"
    address = "1 Example Street"
    city = "Rochester"
    state = "MN"
    zip_code = "55905"
    phone = "555-0100"
    is_sample = True

    class Meta:
        model = Physician
