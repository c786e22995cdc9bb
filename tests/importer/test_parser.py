"""The scraped-article parser: the two seed documents, the variants the publishers use elsewhere,
and inputs that must be refused with ParseError rather than crash the import command."""

import datetime
import random
import re
import string
from pathlib import Path

import pytest

from importer.parsers import (
    BulletList,
    Callout,
    CrossReference,
    Heading,
    Paragraph,
    ParseError,
    SeeAlso,
    Video,
    parse_layout,
)

from .seed_text import CRPS_SUMMARY, EMG_SUMMARY, MERCK_POP_UPS, SPINE_CITATION

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
        return list(block.items)
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


# --- Merck seed ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merck():
    return parse_layout(seed(MERCK_SEED))


def test_merck_seed_metadata(merck):
    assert merck.shape == "merck"
    assert merck.title == "Neuropathic Pain"
    assert merck.publisher == "Merck Manual (Consumer Version)"
    assert len(merck.authors) == 1
    author = merck.authors[0]
    assert author.name == "James C. Watson"
    assert author.credentials == "MD"
    assert author.affiliation == "Mayo Clinic College of Medicine and Science"
    assert merck.reviewed == datetime.date(2022, 6, 1)
    assert merck.modified == datetime.date(2022, 9, 1)
    assert merck.summary == (
        "Neuropathic pain is caused by damage to or dysfunction of the nerves, spinal cord, "
        "or brain."
    )
    assert merck.warnings == []


def test_merck_seed_headings(merck):
    assert [h.text for h in of_type(merck, Heading)] == [
        "Symptoms of Neuropathic Pain",
        "Diagnosis of Neuropathic Pain",
        "Treatment of Neuropathic Pain",
        "Physical and occupational therapy",
        "Other treatments",
    ]
    assert "Neuropathic pain may result from" in [p.text for p in of_type(merck, Paragraph)]


def test_merck_seed_lists(merck):
    lists = [block.items for block in of_type(merck, BulletList)]
    assert lists == [
        ["A doctor's evaluation"],
        ["Symptoms", "The likelihood of a nerve injury", "Results of the examination"],
        [
            "Drugs (such as pain relievers, antidepressants, and antiseizure drugs)",
            "Physical and/or occupational therapy",
            "Surgery if needed",
            "Stimulation of the spinal cord or nerves",
            "A nerve block",
        ],
        [
            "Injecting the area around the nerves with a local anesthetic to prevent the nerves "
            "from sending pain signals (doctors commonly use ultrasonography to help them locate "
            "the nerves to be treated)",
            "Injecting the area around collections of nerve cells called ganglia to help regulate "
            "the transmission of pain signals",
            "Injecting a caustic substance (such as phenol) into a nerve to destroy it",
            "Freezing a nerve (cryotherapy)",
            "Burning a nerve with a radiofrequency probe",
        ],
    ]


def test_merck_seed_cross_references_leave_the_prose(merck):
    refs = of_type(merck, CrossReference)
    assert [(r.title, r.summary) for r in refs] == [
        ("Electromyography and Nerve Conduction Studies", EMG_SUMMARY),
        ("Complex Regional Pain Syndrome", CRPS_SUMMARY),
    ]
    emg = next(p for p in of_type(merck, Paragraph) if "(EMG)" in p.text)
    assert (
        "Tests may include magnetic resonance imaging (MRI), nerve conduction studies and "
        "electromyography (EMG), and blood tests. Nerve conduction studies and EMG help" in emg.text
    )
    crps = next(p for p in of_type(merck, Paragraph) if "complex regional" in p.text)
    assert "or with complex regional pain syndrome. This treatment involves" in crps.text
    for paragraph in (emg, crps):
        following = merck.blocks[merck.blocks.index(paragraph) + 1]
        assert isinstance(following, CrossReference)
    for paragraph in of_type(merck, Paragraph):
        assert "Diagnostic procedures" not in paragraph.text
        assert "Abnormalities" not in paragraph.text
        assert "Nerve Conduction Studies" not in paragraph.text


