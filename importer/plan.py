"""Planning an import run: what each document becomes and what happens to its page.

Each document gets a `Plan`: its drugs, its fingerprint (`load_hash`) and an action, decided
against the existing pages in a few queries: create a page, update the one the import still
owns, make a proposal for a page someone has changed (`proposals.py`), leave an unchanged page
alone, or skip a second copy of the same article.

Identity: a document is its page's when their source keys match (the page's address when
known, else publisher and title). A match by title is confirmed by the text: a document
sharing less than TAKEOVER_SHARE of its word sequences with the article it would replace is a
different article, and the run stops with `ImportConflict` naming both (nothing is written).
"""

import re
from dataclasses import dataclass, field

from articles.models import ArticlePage
from core.loading import loader_owns

from .attention import AttentionKind
from .document import ArticleDocument, content_hash, source_key
from .proposals import body_data, editor_changes

LOOKUP_CHUNK = 500
WRITES = ("create", "update", "propose")
TAKEOVER_SHARE = 0.5  # share of word triples two versions of one article have in common
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
TAG_RE = re.compile(r"<[^>]*>")
TEXT_KEYS = {"title", "text", "summary", "heading", "teaser", "items", "value", "transcript"}


class ImportConflict(RuntimeError):
    """A document would silently take over a different article; one line for stderr."""


def shingles(text):
    words = WORD_RE.findall(TAG_RE.sub(" ", str(text)).casefold())
    return {" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} - {""}


def shared(a, b):
    """How much of the shorter text's word triples the other text has too (0 to 1)."""
    a, b = shingles(a), shingles(b)
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / min(len(a), len(b))


def body_text(data):
    """The words of a body's stored JSON (block values' strings)."""
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        return " ".join(body_text(v) for k, v in data.items() if k in TEXT_KEYS or k == "value")
    if isinstance(data, list):
        return " ".join(body_text(item) for item in data)
    return ""


@dataclass
class ImportReport:
    documents: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Articles someone changed since their last import: the import became a proposal.
    proposed: list[str] = field(default_factory=list)
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
            "propose": self.proposed,
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
    action: str = "create"  # create | update | propose | unchanged | skip
    existing: dict | None = None
    page: ArticlePage | None = None
    quiz_id: int | None = None
    final_attention: list[dict] = field(default_factory=list)
    changed_fields: set = field(default_factory=set)  # content fields an editor changed


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
        first = seen.get(document.source_key)
        if first is not None:
            if not document.source_key.startswith("url:") and (
                shared(first.document.prose, document.prose) < TAKEOVER_SHARE
            ):
                raise ImportConflict(
                    f"{origin}: “{document.title}” has the same title as {first.origin} but "
                    'different text; give each its own "url" in manifest.json or its own '
                    "title. Nothing was imported."
                )
            plan.action = "skip"
            report.skipped.append(f"{origin}: same article as {first.origin} ({document.title})")
        else:
            seen[document.source_key] = plan
        plans.append(plan)
    load_existing(plans)
    return plans


def _keys(document):
    """The document's source key, then (for a document with an address) the title key an
    earlier import without the address gave its page."""
    keys = [document.source_key]
    if document.source_key.startswith("url:"):
        keys.append(source_key(document.publisher, document.title))
    return keys


def load_existing(plans):
    """Find each document's page by source key and decide the plan's action."""
    keys = [key for p in plans if p.action != "skip" for key in _keys(p.document)]
    existing = {}
    fields = ("pk", "source_key", "load_hash", "latest_revision_id", "loaded_revision_id")
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        for row in ArticlePage.objects.filter(source_key__in=chunk).order_by("pk").values(*fields):
            existing.setdefault(row["source_key"], row)
    for plan in plans:
        if plan.action != "skip":
            found = [existing[key] for key in _keys(plan.document) if key in existing]
            plan.existing = found[0] if found else None
    changed = [p for p in plans if p.existing and p.existing["load_hash"] != p.load_hash]
    pages = ArticlePage.objects.in_bulk([p.existing["pk"] for p in changed])
    for plan in plans:
        if plan.action == "skip":
            continue
        row = plan.existing
        if row is None:
            plan.action = "create"
        elif row["load_hash"] == plan.load_hash:
            plan.action = "unchanged"
        else:
            page = pages[row["pk"]]
            check_takeover(plan, page)
            edited, plan.changed_fields, _, _ = editor_changes(page)
            owned = loader_owns(row["latest_revision_id"], row["loaded_revision_id"])
            plan.action = "update" if owned and not edited else "propose"


def check_takeover(plan, page):
    """Stop the run when a document matched by title would replace a different text."""
    if page.source_key.startswith("url:"):
        return  # the same address is the same article, however much it was rewritten
    loaded = page.loaded_revision
    old = body_data((loaded.as_object() if loaded else page).body)
    share = shared(body_text(old), plan.document.prose)
    if share < TAKEOVER_SHARE:
        raise ImportConflict(
            f"{plan.origin}: would replace the text of the article “{page.title}” (page "
            f"{page.pk}, {page.source_publisher or 'no publisher'}), but the two texts share "
            f"only {share:.0%} of their wording, so they look like different articles. Give "
            'the document its own "url" in manifest.json or its own title. Nothing was '
            "imported."
        )
