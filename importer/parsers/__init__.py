"""Turn the scraped text of a health article into structured data for the import command.

Two publishers' pages are recognised from their content: Merck Manual consumer pages and
Spine-health articles. Scraping leaves noise behind (site chrome, pop-ups flattened into the prose,
journal references pulled into paragraphs, lists that vanished); this module removes what it can
remove safely and reports the rest as ``attention`` for an editor. Pure standard library.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

MERCK = "Merck Manual (Consumer Version)"
SPINE_HEALTH = "Spine-health"
SUMMARY_LIMIT = 300
TITLE_WORD_LIMIT = 10
HEADING_WORD_LIMIT = 12
CITE_MARK = "[[cite:{}]]"


class ParseError(ValueError):
    """Document cannot be imported; message is one clear line for stderr."""


@dataclass
class Person:
    name: str
    credentials: str = ""
    affiliation: str = ""


@dataclass
class Citation:
    """A journal reference that scraping pulled into the middle of the prose."""

    number: int
    raw: str
    authors: str
    title: str
    journal: str
    year: int | None
    volume: str = ""
    issue: str = ""
    pages: str = ""


@dataclass
class Heading:
    type: ClassVar[str] = "heading"
    text: str
    level: int = 2


@dataclass
class Paragraph:
    """Plain text; a citation appears as ``[[cite:N]]`` where it stood."""

    type: ClassVar[str] = "paragraph"
    text: str


@dataclass
class BulletList:
    """Items are plain text; a blank line inside an item's source is kept as ``\\n\\n``."""

    type: ClassVar[str] = "list"
    items: list[str]


@dataclass
class SeeAlso:
    """A pointer to a related article of the same publisher ("See X", "Read about X")."""

    type: ClassVar[str] = "see_also"
    title: str
    verb: str = "See"


@dataclass
class Video:
    type: ClassVar[str] = "video"
    title: str
    teaser: str = ""


@dataclass
class CrossReference:
    """A Merck pop-up: another topic's title and the first lines of its summary."""

    type: ClassVar[str] = "cross_reference"
    title: str
    summary: str


@dataclass
class Callout:
    """A publisher call to action: kind "physician_search" or "quiz"."""

    type: ClassVar[str] = "callout"
    kind: str
    text: str


@dataclass
class Attention:
    """Something an editor must look at before publishing."""

    kind: str
    message: str
    excerpt: str = ""


@dataclass
class ParsedDocument:
    shape: str
    title: str
    publisher: str
    authors: list[Person]
    reviewed: datetime.date | None
    modified: datetime.date | None
    summary: str
    blocks: list
    citations: list[Citation]
    drug_rows: list[list[str]]
    warnings: list[str]
    attention: list[Attention]
    has_quiz_link: bool
    has_physician_cta: bool


# Whole lines (whitespace collapsed) of each publisher's page furniture, never article text.
MERCK_CHROME_RE = re.compile(
    r"(?:merck|msd) manuals?(?: consumer version)?"
    r"|please confirm that you are not located inside the russian federation"
    r"|honeypot link|view (?:professional|consumer) version|get the quick facts"
    r"|topic resources|quiz link|test your knowledge",
    re.IGNORECASE,
)
SPINE_CHROME_RE = re.compile(r"article continues below|search for a doctor|watch now", re.I)
CALLOUT_RE = re.compile(r"(?P<physician>find a physician near you)|(?P<quiz>take a quiz!?)", re.I)
DRUGS_TITLE_RE = re.compile(r"drugs mentioned in this article", re.I)
DRUGS_HEADER_RE = re.compile(r"(?:generic name)?\s*(?:select brand names?)?", re.I)

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
YEAR = r"(?:19|20)\d{2}"
DATE_RE = re.compile(
    rf"Reviewed/Revised\s+(?P<rm>{MONTH})\s+(?P<ry>{YEAR})"
    rf"(?:\s*\|\s*Modified\s+(?P<mm>{MONTH})\s+(?P<my>{YEAR}))?",
    re.I,
)
MONTHS = {
    name: n for n, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}

BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣]|[-*](?=\s))\s*(?P<text>.*)$")
SEE_RE = re.compile(r"(?P<verb>See(?: also)?|Read about):?\s+(?P<title>[A-Z0-9\"“‘'].*)")
WATCH_RE = re.compile(r"Watch:\s*(?:Video:\s*)?(?P<title>[A-Z0-9\"“‘'].*?)(?:\s+Video)?")
VIDEO_RE = re.compile(r"Video:\s*(?P<title>[A-Z0-9\"“‘'].*)")
WATCH_NOW_RE = re.compile(r"\s*Watch Now\W*$", re.I)

# Merck pop-up: "<anchor> <Topic Title> <summary>... read more <Topic Title again?><rest>".
READ_MORE_RE = re.compile(r"(\.\.\.|…)\s*read more\b", re.I)
TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’/-]*")
CONNECTORS = {"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with"}

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
    "on", "or", "than", "that", "the", "to", "with",
}  # fmt: skip
CREDENTIALS = {
    "APRN", "BA", "BC", "BS", "BSN", "CNM", "CNS", "CRNA", "DC", "DDS", "DMD", "DNP", "DO",
    "DPM", "DPT", "DPhil", "DrPH", "EdD", "FNP", "FNP-BC", "JD", "LCSW", "MA", "MBA", "MBBS",
    "MBChB", "MD", "MDCM", "MHS", "MPH", "MPhil", "MRCP", "MS", "MSc", "MSN", "NP", "OD", "OT",
    "OTR", "PA", "PA-C", "PharmD", "PhD", "PsyD", "PT", "RD", "RN", "ScD",
}  # fmt: skip
FELLOWSHIP_RE = re.compile(r"F[A-Z]{2,6}")  # FACP, FRCPC, FAAN ...
NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "y"}
STOPWORDS = {
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "do", "does", "each", "for", "from", "has", "have", "how",
    "if", "in", "into", "is", "it", "its", "may", "more", "most", "not", "of", "often", "on", "or",
    "other", "over", "such", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "typically", "usually", "very", "was", "were", "what", "when", "which",
    "while", "who", "will", "with", "would",
}  # fmt: skip


class _Notes:
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
class _Unit:
    """One bullet or one paragraph line of the source, with its layout."""

    text: str
    bullet: bool
    indent: int
    gap: bool  # a blank line came before it


def parse_document(text: str, *, title: str | None = None) -> ParsedDocument:
    """Parse one scraped article; raises ParseError when there is nothing importable."""
    lines = _clean_lines(text)
    shape = _detect_shape(lines)
    lines = ["" if _is_chrome(line) else line for line in lines]
    if not any(lines):
        raise ParseError("document holds only site chrome, no article text")
    notes = _Notes()
    drug_rows = _take_drug_rows(lines)
    reviewed, modified = _take_dates(lines)
    header_title, authors = _take_merck_header(lines) if shape == "merck" else ("", [])
    blocks = _resolve_inline(_build_blocks(_units(lines), notes), notes)
    if all(isinstance(block, Callout) for block in blocks):
        raise ParseError("document has no article text after removing site chrome and metadata")
    if shape == "plain":
        notes.warnings.append("unrecognised document shape: imported as a plain article")
        notes.attend("unknown_shape", "neither Merck Manual nor Spine-health layout was recognised")
    if shape == "merck":
        if not authors:
            notes.warnings.append("no author line found")
        if reviewed is None:
            notes.warnings.append("no Reviewed/Revised date found")
    final_title = _choose_title(shape, (title or "").strip(), header_title, blocks, notes)
    _check_structure(blocks, notes)
    callouts = {block.kind for block in blocks if isinstance(block, Callout)}
    return ParsedDocument(
        shape=shape,
        title=final_title,
        publisher={"merck": MERCK, "spine-health": SPINE_HEALTH}.get(shape, ""),
        authors=authors,
        reviewed=reviewed,
        modified=modified,
        summary=_summary(blocks),
        blocks=blocks,
        citations=list(notes.citations.values()),
        drug_rows=drug_rows,
        warnings=notes.warnings,
        attention=notes.attention,
        has_quiz_link="quiz" in callouts,
        has_physician_cta="physician_search" in callouts,
    )


