"""Numbered citation markers in article text.

Markers are stored as <sup><a href="#ref-N">N</a></sup> (see articles.blocks.INLINE_FEATURES);
the reference list item is <li id="ref-N"> with a link back to #cite-N. The back-link target is
added at render time, so editors never type ids.
"""

import re

SUP_RE = re.compile(r"<sup\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
MARKER_RE = re.compile(
    r"""<a\b(?P<attrs>[^>]*?)\bhref=(?P<q>["'])#ref-(?P<number>\d+)(?P=q)""", re.IGNORECASE
)
HAS_ID_RE = re.compile(r"\bid\s*=", re.IGNORECASE)


def add_citation_anchors(html):
    """Give the first marker of each reference id="cite-N" (an id must be unique on the page)."""
    seen = set()

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
