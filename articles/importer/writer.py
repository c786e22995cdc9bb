"""Writing parsed documents into the page tree, safely and repeatably.

One call of `ArticleImporter.run` is one import run; the caller wraps it in a transaction.

- Identity: an article is found again by `source_key` (publisher + page slug); `import_hash`
  fingerprints what the import wrote, so an unchanged document costs one comparison.
- Editors win: while the page's latest revision is the one the import wrote (`imported_revision`),
  a re-import replaces it. Once an editor has saved the page, the import's version goes into a
  new draft revision and the live page is left alone.
- Links between articles are resolved after every document of the run is in the tree, through
  one title-to-page map, so the order of documents never matters; a later run links earlier
  articles to pages it brings.
"""

import gc
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.models import Page

from core.models import Person, add_months
from drugs.reference import (
    DrugMatcher,
    drug_index,
    existing_drug_pages,
    name_key,
    sync_reference_drugs,
    update_drug_page,
)
from physicians.models import PhysicianSearchPage
from quizzes.models import QuizIndexPage, QuizPage
from review.models import ReviewSettings

from ..models import ArticleAuthor, ArticleIndexPage, ArticlePage, ArticleReference
from .bulk import bulk_add_children
from .content import attention_item, build_content, clip, content_hash
from .indexing import deferred_index_updates

DEFAULT_REVIEW_MONTHS = 12
LOOKUP_CHUNK = 500


class ImportSetupError(RuntimeError):
    """The site lacks a page the import needs (the migrations create them)."""


def title_key(title):
    """Case- and space-insensitive title comparison."""
    return " ".join(str(title).casefold().split())


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


@dataclass
class ImportReport:
    documents: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Articles an editor changed since their last import: the import went into a draft.
    drafted: list[str] = field(default_factory=list)
    # Earlier articles whose unresolved links this run's pages resolved.
    relinked: list[str] = field(default_factory=list)
    drugs_created: list[str] = field(default_factory=list)
    drugs_updated: list[str] = field(default_factory=list)
    drugs_drafted: list[str] = field(default_factory=list)
    quizzes_created: list[str] = field(default_factory=list)
    unresolved: list[tuple[str, str]] = field(default_factory=list)
    unidentified: list[tuple[str, list[str]]] = field(default_factory=list)
    attention: list[tuple[str, dict]] = field(default_factory=list)

    def note_drug(self, generic, outcome):
        target = {"updated": self.drugs_updated, "drafted": self.drugs_drafted}.get(outcome)
        if target is not None and generic not in target and generic not in self.drugs_created:
            target.append(generic)


@dataclass
class _Plan:
    """One document's import: what it becomes and what happens to its page."""

    origin: str
    content: object
    generics: list[str]
    unidentified: list[list[str]]
    brands: dict  # generic -> brand names from its table rows
    import_hash: str
    action: str = "create"  # create | update | draft | unchanged | skip
    existing: dict | None = None
    page: ArticlePage | None = None
    quiz_id: int | None = None
    final_attention: list[dict] = field(default_factory=list)