def _clean_lines(text: str) -> list[str]:
    if CONTROL_RE.search(text):
        raise ParseError("document contains control characters; it looks like binary data")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(SPACES)
    lines = [line.rstrip() for line in text.split("\n")]
    if not any(lines):
        raise ParseError("document is empty")
    return lines


def _collapse(line: str) -> str:
    return " ".join(line.split())


def _is_chrome(line: str) -> bool:
    line = _collapse(line)
    return bool(MERCK_CHROME_RE.fullmatch(line) or SPINE_CHROME_RE.fullmatch(line))


def _detect_shape(lines: list[str]) -> str:
    """Score each publisher's telltale lines; a shape needs at least two strong signs."""
    merck = spine = 0.0
    for raw in lines:
        line = _collapse(raw)
        callout = CALLOUT_RE.fullmatch(line)
        if any(regex.fullmatch(line) for regex in (MERCK_CHROME_RE, DATE_RE, DRUGS_TITLE_RE)):
            merck += 2
        elif any(regex.fullmatch(line) for regex in (SPINE_CHROME_RE, WATCH_RE, VIDEO_RE)):
            spine += 2
        elif callout:
            merck, spine = (merck + 2, spine) if callout["quiz"] else (merck, spine + 2)
        elif SEE_RE.fullmatch(line):
            spine += 0.5
        merck += len(READ_MORE_RE.findall(line))
    if merck >= 2 and merck >= spine:
        return "merck"
    if spine >= 2:
        return "spine-health"
    return "plain"


def _take_drug_rows(lines: list[str]) -> list[list[str]]:
    """Remove Merck's "Drugs Mentioned In This Article" table; one list of brand names per row."""
    titles = [i for i, line in enumerate(lines) if DRUGS_TITLE_RE.fullmatch(_collapse(line))]
    if not titles:
        return []
    start = titles[0]
    lines[start] = ""
    i = start + 1
    while i < len(lines) and DRUGS_HEADER_RE.fullmatch(_collapse(lines[i])):  # or blank
        lines[i] = ""
        i += 1
    rows = []
    while i < len(lines) and lines[i] and not CALLOUT_RE.fullmatch(_collapse(lines[i])):
        if lines[i].endswith("."):  # prose, not a row of brand names
            break
        row = list(dict.fromkeys(name.strip() for name in lines[i].split(",")))
        rows.append([name for name in row if name])
        lines[i] = ""
        i += 1
    return [row for row in rows if row]


def _take_dates(lines: list[str]) -> tuple[datetime.date | None, datetime.date | None]:
    """Remove "Reviewed/Revised Jun 2022 | Modified Sep 2022" lines; the first one counts."""
    found = None
    for i, line in enumerate(lines):
        match = DATE_RE.fullmatch(_collapse(line))
        if match:
            found = found or match
            lines[i] = ""
    if found is None:
        return None, None
    reviewed = _month_date(found["rm"], found["ry"])
    modified = _month_date(found["mm"], found["my"]) if found["mm"] else None
    return reviewed, modified


def _month_date(month: str, year: str) -> datetime.date:
    return datetime.date(int(year), MONTHS[month[:3].lower()], 1)


