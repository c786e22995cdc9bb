"""Writing documents into the page tree, safely and repeatably: one plan -> write path.

One call of `ArticleImporter.run` is one import run; the caller wraps it in a transaction.

- Plan (`plan.py`): an article is found again by `source_key` (publisher + page slug);
  `load_hash` fingerprints what the import wrote, so an unchanged document costs one comparison.
- Editors win (core.loading.LoadOwnedPage, `proposals.py`): while the page's latest revision
  is the one the import wrote (`loaded_revision`) and its content is what that revision holds,
  a re-import replaces it. Once anyone has changed the page (through Wagtail or directly), the
  import writes no revision: it leaves a proposal for an editor to apply or dismiss.
- Write: new articles are added to the tree together (`bulk.py`); changed ones go through
  Wagtail's revision workflow. Links between articles are resolved once every document of the
  run is in the tree (`links.py`); drug tables are matched and merged by `drug_tables.py`.
"""

import gc
from contextlib import contextmanager

from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page

from articles.models import (
    ArticleAuthor,
    ArticleDrug,
    ArticleIndexPage,
    ArticlePage,
    ArticleReference,
)
from core.loading import unique_slug
from core.models import add_months
from physicians.models import PhysicianSearchPage
from quizzes.models import QuizIndexPage, QuizPage
from review.models import ReviewSettings

from .attention import AttentionKind
from .bulk import bulk_add_children
from .document import attention_item, clip
from .drug_tables import DrugTables
from .indexing import deferred_index_updates
from .links import Bodies, title_key, title_map, unresolved_items
from .people import load_people
from .plan import WRITES, ImportReport, plan_documents
from .proposals import content_values, propose

DEFAULT_REVIEW_MONTHS = 12


class ImportSetupError(RuntimeError):
    """The site lacks a page the import needs (the migrations create them)."""


def _noop_progress(iterable, **kwargs):
    return iterable


