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
    TRUNCATED = "truncated", "Text cut off in the source"
    DERIVED_TITLE = "derived_title", "Title guessed from the text"
    WARNING = "warning", "Import warning"
    # Found while building and writing the page
    REFERENCE = "reference", "Reference too long to store"
    UNKNOWN_BLOCK = "unknown_block", "Unknown block"
    QUIZ = "quiz", "Quiz not linked"
    UNIDENTIFIED_BRAND = "unidentified_brand", "Unidentified brand names"
    UNRESOLVED_LINK = "unresolved_link", "Unresolved “See” links"
    VIDEO_INCOMPLETE = "video_incomplete", "Videos without a link or transcript"
    PROPOSAL = "proposal", "Import proposals waiting for an editor"
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
    AttentionKind.PROPOSAL,
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
    proposal: object = None

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


# Importer notes the report lists from the page itself (its body, its unidentified brands), so
# each problem is one line: the body's current state, not the import's note about it.
FROM_THE_PAGE = {AttentionKind.UNRESOLVED_LINK, AttentionKind.VIDEO_INCOMPLETE}


def _listed_elsewhere(entry, brand_rows, body_titles):
    if not isinstance(entry, dict):
        return False
    kind = AttentionKind.read(entry.get("kind") or "")
    if kind in FROM_THE_PAGE:
        return entry.get("excerpt") in body_titles
    return kind == AttentionKind.UNIDENTIFIED_BRAND and entry.get("excerpt") in brand_rows


def _body_items(page):
    """Items for the body's unresolved "See" links and incomplete videos, and their titles."""
    items, titles = [], set()
    for block in page.body:
        if block.block_type == "see_also" and not block.value.get("page"):
            title = block.value.get("title") or "(no title)"
            titles.add(title)
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
                titles.add(block.value["title"])
                items.append(
                    AttentionItem(
                        AttentionKind.VIDEO_INCOMPLETE,
                        f"{block.value['title']} (no {' or '.join(missing)})",
                    )
                )
    return items, titles


def page_items(page, proposals=None):
    """Attention items for one article; `proposals` maps page ids to their pending import
    proposal (see `importer.proposals`)."""
    items = []
    proposal = (proposals or {}).get(page.pk)
    if proposal is not None:
        from .proposals import FIELD_LABELS

        fields = ", ".join(FIELD_LABELS.get(name, name) for name in proposal.imported)
        items.append(
            AttentionItem(
                AttentionKind.PROPOSAL,
                f"A re-import would change: {fields}. Compare and apply or dismiss it.",
            )
        )
    rows = {
        ", ".join(map(str, row))
        for row in _as_list(page.unidentified_brands)
        if isinstance(row, list)
    }
    body_items, body_titles = _body_items(page)
    items += [
        AttentionItem(AttentionKind.IMPORT_NOTE, describe(entry))
        for entry in _as_list(page.attention)
        if not _listed_elsewhere(entry, rows, body_titles)
    ]
    items += [
        AttentionItem(AttentionKind.UNIDENTIFIED_BRAND, describe(entry))
        for entry in _as_list(page.unidentified_brands)
    ]
    items += body_items
    if page.reviewer_id is None:
        items.append(AttentionItem(AttentionKind.NO_REVIEWER, "No medical reviewer recorded"))
    return items


def articles_needing_attention():
    """Every article with at least one item, in title order."""
    from articles.models import ArticlePage

    from .proposals import pending_proposals

    articles = ArticlePage.objects.order_by("title").only(
        "id", "title", "body", "attention", "unidentified_brands", "reviewer", "live", "url_path"
    )
    proposals = {}
    for proposal in pending_proposals().order_by("created_at", "pk"):
        proposals[proposal.page_id] = proposal  # the newest wins
    result = []
    for page in articles:
        items = page_items(page, proposals)
        if items:
            result.append(PageAttention(page=page, items=items, proposal=proposals.get(page.pk)))
    return result


MARKED_KINDS = {
    "lead_in": AttentionKind.LOST_LIST,
    "empty_section": AttentionKind.EMPTY_HEADING,
    "truncated": AttentionKind.TRUNCATED,
}


def marked_blocks(page):
    """[(block index, kind, text)] of the body's places readers must not see as they stand:
    held-back text (articles.blocks.HeldBackBlock), "See" links to no page, videos without a
    link. See the README's "Importing articles" for the markers."""
    marked = []
    for index, block in enumerate(page.body):
        value = block.value
        if block.block_type == "held_back":
            marked.append(
                (index, MARKED_KINDS.get(value["reason"], value["reason"]), value["text"])
            )
        elif block.block_type == "see_also" and not value.get("page"):
            marked.append((index, AttentionKind.UNRESOLVED_LINK, value.get("title") or ""))
        elif block.block_type == "video" and not value.get("url"):
            marked.append((index, AttentionKind.VIDEO_INCOMPLETE, value.get("title") or ""))
    return marked


def counts_by_kind(attention):
    counts = dict.fromkeys(REPORT_KINDS, 0)
    for entry in attention:
        for item in entry.items:
            counts[item.kind] += 1
    return [(kind.value, kind.label, count) for kind, count in counts.items()]
