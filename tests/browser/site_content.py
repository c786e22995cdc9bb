"""Seed content for the browser tests when `import_seed_content` / `load_site_content` are absent.

The two commands are the real way content arrives (`make run` calls them). On a branch where
they do not exist yet, this module builds the same kind of site from the project's data files
and from the two seed documents' text, so every page type can be exercised in a browser.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.utils.text import slugify

from wagtail.search.index import insert_or_update_object

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, ArticleReference
from core.models import Person
from drugs.models import BrandName, DrugClass, DrugIndexPage, DrugPage, Route
from glossary.models import GlossaryTerm
from physicians.models import Physician
from quizzes.models import QuizIndexPage, QuizPage
from search.models import Synonym

SEED_COMMANDS = ("import_seed_content", "load_site_content")
BASE_DIR = Path(settings.BASE_DIR)

MERCK_TITLE = "Neuropathic Pain"
SPINE_TITLE = "Neuropathic Pain: Causes and Treatment"
QUIZ_SLUG = "neuropathic-pain-quiz"


def seed_site():
    """Seed the site as `make run` does, building what a missing command would have made.

    The importer's part (drug pages and the two articles) is built before `load_site_content`
    runs, because that command links the quiz to the articles' sections.
    """
    commands = get_commands()
    available = [name for name in SEED_COMMANDS if name in commands]
    if "import_seed_content" in available:
        call_command("import_seed_content", verbosity=0)
    else:
        build_imported_content()
    if "load_site_content" in available:
        call_command("load_site_content", verbosity=0)
    build_site_content()
    return available


def _load(relative):
    return json.loads((BASE_DIR / relative).read_text(encoding="utf-8"))


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    return page


def build_imported_content():
    """What `import_seed_content` provides: drug pages and the two seed articles."""
    if not DrugPage.objects.exists():
        drug_pages()
    if not ArticlePage.objects.exists():
        articles({page.title: page for page in DrugPage.objects.all()})


def build_site_content():
    """Build each kind of content only if nothing of that kind exists yet."""
    build_imported_content()
    if not GlossaryTerm.objects.exists():
        glossary_terms()
    if not Synonym.objects.exists():
        synonyms()
    if not Physician.objects.exists():
        physicians()
    has_quiz = any(quiz.questions for quiz in QuizPage.objects.live())
    merck = ArticlePage.objects.filter(title=MERCK_TITLE).first()
    spine = ArticlePage.objects.filter(title=SPINE_TITLE).first()
    if not has_quiz and merck and spine:
        quiz_page(merck, spine)


def glossary_terms():
    for item in _load("glossary/data/glossary_terms.json"):
        GlossaryTerm.objects.update_or_create(
            slug=slugify(item["term"]),
            defaults={
                "term": item["term"],
                "definition": item["definition"],
                "aliases": ", ".join(item["aliases"]),
            },
        )


def synonyms():
    for item in _load("search/data/synonyms.json"):
        Synonym.objects.update_or_create(
            term=item["term"], defaults={"expands_to": ", ".join(item["expands_to"])}
        )


def physicians():
    for item in _load("physicians/data/sample_physicians.json"):
        Physician.objects.update_or_create(
            name=item["name"], zip_code=item["zip_code"], defaults=item
        )


def drug_pages():
    classes = {}
    for item in _load("drugs/data/drug_classes.json"):
        classes[item["name"]], _ = DrugClass.objects.update_or_create(
            name=item["name"],
            defaults={"slug": slugify(item["name"]), "description": item["description"]},
        )
    index = DrugIndexPage.objects.get()
    routes = {route.slug: route for route in Route.objects.all()}
    for item in _load("drugs/data/drug_reference.json"):
        page = _child(
            index,
            DrugPage,
            slugify(item["generic_name"]),
            title=item["generic_name"],
            drug_class=classes.get(item["drug_class"]),
            description=f"<p>{item['description']}</p>",
            last_reviewed=datetime.date(2024, 6, 1),
            next_review_due=datetime.date(2025, 6, 1),
        )
        page.brand_names = [BrandName(name=name) for name in item["brand_names"]]
        page.routes = [routes[slug] for slug in item["routes"] if slug in routes]
        _publish(page)
        # The first save indexes the page before its brand names exist: index it again.
        insert_or_update_object(page)


def _block(block_type, value):
    """One body block in StreamField's raw (JSON) form; page choosers take a page id."""
    return {"type": block_type, "value": value}