def _take_merck_header(lines: list[str]) -> tuple[str, list[Person]]:
    """Remove the title line and the author lines that follow it (Merck layout)."""
    rows = [i for i, line in enumerate(lines) if line]

    def text(k: int) -> str:
        return _collapse(lines[rows[k]]) if k < len(rows) else ""

    def take(k: int) -> None:
        lines[rows[k]] = ""

    title, pos = "", 0
    first = text(0)
    if _looks_like_title(first) and not re.match(r"By\b", first) and not text(1).startswith(","):
        title, pos = text(0), 1
        take(0)
    authors: list[Person] = []
    expect_name = False
    while pos < len(rows):
        line, following = text(pos), text(pos + 1)
        if line.lower() == "by":
            take(pos)
            pos, expect_name = pos + 1, True
            continue
        if line.startswith("By "):
            authors.extend(_parse_byline(line[3:]))
        elif following.startswith(",") and _looks_like_name(line):
            authors.append(Person(line))
        elif expect_name and _looks_like_name(line.split(",")[0]):
            authors.extend(_parse_byline(line))
        else:
            break
        take(pos)
        pos, expect_name = pos + 1, False
        if authors and text(pos).startswith(","):
            credentials, affiliation = _split_credentials(text(pos))
            authors[-1].credentials = authors[-1].credentials or credentials
            authors[-1].affiliation = authors[-1].affiliation or affiliation
            take(pos)
            pos += 1
    return title, authors


def _looks_like_title(line: str) -> bool:
    return bool(line) and len(line.split()) <= 15 and line[-1] not in ".:," and _is_heading(line)


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 6 and all(
        (word[0].isupper() and not any(ch.isdigit() for ch in word)) or word in NAME_PARTICLES
        for word in words
    )


def _parse_byline(text: str) -> list[Person]:
    """ "James C. Watson, MD, Mayo Clinic; Jane Roe, PhD, ..." -> people."""
    people = []
    for part in text.split(";"):
        part = re.sub(r"^\s*and\s+", "", part).strip()
        name, _, rest = part.partition(",")
        if name.strip():
            people.append(Person(name.strip(), *_split_credentials(rest)))
    return people


def _split_credentials(text: str) -> tuple[str, str]:
    """ ", MD, PhD, Mayo Clinic" -> ("MD, PhD", "Mayo Clinic"): degrees first, then affiliation."""
    tokens = [token.strip() for token in text.strip().lstrip(",").split(",") if token.strip()]
    count = 0
    while count < len(tokens) and _is_credential(tokens[count]):
        count += 1
    return ", ".join(tokens[:count]), ", ".join(tokens[count:])


def _is_credential(token: str) -> bool:
    parts = token.replace(".", "").split()
    return bool(parts) and all(p in CREDENTIALS or FELLOWSHIP_RE.fullmatch(p) for p in parts)


def _units(lines: list[str]) -> list[_Unit]:
    """Group source lines into bullets and paragraphs, joining wrapped continuation lines."""
    units: list[_Unit] = []
    gap = True
    for line in lines:
        if not line.strip():
            gap = True
            continue
        indent = len(line) - len(line.lstrip())
        text = _collapse(line)
        bullet = BULLET_RE.match(line)
        previous = units[-1] if units else None
        if bullet:
            units.append(_Unit(_collapse(bullet["text"]), True, indent, gap))
        elif previous and not gap and _continues(previous, indent, text):
            previous.text = f"{previous.text} {text}".strip()
        else:
            units.append(_Unit(text, False, indent, gap))
        gap = False
    return units


def _continues(previous: _Unit, indent: int, text: str) -> bool:
    """A line directly under another belongs to it when indented under a bullet or mid-sentence."""
    if previous.bullet and indent > previous.indent:
        return True
    return previous.text[-1:] not in tuple(".!?:") and text[0].islower()


def _build_blocks(units: list[_Unit], notes: _Notes) -> list:
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
            if see:
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
                notes.attend("unmatched_line", "indented text kept as a paragraph", unit.text)
            continue
        current, in_list = None, False
        block, used = _standalone_block(units, i - 1, see)
        blocks.append(block)
        i += used - 1
    return blocks


