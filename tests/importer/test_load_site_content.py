"""load_site_content: the glossary, synonyms, sample physicians, quiz and directory notice."""

import json
from io import StringIO

import pytest

from django.core.management import call_command

from glossary.models import GlossaryTerm
from importer.management.commands import load_site_content as loader
from physicians.models import Physician
from quizzes.models import QuizPage
from search.models import Synonym
from tests.factories import ArticlePageFactory

DATA = {
    "glossary": json.loads(loader.data_file("glossary", "glossary_terms.json").read_text()),
    "synonyms": json.loads(loader.data_file("search", "synonyms.json").read_text()),
    "physicians": json.loads(loader.data_file("physicians", "sample_physicians.json").read_text()),
    "quiz": json.loads(loader.data_file("quizzes", "neuropathic_pain_quiz.json").read_text()),
}


def load(*args):
    out = StringIO()
    call_command("load_site_content", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        "terms": GlossaryTerm.objects.count(),
        "synonyms": Synonym.objects.count(),
        "physicians": Physician.objects.count(),
        "samples": Physician.objects.filter(is_sample=True).count(),
        "quizzes": QuizPage.objects.live().count(),
    }


@pytest.fixture
def seed_articles(article_index):
    """The two seed articles the quiz's questions come from."""
    return {
        "merck": ArticlePageFactory(
            parent=article_index,
            title="Neuropathic Pain",
            body=[("heading", {"text": "Symptoms of Neuropathic Pain", "level": "h2"})],
        ),
        "spine": ArticlePageFactory(
            parent=article_index, title="Neuropathic Pain: Causes and Treatment"
        ),
    }


@pytest.fixture
def quiz_data_file(tmp_path, monkeypatch):
    """Point the loader at an edited copy of one data file."""

    def use(app_label, name, data):
        path = tmp_path / name
        path.write_text(json.dumps(data))
        real = loader.data_file
        monkeypatch.setattr(
            loader,
            "data_file",
            lambda app, file: path if (app, file) == (app_label, name) else real(app, file),
        )

    return use


def test_running_twice_creates_everything_once(site, seed_articles):
    first = load()
    after_first = counts()
    assert after_first == {
        "terms": len(DATA["glossary"]),
        "synonyms": len(DATA["synonyms"]),
        "physicians": len(DATA["physicians"]),
        "samples": len(DATA["physicians"]),
        "quizzes": 1,
    }
    assert f"Glossary terms: {len(DATA['glossary'])} created" in first
    second = load()
    assert counts() == after_first
    assert " created, 0 updated" in second and "1 created" not in second
    assert f"{len(DATA['glossary'])} unchanged" in second
    assert "Site content loaded." in second


def test_glossary_terms_get_a_slug_and_their_aliases(site):
    load()
    paresthesia = GlossaryTerm.objects.get(slug="paresthesia")
    assert "pins and needles" in paresthesia.alias_list
    assert paresthesia.aliases == "paraesthesia, paresthesias, pins and needles"
    assert GlossaryTerm.objects.get(term="carpal tunnel syndrome").slug == "carpal-tunnel-syndrome"


def test_synonyms_expand_lay_terms(site):
    load()
    assert Synonym.objects.get(term="nerve pain").expansions == ["neuropathic pain"]
    assert Synonym.objects.get(term="nerve damage").expansions == ["neuropathy", "nerve injury"]


def test_sample_physicians_are_flagged_and_fictional(site):
    load()
    assert not Physician.objects.filter(is_sample=False).exists()
    assert all("Sample" in p.name for p in Physician.objects.all())


def test_quiz_is_published_and_linked_to_the_articles_it_tests(site, seed_articles, quiz_index):
    load()
    quiz = QuizPage.objects.child_of(quiz_index).get(slug="neuropathic-pain-quiz")
    assert quiz.live and quiz.title == DATA["quiz"]["title"]
    questions = quiz.question_values
    assert len(questions) == len(DATA["quiz"]["questions"]) >= 5
    allodynia = questions[1]
    assert allodynia["question"] == "What is allodynia?"
    # The data file counts choices from 0, the block from 1.
    assert allodynia["choices"][allodynia["correct_choice"] - 1].startswith("Hypersensitivity")
    assert allodynia["article"].pk == seed_articles["merck"].pk
    assert allodynia["section"] == "Symptoms of Neuropathic Pain"
    assert questions[0]["article"].pk == seed_articles["spine"].pk
    assert quiz.reviewed_note == DATA["quiz"]["reviewed_note"]


