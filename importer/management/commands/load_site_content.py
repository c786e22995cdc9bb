"""Load the content NeuroPain ships with, from the data files in the repository.

Glossary terms, search synonyms, sample physician listings, the neuropathic pain quiz, the
physician directory's notice, the pages about the site (trust app) and care cards in the seed
condition articles (a body change: a draft submitted to medical review). Safe to run any number of times (`make run` runs it after
import_seed_content): records are matched on a natural key and a record an editor changed
since the last load is kept as the editor left it.
"""

import json
from collections import Counter
from functools import partial
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from wagtail.search import index

from articles.models import ArticlePage
from core.loading import fingerprint
from drugs.models import DrugPage
from glossary.models import GlossaryTerm
from home.models import HomePage
from importer import site_pages
from physicians.models import DEFAULT_NOTICE, Physician, PhysicianSearchPage
from quizzes.models import QuizIndexPage, QuizPage
from search.models import Synonym

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept (edited by an editor)"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, KEPT)


def data_file(app_label, name):
    return Path(apps.get_app_config(app_label).path) / "data" / name


class Command(BaseCommand):
    help = (
        "Load glossary terms, search synonyms, sample physician listings, the neuropathic pain "
        "quiz, the pages about the site and the seed articles' care cards (sent to medical "
        "review) from the data files. Idempotent; never overwrites an editor's changes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        self.tally = {}
        self.dry_run = dry_run
        with transaction.atomic():
            self.load_glossary()
            self.load_synonyms()
            self.load_physicians()
            self.load_quiz()
            self.set_physician_notice()
            self.load_trust_pages()
            self.add_care_cards()
            self.refresh_drug_index()
            if dry_run:
                transaction.set_rollback(True)
        self.report(dry_run)

    # Reporting

    def count(self, kind, outcome):
        self.tally.setdefault(kind, Counter())[outcome] += 1

    def report(self, dry_run):
        prefix = "Dry run, nothing saved. " if dry_run else ""
        for kind, counts in self.tally.items():
            parts = ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
            self.stdout.write(f"{kind}: {parts}")
        self.stdout.write(self.style.SUCCESS(f"{prefix}Site content loaded."))

    # Snippets

    def sync(self, kind, record, create, values):
        """Create the record, bring it up to date, or keep an editor's version of it.

        `values` holds every field the model's `load_fields` names (core.loading.LoadOwned)."""
        if record is None:
            create(**values, load_hash=fingerprint(values))
            return self.count(kind, CREATED)
        if record.load_values() == values:
            if record.edited_since_load():  # the same values, typed back by an editor
                record.mark_loaded()
                record.save(update_fields=["load_hash"])
            return self.count(kind, UNCHANGED)
        if record.edited_since_load():
            return self.count(kind, KEPT)
        for field, value in values.items():
            setattr(record, field, value)
        record.mark_loaded()
        record.full_clean()
        record.save()
        return self.count(kind, UPDATED)

    def load_glossary(self):
        for entry in self.read("glossary", "glossary_terms.json"):
            term = entry["term"].strip()
            slug = slugify(term)
            values = {
                "term": term,
                "definition": entry["definition"].strip(),
                "aliases": ", ".join(alias.strip() for alias in entry.get("aliases", [])),
            }
            record = (
                GlossaryTerm.objects.filter(slug=slug).first()
                or GlossaryTerm.objects.filter(term__iexact=term).first()
            )
            self.sync(
                "Glossary terms", record, partial(GlossaryTerm.objects.create, slug=slug), values
            )

    def load_synonyms(self):
        for entry in self.read("search", "synonyms.json"):
            term = entry["term"].strip()
            values = {"term": term, "expands_to": ", ".join(entry["expands_to"])}
            self.sync(
                "Search synonyms",
                Synonym.objects.filter(term__iexact=term).first(),
                Synonym.objects.create,
                values,
            )

    def load_physicians(self):
        for entry in self.read("physicians", "sample_physicians.json"):
            if not entry.get("is_sample"):
                raise CommandError(f"{entry['name']}: shipped listings must be flagged is_sample.")
            key = {"name": entry["name"], "zip_code": entry["zip_code"]}
            values = {
                field: entry[field] for field in Physician.SAMPLE_FIELDS if field != "is_sample"
            }
            values["is_sample"] = True
            self.sync(
                "Sample physicians",
                Physician.objects.filter(**key).first(),
                self.create_physician,
                values,
            )

    @staticmethod
    def create_physician(**fields):
        physician = Physician(**fields)
        physician.full_clean()
        physician.save()

    # Pages

    def load_quiz(self):
        kind = "Quizzes"
        data = self.read("quizzes", "neuropathic_pain_quiz.json")
        quiz_index = QuizIndexPage.objects.first()
        if quiz_index is None:
            raise CommandError("There is no quiz index page to put the quiz under.")
        fields, signature = self.quiz_fields(data)
        new_hash = fingerprint(signature)
        quiz = QuizPage.objects.child_of(quiz_index).filter(slug=data["slug"]).first()
        if quiz is None:
            quiz = QuizPage(slug=data["slug"], **fields)
            quiz_index.add_child(instance=quiz)
            self.publish_quiz(quiz, new_hash)
            return self.count(kind, CREATED)
        if quiz.loaded_revision_id:
            # Loaded before: any revision since (an editor's) means hands off.
            if quiz.edited_since_load():
                return self.count(kind, KEPT)
            if quiz.load_hash == new_hash and quiz.live:
                return self.count(kind, UNCHANGED)
        latest = quiz.get_latest_revision_as_object()
        if not quiz.loaded_revision_id and latest.question_values:
            return self.count(kind, KEPT)  # someone else wrote these questions
        # A quiz we loaded and nobody edited, or the importer's empty draft: fill and publish.
        for field, value in fields.items():
            setattr(latest, field, value)
        latest.draft_title = latest.title
        self.publish_quiz(latest, new_hash)
        return self.count(kind, UPDATED)

    def quiz_fields(self, data):
        """The quiz page's fields, and a plain signature of them (article ids, not pages)."""
        articles = {}
        questions, signature = [], []
        for entry in data["questions"]:
            title = entry.get("source_article", "").strip()
            if title and title.lower() not in articles:
                articles[title.lower()] = (
                    ArticlePage.objects.filter(title__iexact=title).order_by("-live", "pk").first()
                )
            article = articles.get(title.lower())
            value = {
                "question": entry["question"],
                "choices": entry["choices"],
                "correct_choice": entry["correct"] + 1,  # the data file counts from 0
                "explanation": entry["explanation"],
                "section": entry.get("source_heading", ""),
            }
            questions.append(("question", {**value, "article": article}))
            signature.append({**value, "article": article.pk if article else None})
        fields = {
            "title": data["title"],
            "intro": f"<p>{data['intro']}</p>",
            "reviewed_note": data.get("reviewed_note", ""),
            "questions": questions,
        }
        return fields, {**fields, "questions": signature}

    @staticmethod
    def publish_quiz(quiz, load_hash):
        revision = quiz.save_revision()
        revision.publish()
        quiz.mark_loaded(revision, load_hash)

    def set_physician_notice(self):
        kind = "Physician directory notice"
        page = PhysicianSearchPage.objects.first()
        if page is None:
            return
        latest = page.get_latest_revision_as_object()
        if latest.notice.strip():
            return self.count(kind, UNCHANGED)
        if page.has_unpublished_changes:
            return self.count(kind, KEPT)  # never publish someone else's draft
        latest.notice = DEFAULT_NOTICE
        latest.save_revision().publish()
        return self.count(kind, UPDATED)

    def load_trust_pages(self):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no home page to put the pages about the site under.")
        data = self.read("trust", "trust_pages.json")
        for _title, outcome in site_pages.load_trust_pages(data, home):
            self.count("Pages about the site", outcome)
        self.count("Home page promise", site_pages.update_home_promise(home.specific))

    def add_care_cards(self):
        """Care cards go into the seed articles as a draft for medical review."""
        data = self.read("articles", "care_cards.json")
        for _title, outcome in site_pages.add_care_cards(data, submit=not self.dry_run):
            self.count("Care cards (sent to medical review)", outcome)

    def refresh_drug_index(self):
        """Brand names may have been written without signals (bulk imports): re-index drugs so
        a brand name search finds its generic."""
        for drug in DrugPage.objects.live():
            index.insert_or_update_object(drug)

    # Files

    def read(self, app_label, name):
        path = data_file(app_label, name)
        try:
            with path.open(encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {app_label}/data/{name}: {error}") from error
