"""The scraped-article parser across layouts: no site chrome left, plain articles, and inputs
that must be refused with ParseError rather than crash the import command."""

import random
import string

import pytest

from importer.parsers import (
    BulletList,
    Heading,
    Paragraph,
    ParseError,
    parse_layout,
)

from . import test_parser_merck as merck_cases
from . import test_parser_spine_health as spine_cases
from .parser_helpers import (
    CHROME,
    MERCK_SEED,
    SPINE_SEED,
    attention,
    haystack,
    of_type,
    seed,
)


@pytest.mark.parametrize("name", [MERCK_SEED, SPINE_SEED])
def test_seed_blocks_hold_no_site_chrome(name):
    found = haystack(parse_layout(seed(name)))
    assert [chrome for chrome in CHROME if chrome.lower() in found.lower()] == []


PLAIN = """Living With Carpal Tunnel Syndrome

Carpal tunnel syndrome causes numbness and tingling in the hand. It happens when the median
nerve is squeezed at the wrist.

Simple Steps at Home

- Wear a wrist splint at night.
- Take short breaks from repetitive tasks.

Most people improve with these measures.
"""


def test_plain_document_is_imported_with_a_warning():
    doc = parse_layout(PLAIN)
    assert doc.shape == "plain"
    assert doc.publisher == ""
    assert doc.title == "Living With Carpal Tunnel Syndrome"
    assert doc.warnings == ["unrecognised document shape: imported as a plain article"]
    assert attention(doc, "unknown_shape")
    assert attention(doc, "derived_title") == ["Living With Carpal Tunnel Syndrome"]
    assert doc.blocks[0] == Paragraph(
        "Carpal tunnel syndrome causes numbness and tingling in the hand. It happens when the "
        "median nerve is squeezed at the wrist."
    )
    assert [h.text for h in of_type(doc, Heading)] == ["Simple Steps at Home"]
    assert [b.items for b in of_type(doc, BulletList)] == [
        ["Wear a wrist splint at night.", "Take short breaks from repetitive tasks."]
    ]
    assert doc.authors == [] and doc.reviewed is None


def test_plain_document_without_a_title_line_never_cuts_a_sentence_into_a_title():
    text = "Shingles pain can last for months after the rash heals in older adults."
    doc = parse_layout(text)
    assert doc.shape == "plain"
    assert doc.title == "Untitled article"  # flagged for an editor, not words cut short
    assert [a.kind for a in doc.attention if a.kind == "derived_title"] == ["derived_title"]
    assert parse_layout(text, fallback_title="Shingles pain").title == "Shingles pain"
    assert doc.summary == "Shingles pain can last for months after the rash heals in older adults."


# --- Refused input and robustness ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t\n\u00a0 \n", "empty"),
        ("Neuropathic pain\x00\x01\x02", "control characters"),
        ("PK\x03\x04binary", "control characters"),
        ("Merck Manual\n\nhoneypot link\n\nquiz link\n\nTest your knowledge\n", "site chrome"),
        ("Article continues below\r\n\r\nSearch for a Doctor", "site chrome"),
        ("Find a Physician Near You\n\nSearch for a Doctor\n", "no article text"),
        ("Merck Manual\n\nNeuropathic Pain\n\nReviewed/Revised Jun 2022\n", "no article text"),
    ],
)
def test_unimportable_documents_raise_parse_error(text, message):
    with pytest.raises(ParseError, match=message):
        parse_layout(text)


def _returns_or_refuses(text: str) -> None:
    try:
        doc = parse_layout(text)
    except ParseError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert doc.title.strip()
    assert len(doc.title.split()) <= 15
    assert doc.blocks
    assert len(doc.summary) <= 300


def test_fuzz_random_printable_text_never_crashes():
    rng = random.Random(20240601)  # noqa: S311 - reproducible fuzz
    alphabet = string.printable + "•—é…\u00a0“”"
    for _ in range(400):
        _returns_or_refuses("".join(rng.choices(alphabet, k=rng.randint(0, 400))))


def test_fuzz_shuffled_seed_lines_never_crash():
    rng = random.Random(7)  # noqa: S311 - reproducible fuzz
    lines = (
        seed(MERCK_SEED)
        + "\n"
        + seed(SPINE_SEED)
        + "\n"
        + spine_cases.SCIATICA
        + merck_cases.POSTHERPETIC
    ).split("\n")
    for _ in range(400):
        sample = rng.sample(lines, rng.randint(1, len(lines)))
        _returns_or_refuses(rng.choice(["\n", "\n\n", "\r\n"]).join(sample))
