"""Import documents for the import benchmark (bench/import_bench.py): text files of both
publisher layouts the importer reads (Merck-style and Spine-health-style), with the chrome,
lost lead-ins, links, drug tables and citations real scraped pages have.

Part of the one synthetic-content generator: seeded the same way as the page generator
(`words.make_rng`) and about the same conditions (`words.CONDITIONS`); its authors, sentences
and drug tables are the shapes of scraped publisher pages, which the page generator has no use
for.
"""

import json
from pathlib import Path

from .words import CONDITIONS, make_rng

# The page generator's conditions, as publishers title them.
TOPICS = [condition.title() for condition in CONDITIONS]
AUTHORS = [
    ("Alice M. Park", "MD", "Northfield University School of Medicine"),
    ("Rahul K. Mehta", "MD, PhD", "Lakeside Medical College"),
    ("Sofia L. Moreno", "DO", "Riverside Pain Institute"),
    ("Thomas J. Becker", "MBBS", "Harbor Clinical Neuroscience Center"),
    ("Grace H. Liu", "PharmD", "Eastgate College of Pharmacy"),
]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
DRUG_ROWS = [
    "Neurontin, Gralise, Horizant",
    "Lyrica, Lyrica CR",
    "Cymbalta, Drizalma Sprinkle",
    "Elavil, Tryptanol",
    "Tegretol, Tegretol XR, Carbatrol",
    "Lidoderm, ZTlido, Salonpas Lidocaine",
    "Qutenza, Zostrix HP",
    "Ultram, ConZip",
    "Nucynta, Nucynta ER",
    "Zelbrex Nerve Relief, Calmora",  # matches no known drug: reported, never guessed
]
SENTENCES = [
    "Nerve pain can feel like burning, tingling, or electric shocks.",
    "Symptoms often get worse at night and may disturb sleep.",
    "A doctor asks about the symptoms and examines the affected area.",
    "Blood tests can look for diabetes, vitamin deficiencies, and infections.",
    "Treating the underlying cause may slow further nerve damage.",
    "Many people improve with a combination of medicine and physical therapy.",
    "Regular gentle exercise helps keep muscles strong and joints flexible.",
    "Pain that spreads or causes weakness should be checked promptly.",
]


def _sentences(rng, count):
    return " ".join(rng.sample(SENTENCES, count))


def _month(rng):
    return f"{rng.choice(MONTHS)} {rng.randint(2015, 2025)}"


def merck_document(rng, title, topic, links):
    name, credentials, affiliation = rng.choice(AUTHORS)
    dates = f"Reviewed/Revised {_month(rng)}"
    if rng.random() < 0.6:
        dates += f" | Modified {_month(rng)}"
    lines = [
        "Merck Manual",
        "Please confirm that you are not located inside the Russian Federation",
    ]
    lines += ["honeypot link", title]
    if rng.random() < 0.5:
        lines.append("By")
    lines += [name, f", {credentials}, {affiliation}", dates]
    if rng.random() < 0.5:
        lines += ["VIEW PROFESSIONAL VERSION", "GET THE QUICK FACTS"]
    lines += [f"{topic} is a kind of nerve pain. {_sentences(rng, 2)}"]
    if rng.random() < 0.5:
        lines.append(f"{topic} may result from")  # a lead-in whose list was lost
    lines += [f"Symptoms of {topic}", _sentences(rng, 3)]
    lines.append(
        "Doctors may test the nerves with electromyography Electromyography Electromyography "
        "records the electrical activity of muscles to help find nerve damage... read more "
        f"Electromyography (EMG). {_sentences(rng, 1)}"
    )
    lines += [f"Treatment of {topic}", "  • Drugs such as gabapentin\n\n  • Physical therapy"]
    lines += [_sentences(rng, 2), f"See {links[0]}" if rng.random() < 0.3 else _sentences(rng, 1)]
    rows = rng.sample(DRUG_ROWS, rng.randint(1, 3))
    lines += [
        "Drugs Mentioned In This Article",
        "Generic Name Select Brand Names\n" + "\n".join(rows),
    ]
    if rng.random() < 0.2:
        lines += ["quiz link", "Test your knowledge", "Take a Quiz!"]
    return "\n\n".join(lines) + "\n"


def spine_document(rng, topic, links):
    video = (
        f"Watch: {topic} Explained Video"
        if rng.random() < 0.5
        else f"Video: Living With {topic}\n\nA short guide to daily life with {topic.lower()}. Watch Now"
    )
    citation = (
        f"{rng.randint(1, 3)} Doe JA, Smith RB. A study of {topic.lower()} in adults. "
        f"J Pain Res. {rng.randint(2005, 2024)};{rng.randint(1, 40)}({rng.randint(1, 12)}):"
        f"{rng.randint(10, 400)}-{rng.randint(401, 900)}."
    )
    parts = [
        f"{topic} is nerve pain with many possible causes. {_sentences(rng, 2)}",
        f"See {links[0]}",
        f"Common causes of {topic.lower()} include:",
        "  • Pressure on a nerve from a bulging disc or a tight passage\n"
        "    that narrows with age.\n"
        "  • Diabetes and other conditions that damage small nerves.\n"
        f"  • See {links[1]}",
        video,
        "Article continues below",
        f"Treating {topic}",
        f"Most people improve with time. {citation} {_sentences(rng, 1)}",
        f"Read about {links[2]}",
        "Find a Physician Near You",
        "Search for a Doctor",
    ]
    return "\n\n".join(parts) + "\n"


def generate(folder, count, seed=2024):
    """Write `count` documents (alternating shapes) and a manifest to `folder`."""
    rng = make_rng(seed)
    folder = Path(folder)
    titles = [f"{TOPICS[n % len(TOPICS)]} Guide {n:05d}" for n in range(count)]
    manifest = {}
    for n, title in enumerate(titles):
        topic = TOPICS[n % len(TOPICS)]
        # Links to articles earlier and later in the run, and to one that does not exist.
        links = [rng.choice(titles), rng.choice(titles), f"{topic} Questions {n}"]
        name = f"doc_{n:05d}.txt"
        if n % 2:
            text = spine_document(rng, topic, links)
            manifest[name] = {"title": title, "publisher": "Spine-health"}
        else:
            text = merck_document(rng, title, topic, links)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return count
