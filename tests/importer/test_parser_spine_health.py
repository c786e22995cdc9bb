"""The Spine-health layout: the seed article and the variants Spine-health uses elsewhere."""

import pytest

from importer.parsers import (
    BulletList,
    Callout,
    Heading,
    Paragraph,
    SeeAlso,
    Video,
    parse_layout,
)

from .parser_helpers import (
    SPINE_SEED,
    attention,
    haystack,
    of_type,
    prose_sentences,
    seed,
    texts,
)
from .seed_text import SPINE_CITATION

# --- Spine-health seed -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def spine():
    return parse_layout(seed(SPINE_SEED))


def test_spine_seed_metadata(spine):
    assert spine.shape == "spine-health"
    assert spine.publisher == "Spine-health"
    assert spine.authors == []
    assert spine.reviewed is None
    assert spine.modified is None
    assert spine.drug_rows == []
    assert spine.summary.startswith("Pain usually occurs when the nerves relay a pain signal")
    assert spine.summary.endswith("resulting from damage to the nerves themselves.")
    assert len(spine.summary) <= 300


def test_spine_seed_title_is_derived_from_a_heading(spine):
    headings = [h.text for h in of_type(spine, Heading)]
    assert headings == [
        "Relief of Neuropathic Pain Symptoms Takes Priority",
        "Common Treatments Target Causes, Symptoms",
    ]
    assert spine.title in headings
    assert "neuropathic pain" in spine.title.lower()
    assert attention(spine, "derived_title") == [spine.title]


def test_spine_seed_title_given_wins():
    doc = parse_layout(seed(SPINE_SEED), title="Neuropathic Pain: Causes and Treatment")
    assert doc.title == "Neuropathic Pain: Causes and Treatment"
    assert attention(doc, "derived_title") == []


def test_spine_seed_see_also_links(spine):
    assert [(s.verb, s.title) for s in of_type(spine, SeeAlso)] == [
        ("See", "Anatomy Of Nerve Pain"),
        ("See", "Types of Back Pain: Acute Pain, Chronic Pain, and Neuropathic Pain"),
        ("See", "Chronic Pain and Insomnia: Breaking the Cycle"),
        ("See", "Lifestyle and Diet Tips for Healthy Bones"),
        ("See", "Lumbar Decompression Back Surgery"),
        ("See", "All About Neuropathy And Chronic Back Pain"),
        ("See", "Specialty Care Physicians and Pain Management"),
    ]


def test_spine_seed_video(spine):
    assert of_type(spine, Video) == [Video("Causes of Neuropathic Pain")]


def test_spine_seed_lists_split_around_see_lines(spine):
    lists = of_type(spine, BulletList)
    assert len(lists) == 4
    assert lists[0].items[0] == "Cancer"
    assert lists[0].items[-1] == "Vitamin deficiencies"
    assert len(lists[0].items) == 9
    malfunctions, compression, injury = (block.items for block in lists[1:])
    assert len(malfunctions) == len(compression) == len(injury) == 1
    assert malfunctions[0].startswith("Multiple malfunctions. When peripheral nerves")
    assert "polyneuropathy.\n\nTreating the underlying issue" in malfunctions[0]
    assert malfunctions[0].endswith("will typically be recommended.")
    assert compression[0].startswith("Nerve compression.")
    assert injury[0].startswith("Injury to a nerve.")
    see = spine.blocks.index(lists[1]) + 1
    assert spine.blocks[see] == SeeAlso("Lifestyle and Diet Tips for Healthy Bones")
    assert spine.blocks[see + 1] is lists[2]


def test_spine_seed_citation(spine):
    assert len(spine.citations) == 1
    citation = spine.citations[0]
    assert citation.number == 1
    assert citation.authors == "Macaré van maurik JF, Van hal M, Van eijk RP, Kon M, Peters EJ"
    assert citation.title == (
        "Value of surgical decompression of compressed nerves in the lower extremity in patients "
        "with painful diabetic neuropathy: a randomized controlled trial"
    )
    assert citation.journal == "Plast Reconstr Surg"
    assert citation.year == 2014
    assert (citation.volume, citation.issue, citation.pages) == ("134", "2", "325-32")
    assert citation.raw == SPINE_CITATION[2:].strip()
    item = of_type(spine, BulletList)[2].items[0]
    assert "relieving the pain.[[cite:1]] This treatment is typically effective" in item
    assert "Macaré" not in haystack(spine)


def test_spine_seed_physician_callout(spine):
    assert spine.has_physician_cta is True
    assert spine.has_quiz_link is False
    assert spine.blocks[-1] == Callout("physician_search", "Find a Physician Near You")


def test_spine_seed_keeps_every_sentence(spine):
    text = seed(SPINE_SEED).replace(SPINE_CITATION, "")
    skip = {"Watch: Causes of Neuropathic Pain Video", "Search for a Doctor"}
    found = haystack(spine)
    missing = [s for s in prose_sentences(text, skip) if s not in found]
    assert missing == []
    assert "Lifestyle and Diet Tips for Healthy Bones" not in " ".join(
        item for block in of_type(spine, BulletList) for item in block.items
    )


