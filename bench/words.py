"""The vocabulary and text shapes of synthetic content: names, sentences, drug names, ZIP codes
and article bodies. Shared by the page generator (scale.py) and the import documents
(documents.py); nothing here touches the database.
"""

import json
import random
import uuid
from itertools import islice

SYNTHETIC_PREFIX = "Synthetic "

# Medicines patients actually search for: synthetic articles mention them in their text.
REAL_DRUG_NAMES = [
    "gabapentin", "pregabalin", "amitriptyline", "nortriptyline", "duloxetine",
    "venlafaxine", "carbamazepine", "oxcarbazepine", "lidocaine", "capsaicin", "tramadol",
]  # fmt: skip
CONDITIONS = [
    "Diabetic neuropathy", "Sciatica", "Postherpetic neuralgia", "Trigeminal neuralgia",
    "Carpal tunnel syndrome", "Complex regional pain syndrome", "Chemotherapy nerve pain",
    "Phantom limb pain", "Peripheral neuropathy", "Radiculopathy", "Spinal cord injury pain",
    "Multiple sclerosis pain", "Post-surgical nerve pain", "Small fibre neuropathy",
]  # fmt: skip
ASPECTS = [
    "causes", "symptoms", "diagnosis", "treatment options", "medicines", "sleep", "exercise",
    "work and daily life", "when to see a doctor", "tests", "living well", "questions to ask",
    "pain at night", "managing flare-ups", "talking therapies", "nerve blocks",
]  # fmt: skip
TOPICS = [
    "diabetes", "back pain", "shingles", "medicines", "treatment", "diagnosis", "self-care",
    "surgery", "cancer", "face pain", "hands and feet",
]  # fmt: skip
SENTENCES = [
    "Nerve pain often feels like burning, shooting or stabbing pain.",
    "Some people notice tingling or pins and needles before the pain starts.",
    "A light touch from clothing or bed sheets can hurt, which is called allodynia.",
    "Your doctor will ask where the pain is, what it feels like and what makes it worse.",
    "Medicines for nerve pain are different from ordinary painkillers.",
    "It can take several weeks for a nerve pain medicine to work fully.",
    "Keeping active, within your limits, can help you cope with long-term pain.",
    "Tell your doctor about any side effects, such as dizziness or feeling sleepy.",
    "Good control of blood sugar can slow down diabetic neuropathy.",
    "A pain diary can help you and your doctor see what helps.",
    "Many people use a combination of treatments rather than just one.",
    "Do not stop taking a medicine suddenly without talking to your doctor.",
]  # fmt: skip
JOURNALS = [
    "Pain", "Lancet Neurol", "N Engl J Med", "BMJ", "Neurology", "J Pain", "Eur J Pain",
    "Cochrane Database Syst Rev", "Diabetes Care", "Reg Anesth Pain Med",
]  # fmt: skip
SYLLABLES = ["za", "lo", "pra", "ti", "ne", "mi", "ro", "ga", "ba", "do", "xe", "lu", "va",
             "ren", "tor", "sil", "mab", "cor", "fen", "dol", "quin", "pe", "ka", "sa"]  # fmt: skip
DRUG_SUFFIXES = ["ine", "ide", "ol", "ate", "amab", "adol", "epam", "oxetine", "gabalin"]
FIRST_NAMES = ["Maria", "James", "Aisha", "Wei", "Carlos", "Fatima", "John", "Priya", "Olga",
               "David", "Grace", "Ahmed", "Linda", "Kenji", "Sofia", "Michael", "Amara"]  # fmt: skip
LAST_NAMES = ["Garcia", "Smith", "Khan", "Chen", "Johnson", "Okafor", "Nguyen", "Patel",
              "Kowalski", "Brown", "Rossi", "Haddad", "Miller", "Tanaka", "Lopez", "Davis"]  # fmt: skip