def test_quiz_fills_the_importers_empty_draft(site, quiz_index):
    draft = QuizPage(title="Neuropathic Pain quiz", slug="neuropathic-pain-quiz", live=False)
    quiz_index.add_child(instance=draft)
    output = load()
    assert "Quizzes: 0 created, 1 updated" in output
    draft.refresh_from_db()
    assert draft.live and len(draft.question_values) == len(DATA["quiz"]["questions"])
    assert QuizPage.objects.count() == 1


def test_quiz_an_editor_changed_is_kept(site, quiz_index):
    load()
    quiz = QuizPage.objects.get(slug="neuropathic-pain-quiz")
    quiz.title = "Nerve pain: test yourself"
    quiz.save_revision().publish()
    output = load()
    assert "Quizzes: 0 created, 0 updated, 0 unchanged, 1 kept" in output
    quiz.refresh_from_db()
    assert quiz.title == "Nerve pain: test yourself"


def test_quiz_is_updated_when_the_data_file_changes(site, quiz_data_file):
    load()
    changed = {**DATA["quiz"], "intro": "A shorter introduction."}
    quiz_data_file("quizzes", "neuropathic_pain_quiz.json", changed)
    assert "Quizzes: 0 created, 1 updated" in load()
    assert "A shorter introduction." in QuizPage.objects.get().intro
    assert "Quizzes: 0 created, 0 updated, 1 unchanged" in load()


def test_quiz_written_by_someone_else_is_kept(site, quiz_index):
    from tests.factories import QuizPageFactory

    QuizPageFactory(parent=quiz_index, slug="neuropathic-pain-quiz", title="Our own quiz")
    assert "1 kept" in load().split("Quizzes:")[1].splitlines()[0]
    assert QuizPage.objects.get().title == "Our own quiz"


def test_a_corrected_data_file_updates_untouched_records_only(site, quiz_data_file):
    load()
    edited = GlossaryTerm.objects.get(slug="neuralgia")
    edited.definition = "An editor's better definition."
    edited.save()
    glossary = [dict(entry) for entry in DATA["glossary"]]
    for entry in glossary:
        if entry["term"] in ("allodynia", "neuralgia"):
            entry["definition"] = "Corrected in the data file."
    quiz_data_file("glossary", "glossary_terms.json", glossary)
    output = load()
    assert "Glossary terms: 0 created, 1 updated" in output and "1 kept" in output
    assert GlossaryTerm.objects.get(slug="allodynia").definition == "Corrected in the data file."
    assert GlossaryTerm.objects.get(slug="neuralgia").definition == "An editor's better definition."


def test_directory_notice_is_set_once_and_an_editors_notice_kept(site, physician_search_page):
    load()
    physician_search_page.refresh_from_db()
    assert "demonstration" in physician_search_page.notice
    assert "not an endorsement" in physician_search_page.notice
    physician_search_page.notice = "<p>Our own notice.</p>"
    physician_search_page.save_revision().publish()
    load()
    physician_search_page.refresh_from_db()
    assert physician_search_page.notice == "<p>Our own notice.</p>"


def test_dry_run_saves_nothing(site):
    output = load("--dry-run")
    assert "Dry run, nothing saved." in output
    assert counts() == {"terms": 0, "synonyms": 0, "physicians": 0, "samples": 0, "quizzes": 0}


def test_every_loaded_page_and_snippet_opens(site, client, editor_client, seed_articles):
    load()
    quiz = QuizPage.objects.get()
    for url in ["/", quiz.url, "/quizzes/", "/glossary/", "/find-a-physician/?zip_code=55905"]:
        assert client.get(url).status_code == 200, url
    assert "allodynia" in client.get("/glossary/").text
    assert editor_client.get(f"/admin/pages/{quiz.pk}/edit/").status_code == 200
    term = GlossaryTerm.objects.get(slug="allodynia")
    assert (
        editor_client.get(f"/admin/snippets/glossary/glossaryterm/edit/{term.pk}/").status_code
        == 200
    )
    physician = Physician.objects.first()
    assert (
        editor_client.get(f"/admin/snippets/physicians/physician/edit/{physician.pk}/").status_code
        == 200
    )