def _p(text):
    return _block("paragraph", f"<p>{text}</p>")


def _h(text, level="h2"):
    return _block("heading", {"text": text, "level": level})


def _ul(*items):
    return _block("bullet_list", {"items": [f"<p>{item}</p>" for item in items]})


def articles(drugs):
    index = ArticleIndexPage.objects.get()
    physician_page_id = index.get_parent().get_children().get(slug="find-a-physician").pk

    watson, _ = Person.objects.update_or_create(
        name="James C. Watson",
        defaults={
            "credentials": "MD",
            "affiliation": "Mayo Clinic College of Medicine and Science",
        },
    )
    merck = _child(
        index,
        ArticlePage,
        "neuropathic-pain",
        title=MERCK_TITLE,
        summary="Neuropathic pain is caused by damage to or dysfunction of the nerves, "
        "spinal cord, or brain.",
        source_publisher="Merck Manual (Consumer Version)",
        last_reviewed=datetime.date(2022, 6, 1),
        last_modified=datetime.date(2022, 9, 1),
        next_review_due=datetime.date(2023, 6, 1),
        body=[
            _p(
                "Neuropathic pain is caused by damage to or dysfunction of the nerves, spinal "
                "cord, or brain."
            ),
            _p(
                "Neuropathic pain may also develop after surgery, such as removal of a breast "
                "(mastectomy) or lung surgery (thoracotomy)."
            ),
            _p(
                "Neuropathic pain can contribute to anxiety and/or depression. Anxiety and "
                "depression can also worsen pain."
            ),
            _h("Symptoms of Neuropathic Pain"),
            _p(
                "Neuropathic pain may be felt as burning or tingling or as hypersensitivity to "
                "touch or cold. Hypersensitivity to touch is called allodynia. Even a light "
                "touch may cause pain."
            ),
            _p("Sometimes neuropathic pain is deep and aching."),
            _h("Diagnosis of Neuropathic Pain"),
            _ul("A doctor's evaluation"),
            _p(
                "Depending on the symptoms, doctors may do tests to check for disorders that "
                "could be causing the pain. Tests may include magnetic resonance imaging (MRI), "
                "nerve conduction studies and electromyography (EMG), and blood tests. Nerve "
                "conduction studies and EMG help doctors determine whether pain results from a "
                "problem with muscle or nerves and help them determine where the injury or "
                "dysfunction is located."
            ),
            _block(
                "cross_reference",
                {
                    "title": "Electromyography and Nerve Conduction Studies",
                    "summary": "Diagnostic procedures may be needed to confirm a diagnosis "
                    "suggested by the medical history and neurologic examination.",
                    "page": None,
                },
            ),
            _h("Treatment of Neuropathic Pain"),
            _ul(
                "Drugs (such as pain relievers, antidepressants, and antiseizure drugs)",
                "Physical and/or occupational therapy",
                "Surgery if needed",
                "Stimulation of the spinal cord or nerves",
                "A nerve block",
            ),
            _p(
                "Often, treatment of neuropathic pain begins with drugs. Drugs can help reduce "
                "the pain, making it less debilitating and disruptive, but it is often difficult "
                "to completely relieve the pain with drugs."
            ),
            _p(
                "Nerve blocks are used to disrupt a nerve pathway that transmits or enhances "
                "pain signals. Various techniques may be used:"
            ),
            _ul(
                "Injecting a caustic substance (such as phenol) into a nerve to destroy it",
                "Freezing a nerve (cryotherapy)",
                "Burning a nerve with a radiofrequency probe",
            ),
        ],
    )
    merck.authors = [ArticleAuthor(person=watson)]
    merck.reviewer = watson
    merck.drugs = [
        drugs[name]
        for name in ("amitriptyline", "venlafaxine", "gabapentin", "capsaicin", "lidocaine")
        if name in drugs
    ]
    _publish(merck)

    spine = _child(
        index,
        ArticlePage,
        "neuropathic-pain-causes-and-treatment",
        title=SPINE_TITLE,
        summary="Neuropathic pain results from damage to the nerves themselves. Finding the "
        "cause of the nerve damage is the first step in treating it.",
        source_publisher="Spine-health",
        last_reviewed=datetime.date(2024, 1, 15),
        next_review_due=datetime.date(2025, 1, 15),
        body=[
            _p(
                "Pain usually occurs when the nerves relay a pain signal following an injury or "
                "damage somewhere in the body. Neuropathic pain—also called nerve pain—is "
                "different, resulting from damage to the nerves themselves."
            ),
            _block("see_also", {"page": None, "title": "Anatomy Of Nerve Pain", "verb": "See"}),
            _p(
                "Uncovering the cause of nerve damage is the first step in treating neuropathic "
                "pain. Factors that often cause or contribute to neuropathic pain include:"
            ),
            _ul(
                "Cancer",
                "Compression of a nerve or nerves",
                "Diabetes",
                "Excessive alcohol use",
                "Infections",
                "Vitamin deficiencies",
            ),
            _block(
                "video",
                {"title": "Causes of Neuropathic Pain", "url": "", "teaser": "", "transcript": ""},
            ),
            _h("Relief of Neuropathic Pain Symptoms Takes Priority"),
            _p(
                "Early treatment is important to treat the symptoms, however. Receiving care as "
                "soon as possible may help prevent or lessen problems that often accompany "
                "neuropathy, such as depression, sleeplessness, and diminished functioning."
            ),
            _h("Common Treatments Target Causes, Symptoms"),
            _p(
                "Multiple malfunctions. When peripheral nerves in more than one part of the body "
                "malfunction at the same time, the condition is called polyneuropathy. Diabetes "
                "is the most common etiology—or cause—of polyneuropathy."
            ),
            _p(
                "Nerve compression. Nerves can be compressed at any point, leading to pain. "
                "Decompression surgery releases the pressure on the nerve, relieving the "
                'pain.<sup><a href="#ref-1">1</a></sup> This treatment is typically effective '
                "when a small number of nerves are affected."
            ),
            _block(
                "callout",
                {
                    "kind": "physician_search",
                    "heading": "Find a Physician Near You",
                    "text": "<p>Search for a doctor who treats nerve pain.</p>",
                    "page": physician_page_id,
                },
            ),
        ],
    )
    spine.references = [
        ArticleReference(
            authors="Macaré van Maurik JF, Van Hal M, Van Eijk RP, Kon M, Peters EJ",
            title="Value of surgical decompression of compressed nerves in the lower extremity "
            "in patients with painful diabetic neuropathy: a randomized controlled trial",
            journal="Plast Reconstr Surg",
            year=2014,
            volume="134",
            issue="2",
            pages="325-32",
        )
    ]
    _publish(spine)
    return merck, spine


