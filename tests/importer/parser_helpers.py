"""What the parser tests share: the seed texts and ways to look at a parsed layout."""

import re
from pathlib import Path

from importer.parsers import BulletList, Callout, CrossReference, SeeAlso, Video
from importer.parsers.common import LABEL_MARK

SEE_MARK_RE = re.compile(r"\[\[see:(See|Read about)\|(.+?)\]\]")

SEED_DIR = Path(__file__).resolve().parents[2] / "importer" / "seed"
SPINE_SEED = "000_9ea0310e08960576.txt"
MERCK_SEED = "004_6a2b98b61d545a30.txt"

CHROME = [
    "Merck Manual",
    "Russian Federation",
    "honeypot",
    "VIEW PROFESSIONAL VERSION",
    "GET THE QUICK FACTS",
    "Topic Resources",
    "quiz link",
    "Test your knowledge",
    "Article continues below",
    "Search for a Doctor",
    "read more",
    "Watch Now",
    "Generic Name",
    "Drugs Mentioned",
]


def seed(name: str) -> str:
    return (SEED_DIR / name).read_text(encoding="utf-8")


def of_type(doc, cls) -> list:
    return [block for block in doc.blocks if isinstance(block, cls)]


def texts(block) -> list[str]:
    """Every piece of visible text a block carries."""
    if isinstance(block, BulletList):
        # A label mark and a "See" mark read as the words a reader sees.
        return [SEE_MARK_RE.sub(r"\1 \2", item.replace(LABEL_MARK, "")) for item in block.items]
    if isinstance(block, Callout):
        return [block.text, block.body]
    if isinstance(block, SeeAlso):
        return [f"{block.verb} {block.title}"]
    if isinstance(block, Video):
        return [block.title, block.teaser]
    if isinstance(block, CrossReference):
        return [block.title, block.summary]
    return [block.text]


def normalised(text: str) -> str:
    return " ".join(text.split())


def haystack(doc) -> str:
    return normalised(" ".join(text for block in doc.blocks for text in texts(block)))


def attention(doc, kind: str) -> list[str]:
    return [item.excerpt for item in doc.attention if item.kind == kind]


def prose_sentences(text: str, skip_lines: set[str]) -> list[str]:
    lines = [normalised(line).lstrip("• ") for line in text.splitlines()]
    kept = [line for line in lines if line and line not in skip_lines]
    return [s for line in kept for s in re.split(r"(?<=[.!?:])\s+", line) if s]
