"""Issue 17, structure (items 5-10), and the broken-text markers of issue 14, on invented
documents in both publishers' shapes, and on documents cut off at arbitrary byte offsets."""

import re

import pytest

from importer.parsers import (
    BulletList,
    Callout,
    Heading,
    HeldBack,
    Paragraph,
    SeeAlso,
    parse_document,
    parse_layout,
)
from importer.parsers.common import LABEL_MARK
from importer.sources import SourceError, read_text

from .parser_helpers import MERCK_SEED, SPINE_SEED, attention, haystack, of_type, seed
from .structure_documents import (
    MERCK_STRUCTURE,
    MERCK_STRUCTURE_TITLE,
    SPINE_CITED,
    SPINE_QUIET,
    SPINE_SLIDESHOW,
    SPINE_SLIDESHOW_TITLE,
    SPINE_STRUCTURE,
)

SKIP_LINES = {
    "Merck Manual",
    "By",
    "Rosa T. Lindqvist",
    ", MD, Northfield University School of Medicine",
}


# "... months. 2 Adams PQ, Baker RS. Title. J Hand Care. 2019;12(3):45-50." in the fixtures.
CITATION_RE = re.compile(r" \d{1,3} [A-Z][a-z]+ [A-Z]{1,2}[,.].*?\d{4};\S+")


def heading_texts(doc):
    return [block.text for block in of_type(doc, Heading)]


def held(doc, reason):
    return [block.text for block in of_type(doc, HeldBack) if block.reason == reason]


def source_sentences(text):
    """Every sentence of the source's content lines (chrome and metadata lines skipped)."""
    lines = [" ".join(line.split()).lstrip("• ") for line in text.splitlines()]
    lines = [
        line
        for line in lines
        if line
        and line not in SKIP_LINES
        and not line.startswith(("Reviewed/Revised", "Slide ", "Image of", "Photo:"))
        and "slideshow cover" not in line
        and not line.startswith("Slideshow:")
    ]
    lines = [CITATION_RE.sub("", line) for line in lines]  # citations become references
    return [s for line in lines for s in re.split(r"(?<=[.!?:])\s+", line) if s]


# Recall: every sentence is kept (shown, or held back for editors) --------------------------


@pytest.mark.parametrize(
    "text", [MERCK_STRUCTURE, SPINE_STRUCTURE, SPINE_QUIET, SPINE_SLIDESHOW, SPINE_CITED]
)
def test_fixture_recall_is_complete(text):
    found = haystack(parse_layout(text, fallback_title="Fallback"))
    missing = [s for s in source_sentences(text) if s not in found]
    assert missing == []


# 5. Lead-ins and truncated lines are paragraphs (or held back), never headings --------------


@pytest.mark.parametrize(
    ("text", "lead_in"),
    [
        (MERCK_STRUCTURE, "Carpal tunnel syndrome may be"),
        (SPINE_STRUCTURE, "Ulnar nerve entrapment may be"),
    ],
)
def test_5_lead_in_before_a_list_is_a_paragraph_followed_by_the_list(text, lead_in):
    doc = parse_layout(text)
    assert lead_in not in heading_texts(doc)
    index = next(i for i, b in enumerate(doc.blocks) if getattr(b, "text", "") == lead_in)
    assert isinstance(doc.blocks[index], Paragraph)
    assert isinstance(doc.blocks[index + 1], BulletList)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        (MERCK_STRUCTURE, "More and more, doctors are learning that th"),
        (SPINE_STRUCTURE, "More and more, research shows that gentle nerve glides he"),
    ],
)
def test_5_truncated_last_line_is_held_back_not_a_heading(text, cut):
    doc = parse_layout(text)
    assert cut not in heading_texts(doc)
    assert held(doc, "truncated") == [cut]
    assert cut in attention(doc, "truncated")
    # The whole sentence before the cut stays a paragraph readers see.
    if "See a doctor" in text:
        assert "See a doctor if the weakness in the hand gets worse." in [
            b.text for b in of_type(doc, Paragraph)
        ]


# Issue 14's kinds: lead-in with no list, empty section (both layouts) ------------------------