def _see_also(text: str) -> SeeAlso | None:
    match = SEE_RE.fullmatch(text)
    if not match or text.endswith(".") or len(text.split()) > 16:
        return None
    verb = "Read about" if match["verb"] == "Read about" else "See"
    return SeeAlso(match["title"], verb)


def _standalone_block(units: list[_Unit], i: int, see: SeeAlso | None) -> tuple[object, int]:
    """Classify one line outside a list; returns the block and how many units it used."""
    text = units[i].text
    callout = CALLOUT_RE.fullmatch(text)
    if callout:
        return Callout("physician_search" if callout["physician"] else "quiz", text), 1
    if see:
        return see, 1
    video = WATCH_RE.fullmatch(text) or VIDEO_RE.fullmatch(text)
    if video and len(text.split()) <= 16:
        following = units[i + 1] if i + 1 < len(units) else None
        if following and not following.bullet and WATCH_NOW_RE.search(following.text):
            return Video(video["title"], WATCH_NOW_RE.sub("", following.text)), 2
        return Video(video["title"]), 1
    if _is_heading(text):
        return Heading(text), 1
    return Paragraph(text), 1


def _is_heading(text: str) -> bool:
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


def _is_lead_in(text: str) -> bool:
    return text.endswith(":") or _ends_dangling(text)


def _resolve_inline(blocks: list, notes: _Notes) -> list:
    """Pull pop-ups and citations out of prose; pop-ups follow the block they were in."""
    resolved = []
    for block in blocks:
        pop_ups: list[CrossReference] = []
        if isinstance(block, Paragraph):
            block.text = _cite(_pop_ups(block.text, pop_ups, notes), notes)
            if not block.text:
                resolved.extend(pop_ups)
                continue
        elif isinstance(block, BulletList):
            block.items = [_cite(_pop_ups(item, pop_ups, notes), notes) for item in block.items]
        resolved.append(block)
        resolved.extend(pop_ups)
    return resolved


def _pop_ups(text: str, found: list[CrossReference], notes: _Notes) -> str:
    """Cut flattened Merck pop-ups out of text, keeping the anchor text and what follows."""
    pos = 0
    while match := READ_MORE_RE.search(text, pos):
        segment = text[pos : match.start()]
        rest = text[match.end() :].lstrip()
        split = _split_pop_up(segment, rest)
        if split is None:
            notes.attend("unmatched_line", "could not separate a pop-up from the text", segment)
            pos = match.end()
            continue
        title_start, summary_start, title = split
        found.append(CrossReference(title, segment[summary_start:].rstrip() + match.group(1)))
        repeated = re.match(re.escape(title) + r"\b", rest)
        if repeated:  # scraping repeats the topic title after "read more"
            rest = rest[repeated.end() :].lstrip()
        head = text[: pos + title_start].rstrip()
        joiner = "" if not rest or not head or rest[0] in ".,;:)" else " "
        text, pos = head + joiner + rest, len(head)
    return text


def _split_pop_up(segment: str, rest: str) -> tuple[int, int, str] | None:
    """Find the Title-Case topic title before a pop-up summary: (title start, summary start, title).

    The title starts mid-sentence with a capital; the summary starts with the next capital after
    the run of title words. A title repeated after "read more", or echoed by the anchor text just
    before it, confirms the choice; otherwise the last candidate wins.
    """
    words = list(re.finditer(r"\S+", segment))
    candidates = []
    for i, word in enumerate(words):
        previous = words[i - 1].group() if i else ""
        if not _is_capital(word.group()) or previous[-1:] in ".!?:;" or _in_run(words, i):
            continue
        end, limit = i, min(len(words), i + HEADING_WORD_LIMIT + 1)
        while end < limit and _is_title_word(words[end].group()):
            end += 1
        starts = [k for k in range(i + 1, end) if _is_capital(words[k].group())]
        starts = [k for k in starts if words[k - 1].group() not in CONNECTORS]
        if not starts:
            continue
        titles = {k: segment[word.start() : words[k - 1].end()] for k in starts}
        repeated = [k for k in starts if re.match(re.escape(titles[k]) + r"\b", rest)]
        k = repeated[-1] if repeated else starts[-1]
        anchor = {w.group().lower().strip(",;()") for w in words[max(0, i - 6) : i]}
        echoed = anchor & ({w.lower() for w in titles[k].split()} - CONNECTORS)
        candidates.append((2 if repeated else 1 if echoed else 0, i, k, titles[k]))
    if not candidates:
        return None
    _, i, k, title = max(candidates)
    return words[i].start(), words[k].start(), title