@contextmanager
def pause_cycle_collection():
    """Pause Python's cyclic garbage collector while documents are parsed and imported.

    A large import holds every document and page until it ends; each full collection walks
    all of them, which made 10,000 documents cost about a third more CPU than ten times 1,000.
    Parsing and importing create next to no reference cycles, so nothing piles up meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def quiz_slug(document):
    return slugify(clip(f"{document.title} quiz", 255))[:255]


class ArticleImporter:
    """Imports documents; `publish=False` saves new content as drafts."""

    def __init__(self, *, publish=True, progress=None):
        self.publish = publish
        self.progress = progress or _noop_progress

    def run(self, documents):
        """Import [(origin, ArticleDocument)]; returns an ImportReport."""
        report = ImportReport(documents=len(documents))
        # The command wraps the whole run (and its dry-run rollback) in a transaction; this one
        # keeps any other caller all-or-nothing too.
        with transaction.atomic(), deferred_index_updates(), pause_cycle_collection():
            self._run(documents, report)
        return report

    def _run(self, documents, report):
        self._load_site()
        self.drug_tables = DrugTables(report)
        plans = plan_documents(documents, self.drug_tables, report)
        writes = [p for p in plans if p.action in WRITES]
        self.people = load_people([p.document for p in writes])
        self._prepare_quizzes(writes, report)
        self._create_pages([p for p in writes if p.action == "create"])
        titles = title_map()
        for plan in plans:
            if plan.action != "skip":
                plan.final_attention = plan.document.attention + unresolved_items(
                    plan.document, titles
                )
        changed = [p for p in writes if p.action != "create"]
        self.bodies.cache_pages(titles, changed)
        for plan in self.progress(changed, desc="Updating", unit="article"):
            self._write(plan, titles)
        self.bodies.relink(titles, {p.page.pk for p in writes}, publish=self.publish, report=report)
        self._merge_brands(writes, report)
        report.record(plans)

    def _load_site(self):
        self.article_index = ArticleIndexPage.objects.first()
        if self.article_index is None:
            raise ImportSetupError("The site has no Articles page; run the migrations first.")
        self.quiz_index = QuizIndexPage.objects.first()
        self.bodies = Bodies(PhysicianSearchPage.objects.first())
        settings = ReviewSettings.objects.filter(site__is_default_site=True).first()
        self.review_months = settings.review_interval_months if settings else DEFAULT_REVIEW_MONTHS

    def _prepare_quizzes(self, writes, report):
        """The quiz page each "Take a Quiz!" links to: found by slug, or created as a draft."""
        wanted = [p for p in writes if p.document.has_quiz_link]
        if not wanted:
            return
        if self.quiz_index is None:
            for plan in wanted:
                plan.document.attention.append(
                    attention_item(
                        AttentionKind.QUIZ, "The site has no Quizzes page, so no quiz is linked."
                    )
                )
            return
        quizzes = dict(QuizPage.objects.child_of(self.quiz_index).values_list("slug", "pk"))
        self.bodies.pages.update(QuizPage.objects.in_bulk(list(quizzes.values())))
        new = {}
        for plan in wanted:
            slug = quiz_slug(plan.document)
            if slug not in quizzes and slug not in new:
                title = clip(f"{plan.document.title} quiz", 255)
                new[slug] = QuizPage(title=title, slug=slug, questions=[])
        bulk_add_children(self.quiz_index, list(new.values()), publish=False)
        quizzes.update({slug: quiz.pk for slug, quiz in new.items()})
        self.bodies.pages.update({quiz.pk: quiz for quiz in new.values()})
        report.quizzes_created.extend(quiz.title for quiz in new.values())
        for plan in wanted:
            plan.quiz_id = quizzes[quiz_slug(plan.document)]

    def _create_pages(self, creates):
        """New articles, added to the tree together so links between them resolve in one go."""
        if not creates:
            return
        taken = set(Page.objects.child_of(self.article_index).values_list("slug", flat=True))
        pages = []
        for plan in creates:
            plan.page = ArticlePage(
                title=plan.document.title,
                slug=unique_slug(plan.document.slug, taken),
                load_hash=plan.load_hash,
            )
            pages.append(plan.page)

        def prepare(pages):
            titles = title_map()  # pages already in the tree ...
            for plan in creates:  # ... and this run's, which have ids now
                titles.setdefault(title_key(plan.document.title), plan.page.pk)
                self.bodies.pages[plan.page.pk] = plan.page
            self.bodies.cache_pages(titles, creates)
            for plan in creates:
                attention = plan.document.attention + unresolved_items(plan.document, titles)
                self._apply_fields(
                    plan.page, plan, body=self.bodies.stream(plan, titles), attention=attention
                )
                self._apply_authors(plan.page, plan)

        bulk_add_children(
            self.article_index,
            pages,
            publish=self.publish,
            prepare=prepare,
            revision_field="loaded_revision",
        )

    def _apply_fields(self, page, plan, *, body, attention):
        document = plan.document
        page.title = document.title
        page.summary = document.summary
        page.body = body
        page.source_publisher = document.publisher
        page.source_key = document.source_key
        page.source_url = document.source_url or page.source_url
        page.last_reviewed = document.reviewed
        page.last_modified = document.modified
        page.next_review_due = (
            add_months(document.reviewed, self.review_months) if document.reviewed else None
        )
        page.attention = attention
        page.unidentified_brands = plan.unidentified
        page.quiz_id = plan.quiz_id
        page.references = [
            ArticleReference(sort_order=position, **reference)
            for position, reference in enumerate(document.references)
        ]
        # In the source's order: its drugs table's rows, then drugs named in the text.
        page.drug_links = [
            ArticleDrug(drug=drug, sort_order=position)
            for position, drug in enumerate(self.drug_tables.pages_for(plan.generics))
        ]

    def _apply_authors(self, page, plan):
        page.authors = [
            ArticleAuthor(person=self.people[author.name.casefold()], sort_order=position)
            for position, author in enumerate(plan.document.authors)
        ]

    def _write(self, plan, titles):
        """Re-import a changed document over its page with Wagtail's revision workflow, or,
        when someone changed the page since the import, as a proposal for an editor."""
        page = ArticlePage.objects.get(pk=plan.existing["pk"])
        plan.page = page
        body = self.bodies.stream(plan, titles)
        if plan.action == "propose":
            imported = self._imported_values(plan, body)
            plan.proposal = propose(page, imported, origin=plan.origin)
            page.mark_loaded(None, plan.load_hash)
            return
        self._apply_fields(page, plan, body=body, attention=plan.final_attention)
        self._apply_authors(page, plan)
        revision = page.save_revision(clean=False, log_action=True)
        if self.publish:
            revision.publish(skip_permission_checks=True)
        page.mark_loaded(revision, plan.load_hash)

    def _imported_values(self, plan, body):
        """The content fields the import would write, as `proposals.content_values` has them."""
        document = plan.document
        page = ArticlePage(title=document.title, summary=document.summary, body=body)
        page.last_reviewed, page.last_modified = document.reviewed, document.modified
        page.references = [ArticleReference(**reference) for reference in document.references]
        self._apply_authors(page, plan)
        return content_values(page)

    def _merge_brands(self, writes, report):
        self.drug_tables.merge_brands(writes, report)