@pytest.mark.parametrize(
    ("text", "lead_in", "empty"),
    [
        (MERCK_STRUCTURE, "Drugs used to ease the pain include the following:", "Wrist exercises"),
        (SPINE_STRUCTURE, "Pain medicines that may help include:", "Exercises for the Elbow"),
    ],
)
def test_lead_in_without_list_and_empty_section_are_held_back_with_their_text(text, lead_in, empty):
    doc = parse_layout(text)
    assert held(doc, "lead_in") == [lead_in]
    assert held(doc, "empty_section") == [empty]
    assert empty not in heading_texts(doc)  # so never in the contents box
    assert lead_in not in [b.text for b in of_type(doc, Paragraph)]
    assert attention(doc, "lost_list") == [lead_in]
    assert attention(doc, "empty_heading") == [empty]


def test_merck_seed_marks_its_two_lost_lists_and_its_empty_section():
    doc = parse_layout(seed(MERCK_SEED))
    assert held(doc, "lead_in") == [
        "Neuropathic pain may result from",
        "Pain relievers used to treat neuropathic pain include the following:",
    ]
    assert held(doc, "empty_section") == ["Physical and occupational therapy"]
    assert "Other treatments" in heading_texts(doc)
    assert held(doc, "truncated") == []  # a list item with no full stop is not a cut


def test_held_back_blocks_reach_the_stream_field_with_their_marker():
    document = parse_document(seed(MERCK_SEED))
    held_back = [value for kind, value in document.body if kind == "held_back"]
    assert {
        "reason": "empty_section",
        "text": "Physical and occupational therapy",
        "level": "h2",
    } in (held_back)
    assert {
        "reason": "lead_in",
        "text": "Neuropathic pain may result from",
        "level": "",
    } in held_back


# 6. Slideshow alt text and slide numbers ----------------------------------------------------


def test_6_slideshow_alt_text_is_dropped_and_never_a_heading():
    doc = parse_layout(SPINE_SLIDESHOW)
    assert doc.shape == "spine-health"
    assert doc.title == SPINE_SLIDESHOW_TITLE
    found = haystack(doc)
    for alt in ("slideshow cover", "Image of a pair", "Photo: a warm bath", "Slide 1 of 5"):
        assert alt not in found
    assert heading_texts(doc) == ["Wear soft, roomy shoes", "Try warm water"]


# 7. Spine-health from several signals; a guessed title is never cut mid-phrase ---------------


def test_7_spine_health_without_its_usual_markers_is_recognised():
    doc = parse_layout(SPINE_QUIET, fallback_title="Nerve pain care")
    assert doc.shape == "spine-health"
    assert doc.publisher == "Spine-health"
    assert len(of_type(doc, SeeAlso)) == 2


def test_7_no_whole_title_falls_back_to_the_file_name_and_is_flagged():
    doc = parse_layout(SPINE_QUIET, fallback_title="Nerve pain care")
    assert doc.title == "Nerve pain care"
    assert "caused by damage" not in doc.title
    assert attention(doc, "derived_title") == ["Nerve pain care"]
    # Without a file name either, a placeholder, flagged, rather than a phrase cut short.
    bare = parse_layout(SPINE_QUIET)
    assert bare.title == "Untitled article"
    assert attention(bare, "derived_title") == ["Untitled article"]


# 8. A bullet's label and its continuation lines stay distinct --------------------------------


@pytest.mark.parametrize(
    ("text", "label", "body"),
    [
        (MERCK_STRUCTURE, "Wrist splints", "A splint worn at night keeps the wrist straight."),
        (SPINE_STRUCTURE, "Elbow pads", "A soft pad protects the nerve"),
    ],
)
def test_8_bullet_label_keeps_its_text_separate(text, label, body):
    doc = parse_layout(text)
    items = [item for block in of_type(doc, BulletList) for item in block.items]
    item = next(item for item in items if label in item)
    assert item.startswith(f"{LABEL_MARK}{label}\n\n{body}")
    html = next(
        html
        for kind, value in parse_document(text).body
        if kind == "bullet_list"
        for html in value["items"]
        if label in html
    )
    assert html.startswith(f"<p><b>{label}</b></p><p>{body}")
    assert f"{label} {body}" not in html


def test_8_a_wrapped_bullet_line_still_joins_its_item():
    doc = parse_layout(
        "Spine-health\n\nIntro text here.\n\n  • Injecting the area around\n    the nerve with a numbing medicine\n  • Rest\n\nSee Something Else\n\nSee Another Page\n"
    )
    items = of_type(doc, BulletList)[0].items
    assert items[0] == "Injecting the area around the nerve with a numbing medicine"


