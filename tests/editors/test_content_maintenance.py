"""Editors keep every content type up to date without a developer: brand names and citations
inline, glossary terms, people and physicians as snippets, quizzes published directly."""

from django.utils import timezone

from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset

from glossary.models import GlossaryTerm
from tests.factories import QuizPageFactory

from .forms import article_edit_form, drug_edit_form, quiz_form


def approve(client, page):
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")


def test_brand_name_added_inline_on_the_drug_page(login, editor, reviewer, drug):
    data = drug_edit_form(
        drug,
        brand_names=inline_formset([{"name": "Lyrica"}]),
        **{"action-submit": "Submit"},
    )
    response = login(editor).post(f"/admin/pages/{drug.pk}/edit/", data)
    assert response.status_code == 302
    approve(login(reviewer), drug)
    public = login(None).get(drug.url).text
    assert "Lyrica" in public


def test_citation_added_inline_on_the_article(login, editor, reviewer, article):
    data = article_edit_form(
        article,
        references=inline_formset(
            [{"title": "Pregabalin for neuropathic pain", "journal": "Example J", "year": "2021"}]
        ),
        **{"action-submit": "Submit"},
    )
    login(editor).post(f"/admin/pages/{article.pk}/edit/", data)
    approve(login(reviewer), article)
    public = login(None).get(article.url).text
    assert 'id="ref-1"' in public and "Pregabalin for neuropathic pain" in public


def test_editor_adds_a_glossary_term(login, editor, reviewer, glossary_index):
    response = login(editor).post(
        "/admin/snippets/glossary/glossaryterm/add/",
        {
            "term": "allodynia",
            "slug": "allodynia",
            "definition": "Pain from a touch that should not hurt.",
            "aliases": "",
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 302
    term = GlossaryTerm.objects.get(term="allodynia")
    # A definition is medical text: public once a medical reviewer approves it (issue #18).
    assert "Pain from a touch that should not hurt." not in login(None).get(glossary_index.url).text
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    login(reviewer).post(
        f"/admin/snippets/glossary/glossaryterm/workflow/action/{term.pk}/approve/{task_state.pk}/"
    )
    assert "Pain from a touch that should not hurt." in login(None).get(glossary_index.url).text


def test_snippet_listings_search_and_filter(login, editor, site):
    client = login(editor)
    for url in [
        "/admin/snippets/core/person/?q=smith",
        "/admin/snippets/core/person/?role=medical_reviewer",
        "/admin/snippets/physicians/physician/?specialty=neurology&ordering=name",
        "/admin/snippets/glossary/glossaryterm/?q=pain",
        "/admin/snippets/drugs/drugclass/?q=anti",
    ]:
        assert client.get(url).status_code == 200, url


def test_editor_publishes_a_quiz(login, editor, quiz_index):
    quiz = QuizPageFactory(parent=quiz_index, title="Nerve pain basics", live=False)
    quiz.save_revision()
    data = quiz_form(quiz, reviewed_note="Checked against the article.")
    data["action-publish"] = "Publish"
    assert login(editor).post(f"/admin/pages/{quiz.pk}/edit/", data).status_code == 302
    quiz.refresh_from_db()
    assert quiz.live
    assert quiz.last_published_at.date() == timezone.localdate()
