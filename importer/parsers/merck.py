"""The Merck Manual (Consumer Version) layout: title and author lines, the Reviewed/Revised
dates, the "Drugs Mentioned In This Article" table, and pop-ups flattened into the prose."""

import datetime
import re

from ..attention import AttentionKind
from .blocks import BulletList, Callout, CrossReference, Paragraph, Person
from .common import CALLOUT_RE, HEADING_WORD_LIMIT, YEAR, Notes, cite, collapse, is_heading

MERCK = "Merck Manual (Consumer Version)"

# Whole lines (whitespace collapsed) of each publisher's page furniture, never article text.
CHROME_RE = re.compile(
    r"(?:merck|msd) manuals?(?: consumer version)?"
    r"|please confirm that you are not located inside the russian federation"
    r"|honeypot link|view (?:professional|consumer) version|get the quick facts"
    r"|topic resources|quiz link|test your knowledge",
    re.IGNORECASE,
)
DRUGS_TITLE_RE = re.compile(r"drugs mentioned in this article", re.I)
DRUGS_HEADER_RE = re.compile(r"(?:generic name)?\s*(?:select brand names?)?", re.I)

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_RE = re.compile(
    rf"Reviewed/Revised\s+(?P<rm>{MONTH})\s+(?P<ry>{YEAR})"
    rf"(?:\s*\|\s*Modified\s+(?P<mm>{MONTH})\s+(?P<my>{YEAR}))?",
    re.I,
)
MONTHS = {
    name: n for n, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}


# Merck pop-up: "<anchor> <Topic Title> <summary>... read more <Topic Title again?><rest>".
READ_MORE_RE = re.compile(r"(\.\.\.|…)\s*read more\b", re.I)
TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’/-]*")
CONNECTORS = {"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with"}

CREDENTIALS = {
    "APRN", "BA", "BC", "BS", "BSN", "CNM", "CNS", "CRNA", "DC", "DDS", "DMD", "DNP", "DO",
    "DPM", "DPT", "DPhil", "DrPH", "EdD", "FNP", "FNP-BC", "JD", "LCSW", "MA", "MBA", "MBBS",
    "MBChB", "MD", "MDCM", "MHS", "MPH", "MPhil", "MRCP", "MS", "MSc", "MSN", "NP", "OD", "OT",
    "OTR", "PA", "PA-C", "PharmD", "PhD", "PsyD", "PT", "RD", "RN", "ScD",
}  # fmt: skip
FELLOWSHIP_RE = re.compile(r"F[A-Z]{2,6}")  # FACP, FRCPC, FAAN ...
NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "y"}


DID_YOU_KNOW_RE = re.compile(r"(?P<heading>Did you know(?:\.{3}|…|\?|\.)?)\s*(?P<rest>.*)", re.I)


def did_you_know(units, i):
    """A "Did You Know..." box: its heading line and the text on it or on the next line."""
    match = DID_YOU_KNOW_RE.fullmatch(units[i].text)
    if not match:
        return None
    heading = match["heading"]
    if match["rest"]:
        return Callout("note", heading, match["rest"]), 1
    following = units[i + 1] if i + 1 < len(units) else None
    if following and not following.bullet and following.text:
        return Callout("note", heading, following.text), 2
    return None


def take_drug_rows(lines: list[str]) -> list[list[str]]:
    """Remove Merck's "Drugs Mentioned In This Article" table; one list of brand names per row."""
    titles = [i for i, line in enumerate(lines) if DRUGS_TITLE_RE.fullmatch(collapse(line))]
    if not titles:
        return []
    start = titles[0]
    lines[start] = ""
    i = start + 1
    while i < len(lines) and DRUGS_HEADER_RE.fullmatch(collapse(lines[i])):  # or blank
        lines[i] = ""
        i += 1
    rows = []
    while i < len(lines) and lines[i] and not CALLOUT_RE.fullmatch(collapse(lines[i])):
        if lines[i].endswith("."):  # prose, not a row of brand names
            break
        row = list(dict.fromkeys(name.strip() for name in lines[i].split(",")))
        rows.append([name for name in row if name])
        lines[i] = ""
        i += 1
    return [row for row in rows if row]


def take_dates(lines: list[str]) -> tuple[datetime.date | None, datetime.date | None]:
    """Remove "Reviewed/Revised Jun 2022 | Modified Sep 2022" lines; the first one counts."""
    found = None
    for i, line in enumerate(lines):
        match = DATE_RE.fullmatch(collapse(line))
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


def take_header(lines: list[str]) -> tuple[str, list[Person]]:
    """Remove the title line and the author lines that follow it (Merck layout)."""
    rows = [i for i, line in enumerate(lines) if line]

    def text(k: int) -> str:
        return collapse(lines[rows[k]]) if k < len(rows) else ""

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
    return bool(line) and len(line.split()) <= 15 and line[-1] not in ".:," and is_heading(line)


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


def resolve_inline(blocks: list, notes: Notes) -> list:
    """Pull pop-ups and citations out of prose; pop-ups follow the block they were in."""
    resolved = []
    for block in blocks:
        pop_ups: list[CrossReference] = []
        if isinstance(block, Paragraph):
            block.text = cite(cut_pop_ups(block.text, pop_ups, notes), notes)
            if not block.text:
                resolved.extend(pop_ups)
                continue
        elif isinstance(block, BulletList):
            block.items = [cite(cut_pop_ups(item, pop_ups, notes), notes) for item in block.items]
        resolved.append(block)
        resolved.extend(pop_ups)
    return resolved


def cut_pop_ups(text: str, found: list[CrossReference], notes: Notes) -> str:
    """Cut flattened Merck pop-ups out of text, keeping the anchor text and what follows."""
    pos = 0
    while match := READ_MORE_RE.search(text, pos):
        segment = text[pos : match.start()]
        rest = text[match.end() :].lstrip()
        split = _split_pop_up(segment, rest)
        if split is None:
            notes.attend(
                AttentionKind.UNMATCHED_LINE, "could not separate a pop-up from the text", segment
            )
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
