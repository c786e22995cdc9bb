"""A parsed document as article content: StreamField data, references, people, a stable identity.

Pure data, no database: the writer adds what needs the site (page links, drugs, quiz) and
stores the result. Everything here is deterministic so the same document always yields the same
content and the same import hash.
"""

import hashlib
import json
import re
from dataclasses import dataclass

import nh3

from django.utils.html import escape
from django.utils.text import slugify

from . import parsers as parser
from .attention import LEGACY_KINDS, AttentionKind

# Bump when the mapping from parsed documents to pages changes: every article re-imports once.
IMPORT_FORMAT = 1

# Kinds renamed when the attention vocabularies were merged are hashed under their old names,
# so a document imported before the merge still counts as unchanged.
HASHED_AS = {kind: old for old, kind in LEGACY_KINDS.items()}
SUMMARY_MAX = 500  # ArticlePage.summary
CITE_RE = re.compile(r"\[\[cite:(\d+)\]\]")
RICH_TEXT_TAGS = {"p", "sup", "a"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}
CALLOUT_HEADINGS = {"physician_search": "Find a Physician Near You", "quiz": "Take a Quiz!"}
REFERENCE_LIMITS = {
    "authors": 500,
    "title": 500,
    "journal": 255,
    "volume": 20,
    "issue": 20,
    "pages": 40,
}


@dataclass
class Author:
    name: str
    credentials: str = ""
    affiliation: str = ""


@dataclass
class ArticleContent:
    """What one document contributes to its page, before site-dependent links are filled in."""

    source_key: str
    slug: str
    title: str
    summary: str
    publisher: str
    shape: str
    reviewed: object  # datetime.date | None
    modified: object
    authors: list[Author]
    body: list[dict]  # [{"type", "value"}]; see_also/cross_reference "page" left as None
    references: list[dict]
    drug_rows: list[list[str]]
    attention: list[dict]
    prose: str  # the article's own text, for finding drug names
    has_quiz_link: bool = False
    has_physician_cta: bool = False


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


