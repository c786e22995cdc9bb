"""core.loading: one "editor-owned vs load-owned" mixin and one unique_slug() for both loaders."""

from core.loading import fingerprint, loader_owns, unique_slug
from glossary.models import GlossaryTerm
from tests.factories import QuizPageFactory


def test_unique_slug_counts_from_two_and_takes_the_slug():
    taken = {"nerve-pain", "nerve-pain-2"}
    assert unique_slug("nerve-pain", taken) == "nerve-pain-3"
    assert unique_slug("nerve-pain", taken) == "nerve-pain-4"
    assert unique_slug("shingles", taken) == "shingles"
    assert {"nerve-pain-3", "nerve-pain-4", "shingles"} <= taken


def test_a_record_is_load_owned_until_an_editor_changes_it(db):
    values = {"term": "allodynia", "definition": "Pain from light touch.", "aliases": ""}
    term = GlossaryTerm.objects.create(slug="allodynia", load_hash=fingerprint(values), **values)
    assert not term.edited_since_load()
    term.definition = "Pain from a touch that should not hurt."
    assert term.edited_since_load()
    term.mark_loaded()
    assert not term.edited_since_load()
    made_by_an_editor = GlossaryTerm.objects.create(term="dysesthesia", slug="dysesthesia")
    assert made_by_an_editor.edited_since_load()


def test_a_page_is_load_owned_while_its_latest_revision_is_the_loaded_one(quiz_index):
    quiz = QuizPageFactory(parent=quiz_index, title="Nerve pain basics")
    loaded = quiz.save_revision()
    loaded.publish()
    quiz.mark_loaded(loaded, "hash")
    quiz.refresh_from_db()
    assert (quiz.loaded_revision_id, quiz.load_hash) == (loaded.pk, "hash")
    assert not quiz.edited_since_load() and loader_owns(quiz.latest_revision_id, loaded.pk)
    quiz.save_revision()  # an editor's draft
    quiz.refresh_from_db()
    assert quiz.edited_since_load()
    # Publishing an older revision does not rewind the bookkeeping.
    loaded.publish()
    quiz.refresh_from_db()
    assert (quiz.loaded_revision_id, quiz.load_hash) == (loaded.pk, "hash")