def _fit(text, model_field):
    """Whole sentences of `text` that fit the field (the data file's note is longer)."""
    if model_field.max_length is None:
        return text
    kept = ""
    for sentence in text.split(". "):
        candidate = f"{kept}{sentence.rstrip('.')}. "
        if len(candidate.strip()) > model_field.max_length:
            break
        kept = candidate
    return kept.strip()


def quiz_page(merck, spine):
    data = _load("quizzes/data/neuropathic_pain_quiz.json")
    by_title = {merck.title: merck.pk, spine.title: spine.pk}
    index = QuizIndexPage.objects.get()
    questions = [
        _block(
            "question",
            {
                "question": item["question"],
                "choices": item["choices"],
                "correct_choice": item["correct"] + 1,
                "explanation": item["explanation"],
                "article": by_title.get(item["source_article"]),
                "section": item["source_heading"],
            },
        )
        for item in data["questions"]
    ]
    quiz = _child(
        index,
        QuizPage,
        data["slug"],
        title=data["title"],
        intro=f"<p>{data['intro']}</p>",
        reviewed_note=_fit(data["reviewed_note"], QuizPage._meta.get_field("reviewed_note")),
        questions=questions,
    )
    _publish(quiz)
    if merck.quiz_id != quiz.pk:
        merck.quiz = quiz
        quiz_callout = {"kind": "quiz", "heading": "Take a Quiz!", "text": "", "page": quiz.pk}
        merck.body = [*merck.body.get_prep_value(), _block("callout", quiz_callout)]
        _publish(merck)
    return quiz