def test_merck_seed_lost_lists_and_empty_headings(merck):
    assert attention(merck, "lost_list") == [
        "Neuropathic pain may result from",
        "Pain relievers used to treat neuropathic pain include the following:",
    ]
    assert attention(merck, "empty_heading") == ["Physical and occupational therapy"]
    assert attention(merck, "derived_title") == []


def test_merck_seed_drug_table_is_data_not_body(merck):
    rows = merck.drug_rows
    assert len(rows) == 6
    assert [row[0] for row in rows] == [
        "Elavil",
        "Effexor",
        "Active-PAC with Gabapentin",
        "Arthricare for Women",
        "7T Lido",
        "Castellani Paint",
    ]
    assert rows[0] == ["Elavil", "Tryptanol", "Vanatrip"]
    assert rows[2] == ["Active-PAC with Gabapentin", "Gabarone", "Gralise", "Horizant", "Neurontin"]
    assert all(name == name.strip() and name for row in rows for name in row)
    assert "Elavil" not in haystack(merck)


def test_merck_seed_quiz_callout_closes_the_page(merck):
    assert merck.has_quiz_link is True
    assert merck.has_physician_cta is False
    assert merck.blocks[-1] == Callout("quiz", "Take a Quiz!")
    assert merck.blocks[-1].type == "callout"


def test_merck_seed_keeps_every_sentence(merck):
    text = seed(MERCK_SEED)
    for pop_up, reads_as in MERCK_POP_UPS.items():
        assert pop_up in text
        text = text.replace(pop_up, reads_as)
    text = text[: text.index("Drugs Mentioned In This Article")]
    skip = {
        "Merck Manual",
        "Please confirm that you are not located inside the Russian Federation",
        "honeypot link",
        "Neuropathic Pain",
        "James C. Watson",
        ", MD, Mayo Clinic College of Medicine and Science",
        "Reviewed/Revised Jun 2022 | Modified Sep 2022",
    }
    found = haystack(merck)
    missing = [s for s in prose_sentences(text, skip) if s not in found]
    assert missing == []


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


@pytest.mark.parametrize("name", [MERCK_SEED, SPINE_SEED])
def test_seed_blocks_hold_no_site_chrome(name):
    found = haystack(parse_layout(seed(name)))
    assert [chrome for chrome in CHROME if chrome.lower() in found.lower()] == []


# --- Other articles from the same publishers -------------------------------------------------

POSTHERPETIC = """Merck Manual

VIEW PROFESSIONAL VERSION

Postherpetic Neuralgia

By

Maria L. Santos

, MD, PhD, University of Lisbon Faculty of Medicine

Robert K. Chen

, PharmD, FACP, Johns Hopkins School of Medicine

Reviewed/Revised March 2023

GET THE QUICK FACTS

Topic Resources

Postherpetic neuralgia is pain that lasts after the rash of shingles has healed.

The pain may follow nerve damage during shingles Shingles Shingles is a painful rash caused \
by reactivation of the virus that causes chickenpox... read more Shingles . It is more common in \
older people.

Symptoms of Postherpetic Neuralgia

The pain may be burning, sharp, or throbbing. Common sensations include

Treatment of Postherpetic Neuralgia

  • Drugs applied to the skin

  • Drugs taken by mouth

Lidocaine patches may help when pain is limited to a small area.

Drugs Mentioned In This Article

Generic Name Select Brand Names
Lidoderm , ZTlido, Lidoderm
Neurontin, Gralise
quiz link

Test your knowledge

Take a Quiz!
"""


def test_merck_variant_by_alone_two_authors_and_no_modified():
    doc = parse_layout(POSTHERPETIC)
    assert doc.shape == "merck"
    assert doc.title == "Postherpetic Neuralgia"
    assert [(a.name, a.credentials, a.affiliation) for a in doc.authors] == [
        ("Maria L. Santos", "MD, PhD", "University of Lisbon Faculty of Medicine"),
        ("Robert K. Chen", "PharmD, FACP", "Johns Hopkins School of Medicine"),
    ]
    assert doc.reviewed == datetime.date(2023, 3, 1)
    assert doc.modified is None
    assert doc.drug_rows == [["Lidoderm", "ZTlido"], ["Neurontin", "Gralise"]]
    assert doc.has_quiz_link is True
    found = haystack(doc)
    for chrome in ("VIEW PROFESSIONAL", "QUICK FACTS", "Topic Resources", "Santos", "Revised"):
        assert chrome not in found