def _in_run(words: list[re.Match], i: int) -> bool:
    """Whether word i continues a Title-Case run ("Nerve" in "Electromyography and Nerve")."""
    j = i - 1
    while j >= 0 and words[j].group() in CONNECTORS:
        j -= 1
    return j >= 0 and _is_capital(words[j].group())


def _is_title_word(word: str) -> bool:
    return bool(TITLE_WORD_RE.fullmatch(word)) and (word[0].isupper() or word in CONNECTORS)


def _is_capital(word: str) -> bool:
    return bool(TITLE_WORD_RE.fullmatch(word)) and word[0].isupper()


def _cite(text: str, notes: _Notes) -> str:
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


def _check_structure(blocks: list, notes: _Notes) -> None:
    """Record lost lists, empty headings and orphaned lines for an editor."""
    for block, following in pairwise([*blocks, None]):
        if isinstance(block, Paragraph):
            if _is_lead_in(block.text) and not isinstance(following, BulletList):
                notes.attend("lost_list", "lead-in with no list after it", block.text)
            if block.text.startswith(","):
                notes.attend("unmatched_line", "orphaned credentials or fragment line", block.text)
        if isinstance(block, Heading) and isinstance(following, Heading | Callout | None):
            notes.attend("empty_heading", "heading with no text under it", block.text)


def _choose_title(shape: str, given: str, header: str, blocks: list, notes: _Notes) -> str:
    """The title passed in wins; otherwise the page's own title line, otherwise a guess."""
    body_after_first = any(not isinstance(block, Callout) for block in blocks[1:])
    if shape == "plain" and body_after_first and isinstance(blocks[0], Heading):
        if not given or blocks[0].text.casefold() == given.casefold():
            header = blocks.pop(0).text  # a plain article's first short line is its title
    if given or (header and shape == "merck"):
        return given or header
    if not header:
        header = _first_words(blocks) if shape == "plain" else _derive_title(blocks)
    notes.attend("derived_title", "title guessed from the text; check it", header)
    return header


def _first_words(blocks: list) -> str:
    words = CITE_MARK_RE.sub(" ", _block_text(blocks[0])).split()[:8]
    return " ".join(words).rstrip(".,;:") or "Untitled"


def _derive_title(blocks: list) -> str:
    """The heading that best matches the article's most frequent two-word phrase."""
    prose = " ".join(_block_text(block) for block in blocks)
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
    return top.title() if top else _first_words(blocks)


def _block_text(block: object) -> str:
    if isinstance(block, BulletList):
        return " ".join(block.items)
    for attribute in ("text", "title"):
        if isinstance(getattr(block, attribute, None), str):
            return getattr(block, attribute)
    return ""


def _summary(blocks: list) -> str:
    """The first complete prose paragraph's leading sentences, up to SUMMARY_LIMIT characters."""
    paragraph = next(
        (b.text for b in blocks if isinstance(b, Paragraph) and not _is_lead_in(b.text)), ""
    )
    text = _collapse(CITE_MARK_RE.sub("", paragraph))
    summary = ""
    for sentence in SENTENCE_END_RE.split(text):
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > SUMMARY_LIMIT:
            break
        summary = candidate
    if text and not summary:
        summary = text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return summary