class ArticleImporter:
    """Imports parsed documents; `publish=False` saves new content as drafts."""

    def __init__(self, *, publish=True, progress=None):
        self.publish = publish
        self.progress = progress or _noop_progress
        self.stream_block = ArticlePage._meta.get_field("body").stream_block

    # Run ------------------------------------------------------------------------------------

    def run(self, documents):
        """Import [(origin, ParsedDocument, publisher override)]; returns an ImportReport."""
        report = ImportReport(documents=len(documents))
        # The command wraps the whole run (and its dry-run rollback) in a transaction; this one
        # keeps any other caller all-or-nothing too.
        with transaction.atomic(), deferred_index_updates(), pause_cycle_collection():
            self._run(documents, report)
        return report

    def _run(self, documents, report):
        self._load_site()
        self._sync_drugs(report)
        plans = self._plan(documents, report)
        self._load_existing(plans)
        writes = [p for p in plans if p.action in ("create", "update", "draft")]
        self._people = self._load_people(writes)
        self._prepare_quizzes(writes, report)
        self._create_pages([p for p in writes if p.action == "create"])
        titles = self._title_map()
        for plan in plans:
            if plan.action != "skip":
                plan.final_attention = plan.content.attention + self._unresolved_items(
                    plan.content.body, titles
                )
        changed = [p for p in writes if p.action != "create"]
        self._cache_pages(titles, changed)
        for plan in self.progress(changed, desc="Updating", unit="article"):
            self._write(plan, titles)
        self._relink(titles, {p.page.pk for p in writes}, report)
        self._merge_brands(writes, report)
        self._report(plans, report)

    def _load_site(self):
        self.article_index = ArticleIndexPage.objects.first()
        if self.article_index is None:
            raise ImportSetupError("The site has no Articles page; run the migrations first.")
        self.quiz_index = QuizIndexPage.objects.first()
        physician_page = PhysicianSearchPage.objects.first()
        self.physician_page_id = physician_page.pk if physician_page else None
        self._pages = {physician_page.pk: physician_page} if physician_page else {}
        settings = ReviewSettings.objects.filter(site__is_default_site=True).first()
        self.review_months = settings.review_interval_months if settings else DEFAULT_REVIEW_MONTHS

    def _sync_drugs(self, report):
        result = sync_reference_drugs()
        report.drugs_created.extend(result.created)
        for generic in result.updated:
            report.note_drug(generic, "updated")
        for generic in result.drafted:
            report.note_drug(generic, "drafted")
        self.drug_pages = existing_drug_pages(drug_index())
        # Matching uses the reference data, plus the names of drugs editors added themselves.
        # Brand names stored on pages are not used: they include earlier imports' rows, and
        # matching must not depend on what previous runs wrote.
        self.matcher = DrugMatcher.from_reference()
        for page in self.drug_pages.values():
            self.matcher.add(page.title)

    # Planning -------------------------------------------------------------------------------

    def _plan(self, documents, report):
        plans, seen = [], {}
        for origin, parsed, publisher in documents:
            content = build_content(parsed, publisher=publisher)
            generics, unidentified, brands = [], [], defaultdict(list)
            for row in content.drug_rows:
                match = self.matcher.match_row(row)
                if match.generic:
                    if match.generic not in generics:
                        generics.append(match.generic)
                    brands[match.generic].extend(row)
                    continue
                unidentified.append(row)
                if match.ambiguous:
                    message = (
                        "These brand names match more than one drug "
                        f"({', '.join(match.candidates)}): link the right drug page."
                    )
                else:
                    message = "These brand names match no known drug: add the drug or its brands."
                content.attention.append(
                    attention_item("unidentified_drug", message, ", ".join(row))
                )
            for generic in sorted(self.matcher.names_in(content.prose)):
                if generic not in generics:
                    generics.append(generic)
            plan = _Plan(
                origin=origin,
                content=content,
                generics=generics,
                unidentified=unidentified,
                brands=dict(brands),
                import_hash=content_hash(
                    content,
                    drugs=generics,
                    unidentified=unidentified,
                    quiz=content.has_quiz_link,
                    physician=content.has_physician_cta,
                ),
            )
            if content.source_key in seen:
                plan.action = "skip"
                report.skipped.append(
                    f"{origin}: same article as {seen[content.source_key]} ({content.title})"
                )
            else:
                seen[content.source_key] = origin
            plans.append(plan)
        return plans

    def _load_existing(self, plans):
        keys = [p.content.source_key for p in plans if p.action != "skip"]
        existing = {}
        fields = ("pk", "source_key", "import_hash", "latest_revision_id", "imported_revision_id")
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            for row in (
                ArticlePage.objects.filter(source_key__in=chunk).order_by("pk").values(*fields)
            ):
                existing.setdefault(row["source_key"], row)
        for plan in plans:
            if plan.action == "skip":
                continue
            row = existing.get(plan.content.source_key)
            plan.existing = row
            if row is None:
                plan.action = "create"
            elif row["import_hash"] == plan.import_hash:
                plan.action = "unchanged"
            elif row["imported_revision_id"] and (
                row["latest_revision_id"] == row["imported_revision_id"]
            ):
                plan.action = "update"
            else:
                plan.action = "draft"

    # Pages the articles point at --------------------------------------------------------------

    def _prepare_quizzes(self, writes, report):
        """The quiz page each "Take a Quiz!" links to: found by slug, or created as a draft."""
        wanted = [p for p in writes if p.content.has_quiz_link]
        if not wanted:
            return
        if self.quiz_index is None:
            for plan in wanted:
                plan.content.attention.append(
                    attention_item("quiz", "The site has no Quizzes page, so no quiz is linked.")
                )
            return
        quizzes = dict(QuizPage.objects.child_of(self.quiz_index).values_list("slug", "pk"))
        self._pages.update(QuizPage.objects.in_bulk(list(quizzes.values())))
        new = {}
        for plan in wanted:
            title = clip(f"{plan.content.title} quiz", 255)
            slug = slugify(title)[:255]
            if slug not in quizzes and slug not in new:
                new[slug] = QuizPage(title=title, slug=slug, questions=[])
        bulk_add_children(self.quiz_index, list(new.values()), publish=False)
        quizzes.update({slug: quiz.pk for slug, quiz in new.items()})
        self._pages.update({quiz.pk: quiz for quiz in new.values()})
        report.quizzes_created.extend(quiz.title for quiz in new.values())
        for plan in wanted:
            plan.quiz_id = quizzes[slugify(clip(f"{plan.content.title} quiz", 255))[:255]]

    def _create_pages(self, creates):
        """New articles, added to the tree together so links between them resolve in one go."""
        if not creates:
            return
        taken = set(Page.objects.child_of(self.article_index).values_list("slug", flat=True))
        pages = []
        for plan in creates:
            slug, counter = plan.content.slug, 2
            while slug in taken:
                slug, counter = f"{plan.content.slug}-{counter}", counter + 1
            taken.add(slug)
            plan.page = ArticlePage(
                title=plan.content.title, slug=slug, import_hash=plan.import_hash
            )
            pages.append(plan.page)

        def prepare(pages):
            titles = self._title_map()  # pages already in the tree ...
            for plan in creates:  # ... and this run's, which have ids now
                titles.setdefault(title_key(plan.content.title), plan.page.pk)
                self._pages[plan.page.pk] = plan.page
            self._cache_pages(titles, creates)
            for plan in creates:
                attention = plan.content.attention + self._unresolved_items(
                    plan.content.body, titles
                )
                self._apply_fields(
                    plan.page, plan, body=self._stream(plan, titles), attention=attention
                )
                self._apply_authors(plan.page, plan)

        bulk_add_children(
            self.article_index,
            pages,
            publish=self.publish,
            prepare=prepare,
            revision_field="imported_revision",
        )

    def _title_map(self):
        """Every article by title_key(title): one query, live pages first, then oldest."""
        titles = {}
        for pk, title in ArticlePage.objects.order_by("-live", "pk").values_list("pk", "title"):
            titles.setdefault(title_key(title), pk)
        return titles

    def _load_people(self, writes):
        names = {a.name.casefold(): a for p in writes for a in p.content.authors}
        if not names:
            return {}
        people = {}
        for person in Person.objects.all():
            people.setdefault(person.name.casefold(), person)
        for key, author in names.items():
            person = people.get(key)
            if person is None:
                people[key] = Person.objects.create(
                    name=author.name,
                    credentials=author.credentials,
                    affiliation=author.affiliation,
                )
                continue
            # Fill gaps only: an editor's corrections to a person are never overwritten.
            changed = []
            for attribute in ("credentials", "affiliation"):
                if getattr(author, attribute) and not getattr(person, attribute):
                    setattr(person, attribute, getattr(author, attribute))
                    changed.append(attribute)
            if changed:
                person.save(update_fields=changed)
        return people

    # Writing ----------------------------------------------------------------------------------

    def _stream(self, plan, titles=None):
        """StreamField value for the plan's blocks, with links resolved when `titles` is given.

        Built from native values, chosen pages included, so indexing it later needs no query.
        """
        data = []
        for block in plan.content.body:
            value = block["value"]
            if titles is not None and block["type"] in ("see_also", "cross_reference"):
                value = {**value, "page": titles.get(title_key(value["title"]))}
            elif block["type"] == "callout":
                is_physician = value["kind"] == "physician_search"
                value = {**value, "page": self.physician_page_id if is_physician else plan.quiz_id}
            child = self.stream_block.child_blocks[block["type"]]
            data.append((block["type"], self._native(child, value), str(uuid.uuid4())))
        return StreamValue(self.stream_block, data)

    def _native(self, block, raw):
        if isinstance(block, blocks.PageChooserBlock):
            if not raw:
                return None
            if raw not in self._pages:
                self._pages[raw] = block.to_python(raw)
            return self._pages[raw]
        if isinstance(block, blocks.StructBlock):
            return blocks.StructValue(
                block,
                [
                    (name, self._native(child, raw.get(name)))
                    for name, child in block.child_blocks.items()
                ],
            )
        return block.to_python(raw)

    def _cache_pages(self, titles, plans):
        """Load, in one query, every existing article the plans link to."""
        wanted = {
            titles.get(title_key(block["value"]["title"]))
            for plan in plans
            for block in plan.content.body
            if block["type"] in ("see_also", "cross_reference")
        }
        wanted = {pk for pk in wanted if pk and pk not in self._pages}
        self._pages.update(ArticlePage.objects.in_bulk(list(wanted)))

    def _unresolved_items(self, body, titles):
        return [
            unresolved_item(block["value"]["title"])
            for block in body
            if block["type"] == "see_also" and title_key(block["value"]["title"]) not in titles
        ]

    def _apply_fields(self, page, plan, *, body, attention=None):
        content = plan.content
        page.title = content.title
        page.summary = content.summary
        page.body = body
        page.source_publisher = content.publisher
        page.source_key = content.source_key
        page.last_reviewed = content.reviewed
        page.last_modified = content.modified
        page.next_review_due = (
            add_months(content.reviewed, self.review_months) if content.reviewed else None
        )
        page.attention = attention if attention is not None else content.attention
        page.unidentified_brands = plan.unidentified
        page.quiz_id = plan.quiz_id
        page.references = [
            ArticleReference(sort_order=position, **reference)
            for position, reference in enumerate(content.references)
        ]
        page.drugs = [self.drug_pages[name_key(g)] for g in plan.generics]

    def _apply_authors(self, page, plan):
        page.authors = [
            ArticleAuthor(person=self._people[author.name.casefold()], sort_order=position)
            for position, author in enumerate(plan.content.authors)
        ]

    def _write(self, plan, titles):
        """Re-import a changed document over its page with Wagtail's revision workflow."""
        page = ArticlePage.objects.get(pk=plan.existing["pk"])
        if plan.action == "draft" and page.latest_revision_id:
            # Build on the editor's latest version so their other changes carry over.
            page = page.get_latest_revision_as_object()
        plan.page = page
        self._apply_fields(
            page, plan, body=self._stream(plan, titles), attention=plan.final_attention
        )
        self._apply_authors(page, plan)
        revision = page.save_revision(clean=False, log_action=True)
        updates = {"import_hash": plan.import_hash}
        if plan.action != "draft":
            if self.publish:
                revision.publish(skip_permission_checks=True)
            updates["imported_revision"] = revision
        ArticlePage.objects.filter(pk=page.pk).update(**updates)

    def _relink(self, titles, written, report):
        """Point earlier articles' unresolved links at pages that exist now."""
        candidates = ArticlePage.objects.exclude(attention=[]).values_list(
            "pk", "attention", "latest_revision_id", "imported_revision_id"
        )
        for pk, attention, latest, imported in list(candidates):
            if pk in written or not isinstance(attention, list):
                continue
            pending = [
                item.get("excerpt", "")
                for item in attention
                if isinstance(item, dict) and item.get("kind") == "unresolved_link"
            ]
            if not any(title_key(t) in titles for t in pending):
                continue
            if not imported or latest != imported:
                continue  # an editor owns the page now; they can pick the link themselves
            page = ArticlePage.objects.get(pk=pk)
            data = page.body.get_prep_value()
            for block in data:
                value = block.get("value")
                if block.get("type") in ("see_also", "cross_reference") and not value.get("page"):
                    value["page"] = titles.get(title_key(value.get("title", "")))
            page.body = StreamValue(self.stream_block, data, is_lazy=True)
            page.attention = [
                item
                for item in attention
                if not (
                    isinstance(item, dict)
                    and item.get("kind") == "unresolved_link"
                    and title_key(item.get("excerpt", "")) in titles
                )
            ]
            revision = page.save_revision(clean=False, log_action=True)
            if page.live and self.publish:
                revision.publish(skip_permission_checks=True)
            ArticlePage.objects.filter(pk=pk).update(imported_revision=revision)
            report.relinked.append(page.title)

    def _merge_brands(self, writes, report):
        """Add every brand name from the articles' drug tables to the generic's page."""
        brands = defaultdict(list)
        for plan in writes:
            for generic, names in plan.brands.items():
                brands[generic].extend(names)
        for generic, names in brands.items():
            page = self.drug_pages[name_key(generic)]
            report.note_drug(page.title, update_drug_page(page, brands=names))

    def _report(self, plans, report):
        outcomes = {
            "create": report.created,
            "update": report.updated,
            "unchanged": report.unchanged,
            "draft": report.drafted,
        }
        for plan in plans:
            if plan.action == "skip":
                continue
            title = plan.content.title
            outcomes[plan.action].append(title)
            for item in plan.final_attention:
                report.attention.append((title, item))
                if item["kind"] == "unresolved_link":
                    report.unresolved.append((title, item["excerpt"]))
            report.unidentified.extend((title, row) for row in plan.unidentified)


def unresolved_item(title):
    return {
        "kind": "unresolved_link",
        "message": "No article with this title on the site yet: the link searches for it.",
        "excerpt": title,
    }