CITIES = ["Fairview", "Riverside", "Franklin", "Greenville", "Springfield", "Clinton",
          "Madison", "Georgetown", "Salem", "Lakeside", "Oakdale", "Milton"]  # fmt: skip
# First three ZIP digits for each state (one plausible range each).
ZIP3 = {
    "AL": (350, 369), "AK": (995, 999), "AZ": (850, 865), "AR": (716, 729),
    "CA": (900, 961), "CO": (800, 816), "CT": (60, 69), "DE": (197, 199), "DC": (200, 205),
    "FL": (320, 349), "GA": (300, 319), "HI": (967, 968), "ID": (832, 838), "IL": (600, 629),
    "IN": (460, 479), "IA": (500, 528), "KS": (660, 679), "KY": (400, 427), "LA": (700, 714),
    "ME": (39, 49), "MD": (206, 219), "MA": (10, 27), "MI": (480, 499), "MN": (550, 567),
    "MS": (386, 397), "MO": (630, 658), "MT": (590, 599), "NE": (680, 693), "NV": (889, 898),
    "NH": (30, 38), "NJ": (70, 89), "NM": (870, 884), "NY": (100, 149), "NC": (270, 289),
    "ND": (580, 588), "OH": (430, 459), "OK": (730, 749), "OR": (970, 979), "PA": (150, 196),
    "PR": (6, 9), "RI": (28, 29), "SC": (290, 299), "SD": (570, 577), "TN": (370, 385),
    "TX": (750, 799), "UT": (840, 847), "VT": (50, 59), "VA": (220, 246), "WA": (980, 994),
    "WV": (247, 268), "WI": (530, 549), "WY": (820, 831),
}  # fmt: skip


def make_rng(seed):
    return random.Random(seed)  # noqa: S311 - synthetic content, not security


def batched(items, size):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def drug_name(rng, taken):
    while True:
        name = word(rng) + rng.choice(DRUG_SUFFIXES)
        if name not in taken:
            taken.add(name)
            return name


def brand_count(rng, max_brands=30):
    """Most drugs have a few brand names, a handful have dozens."""
    return min(max_brands, max(1, int(rng.paretovariate(1.2))))


def paragraph(rng, mentions, glossary=("allodynia", "neuropathy", "paresthesia")):
    sentences = rng.sample(SENTENCES, rng.randint(2, 4))
    if mentions and rng.random() < 0.5:
        sentences.append(f"Medicines such as {rng.choice(mentions)} can help some people.")
    if rng.random() < 0.3:
        sentences.append(f"This is sometimes called {rng.choice(glossary)}.")
    text = " ".join(sentences)
    if rng.random() < 0.3:
        n = rng.randint(1, 8)
        text += f'<sup><a href="#ref-{n}">{n}</a></sup>'
    return f"<p>{text}</p>"


def article_body(rng, mentions, related_ids, blocks=None):
    """10–40 blocks: sections of paragraphs and lists, with related links ("See ...")."""
    count = blocks or rng.randint(10, 40)
    body = []
    related = list(related_ids)
    while len(body) < count:
        roll = rng.random()
        if not body or roll < 0.15:
            value = {"text": rng.choice(ASPECTS).capitalize(), "level": "h2"}
            body.append(("heading", value))
        elif roll < 0.25:
            items = [paragraph(rng, mentions) for _ in range(rng.randint(2, 5))]
            body.append(("bullet_list", {"items": items}))
        elif roll < 0.33 and related:
            page_id = related.pop()
            body.append(("see_also", {"page": page_id, "title": "", "verb": "See"}))
        else:
            body.append(("paragraph", paragraph(rng, mentions)))
    for page_id in related:  # every related link appears, even past the block count
        body.append(("see_also", {"page": page_id, "title": "", "verb": "See"}))
    return json.dumps(
        [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in body]
    )


def zip_code(rng, state):
    low, high = ZIP3[state]
    return f"{rng.randint(low, high):03d}{rng.randint(0, 99):02d}"
