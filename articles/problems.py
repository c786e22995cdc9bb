"""Places in an article body that would read as broken text, found from the stored blocks.

Readers never see a sentence promising a list with nothing after it, a heading with nothing
under it (nor its contents entry), a placeholder for a video we do not have, or an
unresolved "See …" line dressed as an article link. Nothing is deleted: the source text stays
in the body, editors see a warning at the block (`articles.forms.BodyWarningsPanel`) and the
public page leaves the block out or renders it plainly.

Two sources, one answer: blocks the importer marked (`held_back`, see the import contract),
and the same cases recognised in existing content (imported before the marker existed, or
written by an editor): a paragraph ending in ":" (or mid-sentence) with no list after it, a
heading with no content before the next heading of its level, a video without a link, a
"See …" line with no page chosen.
"""

import re
from dataclasses import dataclass

LEAD_IN = "lead_in"
EMPTY_SECTION = "empty_section"
TRUNCATED = "truncated"
MISSING_MEDIA = "missing_media"
UNRESOLVED_LINK = "unresolved_link"

MESSAGES = {
    LEAD_IN: "Held back from readers: this sentence introduces a list that is not here. "
    "Add the list after it, or rewrite the sentence.",
    EMPTY_SECTION: "Held back from readers (with its entry in “On this page”): this heading "
    "has no text under it. Add the section’s text, or remove the heading.",
    TRUNCATED: "Held back from readers: the source was cut off here. Complete or remove "
    "the sentence.",
    MISSING_MEDIA: "Not shown to readers: this video has no link. Add the video’s link to show it.",
    UNRESOLVED_LINK: "Shown to readers as a search, not a link: no page is chosen. Choose "
    "the related article once it exists.",
}
# Kinds whose block readers never see as it stands.
HIDDEN_KINDS = {LEAD_IN, EMPTY_SECTION, TRUNCATED, MISSING_MEDIA}
# The importer's `held_back` reasons (import contract) -> our kinds.
HELD_BACK_REASONS = {"lead_in": LEAD_IN, "empty_section": EMPTY_SECTION, "truncated": TRUNCATED}
HEADING_RANK = {"h2": 2, "h3": 3}
# A sentence that ends like this is finished.
FINISHED = re.compile(r"[.!?…\"”’)\]]$")
# Without a colon, a lead-in is recognised by its last word, one no sentence ends on ("may
# result from", "symptoms may include"): a paragraph merely missing its full stop is shown.
DANGLING_WORDS = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "by",
    "can",
    "for",
    "from",
    "in",
    "include",
    "includes",
    "including",
    "is",
    "like",
    "may",
    "of",
    "on",
    "or",
    "such",
    "the",
    "these",
    "to",
    "with",
}
# Blocks that are content under a heading when shown (anything but headings and markers).
CONTENT_TYPES = {"paragraph", "bullet_list", "see_also", "video", "cross_reference", "callout"}


# A paragraph whose last sentence is the dangling lead-in: readers get the sentences before it.
TRAILING_LEAD_IN = re.compile(
    r"^(?P<kept>.*[.!?][\"”’)]?)\s+(?P<tail>[^<.!?]+?)\s*(?P<end></p>)\s*$", re.S
)


@dataclass(frozen=True)
class BodyProblem:
    index: int
    block_id: str
    kind: str
    text: str
    # For a paragraph that only ends in a lead-in: the HTML readers see (the sentences before).
    shown_html: str = ""

    @property
    def hidden(self):
        return self.kind in HIDDEN_KINDS and not self.shown_html

    @property
    def message(self):
        return MESSAGES[self.kind]


SUPERSCRIPT = re.compile(r"<sup\b.*?</sup>", re.S)
TAG = re.compile(r"<[^>]*>")


def _plain(html):
    """Rich text as plain words, citation markers (superscripts) left out. Stored rich text
    is well-formed, so a pattern removes its tags (Django's strip_tags parses the HTML,
    which cost more than the rest of the check)."""
    return " ".join(TAG.sub("", SUPERSCRIPT.sub("", html or "")).split())


def _is_dangling_lead_in(text, next_type):
    if not text or next_type == "bullet_list":
        return False
    if text.endswith(":"):
        return True
    last_word = text.rsplit(None, 1)[-1].lower()
    return not FINISHED.search(text) and last_word in DANGLING_WORDS


def find_problems(raw_blocks):
    """[BodyProblem] for a body's stored blocks (StreamValue.raw_data or a list of dicts),
    in body order."""
    blocks = [dict(block) for block in raw_blocks]
    found = {}
    for index, block in enumerate(blocks):
        kind, value = block.get("type"), block.get("value")
        next_type = blocks[index + 1].get("type") if index + 1 < len(blocks) else None
        if kind == "held_back":
            reason = HELD_BACK_REASONS.get((value or {}).get("reason"), LEAD_IN)
            found[index] = (reason, (value or {}).get("text", ""))
        elif kind == "paragraph":
            text = _plain(value)
            if _is_dangling_lead_in(text, next_type):
                trailing = TRAILING_LEAD_IN.match(value or "")
                if trailing:
                    kept = trailing["kept"] + trailing["end"]
                    found[index] = (LEAD_IN, trailing["tail"].strip(), kept)
                else:
                    found[index] = (LEAD_IN, text)
        elif kind == "video" and not (value or {}).get("url"):
            found[index] = (MISSING_MEDIA, (value or {}).get("title", ""))
        elif kind == "see_also" and not (value or {}).get("page"):
            found[index] = (UNRESOLVED_LINK, (value or {}).get("title", ""))
    # Headings last, from the end: a section is empty when nothing shown follows it before
    # the next heading of its level or higher (an empty subsection does not count).
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.get("type") != "heading":
            continue
        rank = HEADING_RANK.get(block["value"].get("level"), 2)
        has_content = False
        for later in range(index + 1, len(blocks)):
            other = blocks[later]
            if other.get("type") == "heading":
                if HEADING_RANK.get(other["value"].get("level"), 2) <= rank:
                    break
                has_content = has_content or later not in found
            elif other.get("type") in CONTENT_TYPES or other.get("type") == "care_card":
                shown = later not in found or _shown(found[later])
                has_content = has_content or shown
        if not has_content:
            found[index] = (EMPTY_SECTION, block["value"].get("text", ""))
    return [
        BodyProblem(index, blocks[index].get("id") or "", *entry)
        for index, entry in sorted(found.items())
    ]


def _shown(entry):
    kind, _text, *shown_html = entry
    return kind not in HIDDEN_KINDS or bool(shown_html)


def hidden_indexes(problems):
    return {problem.index for problem in problems if problem.hidden}


def trimmed_paragraphs(problems):
    """{block index: HTML readers see} for paragraphs that only end in a dangling lead-in."""
    return {problem.index: problem.shown_html for problem in problems if problem.shown_html}


def repeated_lead_index(raw_blocks, summary, hidden=()):
    """The index of the body's first shown block when it is a paragraph that only repeats the
    page's summary (an importer takes the lead from the first paragraph): readers see the
    lead once, in the page header, while the stored body keeps the paragraph. Else None."""
    lead = " ".join((summary or "").split())
    for index, block in enumerate(raw_blocks):
        if index in hidden:
            continue
        if block.get("type") == "paragraph" and lead and _plain(block.get("value")) == lead:
            return index
        return None
    return None