def inline_html(text, numbers):
    """Escaped text with [[cite:N]] markers as superscript links to reference N."""
    parts, position = [], 0
    for match in CITE_RE.finditer(text):
        parts.append(escape(text[position : match.start()]))
        number = numbers.get(int(match.group(1)))
        if number:
            parts.append(f'<sup><a href="#ref-{number}">{number}</a></sup>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def rich_text(text, numbers):
    """Plain text (paragraphs separated by blank lines) as the rich text our blocks store."""
    paragraphs = [" ".join(p.split()) for p in str(text).split("\n\n")]
    html = "".join(f"<p>{inline_html(p, numbers)}</p>" for p in paragraphs if p)
    return nh3.clean(html, tags=RICH_TEXT_TAGS, attributes=RICH_TEXT_ATTRIBUTES, link_rel=None)


def plain(text):
    return " ".join(CITE_RE.sub("", str(text)).split())


def _summary(parsed, body_text):
    summary = plain(parsed.summary) or body_text
    if len(summary) > SUMMARY_MAX:
        summary = summary[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary or parsed.title


def _references(citations, attention):
    references, numbers = [], {}
    for position, citation in enumerate(sorted(citations, key=lambda c: c.number), start=1):
        numbers[citation.number] = position
        values = {
            "authors": citation.authors,
            "title": citation.title or citation.raw,
            "journal": citation.journal,
            "volume": citation.volume,
            "issue": citation.issue,
            "pages": citation.pages,
        }
        values = {key: " ".join(str(value or "").split()) for key, value in values.items()}
        if any(len(values[key]) > limit for key, limit in REFERENCE_LIMITS.items()):
            attention.append(
                attention_item(
                    AttentionKind.REFERENCE,
                    f"Reference {position} is too long to store in full; check it against the source.",
                    citation.raw,
                )
            )
            values = {key: clip(values[key], limit) for key, limit in REFERENCE_LIMITS.items()}
        year = (
            citation.year if isinstance(citation.year, int) and 0 < citation.year < 10000 else None
        )
        references.append({**values, "year": year})
    return references, numbers


def _authors(people):
    authors, seen = [], set()
    for person in people:
        name = clip(person.name, 255)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            authors.append(
                Author(name, clip(person.credentials, 100), clip(person.affiliation, 255))
            )
    return authors


def _blocks(parsed, numbers, attention):
    """StreamField data for the parsed blocks, and the article's own prose."""
    body, prose = [], []
    for block in parsed.blocks:
        kind = block.type
        if kind == "heading":
            text = clip(block.text, 255)
            if text:
                level = "h3" if (block.level or 2) > 2 else "h2"
                body.append({"type": "heading", "value": {"text": text, "level": level}})
                prose.append(text)
        elif kind == "paragraph":
            html = rich_text(block.text, numbers)
            if html:
                body.append({"type": "paragraph", "value": html})
                prose.append(plain(block.text))
        elif kind == "list":
            items = [rich_text(item, numbers) for item in block.items]
            items = [item for item in items if item]
            if items:
                body.append({"type": "bullet_list", "value": {"items": items}})
                prose.extend(plain(item) for item in block.items)
        elif kind == "see_also":
            title = clip(block.title, 255)
            verb = block.verb if block.verb in ("See", "Read about") else "See"
            if title:
                body.append(
                    {"type": "see_also", "value": {"page": None, "title": title, "verb": verb}}
                )
        elif kind == "video":
            title = clip(block.title, 255)
            if title:
                body.append(
                    {
                        "type": "video",
                        "value": {
                            "title": title,
                            "url": "",
                            "teaser": plain(block.teaser),
                            "transcript": "",
                        },
                    }
                )
                attention.append(
                    attention_item(
                        AttentionKind.VIDEO_INCOMPLETE,
                        "The video has no link yet: add its URL or remove it.",
                        title,
                    )
                )
        elif kind == "cross_reference":
            title, summary = clip(block.title, 255), plain(block.summary)
            if title and summary:
                body.append(
                    {
                        "type": "cross_reference",
                        "value": {"title": title, "summary": summary, "page": None},
                    }
                )
            elif title:
                body.append(
                    {"type": "see_also", "value": {"page": None, "title": title, "verb": "See"}}
                )
        elif kind == "callout":
            if block.kind in CALLOUT_HEADINGS:
                body.append(callout(block.kind, block.text))
        else:
            attention.append(
                attention_item(AttentionKind.UNKNOWN_BLOCK, f"Unknown block type {kind!r}.")
            )
    return body, prose


def callout(kind, text=""):
    heading = clip(text, 255) or CALLOUT_HEADINGS[kind]
    return {
        "type": "callout",
        "value": {"kind": kind, "heading": heading, "text": "", "page": None},
    }


def build_content(parsed: parser.ParsedDocument, *, publisher=None) -> ArticleContent:
    """Map a parsed document to article content. `publisher` overrides the detected one."""
    attention = [attention_item(item.kind, item.message, item.excerpt) for item in parsed.attention]
    kinds = {item["kind"] for item in attention}
    for warning in parsed.warnings:
        if AttentionKind.UNKNOWN_SHAPE in kinds and "shape" in warning:
            continue  # the parser already put it on the attention list
        attention.append(attention_item(AttentionKind.WARNING, warning))
    references, numbers = _references(parsed.citations, attention)
    body, prose = _blocks(parsed, numbers, attention)
    kinds_present = {b["value"]["kind"] for b in body if b["type"] == "callout"}
    for kind, wanted in (
        ("physician_search", parsed.has_physician_cta),
        ("quiz", parsed.has_quiz_link),
    ):
        if wanted and kind not in kinds_present:
            body.append(callout(kind))
    title = clip(parsed.title, 255) or "Untitled article"
    publisher = clip(publisher or parsed.publisher, 255)
    return ArticleContent(
        source_key=source_key(publisher, title),
        slug=page_slug(title),
        title=title,
        summary=_summary(parsed, " ".join(prose)),
        publisher=publisher,
        shape=parsed.shape,
        reviewed=parsed.reviewed,
        modified=parsed.modified,
        authors=_authors(parsed.authors),
        body=body,
        references=references,
        drug_rows=[[clip(b, 255) for b in row if clip(b, 255)] for row in parsed.drug_rows],
        attention=attention,
        prose=" ".join(prose),
        has_quiz_link=parsed.has_quiz_link or "quiz" in kinds_present,
        has_physician_cta=parsed.has_physician_cta or "physician_search" in kinds_present,
    )


def content_hash(content: ArticleContent, **derived) -> str:
    """sha256 of everything the import writes, normalised; `derived` adds site-dependent parts."""
    payload = {
        "format": IMPORT_FORMAT,
        "title": content.title,
        "summary": content.summary,
        "publisher": content.publisher,
        "reviewed": content.reviewed.isoformat() if content.reviewed else None,
        "modified": content.modified.isoformat() if content.modified else None,
        "authors": [vars(a) for a in content.authors],
        "body": content.body,
        "references": content.references,
        "attention": [
            {**item, "kind": HASHED_AS.get(item["kind"], item["kind"])}
            for item in content.attention
        ],
        **derived,
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
