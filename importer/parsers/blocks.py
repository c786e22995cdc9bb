"""What a parser makes of one scraped article: its blocks, people, citations and findings."""

import datetime
from dataclasses import dataclass
from typing import ClassVar


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
    """A publisher call to action (kind "physician_search" or "quiz"), or a box such as Merck's
    "Did You Know..." (kind "note", `text` its heading, `body` its text)."""

    type: ClassVar[str] = "callout"
    kind: str
    text: str
    body: str = ""


@dataclass
class HeldBack:
    """Source text kept for editors but not shown to readers as it stands: a lead-in whose list
    is missing ("lead_in"), a heading with nothing under it ("empty_section", with its level),
    or a line cut off mid-sentence ("truncated")."""

    type: ClassVar[str] = "held_back"
    reason: str
    text: str
    level: int = 0


@dataclass
class Attention:
    """Something an editor must look at before publishing."""

    kind: str
    message: str
    excerpt: str = ""


@dataclass
class ParsedLayout:
    """The blocks and facts a layout parser found, in plain text, before `stream.py`."""

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
    source_url: str = ""