# 9. A "See" bullet stays inside its list -----------------------------------------------------


def test_9_see_bullet_stays_inside_its_list():
    doc = parse_layout(SPINE_STRUCTURE)
    lists = [
        block for block in of_type(doc, BulletList) if any("Elbow pads" in i for i in block.items)
    ]
    assert len(lists) == 1
    items = lists[0].items
    assert len(items) == 3 and "Night splints" in items[2]
    assert items[1] == "[[see:See|Posture Tips for Desk Work]]"
    document = parse_document(SPINE_STRUCTURE)
    assert ("see_also", "Posture Tips for Desk Work") in document.link_titles()


# 10. No repeated title heading; callout boxes; dry-run wording (in test_import_safety) -------


def test_10_title_guessed_from_the_first_heading_is_not_repeated_as_a_heading():
    text = "Nerve Glides at Home\n\nNerve glides are gentle movements.\n\nSee Hand Exercises\n\nSee Wrist Care\n"
    doc = parse_layout(text)
    assert doc.title == "Nerve Glides at Home"
    assert "Nerve Glides at Home" not in heading_texts(doc)


def test_10_title_from_the_manifest_is_not_repeated_as_the_first_heading():
    doc = parse_layout(
        MERCK_STRUCTURE.replace("Merck Manual\n\n", "Merck Manual\n\nIgnored\n\n"),
        title=MERCK_STRUCTURE_TITLE,
    )
    assert heading_texts(doc).count(MERCK_STRUCTURE_TITLE) == 0


def test_10_did_you_know_box_becomes_a_callout():
    doc = parse_layout(MERCK_STRUCTURE)
    notes = [b for b in of_type(doc, Callout) if b.kind == "note"]
    assert [(n.text, n.body) for n in notes] == [
        ("Did You Know...", "Shaking the hand out often eases the tingling for a while.")
    ]
    value = next(
        v for k, v in parse_document(MERCK_STRUCTURE).body if k == "callout" and v["kind"] == "note"
    )
    assert value["heading"] == "Did You Know..."
    assert value["text"] == "<p>Shaking the hand out often eases the tingling for a while.</p>"


# Documents cut at arbitrary byte offsets -----------------------------------------------------

CUT_SOURCES = {
    "merck-seed": seed(MERCK_SEED),
    "spine-seed": seed(SPINE_SEED),
    "merck-fixture": MERCK_STRUCTURE,
    "spine-fixture": SPINE_STRUCTURE,
    "spine-cited-fixture": SPINE_CITED,
}


def _offsets(data):
    # Fixed, spread-out offsets (some inside multi-byte characters such as "—" and "’").
    offsets = {len(data) * k // 7 for k in range(2, 7)}
    multibyte = [i for i, byte in enumerate(data) if byte >= 0xC0]
    offsets |= {i + 1 for i in multibyte[:: max(1, len(multibyte) // 3)]}
    return sorted(o for o in offsets if 40 < o < len(data))


@pytest.mark.parametrize("name", list(CUT_SOURCES))
def test_documents_cut_at_arbitrary_byte_offsets_keep_every_whole_sentence(name, tmp_path):
    data = CUT_SOURCES[name].encode("utf-8")
    for offset in _offsets(data):
        path = tmp_path / f"{name}-{offset}.txt"
        path.write_bytes(data[:offset])
        try:
            text = read_text(path)
        except SourceError as error:  # pragma: no cover - shows the offset that failed
            pytest.fail(f"offset {offset}: {error}")
        doc = parse_layout(text, fallback_title="Cut document")
        found = haystack(doc)
        lines = [" ".join(line.split()).lstrip("• ") for line in text.splitlines()]
        last = lines[-1] if lines else ""
        for line in lines[:-1]:
            if "read more" in line or re.search(r"\d{4};", line):
                continue  # pop-ups and citations are kept as blocks and references
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                if sentence.endswith((".", "!", "?")) and len(sentence.split()) > 3:
                    assert sentence in found, (offset, sentence)
        # The cut line is kept somewhere: shown, held back, or (chrome) dropped on purpose.
        words = last.split()[:3]
        if len(words) == 3 and not any(c in last for c in ("read more", "Brand", ",")):
            assert " ".join(words) in found or last in found, (offset, last)
