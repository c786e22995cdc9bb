"""The one representation of an imported article: `ArticleDocument`, what the parsers produce
and the writer stores.

It holds the page's fields, its people and references, and its body as StreamField data:
`[(block_type, value)]` with raw values, exactly as `ArticlePage.body` stores them, except that
the pages a "See" link, a cross-reference or a call to action points at are None until the
writer resolves them. Pure data, no database; deterministic, so the same document always yields
the same `content_hash`.
"""

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

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
    source_url: str = ""  # the page's address, from the manifest or the text, when known
    source_key: str = field(init=False)
    slug: str = field(init=False)

    def __post_init__(self):
        self.source_key = source_key(self.publisher, self.title, self.source_url)
        self.slug = page_slug(self.title)

    def link_titles(self):
        """(block type, title) of every block that links to another article by its title;
        a "See X" inside a list counts as a "see_also"."""
        titles = []
        for kind, value in self.body:
            if kind in LINK_BLOCKS:
                titles.append((kind, value["title"]))
            elif kind == "bullet_list":
                titles.extend(("see_also", title) for title in list_link_titles(value["items"]))
        return titles


LIST_LINK_RE = re.compile(r'<a href="#see-([^"]*)">')


def list_link_titles(items):
    """Titles of the "See X" links inside a list's items (rich text)."""
    return [
        unquote(html.unescape(m.group(1))) for item in items for m in LIST_LINK_RE.finditer(item)
    ]


def clip(text, limit):
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def attention_item(kind, message, excerpt=""):
    return {"kind": str(AttentionKind(kind)), "message": message, "excerpt": clip(excerpt, 200)}


def source_key(publisher, title, url=""):
    """Stable identity of an article across imports: the page's address when known ("url:..."),
    else its publisher and page slug. A title-based match is confirmed by the content
    (`plan.py`): a different text under the same title never takes the article over."""
    if url:
        return url_key(url)
    return f"{slugify(publisher) or 'unattributed'}:{page_slug(title)}"[:255]


def normalise_url(url):
    """An http(s) address without its fragment, with a lower-case scheme and host, or ""."""
    try:
        parts = urlsplit(str(url).strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    if any(ch.isspace() or ch in '<>"' for ch in str(url).strip()):
        return ""
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def url_key(url):
    key = f"url:{normalise_url(url)}"
    if len(key) > 255:
        key = "url:sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def page_slug(title):
    return slugify(title)[:200].strip("-") or "article"


def hashed_reference(reference, position):
    """A reference as hashed: its number only when it is not its position, the one case
    where an earlier import (which numbered references by position) wrote something else."""
    if reference.get("number") == position:
        return {key: value for key, value in reference.items() if key != "number"}
    return reference


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
        "references": [
            hashed_reference(ref, position) for position, ref in enumerate(document.references, 1)
        ],
        **({"source_url": document.source_url} if document.source_url else {}),
        "attention": [
            {**item, "kind": HASHED_AS.get(item["kind"], item["kind"])}
            for item in document.attention
        ],
        **derived,
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
