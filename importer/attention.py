"""What an editor should check after an import: the importer's own findings on each article,
brand-name rows it could not match, "See" links to pages that do not exist yet, videos without a
link or transcript, and articles nobody has medically reviewed."""

from dataclasses import dataclass, field


class Kind:
    IMPORT_NOTE = "import_note"
    UNIDENTIFIED_BRAND = "unidentified_brand"
    UNRESOLVED_LINK = "unresolved_link"
    VIDEO_INCOMPLETE = "video_incomplete"
    NO_REVIEWER = "no_reviewer"

    LABELS = {
        IMPORT_NOTE: "Import findings",
        UNIDENTIFIED_BRAND: "Unidentified brand names",
        UNRESOLVED_LINK: "Unresolved “See” links",
        VIDEO_INCOMPLETE: "Videos without a link or transcript",
        NO_REVIEWER: "Articles without a medical reviewer",
    }


@dataclass
class AttentionItem:
    kind: str
    detail: str

    @property
    def label(self):
        return Kind.LABELS[self.kind]

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
                prefix = entry.get("kind") or entry.get("type") or ""
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
    items = [AttentionItem(Kind.IMPORT_NOTE, describe(entry)) for entry in _as_list(page.attention)]
    items += [
        AttentionItem(Kind.UNIDENTIFIED_BRAND, describe(entry))
        for entry in _as_list(page.unidentified_brands)
    ]
    for block in page.body:
        if block.block_type == "see_also" and not block.value.get("page"):
            title = block.value.get("title") or "(no title)"
            items.append(AttentionItem(Kind.UNRESOLVED_LINK, f"{block.value['verb']} {title}"))
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
                        Kind.VIDEO_INCOMPLETE,
                        f"{block.value['title']} (no {' or '.join(missing)})",
                    )
                )
    if page.reviewer_id is None:
        items.append(AttentionItem(Kind.NO_REVIEWER, "No medical reviewer recorded"))
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
    counts = dict.fromkeys(Kind.LABELS, 0)
    for entry in attention:
        for item in entry.items:
            counts[item.kind] += 1
    return [(kind, Kind.LABELS[kind], count) for kind, count in counts.items()]
