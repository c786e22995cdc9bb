"""The Merck Manual layout: the seed article and the variants Merck uses elsewhere."""

import datetime

import pytest

from importer.parsers import (
    BulletList,
    Callout,
    CrossReference,
    Heading,
    HeldBack,
    Paragraph,
    parse_layout,
)

from .parser_helpers import (
    MERCK_SEED,
    attention,
    haystack,
    of_type,
    prose_sentences,
    seed,
)
from .seed_text import CRPS_SUMMARY, EMG_SUMMARY, MERCK_POP_UPS

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
        "Other treatments",
    ]
    # The lost list's lead-in and the empty section are kept, held back from readers.
    held = [(b.reason, b.text) for b in of_type(merck, HeldBack)]
    assert ("lead_in", "Neuropathic pain may result from") in held
    assert ("empty_section", "Physical and occupational therapy") in held


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
    # The sentence before the lost list's lead-in stays; the lead-in is held back.
    assert "The pain may be burning, sharp, or throbbing." in [
        p.text for p in of_type(doc, Paragraph)
    ]
    assert attention(doc, "lost_list") == ["Common sensations include"]
    assert [b.text for b in of_type(doc, HeldBack)] == ["Common sensations include"]
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
    assert [h.text for h in of_type(doc, Heading)] == ["Causes"]
    assert [(b.reason, b.text) for b in of_type(doc, HeldBack)] == [
        ("lead_in", "Symptoms may be caused by activities such as"),
        ("empty_section", "Treatment"),
    ]
    assert attention(doc, "lost_list") == ["Symptoms may be caused by activities such as"]
    assert attention(doc, "empty_heading") == ["Treatment"]
    assert doc.has_quiz_link is False
    assert "Carpal Tunnel Syndrome" not in [h.text for h in of_type(doc, Heading)]
