"""Turn the scraped text of a health article into structured data for the import command.

`parse_document()` returns the one representation the writer stores (`importer.document`).
Two publishers' pages are recognised from their content: Merck Manual consumer pages
(`merck.py`) and Spine-health articles (`spine_health.py`); anything else is a plain article.
Scraping leaves noise behind (site chrome, pop-ups flattened into the prose, journal references
pulled into paragraphs, lists that vanished); the parsers remove what they can remove safely and
report the rest as ``attention`` for an editor. `common.py` holds the line handling all layouts
share; this module detects the layout and puts the pieces together.
"""

import re

from ..attention import AttentionKind
from . import merck, spine_health
from .blocks import (
    Attention,
    BulletList,
    Callout,
    Citation,
    CrossReference,
    Heading,
    HeldBack,
    Paragraph,
    ParsedLayout,
    ParseError,
    Person,
    SeeAlso,
    Video,
)
from .common import (
    CALLOUT_RE,
    SEE_RE,
    Notes,
    build_blocks,
    clean_lines,
    collapse,
    derive_title,
    summary,
    take_source_url,
    units,
    whole_title,
)
from .merck import MERCK
from .spine_health import SPINE_HEALTH
from .stream import to_document
from .structure import check_structure

__all__ = [
    "MERCK",
    "SPINE_HEALTH",
    "Attention",
    "BulletList",
    "Callout",
    "Citation",
    "CrossReference",
    "Heading",
    "HeldBack",
    "Paragraph",
    "ParseError",
    "ParsedLayout",
    "parse_layout",
    "Person",
    "SeeAlso",
    "Video",
    "parse_document",
]


def parse_document(
    text: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    fallback_title: str | None = None,
):
    """One scraped article as an ArticleDocument, ready to store; raises ParseError when there
    is nothing importable. `title`, `publisher` and `url` (e.g. from a manifest) win over the
    text's; `fallback_title` (e.g. from the file name) is used when no whole title is found."""
    parsed = parse_layout(text, title=title, fallback_title=fallback_title)
    return to_document(parsed, publisher=publisher, url=url)


def parse_layout(
    text: str, *, title: str | None = None, fallback_title: str | None = None
) -> ParsedLayout:
    """The layout's blocks and facts in plain text (the step before `parse_document`)."""
    lines = clean_lines(text)
    source_url = take_source_url(lines)
    shape = _detect_shape(lines)
    lines = ["" if _is_chrome(line) else line for line in lines]
    if not any(lines):
        raise ParseError("document holds only site chrome, no article text")
    notes = Notes()
    drug_rows = merck.take_drug_rows(lines)
    reviewed, modified = merck.take_dates(lines)
    header_title, authors = merck.take_header(lines) if shape == "merck" else ("", [])
    if shape == "spine-health":
        header_title = spine_health.take_slideshow_title(lines)
    blocks = merck.resolve_inline(
        build_blocks(units(lines), notes, (spine_health.video_block, merck.did_you_know)), notes
    )
    if all(isinstance(block, Callout) for block in blocks):
        raise ParseError("document has no article text after removing site chrome and metadata")
    if shape == "plain":
        notes.warnings.append("unrecognised document shape: imported as a plain article")
        notes.attend(
            AttentionKind.UNKNOWN_SHAPE,
            "neither Merck Manual nor Spine-health layout was recognised",
        )
    if shape == "merck":
        if not authors:
            notes.warnings.append("no author line found")
        if reviewed is None:
            notes.warnings.append("no Reviewed/Revised date found")
    final_title = _choose_title(
        shape, (title or "").strip(), header_title, blocks, notes, (fallback_title or "").strip()
    )
    blocks = check_structure(blocks, notes)
    callouts = {block.kind for block in blocks if isinstance(block, Callout)}
    return ParsedLayout(
        shape=shape,
        title=final_title,
        publisher={"merck": MERCK, "spine-health": SPINE_HEALTH}.get(shape, ""),
        authors=authors,
        reviewed=reviewed,
        modified=modified,
        summary=summary(blocks),
        blocks=blocks,
        citations=list(notes.citations.values()),
        drug_rows=drug_rows,
        warnings=notes.warnings,
        attention=notes.attention,
        has_quiz_link="quiz" in callouts,
        has_physician_cta="physician_search" in callouts,
        source_url=source_url,
    )


