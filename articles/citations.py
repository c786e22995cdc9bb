"""Numbered citation markers in article text.

Markers are stored as <sup><a href="#ref-N">N</a></sup> (see articles.blocks.INLINE_FEATURES);
the reference list item is <li id="ref-N" value="N"> with a link back to #cite-N. The back-link
target is added at render time, so editors never type ids. N is the number the reference was
given (an imported article keeps its source's numbering, which may skip numbers), else the next
free number after the reference above it (`reference_numbers`).
"""

import re

from wagtail.rich_text import expand_db_html

SUP_RE = re.compile(r"<sup\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
MARKER_RE = re.compile(
    r"""<a\b(?P<attrs>[^>]*?)\bhref=(?P<q>["'])#ref-(?P<number>\d+)(?P=q)""", re.IGNORECASE
)
HAS_ID_RE = re.compile(r"\bid\s*=", re.IGNORECASE)


def add_citation_anchors(html, seen=None):
    """Give the first marker of each reference id="cite-N" (an id must be unique on the page);
    `seen`, shared between parts of one page, holds the numbers already given one."""
    seen = set() if seen is None else seen

    def mark(marker):
        number = int(marker["number"])
        tag = marker.group(0)
        if number in seen or HAS_ID_RE.search(marker["attrs"]):
            return tag
        seen.add(number)
        return f'{tag[:2]} id="cite-{number}"{tag[2:]}'

    return SUP_RE.sub(lambda sup: MARKER_RE.sub(mark, sup.group(0)), html)


def cited_numbers(html):
    """Reference numbers that have a marker in the text, so only they get a back-link."""
    return {
        int(marker["number"])
        for sup in SUP_RE.finditer(html)
        for marker in MARKER_RE.finditer(sup.group(0))
    }


ONE_PARAGRAPH_RE = re.compile(r"\s*<p>(?P<inner>(?:(?!<p[\s>]).)*)</p>\s*", re.DOTALL)


def cited_lead(value):
    """A first paragraph repeating the summary, as the lead readers see instead of it: its
    inline HTML when it carries citation markers, "" when it carries none (the summary reads the
    same), None when it cannot stand as the lead (several paragraphs): then it stays shown."""
    value = str(value or "")
    if not cited_numbers(value):
        return ""
    match = ONE_PARAGRAPH_RE.fullmatch(value)
    return expand_db_html(match["inner"]) if match else None


def reference_numbers(given):
    """The number each reference shows, in list order. A reference keeps the number it was
    given (the first to claim a number has it); one without a number, or with a number already
    claimed, takes the next free number after the reference above it. Never the same twice, so
    every "ref-N" id is unique and every marker finds the reference it was written for."""
    claimed, shown = set(), []
    for number in given:
        keep = bool(number) and number not in claimed
        shown.append(number if keep else None)
        if keep:
            claimed.add(number)
    previous = 0
    for position, number in enumerate(shown):
        if number is None:
            number = previous + 1
            while number in claimed:
                number += 1
            claimed.add(number)
            shown[position] = number
        previous = number
    return shown


def numbered(references):
    """[(number shown, reference)] for a page's references, in list order."""
    references = list(references)
    return list(zip(reference_numbers([ref.number for ref in references]), references, strict=True))
