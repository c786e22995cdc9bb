"""What an editor should check after an import, in one vocabulary: `AttentionKind`.

The importer records its findings on each article (`ArticlePage.attention`, items
{"kind", "message", "excerpt"}); the report adds brand-name rows it could not match, "See" links
to pages that do not exist yet, videos without a link or transcript, and articles nobody has
medically reviewed.
"""

from dataclasses import dataclass, field

from django.db import models


class AttentionKind(models.TextChoices):
    """Every kind of attention item, as stored in `ArticlePage.attention` and shown in reports."""

    # Found by the parser
    UNKNOWN_SHAPE = "unknown_shape", "Unrecognised layout"
    UNMATCHED_LINE = "unmatched_line", "Text the parser could not place"
    LOST_LIST = "lost_list", "Lead-in with no list after it"
    EMPTY_HEADING = "empty_heading", "Heading with no text under it"
    DERIVED_TITLE = "derived_title", "Title guessed from the text"
    WARNING = "warning", "Import warning"
    # Found while building and writing the page
    REFERENCE = "reference", "Reference too long to store"
    UNKNOWN_BLOCK = "unknown_block", "Unknown block"
    QUIZ = "quiz", "Quiz not linked"
    UNIDENTIFIED_BRAND = "unidentified_brand", "Unidentified brand names"
    UNRESOLVED_LINK = "unresolved_link", "Unresolved “See” links"
    VIDEO_INCOMPLETE = "video_incomplete", "Videos without a link or transcript"
    # Report groups
    IMPORT_NOTE = "import_note", "Import findings"
    NO_REVIEWER = "no_reviewer", "Articles without a medical reviewer"

    @classmethod
    def read(cls, stored):
        """The kind a stored item means: items written before the vocabularies were merged say
        "unidentified_drug" or "video"; anything unknown is returned unchanged."""
        stored = LEGACY_KINDS.get(stored, stored)
        return cls(stored) if stored in cls.values else stored


# Old name -> kind, for attention lists stored by earlier imports (read, never written).
LEGACY_KINDS = {
    "unidentified_drug": AttentionKind.UNIDENTIFIED_BRAND,
    "video": AttentionKind.VIDEO_INCOMPLETE,
}
# The groups of the report and the dashboard panel, in the order they are listed.
REPORT_KINDS = (
    AttentionKind.IMPORT_NOTE,
    AttentionKind.UNIDENTIFIED_BRAND,
    AttentionKind.UNRESOLVED_LINK,
    AttentionKind.VIDEO_INCOMPLETE,
    AttentionKind.NO_REVIEWER,
)


@dataclass
class AttentionItem:
    kind: str
    detail: str

    @property
    def label(self):
        return AttentionKind(self.kind).label

    def __str__(self):
        return f"{self.label}: {self.detail}"


@dataclass
class PageAttention:
    page: object
    items: list = field(default_factory=list)

    @property
    def summary(self):
        return "; ".join(str(item) for item in self.items)


def describe(entry):
    """One importer record (a string, or a dict such as {"kind": ..., "message": ...}) as text."""
    if isinstance(entry, dict):
        for key in ("message", "detail", "text", "description"):
            if entry.get(key):
                prefix = AttentionKind.read(entry.get("kind") or entry.get("type") or "")
                prefix = str(prefix).replace("_", " ")
                return f"{prefix}: {entry[key]}" if prefix else str(entry[key])
        return ", ".join(
            f"{key}: {value}" for key, value in entry.items() if value not in ("", None)
        )
    if isinstance(entry, list | tuple):
        return " / ".join(str(part) for part in entry if part not in ("", None))
    return str(entry)


def _as_list(value):
    if not value:
        return []
    return value if isinstance(value, list) else [value]


def page_items(page):
    """Attention items for one article."""
    items = [
        AttentionItem(AttentionKind.IMPORT_NOTE, describe(entry))
        for entry in _as_list(page.attention)
    ]
    items += [
        AttentionItem(AttentionKind.UNIDENTIFIED_BRAND, describe(entry))
        for entry in _as_list(page.unidentified_brands)
    ]
    for block in page.body:
        if block.block_type == "see_also" and not block.value.get("page"):
            title = block.value.get("title") or "(no title)"
            items.append(
                AttentionItem(AttentionKind.UNRESOLVED_LINK, f"{block.value['verb']} {title}")
            )
        elif block.block_type == "video":
            missing = [
                name
                for name, present in (
                    ("link", block.value.get("url")),
                    (
                        "transcript",
                        block.value.get("transcript") and block.value["transcript"].source.strip(),
                    ),
                )
                if not present
            ]
            if missing:
                items.append(
                    AttentionItem(
                        AttentionKind.VIDEO_INCOMPLETE,
                        f"{block.value['title']} (no {' or '.join(missing)})",
                    )
                )
    if page.reviewer_id is None:
        items.append(AttentionItem(AttentionKind.NO_REVIEWER, "No medical reviewer recorded"))
    return items


def articles_needing_attention():
    """Every article with at least one item, in title order."""
    from articles.models import ArticlePage

    articles = ArticlePage.objects.order_by("title").only(
        "id", "title", "body", "attention", "unidentified_brands", "reviewer", "live", "url_path"
    )
    result = []
    for page in articles:
        items = page_items(page)
        if items:
            result.append(PageAttention(page=page, items=items))
    return result


def counts_by_kind(attention):
    counts = dict.fromkeys(REPORT_KINDS, 0)
    for entry in attention:
        for item in entry.items:
            counts[item.kind] += 1
    return [(kind.value, kind.label, count) for kind, count in counts.items()]
