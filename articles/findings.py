"""The importer's findings on an article (``ArticlePage.attention``), placed at the body block
they are about, so the page editor shows each one where the editor has to look.

A finding names its block by ``block_id`` when the importer knew it, else by its ``excerpt``
(the source text it quotes, cut to 120 characters with "…"), found in the text of one block.
What is about the whole page (a guessed title, an unrecognised layout, a quiz not linked), or
about a part of the form other than the body (references, brand names), stays at the top of the
body, labelled as such. A finding the body checks (articles.problems) already show at the same
block is not said twice.
"""

from dataclasses import dataclass

from django.utils.html import strip_tags

# Stored kinds (the importer's vocabulary, importer.attention.AttentionKind) that are never
# about one body block.
PAGE_LEVEL_KINDS = {
    "derived_title",
    "unknown_shape",
    "quiz",
    "reference",
    "unidentified_brand",
    "warning",
    "proposal",
}
# Importer kind -> the body check (articles.problems kind) that already warns at the block.
SAME_AS_BODY_CHECK = {
    "lost_list": "lead_in",
    "empty_heading": "empty_section",
    "truncated": "truncated",
    "unresolved_link": "unresolved_link",
    "video_incomplete": "missing_media",
}
MIN_EXCERPT = 8


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    excerpt: str = ""
    block_id: str = ""

    @property
    def text(self):
        message = self.message[:1].upper() + self.message[1:]
        return f"{message} (“{self.excerpt}”)" if self.excerpt else message


def _normal(text):
    return " ".join(strip_tags(text or "").split()).casefold()


def _strings(value):
    """Every string inside a stored block value (rich text, struct fields, list items)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _as_finding(item):
    if isinstance(item, dict):
        message = str(item.get("message") or item.get("detail") or item.get("kind") or "")
        return Finding(
            kind=str(item.get("kind") or ""),
            message=message,
            excerpt=str(item.get("excerpt") or ""),
            block_id=str(item.get("block_id") or ""),
        )
    return Finding(kind="", message=str(item))


def _block_for(finding, texts):
    """``texts``: [(block id, the block's plain text)] in body order."""
    if finding.block_id and any(block_id == finding.block_id for block_id, _t in texts):
        return finding.block_id
    excerpt = _normal(finding.excerpt.rstrip("…"))
    if finding.kind in PAGE_LEVEL_KINDS or len(excerpt) < MIN_EXCERPT:
        return None
    for block_id, text in texts:
        if block_id and text == excerpt:
            return block_id
    for block_id, text in texts:
        if block_id and excerpt in text:
            return block_id
    return None


def place_findings(raw_blocks, attention, problems=()):
    """(at_blocks, page_level): [(block id, Finding)] in body order, and [Finding] for the top.

    ``problems`` are the body's BodyProblems, so a finding they already show is left out."""
    if not attention:
        return [], []
    blocks = [dict(block) for block in raw_blocks]
    order = {block.get("id"): index for index, block in enumerate(blocks)}
    texts = [(block.get("id"), _normal(" ".join(_strings(block.get("value"))))) for block in blocks]
    shown = {(problem.block_id, problem.kind) for problem in problems}
    at_blocks, page_level = [], []
    for item in attention or []:
        finding = _as_finding(item)
        if not finding.message:
            continue
        block_id = _block_for(finding, texts)
        if block_id is None:
            if finding not in page_level:
                page_level.append(finding)
        elif (block_id, SAME_AS_BODY_CHECK.get(finding.kind)) not in shown:
            at_blocks.append((block_id, finding))
    at_blocks.sort(key=lambda pair: order[pair[0]])
    return at_blocks, page_level
