"""A parsed layout as an `ArticleDocument`: rich text with citation links, numbered references,
people, StreamField blocks, and the findings an editor should check.

The parsers work on plain-text blocks (`blocks.py`) because citation numbers are only known once
the whole document is read; this last step turns them into the StreamField data the writer
stores, and nothing downstream sees the parser's blocks.
"""

import re
from urllib.parse import quote

import nh3

from django.utils.html import escape

from articles.citations import reference_numbers

from ..attention import AttentionKind
from ..document import ArticleDocument, Author, attention_item, clip
from .blocks import ParsedLayout
from .common import LABEL_MARK

SUMMARY_MAX = 500  # ArticlePage.summary
CITE_RE = re.compile(r"\[\[cite:(\d+)\]\]")
SEE_MARK_RE = re.compile(r"\[\[see:(See|Read about)\|(.+?)\]\]")
MARK_RE = re.compile(r"\[\[cite:(?P<cite>\d+)\]\]|\[\[see:(?P<see_verb>See|Read about)\|.+?\]\]")
SEE_HREF = "#see-"  # a "See" link inside a list, until links.py resolves it
RICH_TEXT_TAGS = {"p", "sup", "a", "b"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}
CALLOUT_HEADINGS = {"physician_search": "Find a Physician Near You", "quiz": "Take a Quiz!"}
MAX_REFERENCE_NUMBER = 999  # ArticleReference.number
REFERENCE_LIMITS = {
    "authors": 500,
    "title": 500,
    "journal": 255,
    "volume": 20,
    "issue": 20,
    "pages": 40,
}


def inline_html(text, numbers):
    """Escaped text with [[cite:N]] markers as superscript links to reference N."""
    parts, position = [], 0
    for match in MARK_RE.finditer(text):
        parts.append(escape(text[position : match.start()]))
        position = match.end()
        if match.group("see_verb"):
            parts.append(see_html(SEE_MARK_RE.fullmatch(match.group())))
            continue
        number = numbers.get(int(match.group("cite")))
        if number:
            parts.append(f'<sup><a href="#ref-{number}">{number}</a></sup>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def rich_text(text, numbers):
    """Plain text (paragraphs separated by blank lines) as the rich text our blocks store: a
    list item's label in bold, a "See X" inside a list as a link `links.py` resolves."""
    text = str(text)
    label = text.startswith(LABEL_MARK)
    paragraphs = [" ".join(p.split()) for p in text.removeprefix(LABEL_MARK).split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    parts = [inline_html(p, numbers) for p in paragraphs]
    if label and parts:
        parts[0] = f"<b>{parts[0]}</b>"
    html = "".join(f"<p>{part}</p>" for part in parts)
    return nh3.clean(html, tags=RICH_TEXT_TAGS, attributes=RICH_TEXT_ATTRIBUTES, link_rel=None)


def see_html(match):
    verb, title = match.group(1), match.group(2)
    return f'{escape(verb)} <a href="{SEE_HREF}{quote(title)}">{escape(title)}</a>'


def plain(text):
    text = SEE_MARK_RE.sub(lambda m: f"{m.group(1)} {m.group(2)}", str(text))
    return " ".join(CITE_RE.sub("", text.replace(LABEL_MARK, "")).split())


def _summary(parsed, body_text):
    summary = plain(parsed.summary) or body_text
    if len(summary) > SUMMARY_MAX:
        summary = summary[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary or parsed.title


def _references(citations, attention):
    """The references in the source's order, each keeping the number the source gave it
    (a list that starts at 2 or skips a number stays so), and {source number: number shown}
    for the in-text markers."""
    citations = sorted(citations, key=lambda c: c.number)
    given = [c.number if 0 < c.number <= MAX_REFERENCE_NUMBER else None for c in citations]
    references, numbers = [], {}
    for citation, number in zip(citations, reference_numbers(given), strict=True):
        numbers[citation.number] = number
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
                    f"Reference {number} is too long to store in full; check it against the source.",
                    citation.raw,
                )
            )
            values = {key: clip(values[key], limit) for key, limit in REFERENCE_LIMITS.items()}
        year = (
            citation.year if isinstance(citation.year, int) and 0 < citation.year < 10000 else None
        )
        references.append({"number": number, **values, "year": year})
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
                body.append(("heading", {"text": text, "level": level}))
                prose.append(text)
        elif kind == "paragraph":
            html = rich_text(block.text, numbers)
            if html:
                body.append(("paragraph", html))
                prose.append(plain(block.text))
        elif kind == "list":
            items = [rich_text(item, numbers) for item in block.items]
            items = [item for item in items if item]
            if items:
                body.append(("bullet_list", {"items": items}))
                prose.extend(plain(item) for item in block.items)
        elif kind == "see_also":
            title = clip(block.title, 255)
            verb = block.verb if block.verb in ("See", "Read about") else "See"
            if title:
                body.append(("see_also", {"page": None, "title": title, "verb": verb}))
        elif kind == "video":
            title = clip(block.title, 255)
            if title:
                video = {"title": title, "url": "", "teaser": plain(block.teaser), "transcript": ""}
                body.append(("video", video))
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
                body.append(("cross_reference", {"title": title, "summary": summary, "page": None}))
            elif title:
                body.append(("see_also", {"page": None, "title": title, "verb": "See"}))
        elif kind == "callout":
            if block.kind in CALLOUT_HEADINGS:
                body.append(callout(block.kind, block.text))
            elif block.kind == "note" and (block.text or block.body):
                heading = clip(block.text, 255) or "Note"
                text = rich_text(block.body, numbers)
                body.append(
                    ("callout", {"kind": "note", "heading": heading, "text": text, "page": None})
                )
                prose.extend([plain(block.text), plain(block.body)])
        elif kind == "held_back":
            text = plain(block.text)
            if text:
                level = (
                    {2: "h2", 3: "h3"}.get(block.level, "")
                    if block.reason == "empty_section"
                    else ""
                )
                body.append(("held_back", {"reason": block.reason, "text": text, "level": level}))
                prose.append(text)
        else:
            attention.append(
                attention_item(AttentionKind.UNKNOWN_BLOCK, f"Unknown block type {kind!r}.")
            )
    return body, prose


def callout(kind, text=""):
    heading = clip(text, 255) or CALLOUT_HEADINGS[kind]
    return ("callout", {"kind": kind, "heading": heading, "text": "", "page": None})


def to_document(parsed: ParsedLayout, *, publisher=None, url=None) -> ArticleDocument:
    """The parsed layout as a document to store. `publisher` and `url` override the text's."""
    attention = [attention_item(item.kind, item.message, item.excerpt) for item in parsed.attention]
    kinds = {item["kind"] for item in attention}
    for warning in parsed.warnings:
        if AttentionKind.UNKNOWN_SHAPE in kinds and "shape" in warning:
            continue  # the parser already put it on the attention list
        attention.append(attention_item(AttentionKind.WARNING, warning))
    references, numbers = _references(parsed.citations, attention)
    body, prose = _blocks(parsed, numbers, attention)
    kinds_present = {value["kind"] for kind, value in body if kind == "callout"}
    for kind, wanted in (
        ("physician_search", parsed.has_physician_cta),
        ("quiz", parsed.has_quiz_link),
    ):
        if wanted and kind not in kinds_present:
            body.append(callout(kind))
    title = clip(parsed.title, 255) or "Untitled article"
    publisher = clip(publisher or parsed.publisher, 255)
    return ArticleDocument(
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
        source_url=url or parsed.source_url,
    )
