"""Planning an import run: what each document becomes and what happens to its page.

Each document gets a `Plan`: its drugs, its fingerprint (`load_hash`) and an action, decided
against the existing pages in a few queries: create a page, update the one the import still
owns, put the import into a draft of a page an editor has changed, leave an unchanged page
alone, or skip a second copy of the same article.
"""

from dataclasses import dataclass, field

from articles.models import ArticlePage
from core.loading import loader_owns

from .attention import AttentionKind
from .document import ArticleDocument, content_hash

LOOKUP_CHUNK = 500
WRITES = ("create", "update", "draft")


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

    def record(self, plans):
        """Each planned article's outcome and what an editor should check on it."""
        outcomes = {
            "create": self.created,
            "update": self.updated,
            "unchanged": self.unchanged,
            "draft": self.drafted,
        }
        for plan in plans:
            if plan.action == "skip":
                continue
            title = plan.document.title
            outcomes[plan.action].append(title)
            for item in plan.final_attention:
                self.attention.append((title, item))
                if item["kind"] == AttentionKind.UNRESOLVED_LINK:
                    self.unresolved.append((title, item["excerpt"]))
            self.unidentified.extend((title, row) for row in plan.unidentified)


@dataclass
class Plan:
    """One document's import: what it becomes and what happens to its page."""

    origin: str
    document: ArticleDocument
    generics: list[str]
    unidentified: list[list[str]]
    brands: dict  # generic -> brand names from its table rows
    load_hash: str
    action: str = "create"  # create | update | draft | unchanged | skip
    existing: dict | None = None
    page: ArticlePage | None = None
    quiz_id: int | None = None
    final_attention: list[dict] = field(default_factory=list)


def plan_documents(documents, drug_tables, report):
    """A Plan per (origin, ArticleDocument); a second copy of an article is skipped."""
    plans, seen = [], {}
    for origin, document in documents:
        generics, unidentified, brands = drug_tables.match(document)
        plan = Plan(
            origin=origin,
            document=document,
            generics=generics,
            unidentified=unidentified,
            brands=brands,
            load_hash=content_hash(
                document,
                drugs=generics,
                unidentified=unidentified,
                quiz=document.has_quiz_link,
                physician=document.has_physician_cta,
            ),
        )
        if document.source_key in seen:
            plan.action = "skip"
            report.skipped.append(
                f"{origin}: same article as {seen[document.source_key]} ({document.title})"
            )
        else:
            seen[document.source_key] = origin
        plans.append(plan)
    load_existing(plans)
    return plans


def load_existing(plans):
    """Find each document's page by source key and decide the plan's action."""
    keys = [p.document.source_key for p in plans if p.action != "skip"]
    existing = {}
    fields = ("pk", "source_key", "load_hash", "latest_revision_id", "loaded_revision_id")
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        for row in ArticlePage.objects.filter(source_key__in=chunk).order_by("pk").values(*fields):
            existing.setdefault(row["source_key"], row)
    for plan in plans:
        if plan.action == "skip":
            continue
        row = existing.get(plan.document.source_key)
        plan.existing = row
        if row is None:
            plan.action = "create"
        elif row["load_hash"] == plan.load_hash:
            plan.action = "unchanged"
        elif loader_owns(row["latest_revision_id"], row["loaded_revision_id"]):
            plan.action = "update"
        else:
            plan.action = "draft"