def test_merck_variant_repeated_pop_up_title_and_lost_list():
    doc = parse_layout(POSTHERPETIC)
    paragraph = of_type(doc, Paragraph)[1]
    assert paragraph.text == (
        "The pain may follow nerve damage during shingles. It is more common in older people."
    )
    assert doc.blocks[doc.blocks.index(paragraph) + 1] == CrossReference(
        "Shingles",
        "Shingles is a painful rash caused by reactivation of the virus that causes chickenpox...",
    )
    assert attention(doc, "lost_list") == [
        "The pain may be burning, sharp, or throbbing. Common sensations include"
    ]
    assert [b.items for b in of_type(doc, BulletList)] == [
        ["Drugs applied to the skin", "Drugs taken by mouth"]
    ]


CARPAL_TUNNEL = """Merck Manuals Consumer Version

Carpal Tunnel Syndrome

By Jane Q. Doe, MD, FRCPC, University of Toronto

Reviewed/Revised January 2024 | Modified February 2024

GET THE QUICK FACTS

Carpal tunnel syndrome is compression of the median nerve as it passes through the wrist.

Symptoms may be caused by activities such as

Causes

Doctors usually check for the following:

  • Numbness in the thumb, index, and middle fingers

  • Weakness when gripping objects

Treatment

Test your knowledge
"""


def test_merck_variant_one_line_byline_full_months_and_trailing_heading():
    doc = parse_layout(CARPAL_TUNNEL, title="Carpal Tunnel Syndrome (CTS)")
    assert doc.shape == "merck"
    assert doc.title == "Carpal Tunnel Syndrome (CTS)"
    assert doc.authors[0].name == "Jane Q. Doe"
    assert doc.authors[0].credentials == "MD, FRCPC"
    assert doc.authors[0].affiliation == "University of Toronto"
    assert doc.reviewed == datetime.date(2024, 1, 1)
    assert doc.modified == datetime.date(2024, 2, 1)
    assert [h.text for h in of_type(doc, Heading)] == ["Causes", "Treatment"]
    assert attention(doc, "lost_list") == ["Symptoms may be caused by activities such as"]
    assert attention(doc, "empty_heading") == ["Treatment"]
    assert doc.has_quiz_link is False
    assert "Carpal Tunnel Syndrome" not in [h.text for h in of_type(doc, Heading)]


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
        ("See", "Spinal Stenosis and Sciatica"),
        ("See", "Epidural Steroid Injections for Back Pain"),
    ]
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
    assert [b.items for b in lists] == [
        [
            "Lumbar herniated disc. The soft inner material of a disc leaks out and presses on a "
            "nearby nerve root.",
            "Degenerative disc disease. Discs naturally lose hydration with age.",
        ],
        ["Spondylolisthesis. A small stress fracture lets one vertebra slip forward."],
    ]
    first = doc.blocks.index(lists[0])
    assert doc.blocks[first + 1] == SeeAlso("Spinal Stenosis and Sciatica")
    assert doc.blocks[first + 2] is lists[1]
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


def test_plain_document_without_a_title_line_uses_its_first_words():
    doc = parse_layout("Shingles pain can last for months after the rash heals in older adults.")
    assert doc.shape == "plain"
    assert doc.title == "Shingles pain can last for months after the"
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
    lines = (seed(MERCK_SEED) + "\n" + seed(SPINE_SEED) + "\n" + SCIATICA + POSTHERPETIC).split(
        "\n"
    )
    for _ in range(400):
        sample = rng.sample(lines, rng.randint(1, len(lines)))
        _returns_or_refuses(rng.choice(["\n", "\n\n", "\r\n"]).join(sample))