def _is_chrome(line: str) -> bool:
    """Page furniture, and image alt text or slide numbers left by a slideshow's scrape."""
    line = collapse(line)
    return bool(
        merck.CHROME_RE.fullmatch(line)
        or spine_health.CHROME_RE.fullmatch(line)
        or spine_health.is_alt_text(line)
    )


SPINE_BULLET_RE = re.compile(r"^ {2,}• ")  # Spine-health's indented "  •" bullets


def _detect_shape(lines: list[str]) -> str:
    """Score each publisher's telltale lines; a shape needs at least two strong signs.

    Spine-health is recognised from several signals, any two of which suffice: its page
    furniture, "Watch:"/"Video:" lines, its call to action, "See ..."/"Read about ..." lines
    (one point each), and its indented "  •" bullets (one point, once)."""
    merck_signs = (merck.CHROME_RE, merck.DATE_RE, merck.DRUGS_TITLE_RE)
    spine_signs = (spine_health.CHROME_RE, spine_health.WATCH_RE, spine_health.VIDEO_RE)
    merck_score = spine_score = 0.0
    indented_bullets = False
    for raw in lines:
        line = collapse(raw)
        if spine_health.SLIDESHOW_RE.fullmatch(line) or spine_health.is_alt_text(line):
            spine_score += 1
        callout = CALLOUT_RE.fullmatch(line)
        indented_bullets = indented_bullets or bool(SPINE_BULLET_RE.match(raw))
        if any(regex.fullmatch(line) for regex in merck_signs):
            merck_score += 2
        elif any(regex.fullmatch(line) for regex in spine_signs):
            spine_score += 2
        elif callout and callout["quiz"]:
            merck_score += 2
        elif callout:
            spine_score += 2
        elif SEE_RE.fullmatch(line.lstrip("•●▪◦‣-* ")) and len(line.split()) <= 16:
            spine_score += 1
        merck_score += len(merck.READ_MORE_RE.findall(line))
    spine_score += 1 if indented_bullets and merck_score < 2 else 0
    if merck_score >= 2 and merck_score >= spine_score:
        return "merck"
    if spine_score >= 2:
        return "spine-health"
    return "plain"


def _choose_title(
    shape: str, given: str, header: str, blocks: list, notes: Notes, fallback: str = ""
) -> str:
    """The title passed in wins; otherwise the page's own title line, otherwise a heading
    that best names the text; never a phrase cut from a sentence: with no whole title, the
    file name (`fallback`), flagged for an editor. A guessed title that opens the body is not
    repeated as its first heading."""
    body_after_first = any(not isinstance(block, Callout) for block in blocks[1:])
    first_is_heading = bool(blocks) and isinstance(blocks[0], Heading)
    if shape == "plain" and body_after_first and first_is_heading:
        if not given or blocks[0].text.casefold() == given.casefold():
            header = blocks.pop(0).text  # a plain article's first short line is its title
    if given:
        if (
            len(blocks) > 1
            and isinstance(blocks[0], Heading)
            and blocks[0].text.casefold() == given.casefold()
        ):
            blocks.pop(0)  # the title again as the first heading
        return given
    if header and shape in ("merck", "spine-health"):
        return header  # the page's title line (Merck) or a slideshow's title
    if not header:
        header = derive_title(blocks) if any(isinstance(b, Heading) for b in blocks) else ""
        if body_after_first and first_is_heading and blocks[0].text == header:
            blocks.pop(0)
    if not header:
        header = whole_title(blocks) or fallback or "Untitled article"
        notes.attend(
            AttentionKind.DERIVED_TITLE,
            "no title in the text: the title is a placeholder (from the file name if there "
            "was one); give the article its title",
            header,
        )
        return header
    notes.attend(AttentionKind.DERIVED_TITLE, "title guessed from the text; check it", header)
    return header
