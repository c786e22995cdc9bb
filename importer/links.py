"""Links between articles, and documents' bodies as the StreamField values the writer stores.

"See" lines and Merck pop-ups name another article by its title. Links are resolved after every
document of the run is in the tree, through one title-to-page map, so the order of documents
never matters; a later run links earlier articles to pages it brings (`relink`), "See" blocks
and "See" bullets inside lists alike.
"""

import html
import re
import uuid
from urllib.parse import unquote

from wagtail import blocks
from wagtail.blocks import StreamValue

from articles.models import ArticlePage
from core.loading import loader_owns

from .attention import AttentionKind
from .document import LINK_BLOCKS
from .proposals import editor_changes


def title_key(title):
    """Case- and space-insensitive title comparison."""
    return " ".join(str(title).casefold().split())


LIST_LINK_RE = re.compile(r'<a href="#see-([^"]*)">(.*?)</a>', re.S)


def link_items(item, titles):
    """A list item's "See X" links to the article titled X, or plain text while there is none."""

    def replace(match):
        pk = titles.get(title_key(unquote(html.unescape(match.group(1)))))
        if pk:
            return f'<a linktype="page" id="{pk}">{match.group(2)}</a>'
        return match.group(2)

    return LIST_LINK_RE.sub(replace, item)


# A "See X" list item left as plain text because no article X existed when it was written.
UNLINKED_SEE_RE = re.compile(r"<p>(?P<verb>See|Read about) (?P<title>[^<>]+)</p>")


def relink_items(items, titles):
    """List items' plain "See X" paragraphs linked to the article X that `titles` now names."""

    def replace(match):
        pk = titles.get(title_key(html.unescape(match["title"])))
        if not pk:
            return match.group(0)
        return f'<p>{match["verb"]} <a linktype="page" id="{pk}">{match["title"]}</a></p>'

    def relink(item):  # stored list items are {"type": "item", "value": html, "id": ...}
        if isinstance(item, dict):
            return {**item, "value": UNLINKED_SEE_RE.sub(replace, str(item.get("value", "")))}
        return UNLINKED_SEE_RE.sub(replace, str(item))

    return [relink(item) for item in items]


def title_map():
    """Every article by title_key(title): one query, live pages first, then oldest."""
    titles = {}
    for pk, title in ArticlePage.objects.order_by("-live", "pk").values_list("pk", "title"):
        titles.setdefault(title_key(title), pk)
    return titles


def unresolved_item(title):
    return {
        "kind": AttentionKind.UNRESOLVED_LINK.value,
        "message": "No article with this title on the site yet: the link searches for it.",
        "excerpt": title,
    }


def unresolved_items(document, titles):
    """Attention items for the document's "See" links to articles not on the site."""
    return [
        unresolved_item(title)
        for kind, title in document.link_titles()
        if kind == "see_also" and title_key(title) not in titles
    ]


def is_pending_link(item):
    return isinstance(item, dict) and item.get("kind") == AttentionKind.UNRESOLVED_LINK


class Bodies:
    """StreamField values for documents' bodies, with their links resolved.

    Built from native values, chosen pages included, so indexing them later needs no query;
    `pages` caches every page the bodies point at (pk -> page)."""

    def __init__(self, physician_page):
        self.stream_block = ArticlePage._meta.get_field("body").stream_block
        self.physician_page_id = physician_page.pk if physician_page else None
        self.pages = {physician_page.pk: physician_page} if physician_page else {}

    def cache_pages(self, titles, plans):
        """Load, in one query, every existing article the plans link to."""
        wanted = {
            titles.get(title_key(title))
            for plan in plans
            for _kind, title in plan.document.link_titles()
        }
        wanted = {pk for pk in wanted if pk and pk not in self.pages}
        self.pages.update(ArticlePage.objects.in_bulk(list(wanted)))

    def stream(self, plan, titles):
        """The plan's body with "See" links, cross-references and calls to action linked."""
        data = []
        for kind, value in plan.document.body:
            if kind in LINK_BLOCKS:
                value = {**value, "page": titles.get(title_key(value["title"]))}
            elif kind == "bullet_list":
                value = {**value, "items": [link_items(item, titles) for item in value["items"]]}
            elif kind == "callout" and value["kind"] in ("physician_search", "quiz"):
                is_physician = value["kind"] == "physician_search"
                value = {**value, "page": self.physician_page_id if is_physician else plan.quiz_id}
            child = self.stream_block.child_blocks[kind]
            data.append((kind, self._native(child, value), str(uuid.uuid4())))
        return StreamValue(self.stream_block, data)

    def _native(self, block, raw):
        if isinstance(block, blocks.PageChooserBlock):
            if not raw:
                return None
            if raw not in self.pages:
                self.pages[raw] = block.to_python(raw)
            return self.pages[raw]
        if isinstance(block, blocks.StructBlock):
            return blocks.StructValue(
                block,
                [
                    (name, self._native(child, raw.get(name)))
                    for name, child in block.child_blocks.items()
                ],
            )
        return block.to_python(raw)

    def relink(self, titles, written, *, publish, report):
        """Point earlier articles' unresolved links at pages that exist now."""
        candidates = ArticlePage.objects.exclude(attention=[]).values_list(
            "pk", "attention", "latest_revision_id", "loaded_revision_id"
        )
        for pk, attention, latest, loaded in list(candidates):
            if pk in written or not isinstance(attention, list):
                continue
            pending = [item.get("excerpt", "") for item in attention if is_pending_link(item)]
            # Only the titles this page is waiting for: a "See a doctor" bullet stays prose.
            resolved = {
                title_key(t): titles[title_key(t)] for t in pending if title_key(t) in titles
            }
            if not resolved:
                continue
            if not loader_owns(latest, loaded):
                continue  # an editor owns the page now; they can pick the link themselves
            page = ArticlePage.objects.get(pk=pk)
            if editor_changes(page)[0]:
                continue  # changed directly (not through a revision): the editor's too
            data = page.body.get_prep_value()
            for block in data:
                value = block.get("value")
                if block.get("type") in LINK_BLOCKS and not value.get("page"):
                    value["page"] = titles.get(title_key(value.get("title", "")))
                elif block.get("type") == "bullet_list":
                    value["items"] = relink_items(value.get("items", []), resolved)
            page.body = StreamValue(self.stream_block, data, is_lazy=True)
            page.attention = [
                item
                for item in attention
                if not (is_pending_link(item) and title_key(item.get("excerpt", "")) in titles)
            ]
            revision = page.save_revision(clean=False, log_action=True)
            if page.live and publish:
                revision.publish(skip_permission_checks=True)
            page.mark_loaded(revision)
            report.relinked.append(page.title)
