"""Marking the places a reader must not see as they stand (issue 14, "no broken text"): a
lead-in whose list was lost, a heading with nothing under it, and a document's last line when
the text was cut off. The text is kept as `HeldBack` blocks (StreamField: articles.blocks
HeldBackBlock) and each place is on the article's attention list."""

from itertools import pairwise

from ..attention import AttentionKind
from .blocks import BulletList, Callout, Heading, HeldBack, Paragraph
from .common import (
    CITE_MARK_RE,
    SENTENCE_END_RE,
    Notes,
    is_lead_in,
    sentence_like,
)


def check_structure(blocks: list, notes: Notes) -> list:
    """Mark the places a reader must not see as they stand (contract: articles.blocks
    HeldBackBlock): a lead-in with no list after it, a heading with nothing under it, and the
    document's last line when it was cut off. Their text is kept, as HeldBack blocks, and each
    is on the attention list; orphaned fragments are reported too. Returns the new blocks."""
    marked: list = []
    for block, following in pairwise([*blocks, None]):
        if isinstance(block, Paragraph):
            if block.text.startswith(","):
                notes.attend(
                    AttentionKind.UNMATCHED_LINE,
                    "orphaned credentials or fragment line",
                    block.text,
                )
            if is_lead_in(block.text) and not isinstance(following, BulletList):
                head, lead_in = split_last_sentence(block.text)
                if head:
                    marked.append(Paragraph(head))
                marked.append(HeldBack("lead_in", lead_in))
                notes.attend(AttentionKind.LOST_LIST, "lead-in with no list after it", lead_in)
                continue
        marked.append(block)
    _mark_truncated_end(marked, notes)
    return _mark_empty_sections(marked, notes)


def _mark_empty_sections(blocks: list, notes: Notes) -> list:
    """Headings with nothing a reader sees before the next heading of their level or higher."""
    result = list(blocks)
    for i, block in enumerate(result):
        if not isinstance(block, Heading):
            continue
        j = i + 1
        while j < len(result) and isinstance(result[j], HeldBack | Callout):
            if isinstance(result[j], Callout) and result[j].kind == "note":
                break
            j += 1
        following = result[j] if j < len(result) else None
        if following is None or (isinstance(following, Heading) and following.level <= block.level):
            result[i] = HeldBack("empty_section", block.text, block.level)
            notes.attend(AttentionKind.EMPTY_HEADING, "heading with no text under it", block.text)
    return result


def _mark_truncated_end(blocks: list, notes: Notes) -> None:
    """The last line of a document cut off mid-sentence (or mid-word) is held back."""
    index = next(
        (i for i in range(len(blocks) - 1, -1, -1) if not isinstance(blocks[i], Callout)), None
    )
    if index is None:
        return
    block = blocks[index]
    text = block.items[-1] if isinstance(block, BulletList) else getattr(block, "text", "")
    if not isinstance(block, Paragraph | Heading | BulletList) or not looks_cut_off(text):
        return
    if isinstance(block, Heading) and not sentence_like(text):
        return  # a short heading at the end is an empty section, not a cut
    if isinstance(block, BulletList) and not SENTENCE_END_RE.search(text):
        return  # a list item is often a phrase with no full stop
    head, tail = split_last_sentence(CITE_MARK_RE.sub("", text))
    if isinstance(block, BulletList):
        block.items.pop()
        if not block.items:
            blocks.pop(index)
            index -= 1
        tail = text
    elif head:
        blocks[index] = Paragraph(head)
    else:
        blocks.pop(index)
        index -= 1
        tail = text
    blocks.insert(index + 1, HeldBack("truncated", tail))
    notes.attend(AttentionKind.TRUNCATED, "the source is cut off here", tail)


def looks_cut_off(text: str) -> bool:
    """No closing punctuation at the end of the text."""
    text = text.rstrip()
    return bool(text) and text[-1] not in '.!?:)"”’]…' and not text.endswith("]]")


def split_last_sentence(text: str) -> tuple[str, str]:
    """(the text before its last sentence, the last sentence)."""
    parts = SENTENCE_END_RE.split(text)
    if len(parts) < 2:
        return "", text
    return " ".join(parts[:-1]), parts[-1]