SCIATICA = """Sciatica is a term for pain that radiates along the sciatic nerve, from the lower \
back down the back of each leg.

Video: Sciatica Causes

Learn the causes of sciatica and how it is diagnosed. Watch Now

Read about Lumbar Herniated Disc

What Causes Sciatica

Several conditions can pinch or irritate the sciatic nerve roots. Common causes include:

  • Lumbar herniated disc. The soft inner material of a disc leaks out
    and presses on a nearby nerve root.
  • Degenerative disc disease. Discs naturally lose hydration with age.
  • See Spinal Stenosis and Sciatica
  • Spondylolisthesis. A small stress fracture lets one vertebra slip forward.

Article continues below

Most episodes of sciatica improve within a few weeks. 1 Konstantinou K, Dunn KM. Sciatica: \
review of epidemiological studies and prevalence estimates. Spine. 2008;33(22):2464-72. Ongoing \
pain deserves a visit to a doctor.

Watch: Video: Sciatic Nerve Anatomy

Treatment Options

Exercise and physical therapy are part of most plans. 2 Jensen RK, Kongsted A, Kjaer P, Koes B. \
Diagnosis and treatment of sciatica. BMJ. 2019;367:l6273. Injections can calm the nerve root.

See Epidural Steroid Injections for Back Pain

Find a Physician Near You

Search for a Doctor
"""


def test_spine_variant_videos_read_about_and_chrome():
    doc = parse_layout(SCIATICA)
    assert doc.shape == "spine-health"
    assert of_type(doc, Video) == [
        Video("Sciatica Causes", "Learn the causes of sciatica and how it is diagnosed."),
        Video("Sciatic Nerve Anatomy"),
    ]
    assert [(s.verb, s.title) for s in of_type(doc, SeeAlso)] == [
        ("Read about", "Lumbar Herniated Disc"),
        ("See", "Epidural Steroid Injections for Back Pain"),
    ]  # the "• See" bullet stays inside its list
    assert [h.text for h in of_type(doc, Heading)] == ["What Causes Sciatica", "Treatment Options"]
    assert doc.title in ("What Causes Sciatica", "Treatment Options")
    found = haystack(doc)
    assert "Article continues" not in found
    assert "Watch Now" not in found
    assert "Search for a Doctor" not in found
    assert doc.has_physician_cta is True


def test_spine_variant_continuation_line_and_see_inside_a_list():
    doc = parse_layout(SCIATICA)
    lists = of_type(doc, BulletList)
    # A "• See" bullet stays inside its list (issue 17, 9).
    assert [b.items for b in lists] == [
        [
            "Lumbar herniated disc. The soft inner material of a disc leaks out and presses on a "
            "nearby nerve root.",
            "Degenerative disc disease. Discs naturally lose hydration with age.",
            "[[see:See|Spinal Stenosis and Sciatica]]",
            "Spondylolisthesis. A small stress fracture lets one vertebra slip forward.",
        ],
    ]
    assert attention(doc, "lost_list") == []


def test_spine_variant_two_citations_in_different_paragraphs():
    doc = parse_layout(SCIATICA)
    first, second = doc.citations
    assert (first.number, first.authors, first.journal, first.year) == (
        1,
        "Konstantinou K, Dunn KM",
        "Spine",
        2008,
    )
    assert first.title == "Sciatica: review of epidemiological studies and prevalence estimates"
    assert (first.volume, first.issue, first.pages) == ("33", "22", "2464-72")
    assert (second.number, second.authors, second.journal, second.year) == (
        2,
        "Jensen RK, Kongsted A, Kjaer P, Koes B",
        "BMJ",
        2019,
    )
    assert (second.volume, second.issue, second.pages) == ("367", "", "l6273")
    paragraphs = [p.text for p in of_type(doc, Paragraph)]
    assert (
        "within a few weeks.[[cite:1]] Ongoing pain deserves a visit to a doctor."
        in (paragraphs[2])
    )
    assert paragraphs[3] == (
        "Exercise and physical therapy are part of most plans.[[cite:2]] Injections can calm the "
        "nerve root."
    )


DIABETIC_NEUROPATHY = (
    "Diabetic neuropathy is nerve damage caused by high blood sugar\u00a0over many years.\r\n"
    "\r\n"
    "Watch: Diabetic Foot Care Video\r\n"
    "\r\n"
    "Protecting the Feet\r\n"
    "\r\n"
    "Daily habits lower the risk of ulcers—especially for people who have lost feeling:\r\n"
    "\r\n"
    "  • Check both feet every evening.\r\n"
    "\r\n"
    "    Use a mirror to see the soles, or ask someone for help.\r\n"
    "\r\n"
    "    See Diabetic Foot Ulcers: Prevention and Care\r\n"
    "\r\n"
    "Article continues below\r\n"
    "\r\n"
    "  • Wear shoes that fit well, even at home.\r\n"
    "  • Keep skin moist with a café-style balm, but not between the toes.\r\n"
    "\r\n"
    "Read about Peripheral Neuropathy\r\n"
    "\r\n"
    "Find a Physician Near You\r\n"
)


def test_spine_variant_crlf_nbsp_and_list_continuing_across_chrome():
    doc = parse_layout(DIABETIC_NEUROPATHY)
    assert doc.shape == "spine-health"
    assert doc.blocks[0] == Paragraph(
        "Diabetic neuropathy is nerve damage caused by high blood sugar over many years."
    )
    assert of_type(doc, Video) == [Video("Diabetic Foot Care")]
    first, second = of_type(doc, BulletList)
    assert first.items == [
        "Check both feet every evening.\n\nUse a mirror to see the soles, or ask someone for help."
    ]
    assert second.items == [
        "Wear shoes that fit well, even at home.",
        "Keep skin moist with a café-style balm, but not between the toes.",
    ]
    assert doc.blocks[doc.blocks.index(first) + 1] == SeeAlso(
        "Diabetic Foot Ulcers: Prevention and Care"
    )
    assert "ulcers—especially" in haystack(doc)
    assert all("\r" not in text and "\u00a0" not in text for b in doc.blocks for text in texts(b))
    assert doc.title == "Protecting the Feet"
