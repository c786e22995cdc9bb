"""Line handling every layout shares: cleaning, paragraphs and lists, headings, "See" lines,
citations, structure checks, titles guessed from the text, and the summary."""

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..attention import AttentionKind
from ..document import normalise_url
from .blocks import (
    Attention,
    BulletList,
    Callout,
    Citation,
    Heading,
    Paragraph,
    ParseError,
    SeeAlso,
)

SUMMARY_LIMIT = 300
TITLE_WORD_LIMIT = 10
HEADING_WORD_LIMIT = 12
CITE_MARK = "[[cite:{}]]"
LABEL_MARK = "[[label]]"  # a list item's label: "[[label]]Label\n\nIts text"
SEE_MARK = "[[see:{}|{}]]"  # a "See X" line inside a list: verb and title
LABEL_WORD_LIMIT = 5
YEAR = r"(?:19|20)\d{2}"
CALLOUT_RE = re.compile(r"(?P<physician>find a physician near you)|(?P<quiz>take a quiz!?)", re.I)
BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣]|[-*](?=\s))\s*(?P<text>.*)$")
SEE_RE = re.compile(r"(?P<verb>See(?: also)?|Read about):?\s+(?P<title>[A-Z0-9\"“‘'].*)")

# "1 Smith J, Doe AB. Title. J Journal. 2014;134(2):325-32." after a sentence end.
CITATION_RE = re.compile(
    r"(?<=[.!?])\s+(?P<number>\d{1,3})\s+(?P<raw>"
    r"(?P<authors>[^\W\d_][^.,;]*? [A-Z]{1,3}(?:, [^.,;]+? [A-Z]{1,3})*(?:,? et al)?)\.\s+"
    r"(?P<title>[^.?!]+?[.?!])\s+"
    r"(?P<journal>[^\W\d_][^.;]*?)\.\s+"
    rf"(?P<year>{YEAR})(?:\s+[A-Z][a-z]{{2,8}}(?:\s+\d{{1,2}})?)?"
    r"(?:;\s*(?P<volume>[\w-]*)(?:\((?P<issue>[^)]*)\))?(?::\s*(?P<pages>[\w-]+))?)?\.?)(?=\s|$)"
)
CITE_MARK_RE = re.compile(r"\[\[cite:\d+\]\]")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
SPACES = str.maketrans(
    {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": "    ", "\u200b": None, "\ufeff": None}
    | dict.fromkeys("\v\f\x85\u2028\u2029", "\n")
)

# Words a sentence fragment can end on when the list that followed it was lost.
DANGLING = {
    "a", "an", "and", "are", "as", "at", "because", "between", "by", "following", "for", "from",
    "in", "include", "includes", "including", "into", "involve", "involves", "is", "like", "of",
    "on", "or", "than", "that", "the", "to", "with", "be", "may", "can", "could", "will",
    "would", "should", "might", "must", "was", "were", "been", "being", "have", "has", "had",
    "which", "who", "whose", "when", "where", "whether", "if", "these", "this", "those", "their",
    "its", "your", "such", "about", "after", "before", "during", "without", "within", "through",
    "over", "under", "against", "among", "toward", "via", "per", "but", "nor", "so", "called",
}  # fmt: skip
# Verbs that make a short line a sentence (a lead-in), not a heading, when not capitalised.
AUXILIARIES = {
    "is", "are", "was", "were", "be", "may", "can", "could", "will", "would", "should", "might",
    "must", "include", "includes", "involve", "involves", "has", "have", "does", "do",
}  # fmt: skip
STOPWORDS = {
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "do", "does", "each", "for", "from", "has", "have", "how",
    "if", "in", "into", "is", "it", "its", "may", "more", "most", "not", "of", "often", "on", "or",
    "other", "over", "such", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "typically", "usually", "very", "was", "were", "what", "when", "which",
    "while", "who", "will", "with", "would",
}  # fmt: skip


class Notes:
    """What the parser learns besides the blocks: citations, warnings, editor attention."""

    def __init__(self) -> None:
        self.citations: dict[int, Citation] = {}
        self.warnings: list[str] = []
        self.attention: list[Attention] = []

    def attend(self, kind: str, message: str, excerpt: str = "") -> None:
        if len(excerpt) > 120:
            excerpt = excerpt[:119].rstrip() + "…"
        self.attention.append(Attention(kind, message, excerpt))


@dataclass
class Unit:
    """One bullet or one paragraph line of the source, with its layout."""

    text: str
    bullet: bool
    indent: int
    gap: bool  # a blank line came before it
    joined: bool = False  # a continuation line was added to it


def is_label(text: str, following: str) -> bool:
    """ "Wrist splints" over "A splint worn at night...": a bullet's short label whose text
    starts, capitalised, on the next line."""
    words = text.split()
    return (
        0 < len(words) <= LABEL_WORD_LIMIT
        and text[0].isupper()
        and text[-1] not in ".,;:!?"
        and not _ends_dangling(text)
        and following[:1].isupper()
        and not SEE_RE.fullmatch(following)
    )


def clean_lines(text: str) -> list[str]:
    if CONTROL_RE.search(text):
        raise ParseError("document contains control characters; it looks like binary data")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(SPACES)
    lines = [line.rstrip() for line in text.split("\n")]
    if not any(lines):
        raise ParseError("document is empty")
    return lines


SOURCE_URL_RE = re.compile(
    r"(?:(?:source|original|canonical)?\s*(?:url|address|link)|source)\s*:\s*(?P<url>https?://\S+)",
    re.I,
)
BARE_URL_RE = re.compile(r"(?P<url>https?://\S+)")


def take_source_url(lines: list[str]) -> str:
    """Remove a "URL: https://..." (or "Source: ...") line, or a bare address on a line of its
    own, from the text; the first valid one is the article's address."""
    found = ""
    for i, line in enumerate(lines):
        text = collapse(line)
        match = SOURCE_URL_RE.fullmatch(text) or BARE_URL_RE.fullmatch(text)
        if match and normalise_url(match["url"]) and len(match["url"]) <= 200:
            found = found or match["url"]
            lines[i] = ""
    return found


def collapse(line: str) -> str:
    return " ".join(line.split())


def units(lines: list[str]) -> list[Unit]:
    """Group source lines into bullets and paragraphs, joining wrapped continuation lines."""
    units: list[Unit] = []
    gap = True
    for line in lines:
        if not line.strip():
            gap = True
            continue
        indent = len(line) - len(line.lstrip())
        text = collapse(line)
        bullet = BULLET_RE.match(line)
        previous = units[-1] if units else None
        if bullet:
            units.append(Unit(collapse(bullet["text"]), True, indent, gap))
        elif previous and not gap and _continues(previous, indent, text):
            if previous.bullet and not previous.joined and is_label(previous.text, text):
                previous.text = f"{LABEL_MARK}{previous.text}\n\n{text}"
            else:
                previous.text = f"{previous.text} {text}".strip()
            previous.joined = True
        else:
            units.append(Unit(text, False, indent, gap))
        gap = False
    return units


def _continues(previous: Unit, indent: int, text: str) -> bool:
    """A line directly under another belongs to it when indented under a bullet or mid-sentence."""
    if previous.bullet and indent > previous.indent:
        return True
    return previous.text[-1:] not in tuple(".!?:") and text[0].islower()


def build_blocks(units: list[Unit], notes: Notes, recognisers=()) -> list:
    """Blocks from units; `recognisers` are the layouts' own line kinds (e.g. videos), each
    `(units, i) -> (block, units used) or None`, tried after callouts and "See" lines."""
    blocks: list = []
    current: BulletList | None = None  # the list receiving items
    in_list = False  # still inside a list, even after a "See X" line split it
    i = 0
    while i < len(units):
        unit = units[i]
        i += 1
        if not unit.text:
            continue
        see = _see_also(unit.text)
        if unit.bullet or (in_list and unit.indent >= 2):
            in_list = True
            if see and unit.bullet and current is not None:  # a "• See X" stays in its list
                current.items.append(SEE_MARK.format(see.verb, see.title))
            elif see:  # an indented "See X" under an item follows that part of the list
                blocks.append(see)
                current = None
            elif unit.bullet:
                if current is None:
                    current = BulletList([])
                    blocks.append(current)
                current.items.append(unit.text)
            elif current is not None:
                current.items[-1] += ("\n\n" if unit.gap else " ") + unit.text
            else:
                blocks.append(Paragraph(unit.text))
                notes.attend(
                    AttentionKind.UNMATCHED_LINE, "indented text kept as a paragraph", unit.text
                )
            continue
        current, in_list = None, False
        block, used = _standalone_block(units, i - 1, see, recognisers)
        blocks.append(block)
        i += used - 1
    return blocks


def _see_also(text: str) -> SeeAlso | None:
    match = SEE_RE.fullmatch(text)
    if not match or text.endswith(".") or len(text.split()) > 16:
        return None
    verb = "Read about" if match["verb"] == "Read about" else "See"
    return SeeAlso(match["title"], verb)


def _standalone_block(units: list[Unit], i: int, see: SeeAlso | None, recognisers) -> tuple:
    """Classify one line outside a list; returns the block and how many units it used."""
    text = units[i].text
    callout = CALLOUT_RE.fullmatch(text)
    if callout:
        return Callout("physician_search" if callout["physician"] else "quiz", text), 1
    if see:
        return see, 1
    for recognise in recognisers:
        found = recognise(units, i)
        if found:
            return found
    following = units[i + 1] if i + 1 < len(units) else None
    if is_heading(text) and not (following and following.bullet and sentence_like(text)):
        return Heading(text), 1
    return Paragraph(text), 1


def is_heading(text: str) -> bool:
    """A short standalone line that is not a sentence and not a lead-in to a list."""
    return (
        len(text.split()) <= HEADING_WORD_LIMIT
        and len(text) <= 120
        and (text[0].isupper() or text[0].isdigit())
        and text[-1] not in ".,;:!"
        and not _ends_dangling(text)
    )


def _ends_dangling(text: str) -> bool:
    """ "Neuropathic pain may result from" - a lead-in whose list was lost."""
    words = text.split()
    if not words or text[-1] in '.!?;,)"”':
        return False
    return words[-1] in DANGLING or " ".join(words[-2:]) == "such as"


def is_lead_in(text: str) -> bool:
    return text.endswith(":") or _ends_dangling(text)


def cite(text: str, notes: Notes) -> str:
    """Replace journal references pulled into the prose with [[cite:N]] markers."""

    def replace(match: re.Match) -> str:
        number = int(match["number"])
        notes.citations.setdefault(
            number,
            Citation(
                number=number,
                raw=match["raw"],
                authors=match["authors"],
                title=match["title"].rstrip("."),
                journal=match["journal"],
                year=int(match["year"]),
                volume=match["volume"] or "",
                issue=match["issue"] or "",
                pages=match["pages"] or "",
            ),
        )
        return CITE_MARK.format(number)

    return CITATION_RE.sub(replace, text).strip()


def sentence_like(text: str) -> bool:
    """A line reading as a sentence rather than a heading: a comma, a lower-case last word
    after a lower-case word, or an auxiliary verb."""
    words = text.split()
    return (
        "," in text
        or (len(words) >= 2 and words[-1][:1].islower() and words[-2][:1].islower())
        or any(word in AUXILIARIES for word in words[1:])
    )


def whole_title(blocks: list) -> str:
    """The first block as a title only when it is a whole short line (a heading-like line
    or a short complete sentence's words), never words cut from a longer sentence."""
    if not blocks:
        return ""
    text = collapse(CITE_MARK_RE.sub(" ", block_text(blocks[0])))
    if isinstance(blocks[0], Heading) and len(text.split()) <= TITLE_WORD_LIMIT:
        return text
    return ""


def derive_title(blocks: list) -> str:
    """The heading that best matches the article's most frequent two-word phrase."""
    prose = " ".join(block_text(block) for block in blocks)
    words = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", CITE_MARK_RE.sub(" ", prose).lower())
    significant = Counter(w for w in words if w not in STOPWORDS and len(w) > 2)
    pairs = Counter(f"{a} {b}" for a, b in pairwise(words) if significant[a] and significant[b])
    top = pairs.most_common(1)[0][0] if pairs else ""
    headings = [
        (index, block.text)
        for index, block in enumerate(blocks)
        if isinstance(block, Heading) and len(block.text.split()) <= TITLE_WORD_LIMIT
    ]
    if headings:

        def score(item: tuple[int, str]) -> tuple[bool, int, int]:
            index, text = item
            lowered = " ".join(text.lower().split())
            overlap = sum(significant[w] for w in set(re.findall(r"[\w'’-]+", lowered)))
            return (bool(top) and top in lowered, overlap, -index)

        return max(headings, key=score)[1]
    return top.title() if top else whole_title(blocks)


def block_text(block: object) -> str:
    if isinstance(block, BulletList):
        return " ".join(block.items)
    for attribute in ("text", "title"):
        if isinstance(getattr(block, attribute, None), str):
            return getattr(block, attribute)
    return ""


def summary(blocks: list) -> str:
    """The first complete prose paragraph's leading sentences, up to SUMMARY_LIMIT characters."""
    paragraph = next(
        (b.text for b in blocks if isinstance(b, Paragraph) and not is_lead_in(b.text)), ""
    )
    text = collapse(CITE_MARK_RE.sub("", paragraph))
    summary = ""
    for sentence in SENTENCE_END_RE.split(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > SUMMARY_LIMIT:
            break
        summary = candidate
    if text and not summary:
        summary = text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return summary
