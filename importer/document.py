"""The one representation of an imported article: `ArticleDocument`, what the parsers produce
and the writer stores.

It holds the page's fields, its people and references, and its body as StreamField data:
`[(block_type, value)]` with raw values, exactly as `ArticlePage.body` stores them, except that
the pages a "See" link, a cross-reference or a call to action points at are None until the
writer resolves them. Pure data, no database; deterministic, so the same document always yields
the same `content_hash`.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils.text import slugify

from .attention import LEGACY_KINDS, AttentionKind

# Bump when the mapping from documents to pages changes: every article re-imports once.
IMPORT_FORMAT = 1

# Kinds renamed when the attention vocabularies were merged are hashed under their old names,
# so a document imported before the merge still counts as unchanged.
HASHED_AS = {kind: old for old, kind in LEGACY_KINDS.items()}
LINK_BLOCKS = ("see_also", "cross_reference")  # blocks linking to another article by title


@dataclass
class Author:
    name: str
    credentials: str = ""
    affiliation: str = ""


@dataclass
class ArticleDocument:
    """One scraped document, ready to store as an article page."""

    title: str
    summary: str
    publisher: str
    shape: str
    reviewed: object  # datetime.date | None
    modified: object
    authors: list[Author]
    body: list[tuple[str, object]]  # StreamField data; linked pages None
    references: list[dict]  # ArticleReference fields
    drug_rows: list[list[str]]  # brand names, one list per row of the drugs table
    attention: list[dict]  # {"kind", "message", "excerpt"}
    prose: str  # the article's own text, for finding drug names
    has_quiz_link: bool = False
    has_physician_cta: bool = False
    source_key: str = field(init=False)
    slug: str = field(init=False)

    def __post_init__(self):
        self.source_key = source_key(self.publisher, self.title)
        self.slug = page_slug(self.title)

    def link_titles(self):
        """(block type, title) of every block that links to another article by its title."""
        return [(kind, value["title"]) for kind, value in self.body if kind in LINK_BLOCKS]


def clip(text, limit):
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attention_item(kind, message, excerpt=""):
    return {"kind": str(AttentionKind(kind)), "message": message, "excerpt": clip(excerpt, 200)}


def source_key(publisher, title):
    """Stable identity of an article across imports: its source and its page slug."""
    return f"{slugify(publisher) or 'unattributed'}:{page_slug(title)}"[:255]


def page_slug(title):
    return slugify(title)[:200].strip("-") or "article"


def content_hash(document: ArticleDocument, **derived) -> str:
    """sha256 of everything the import writes, normalised; `derived` adds site-dependent parts.

    The payload keeps the shape hashes were first computed with (blocks as {"type", "value"}),
    so documents imported by earlier versions still count as unchanged."""
    payload = {
        "format": IMPORT_FORMAT,
        "title": document.title,
        "summary": document.summary,
        "publisher": document.publisher,
        "reviewed": document.reviewed.isoformat() if document.reviewed else None,
        "modified": document.modified.isoformat() if document.modified else None,
        "authors": [vars(a) for a in document.authors],
        "body": [{"type": kind, "value": value} for kind, value in document.body],
        "references": document.references,
        "attention": [
            {**item, "kind": HASHED_AS.get(item["kind"], item["kind"])}
            for item in document.attention
        ],
        **derived,
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
